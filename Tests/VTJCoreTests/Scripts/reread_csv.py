#!/usr/bin/env python3
"""Re-read a CSV written by vtjdrop with Python's csv module; print the rows as JSON.

Usage: reread_csv.py FILE [DELIMITER]
Reads UTF-8 with or without BOM, any line ending inside quotes kept (newline='').
"""
import csv
import json
import sys


def main() -> int:
    path = sys.argv[1]
    delimiter = sys.argv[2] if len(sys.argv) > 2 else ";"
    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=delimiter, strict=True))
    json.dump(rows, sys.stdout, ensure_ascii=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
