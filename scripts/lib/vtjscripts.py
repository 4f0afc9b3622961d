"""Shared by the scripts (crash-test, fault-test, bench-*): ports, the sandbox's /admin, test
henkilötunnus, polling, and the journal as `vtjdrop status --json --journal` reports it.

The scripts never open the state database themselves: its schema is the daemon's to change, and
`status --json` is the stable document (schema 1, docs/operations.md) an operator's scripts read too.

Used as `sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))`
followed by `import vtjscripts`.
"""
import base64, datetime, json, os, socket, subprocess, time, urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CHECK_ALPHABET = "0123456789ABCDEFHJKLMNPRSTUVWXY"


def free_port():
    """A loopback port nothing listens on now (the kernel's pick, released at once)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def admin(port, path, body=None, user=b"kunta", password=b"salasana", timeout=60):
    """GET (or POST `body` as JSON to) the sandbox's /admin/<path>; the decoded JSON answer (None if empty)."""
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(f"http://127.0.0.1:{port}/admin/{path}", data=data,
                                     method="GET" if data is None else "POST")
    request.add_header("Authorization", "Basic " + base64.b64encode(user + b":" + password).decode())
    if data is not None:
        request.add_header("Content-Type", "application/json")
    with urllib.request.urlopen(request, timeout=timeout) as response:
        text = response.read()
        return json.loads(text) if text else None


def test_hetu(index):
    """The index-th test henkilötunnus (individual number 900-999, 1900s) with a valid check character."""
    day, month, year, number = 1 + index % 28, 1 + (index // 28) % 12, (index // 336) % 100, 900 + index % 100
    part = f"{day:02d}{month:02d}{year:02d}"
    return f"{part}-{number}{CHECK_ALPHABET[int(part + str(number)) % 31]}"


def wait_for(condition, seconds, step=0.2):
    """Polls `condition` until it holds or `seconds` pass; its last value."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(step)
    return condition()


def status(binary, state, days=30, details=("--journal",)):
    """`vtjdrop status --json --journal --state STATE` (or other `details` flags: `--audit`,
    `--followed`): the document, whatever the verdict's exit code."""
    completed = subprocess.run([binary, "status", "--json", *details, "--state", state, "--days", str(days)],
                               capture_output=True, text=True, timeout=120)
    try:
        return json.loads(completed.stdout)
    except json.JSONDecodeError:
        raise RuntimeError(f"vtjdrop status --json printed no document (exit {completed.returncode}): "
                           f"{completed.stderr.strip()[:300]}")


def journal(binary, state, days=30):
    """The journal's entries (dicts with request_id, department, original_name, stored_path, state,
    operation, attempts, error, result_files, claimed_at, updated_at, finished_at); [] before the
    daemon made its state."""
    if not os.path.exists(os.path.join(state, "vtjdrop.sqlite")):
        return []
    optional = ("operation", "error", "finished_at")  # the document leaves out what is not set
    return [dict({key: None for key in optional}, **entry) for entry in status(binary, state, days).get("journal", [])]


def audit(binary, state, days=30):
    """The audit log of the last `days` as `status --json --audit` reports it: {"queries": [dicts
    with query_id, request_id, operation, scope, hetu_count, hetus, outcome], "disclosures": [dicts
    with request_id, operation, person_count, persons]}; empty lists before the daemon made its state."""
    if not os.path.exists(os.path.join(state, "vtjdrop.sqlite")):
        return {"queries": [], "disclosures": []}
    return status(binary, state, days, details=("--audit",)).get("audit", {"queries": [], "disclosures": []})


def followed(binary, state):
    """The followed registers as `status --json --followed` reports them: ({department: set of
    hetus}, [request ids whose change cursor is noted but not committed])."""
    if not os.path.exists(os.path.join(state, "vtjdrop.sqlite")):
        return {}, []
    document = status(binary, state, details=("--followed",))
    registers = {entry["department"]: set(entry["hetus"]) for entry in document.get("followed", [])}
    return registers, document.get("pending_log_keys", [])


def timestamp(text):
    """An ISO 8601 time of the status document as seconds since the epoch."""
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()
