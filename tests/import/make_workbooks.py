"""Writes the workbook fixtures of tests/import from the CSV ones (openpyxl): the CAIQ
excerpt as .xlsx, with title rows above the header as vendors' sheets have them, and a copy
with a merged ownership cell, which import must refuse. Run: python3 make_workbooks.py"""
import csv
import pathlib

from openpyxl import Workbook

here = pathlib.Path(__file__).parent


def workbook(src, sheet):
    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    with open(here / src, newline="", encoding="utf-8") as f:
        for row in csv.reader(f):
            ws.append(row)
    return wb, ws


wb, ws = workbook("caiq-v4-excerpt.csv", "CAIQv4.0.3")
wb.properties.creator = "demarcate tests"
wb.save(here / "caiq-v4-excerpt.xlsx")
wb, ws = workbook("caiq-v4-excerpt.csv", "CAIQv4.0.3")
ws.merge_cells("D5:D6")
wb.save(here / "caiq-v4-merged.xlsx")
