#!/usr/bin/env python3
"""Print the rows of a UTF-8 CSV (LibreOffice's export) as JSON, with Python's csv module.

Usage: csv_to_json.py FILE
"""
import csv
import json
import sys


def main() -> int:
    with open(sys.argv[1], encoding="utf-8-sig", newline="") as handle:
        json.dump(list(csv.reader(handle, strict=True)), sys.stdout, ensure_ascii=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
