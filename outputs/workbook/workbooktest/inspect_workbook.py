"""Inspect workbooks' structure with openpyxl (an independent reader) and
print each as JSON, one line per workbook named on the command line: sheets, document properties, and for each sheet its A1
and named style, marked-up tables and any blank rows inside them, merged
cells, hyperlinks, print titles, extent, selection, the lowest text
contrast of any cell, a digest of every value, and the first rows' cells;
then what openpyxl sees in read-only mode, which trusts each sheet's
<dimension>. With --read-only-only, only the read-only extent (for very
large workbooks)."""
import hashlib
import json
import sys

import openpyxl
from openpyxl.utils.cell import range_boundaries

KEEP_ROWS = 60  # rows of cells printed per sheet


def luminance(rgb):
    def channel(c):
        s = c / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4
    r, g, b = int(rgb[0:2], 16), int(rgb[2:4], 16), int(rgb[4:6], 16)
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a, b):
    la, lb = luminance(a), luminance(b)
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)


def rgb(color, default):
    # Theme and indexed colours are not used by these workbooks; a colour
    # given as neither is the application's default.
    if color is None or color.type != "rgb" or not isinstance(color.rgb, str):
        return default
    return color.rgb[-6:]


def value(v):
    if hasattr(v, "isoformat"):
        return v.isoformat()
    return v


def digest_rows(rows):
    h = hashlib.sha256()
    n = 0
    for r in rows:
        h.update(repr([value(v) for v in r]).encode())
        n += 1
    return h.hexdigest(), n


def inspect(path, read_only_only):
    out = {}
    if not read_only_only:
        wb = openpyxl.load_workbook(path)
        p = wb.properties
        out["sheets"] = wb.sheetnames
        out["active"] = wb.active.title
        out["props"] = {"title": p.title, "subject": p.subject, "creator": p.creator,
                        "created": value(p.created), "modified": value(p.modified), "language": p.language}
        out["per"] = {}
        for ws in wb.worksheets:
            s = {"a1": ws["A1"].value, "a1_style": ws["A1"].style, "tables": [], "merged": [str(r) for r in ws.merged_cells.ranges],
                 "hyperlinks": [], "print_title_rows": ws.print_title_rows, "print_title_cols": ws.print_title_cols, "max_row": ws.max_row, "max_col": ws.max_column,
                 "selection": ws.sheet_view.selection[0].activeCell if ws.sheet_view.selection else None,
                 "landscape": ws.page_setup.orientation == "landscape", "fit_width": ws.page_setup.fitToWidth, "fit_height": ws.page_setup.fitToHeight,
                 "images": len(ws._images), "min_contrast": 21.0, "worst": None, "cells": [],
                 "heights": [ws.row_dimensions[i].height for i in range(1, min(ws.max_row, KEEP_ROWS) + 1)]}
            blank = set()
            seen = {}  # style -> contrast
            for i, row in enumerate(ws.iter_rows(), start=1):
                vals = []
                empty = True
                for c in row:
                    if i <= KEEP_ROWS:
                        vals.append({"v": value(c.value), "t": c.data_type, "fmt": c.number_format})
                    if c.hyperlink is not None:
                        s["hyperlinks"].append({"cell": c.coordinate, "location": c.hyperlink.location, "target": c.hyperlink.target})
                    if c.value is None:
                        continue
                    empty = False
                    key = tuple(c._style)
                    if key not in seen:
                        ink = rgb(c.font.color, "000000")
                        paper = "FFFFFF"
                        if c.fill is not None and c.fill.fill_type == "solid":
                            paper = rgb(c.fill.fgColor, "FFFFFF")
                        seen[key] = (contrast(ink, paper), "%s on %s" % (ink, paper))
                    r, what = seen[key]
                    if r < s["min_contrast"]:
                        s["min_contrast"], s["worst"] = r, "%s: %s" % (c.coordinate, what)
                if empty:
                    blank.add(i)
                if i <= KEEP_ROWS:
                    s["cells"].append(vals)
            for t in ws.tables.values():
                _, top, _, bottom = range_boundaries(t.ref)
                s["tables"].append({"name": t.name, "ref": t.ref, "filter": t.autoFilter is not None,
                                    "columns": [c.name for c in t.tableColumns],
                                    "blank_rows": sorted(r for r in blank if top <= r <= bottom)})
            s["digest"], s["rows"] = digest_rows(ws.iter_rows(values_only=True))
            out["per"][ws.title] = s

    ro = openpyxl.load_workbook(path, read_only=True)
    out["read_only"] = {}
    for ws in ro.worksheets:
        r = {"max_row": ws.max_row, "max_col": ws.max_column}
        if not read_only_only:
            # Read-only rows stop at the last cell: pad as normal mode does.
            width = ws.max_column
            r["digest"], r["rows"] = digest_rows(list(v) + [None] * (width - len(v)) for v in ws.iter_rows(values_only=True))
        out["read_only"][ws.title] = r
    return out


read_only_only = "--read-only-only" in sys.argv
for path in sys.argv[1:]:
    if path != "--read-only-only":
        print(json.dumps(inspect(path, read_only_only)))
