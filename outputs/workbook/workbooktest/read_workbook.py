"""Read workbooks with openpyxl (an independent reader) and print what the
Go tests check, as JSON, one line per workbook named on the command line:
sheet names, header rows, and cells with their type and number format."""
import json
import sys

import openpyxl


def read(path):
    wb = openpyxl.load_workbook(path)
    out = {"sheets": wb.sheetnames, "headers": {}, "cells": {}, "frozen": {}, "filters": {}}
    for ws in wb.worksheets:
        out["headers"][ws.title] = [c.value for c in next(ws.iter_rows(min_row=1, max_row=1))]
        out["frozen"][ws.title] = ws.freeze_panes
        out["filters"][ws.title] = ws.auto_filter.ref
        rows = []
        for row in ws.iter_rows(min_row=1, max_row=ws.max_row):
            vals = []
            for c in row:
                v = c.value
                if hasattr(v, "isoformat"):
                    v = v.isoformat()
                vals.append({"v": v, "t": c.data_type, "fmt": c.number_format})
            rows.append(vals)
        out["cells"][ws.title] = rows
    return out


for path in sys.argv[1:]:
    print(json.dumps(read(path)))
