"""Writes hostile documents for `demarcate import` into FOLDER, for the peak-memory figures of
benches/compare.sh (tests/it/hostile_import.rs makes the same shapes and checks each):
far.xlsx (one cell at XFD1048576), sheet-bomb.xlsx (a sheet that inflates to 1 GiB),
shared-text.xlsx (one 1 MiB shared string in 20,000 cells), rows.ods (a row repeated
1,048,000 times), numbers.json (two million JSON values). Usage: gen-hostile.py FOLDER"""
import os
import sys
import zipfile

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
from xlsx_parts import NS, fixed

FIXED = fixed("CAIQ")
HEAD = f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{NS}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Question ID</t></is></c><c r="B1" t="inlineStr"><is><t>SSRM Control Ownership</t></is></c></row>'
TAIL = "</sheetData></worksheet>"


def xlsx(name, strings, sheet_parts):
    with zipfile.ZipFile(os.path.join(out, name), "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        for part, text in FIXED.items():
            z.writestr(part, text)
        z.writestr("xl/sharedStrings.xml", f'<?xml version="1.0"?><sst xmlns="{NS}">' + "".join(f"<si><t>{s}</t></si>" for s in strings) + "</sst>")
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
            for p in sheet_parts:
                f.write(p.encode())


xlsx("far.xlsx", [], [HEAD, '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>', TAIL])
row = '<row r="2"><c r="A2" t="inlineStr"><is><t>IAM-01.1</t></is></c></row>'
block = row * (1 << 20 // len(row) + 1)
xlsx("sheet-bomb.xlsx", [], [HEAD] + [block] * ((1 << 30) // len(block)) + [TAIL])
refs = "".join(f'<row r="{r}"><c r="A{r}" t="s"><v>0</v></c></row>' for r in range(2, 20_002))
xlsx("shared-text.xlsx", ["a" * (1 << 20)], [HEAD, refs, TAIL])
content = ('<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
           'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
           '<office:body><office:spreadsheet><table:table table:name="CAIQ"><table:table-row><table:table-cell office:value-type="string"><text:p>Question ID</text:p></table:table-cell>'
           '<table:table-cell office:value-type="string"><text:p>SSRM Control Ownership</text:p></table:table-cell></table:table-row>'
           '<table:table-row table:number-rows-repeated="1048000"><table:table-cell office:value-type="string"><text:p>IAM-01.1</text:p></table:table-cell></table:table-row>'
           '</table:table></office:spreadsheet></office:body></office:document-content>')
with zipfile.ZipFile(os.path.join(out, "rows.ods"), "w") as z:
    z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
    z.writestr("content.xml", content)
with open(os.path.join(out, "numbers.json"), "w") as f:
    f.write('{"system-security-plan": {"x": [' + "0," * 2_000_000 + "0]}}")
