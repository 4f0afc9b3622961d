#!/usr/bin/env python3
"""Write a workbook with openpyxl, as a department's own tools would, from a JSON description.

Usage: openpyxl_write.py SPEC.json OUT.xlsx
SPEC: {"sheets": [{"title": "...", "state": "visible|hidden", "rows": [[cell, ...], ...]}],
       "active": index, "date1904": bool}
A cell is null (left empty) or {"text": "..."} | {"number": n, "format": "00000"} |
{"date": "YYYY-MM-DD", "format": "d.m.yyyy"} | {"bool": true} | {"formula": "=1+1"}.
openpyxl stores text as shared strings, so this also exercises the shared-strings table.
"""
import datetime
import json
import sys

import openpyxl


def main() -> int:
    spec = json.load(open(sys.argv[1], encoding="utf-8"))
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    if spec.get("date1904"):
        workbook.epoch = openpyxl.utils.datetime.CALENDAR_MAC_1904
    for sheet_spec in spec["sheets"]:
        sheet = workbook.create_sheet(sheet_spec["title"])
        sheet.sheet_state = sheet_spec.get("state", "visible")
        for r, row in enumerate(sheet_spec["rows"], start=1):
            for c, cell in enumerate(row, start=1):
                if cell is None:
                    continue
                target = sheet.cell(row=r, column=c)
                if "text" in cell:
                    target.value = cell["text"]
                    target.data_type = "s"  # never a formula, even when it starts with '='
                elif "number" in cell:
                    target.value = cell["number"]
                elif "date" in cell:
                    target.value = datetime.date.fromisoformat(cell["date"])
                elif "bool" in cell:
                    target.value = cell["bool"]
                elif "formula" in cell:
                    target.value = cell["formula"]
                if "format" in cell:
                    target.number_format = cell["format"]
    workbook.active = spec.get("active", 0)
    workbook.save(sys.argv[2])
    return 0


if __name__ == "__main__":
    sys.exit(main())
