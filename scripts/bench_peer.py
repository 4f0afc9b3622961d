#!/usr/bin/env python3
"""The Python peer of scripts/bench-e2e (issue 15): a straightforward client of the same interface.

    python3 scripts/bench_peer.py URL WIRE GROUPS HETU_FILE OUT_CSV [PARALLELISM]

It does what a competent script would: the list read and split into messages of 1000 (duplicates
sent once), `requests` with one keep-alive session per thread and PARALLELISM messages in flight,
each answer parsed as it arrives (XML: lxml `iterparse`, elements cleared behind it; JSON: `json`),
addresses withheld under TURVAKIELTO, one CSV row per person (`csv`, the default dialect of
vtjdrop: `;`, CRLF, UTF-8 with BOM) and a not-found row per henkilötunnus nobody answered for.
It is a yardstick, not a second implementation: the columns are the groups' values joined, and
it applies no other disclosure rule, so it does less work than vtjdrop (which favours Python).

GROUPS is a comma-separated list of tietoryhmä names, or `all` (no `tietoryhmat` in the request).
The module also gives scripts/bench-e2e the request bodies (`bodies`) for its curl floor.
"""
import base64, csv, io, json, sys, threading
from concurrent.futures import ThreadPoolExecutor

MESSAGE = 1000
ADDRESS_GROUPS = {"VAKINAINEN_KOTIMAINEN_OSOITE", "KOTIMAINEN_POSTIOSOITE", "VAKINAINEN_ULKOMAINEN_OSOITE",
                  "ULKOMAINEN_POSTIOSOITE", "TILAPAINEN_KOTIMAINEN_OSOITE", "TILAPAINEN_ULKOMAINEN_OSOITE",
                  "VAKINAINEN_KOTIMAINEN_ASUINPAIKKATUNNUS", "KOTIKUNTA", "EDELLINEN_KOTIKUNTA"}


def messages(hetus):
    """The list without repeats, in messages of at most 1000."""
    unique = list(dict.fromkeys(hetus))
    return [unique[i:i + MESSAGE] for i in range(0, len(unique), MESSAGE)]


def body(wire, message, groups):
    """One request body of the wire (vtj-xml-profile.md 2.2, vtj-json-wire.md 3.2)."""
    if wire == "json":
        request = {"hetulista": message}
        if groups:
            request["tietoryhmat"] = groups
        return json.dumps(request).encode()
    parts = ["<perustiedotPyynto><hetulista>"] + [f"<hetu>{h}</hetu>" for h in message] + ["</hetulista>"]
    if groups:
        parts += ["<tietoryhmat>"] + [f"<tietoryhma>{g}</tietoryhma>" for g in groups] + ["</tietoryhmat>"]
    parts.append("</perustiedotPyynto>")
    return "".join(parts).encode()


def bodies(wire, hetus, groups):
    return [body(wire, message, groups) for message in messages(hetus)]


def content_type(wire):
    return "application/json" if wire == "json" else "application/xml; charset=utf-8"


def xml_persons(data):
    from lxml import etree
    for _, element in etree.iterparse(io.BytesIO(data), events=("end",), tag="henkilo"):
        records = []
        for record in element.iterchildren("tietoryhma"):
            values = [f"{leaf.tag}={leaf.text.strip()}" for leaf in record.iter()
                      if len(leaf) == 0 and leaf.text and leaf.text.strip()]
            records.append((record.get("nimi"), values))
        yield element.get("henkilotunnus"), records
        element.clear()
        while element.getprevious() is not None:
            del element.getparent()[0]


def flatten(value, name, out):
    if isinstance(value, dict):
        for key, inner in value.items():
            flatten(inner, key, out)
    elif isinstance(value, list):
        for inner in value:
            flatten(inner, name, out)
    elif value is not None and value != "":
        out.append(f"{name}={value}")


def json_persons(data):
    for person in json.loads(data).get("perustiedot") or []:
        records = []
        for record in person.get("tietoryhmat") or []:
            values = []
            for key, value in record.items():
                if key != "tietoryhma":
                    flatten(value, key, values)
            records.append((record.get("tietoryhma"), values))
        yield person.get("henkilotunnus"), records


def main():
    url, wire, groups_arg, hetu_file, out_path = sys.argv[1:6]
    parallelism = int(sys.argv[6]) if len(sys.argv) > 6 else 4
    import requests
    groups = None if groups_arg == "all" else groups_arg.split(",")
    with open(hetu_file, encoding="utf-8") as f:
        hetus = [line.strip() for line in f if line.strip()]
    batches = messages(hetus)
    local = threading.local()
    auth = "Basic " + base64.b64encode(b"kunta:salasana").decode()

    def fetch(index):
        if not hasattr(local, "session"):
            local.session = requests.Session()
        response = local.session.post(url + "/perustiedot", data=body(wire, batches[index], groups),
                                      headers={"Content-Type": content_type(wire), "Authorization": auth,
                                               "X-Request-Id": f"peer-{index}"}, timeout=300)
        response.raise_for_status()
        return response.content

    read = json_persons if wire == "json" else xml_persons
    columns = groups or []
    found = set()
    with open(out_path, "w", encoding="utf-8-sig", newline="") as out, ThreadPoolExecutor(parallelism) as pool:
        writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
        writer.writerow(["hetu", "tila"] + columns)
        pending = [pool.submit(fetch, i) for i in range(min(parallelism, len(batches)))]
        following = len(pending)
        while pending:
            data = pending.pop(0).result()
            if following < len(batches):  # a bounded window: at most PARALLELISM answers held
                pending.append(pool.submit(fetch, following))
                following += 1
            for hetu, records in read(data):
                found.add(hetu)
                by_group = {}
                for name, values in records:
                    by_group.setdefault(name, []).extend(values)
                protected = any(v == "turvakieltoAktiivinen=true" or v == "turvakieltoAktiivinen=True"
                                for v in by_group.get("TURVAKIELTO", []))
                names = columns or sorted(by_group)
                writer.writerow([hetu, "turvakielto" if protected else "loytyi"] + [
                    "" if protected and name in ADDRESS_GROUPS else " | ".join(by_group.get(name, [])) for name in names])
        for hetu in dict.fromkeys(hetus):
            if hetu not in found:
                writer.writerow([hetu, "ei_loytynyt"] + [""] * len(columns))
    print(f"peer: {len(found)} found, {len(set(hetus)) - len(found)} not found", file=sys.stderr)


if __name__ == "__main__":
    main()
