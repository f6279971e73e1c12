"""Reads the exports as their users' tools do: every component-definition.json with
compliance-trestle's OSCAL models (an independent OSCAL implementation), every matrix.csv with
Python's csv module. Checks that the two agree cell by cell (each CSV row's owners are the
responsible roles of the OSCAL requirement for that layer and column) and that no CSV field
would run as a formula in a spreadsheet. Usage: check.py FOLDER... (each a model's output)."""

import csv
import pathlib
import sys

from trestle.oscal.component import ComponentDefinition

FORMULA = ("=", "+", "-", "@", "\t", "\r")
HEADER = ["layer_id", "layer", "column_id", "column", "owner_ids", "owners", "status", "note", "sources"]


def fail(why):
    print(f"export check: FAILED: {why}", file=sys.stderr)
    sys.exit(1)


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    if not rows or rows[0] != HEADER:
        fail(f"{path}: the header is {rows[:1]}")
    cells = {}
    for n, row in enumerate(rows[1:], start=2):
        if len(row) != len(HEADER):
            fail(f"{path}:{n}: {len(row)} fields")
        for field in row:
            if field.startswith(FORMULA):
                fail(f"{path}:{n}: a spreadsheet would run {field!r}")
        cells[(row[2], row[0])] = tuple(sorted(row[4].split()))
    return cells


def read_oscal(path):
    definition = ComponentDefinition.oscal_read(path)
    cells = {}
    for component in definition.components:
        column = [p.value for p in component.props or [] if p.name == "column"]
        if len(column) != 1:
            fail(f"{path}: component {component.title!r} names no column")
        for implementation in component.control_implementations:
            for req in implementation.implemented_requirements:
                roles = tuple(sorted(r.role_id for r in (req.responsible_roles or [])))
                cells[(column[0], req.control_id)] = roles
    return definition, cells


def main(folders):
    checked = 0
    for folder in map(pathlib.Path, folders):
        table, oscal = folder / "matrix.csv", folder / "component-definition.json"
        if not table.exists() or not oscal.exists():
            continue
        rows = read_csv(table)
        definition, reqs = read_oscal(oscal)
        if rows != reqs:
            diff = sorted(set(rows.items()) ^ set(reqs.items()))
            fail(f"{folder}: matrix.csv and component-definition.json disagree: {diff[:6]}")
        checked += 1
        print(f"{folder}: {len(rows)} cells agree in matrix.csv and component-definition.json")
    if checked == 0:
        fail("no folder with matrix.csv and component-definition.json")


if __name__ == "__main__":
    main(sys.argv[1:])
