"""Writes a CAIQ v4-shaped CSV of N question rows (as `demarcate import --from ccm` reads it)
for the interchange benchmark: 17 domains as CCM v4 has, the ownership values of STA-04 in
turn, and a provider and a customer text in each row. Usage: gen-caiq.py N > caiq.csv, or
gen-caiq.py N --xlsx caiq.xlsx for the same rows as a workbook (one sheet, shared strings, as
spreadsheet programs write them; made with the standard library's zipfile)."""
import csv
import io
import sys
import zipfile
from xml.sax.saxutils import escape

n = int(sys.argv[1])
xlsx = sys.argv[3] if len(sys.argv) > 3 and sys.argv[2] == "--xlsx" else None
domains = ["A&A", "AIS", "BCR", "CCC", "CEK", "DCS", "DSP", "GRC", "HRS", "IAM", "IPY", "IVS", "LOG", "SEF", "STA", "TVM", "UEM"]
owners = ["CSP-owned", "CSC-owned", "Shared CSP and CSC", "Third-party outsourced", "Shared CSP and third-party", "N/A"]
out = io.StringIO() if xlsx else sys.stdout
w = csv.writer(out, lineterminator="\n")
w.writerow(["Question ID", "Question", "CSP CAIQ Answer", "SSRM Control Ownership",
            "CSP Implementation Description (Optional/Recommended)",
            "CSC Responsibilities (Optional/Recommended)", "CCM Control ID"])
for i in range(n):
    d = domains[i % len(domains)]
    control = f"{d}-{i // len(domains) + 1:02d}"
    w.writerow([f"{control}.1", f"Is requirement {i + 1} of the {d} domain met?", "Yes",
                owners[i % len(owners)], f"The provider's part of requirement {i + 1}.",
                f"The customer's part of requirement {i + 1}.", control])

if xlsx:
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    strings, index = [], {}
    def sid(text):
        if text not in index:
            index[text] = len(strings)
            strings.append(text)
        return index[text]
    def col(i):
        return "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[i]
    sheet = "".join(
        f'<row r="{r + 1}">' + "".join(f'<c r="{col(c)}{r + 1}" t="s"><v>{sid(v)}</v></c>' for c, v in enumerate(row)) + "</row>"
        for r, row in enumerate(rows))
    from xlsx_parts import NS as ns, fixed
    parts = {
        **fixed("CAIQv4.0.3"),
        "xl/worksheets/sheet1.xml": f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{ns}"><sheetData>{sheet}</sheetData></worksheet>',
        "xl/sharedStrings.xml": f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{ns}" count="{len(strings)}" uniqueCount="{len(strings)}">' + "".join(f"<si><t>{escape(t)}</t></si>" for t in strings) + "</sst>",
    }
    with zipfile.ZipFile(xlsx, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in parts.items():
            z.writestr(name, text)
