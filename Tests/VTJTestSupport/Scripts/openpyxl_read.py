#!/usr/bin/env python3
"""Read a workbook with openpyxl (an independent reader) and print what it holds as JSON.

Usage: openpyxl_read.py FILE
Prints {"title", "freeze", "filter", "widths": {letter: width}, "rows": [[cell, ...], ...]}
where each cell is null (no cell) or {"value": text, "type": openpyxl data_type, "format":
number_format, "date": true when openpyxl reads a date}. Dates are printed YYYY-MM-DD.

Text is given as a spreadsheet shows it: openpyxl leaves SpreadsheetML's `_xHHHH_` escapes
(ECMA-376 ST_Xstring, how Excel stores characters XML cannot carry, and a literal `_x0041_` as
`_x005F_x0041_`) undecoded, while Excel and LibreOffice decode them; so this script decodes them.
"""
import datetime
import json
import re
import sys

import openpyxl


def cell_json(cell):
    value = cell.value
    if value is None:
        return None
    is_date = isinstance(value, (datetime.datetime, datetime.date))
    if isinstance(value, datetime.datetime):
        text = value.date().isoformat() if value.time() == datetime.time(0) else value.isoformat(sep=" ")
    elif isinstance(value, datetime.date):
        text = value.isoformat()
    elif isinstance(value, str):
        text = re.sub(r"_x([0-9A-Fa-f]{4})_", lambda match: chr(int(match.group(1), 16)), value)
    else:
        text = str(value)
    return {"value": text, "type": cell.data_type, "format": cell.number_format, "date": is_date}


def main() -> int:
    workbook = openpyxl.load_workbook(sys.argv[1])
    sheet = workbook.worksheets[0]
    rows = [[cell_json(cell) for cell in row] for row in sheet.iter_rows()]
    widths = {letter: dimension.width for letter, dimension in sheet.column_dimensions.items() if dimension.customWidth}
    json.dump({"title": sheet.title, "freeze": sheet.freeze_panes, "filter": sheet.auto_filter.ref,
               "widths": widths, "rows": rows}, sys.stdout, ensure_ascii=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
