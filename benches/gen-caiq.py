"""Writes a CAIQ v4-shaped CSV of N question rows (as `demarcate import --from ccm` reads it)
for the interchange benchmark: 17 domains as CCM v4 has, the ownership values of STA-04 in
turn, and a provider and a customer text in each row. Usage: gen-caiq.py N > caiq.csv"""
import csv
import sys

n = int(sys.argv[1])
domains = ["A&A", "AIS", "BCR", "CCC", "CEK", "DCS", "DSP", "GRC", "HRS", "IAM", "IPY", "IVS", "LOG", "SEF", "STA", "TVM", "UEM"]
owners = ["CSP-owned", "CSC-owned", "Shared CSP and CSC", "Third-party outsourced", "Shared CSP and third-party", "N/A"]
w = csv.writer(sys.stdout, lineterminator="\n")
w.writerow(["Question ID", "Question", "CSP CAIQ Answer", "SSRM Control Ownership",
            "CSP Implementation Description (Optional/Recommended)",
            "CSC Responsibilities (Optional/Recommended)", "CCM Control ID"])
for i in range(n):
    d = domains[i % len(domains)]
    control = f"{d}-{i // len(domains) + 1:02d}"
    w.writerow([f"{control}.1", f"Is requirement {i + 1} of the {d} domain met?", "Yes",
                owners[i % len(owners)], f"The provider's part of requirement {i + 1}.",
                f"The customer's part of requirement {i + 1}.", control])
