#!/usr/bin/env python3
"""Print the rows of a UTF-8 CSV (LibreOffice's export) as JSON.

Usage: csv_to_json.py FILE [--quoting]
Without --quoting: rows of values, read by Python's csv module.
With --quoting: rows of [value, quoted] pairs, from a small RFC 4180 reader, because LibreOffice
quotes exactly its text cells when asked to ("quote all text cells"): a number or a date is
written bare, so `quoted` tells which cells the spreadsheet holds as text.
"""
import csv
import json
import sys


def fields_with_quoting(text):
    rows, row, field, quoted, in_quotes, i = [], [], "", False, False, 0
    while i < len(text):
        char = text[i]
        if in_quotes:
            if char == '"' and text[i + 1:i + 2] == '"':
                field += '"'
                i += 1
            elif char == '"':
                in_quotes = False
            else:
                field += char
        elif char == '"':
            in_quotes, quoted = True, True
        elif char == ",":
            row.append([field, quoted])
            field, quoted = "", False
        elif char == "\n":
            row.append([field, quoted])
            rows.append(row)
            row, field, quoted = [], "", False
        elif char != "\r":
            field += char
        i += 1
    if field or quoted or row:
        row.append([field, quoted])
        rows.append(row)
    return rows


def main() -> int:
    with open(sys.argv[1], encoding="utf-8-sig", newline="") as handle:
        if "--quoting" in sys.argv[2:]:
            json.dump(fields_with_quoting(handle.read()), sys.stdout, ensure_ascii=False)
        else:
            json.dump(list(csv.reader(handle, strict=True)), sys.stdout, ensure_ascii=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
