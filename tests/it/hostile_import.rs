//! Hostile documents for `import`: workbooks and OSCAL documents that are small on disk and
//! huge once read (a cell at `XFD1048576`, zip bombs, a lying central directory, repeated ODS
//! rows, a million JSON numbers). Each is made here, then imported under a 2 GiB address-space
//! cap: it must end with a clear error naming the bound and its flag, never abort, and peak
//! at most 256 MiB of memory (measured by the parent's `getrusage`, through Python's
//! `resource`, since the crate forbids the unsafe code a `setrlimit` needs).

use std::io::Write as _;
use std::path::Path;

use assert_cmd::cargo::CommandCargoExt as _;

/// The peak resident memory a hostile document may cost.
const MAX_PEAK_MIB: u64 = 256;

const CAP: &str = r#"
import resource, subprocess, sys
def cap():
    resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))
p = subprocess.run(sys.argv[1:], preexec_fn=cap, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
sys.stderr.buffer.write(p.stderr)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
sys.exit(p.returncode if p.returncode >= 0 else 128 - p.returncode)
"#;

/// Imports `file` as `from` under the cap: exit code, standard error, peak memory in MiB.
fn capped(dir: &Path, from: &str, file: &Path, extra: &[&str]) -> (Option<i32>, String, u64) {
    let bin = std::process::Command::cargo_bin("demarcate")
        .unwrap()
        .get_program()
        .to_owned();
    let out = std::process::Command::new("python3")
        .args(["-c", CAP])
        .arg(bin)
        .args(["import", "--from", from])
        .arg(file)
        .args(["--url", "https://example.com/doc"])
        .args(extra)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("python3 runs the import under a memory cap");
    let peak_kib: u64 = String::from_utf8_lossy(&out.stdout)
        .trim()
        .parse()
        .unwrap_or(u64::MAX);
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        peak_kib / 1024,
    )
}

/// Asserts a refusal: exit 2, each of `says` in the message, no panic or abort, within the
/// memory bound.
fn refused(dir: &Path, from: &str, file: &Path, says: &[&str]) {
    let start = std::time::Instant::now();
    let (code, err, peak) = capped(dir, from, file, &[]);
    eprintln!(
        "{}: exit {code:?}, peak {peak} MiB, {} ms",
        file.file_name().unwrap_or_default().to_string_lossy(),
        start.elapsed().as_millis()
    );
    assert_eq!(code, Some(2), "{}: {err}", file.display());
    for s in says {
        assert!(err.contains(s), "{}: wanted {s:?} in {err}", file.display());
    }
    assert!(!err.contains("panicked"), "{err}");
    assert!(
        peak <= MAX_PEAK_MIB,
        "{}: peak {peak} MiB, over {MAX_PEAK_MIB}",
        file.display()
    );
}

/// One zip entry: its name and its bytes, written in chunks of `repeat` copies when large.
struct Entry<'a> {
    name: &'a str,
    head: &'a [u8],
    body: &'a [u8],
    repeat: usize,
    tail: &'a [u8],
}

fn entry<'a>(name: &'a str, text: &'a str) -> Entry<'a> {
    Entry {
        name,
        head: text.as_bytes(),
        body: b"",
        repeat: 0,
        tail: b"",
    }
}

fn zip_file(path: &Path, entries: &[Entry]) {
    let file = std::fs::File::create(path).unwrap();
    let mut zip = zip::ZipWriter::new(file);
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(1))
        .large_file(true);
    for e in entries {
        zip.start_file(e.name, opts).unwrap();
        zip.write_all(e.head).unwrap();
        let block = e.body.repeat(64 * 1024 / e.body.len().max(1));
        for _ in 0..e.repeat * e.body.len().max(1) / block.len().max(1) {
            zip.write_all(&block).unwrap();
        }
        zip.write_all(e.tail).unwrap();
    }
    zip.finish().unwrap();
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>"#;
const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
const WORKBOOK: &str = r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="CAIQv4.0.3" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
const WORKBOOK_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#;
const SHEET_HEAD: &str = r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#;
const HEADER_ROW: &str = r#"<row r="1"><c r="A1" t="inlineStr"><is><t>Question ID</t></is></c><c r="B1" t="inlineStr"><is><t>SSRM Control Ownership</t></is></c></row>"#;
const SHEET_TAIL: &str = "</sheetData></worksheet>";
const NO_STRINGS: &str = r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"></sst>"#;

/// An .xlsx whose one sheet has the header row, then `rows` (XML of `<row>` elements).
fn xlsx(path: &Path, rows: &str, strings: &str) {
    let sheet = format!("{SHEET_HEAD}{HEADER_ROW}{rows}{SHEET_TAIL}");
    zip_file(
        path,
        &[
            entry("[Content_Types].xml", CONTENT_TYPES),
            entry("_rels/.rels", RELS),
            entry("xl/workbook.xml", WORKBOOK),
            entry("xl/_rels/workbook.xml.rels", WORKBOOK_RELS),
            entry("xl/sharedStrings.xml", strings),
            entry("xl/worksheets/sheet1.xml", &sheet),
        ],
    );
}

fn inline(cell: &str, text: &str) -> String {
    format!(r#"<c r="{cell}" t="inlineStr"><is><t>{text}</t></is></c>"#)
}

#[test]
fn a_good_generated_workbook_imports() {
    // The control: the same shape with sane cells imports, so each refusal below is the bound.
    let d = tempfile::tempdir().unwrap();
    let file = d.path().join("good.xlsx");
    let rows = format!(
        r#"<row r="2">{}{}</row><row r="3">{}{}</row>"#,
        inline("A2", "IAM-01.1"),
        inline("B2", "CSP-owned"),
        inline("A3", "IAM-02.1"),
        inline("B3", "Shared CSP and CSC")
    );
    xlsx(&file, &rows, NO_STRINGS);
    let (code, err, peak) = capped(d.path(), "ccm", &file, &[]);
    assert_eq!(code, Some(0), "{err}");
    assert!(err.contains("2 rows imported"), "{err}");
    assert!(peak <= MAX_PEAK_MIB, "peak {peak} MiB");
}

#[test]
fn a_far_cell_is_refused_before_any_dense_sheet_is_made() {
    let d = tempfile::tempdir().unwrap();
    // One cell at the last row and column Excel has: 17 billion cells if laid out densely.
    let far = d.path().join("far.xlsx");
    xlsx(
        &far,
        &format!(r#"<row r="1048576">{}</row>"#, inline("XFD1048576", "x")),
        NO_STRINGS,
    );
    refused(d.path(), "ccm", &far, &["XFD1048576", "--max-rows"]);
    // A1 and XFD20000, inside the row bound: 10 GB laid out densely; read row by row it is one
    // row of 16,384 cells, and the sheet has no control in it.
    let wide = d.path().join("wide.xlsx");
    xlsx(
        &wide,
        &format!(r#"<row r="20000">{}</row>"#, inline("XFD20000", "x")),
        NO_STRINGS,
    );
    refused(d.path(), "ccm", &wide, &["nothing to import"]);
    // A hundred rows reaching column XFD: 1.6 million cells, over the cell bound.
    let rows: String = (2..102)
        .map(|r| format!(r#"<row r="{r}">{}</row>"#, inline(&format!("XFD{r}"), "x")))
        .collect();
    let wider = d.path().join("wider.xlsx");
    xlsx(&wider, &rows, NO_STRINGS);
    refused(
        d.path(),
        "ccm",
        &wider,
        &["spans more than 1000000 cells", "--max-cells"],
    );
}

#[test]
fn zip_bombs_stop_at_the_expansion_bound() {
    let d = tempfile::tempdir().unwrap();
    let row = inline("A2", "IAM-01.1");
    // A sheet that inflates to 256 MiB of rows (eight times the bound; benches/gen-hostile.py makes one of 1 GiB).
    let bomb = d.path().join("sheet-bomb.xlsx");
    let body = format!(r#"<row r="2">{row}</row>"#);
    zip_file(
        &bomb,
        &[
            entry("[Content_Types].xml", CONTENT_TYPES),
            entry("_rels/.rels", RELS),
            entry("xl/workbook.xml", WORKBOOK),
            entry("xl/_rels/workbook.xml.rels", WORKBOOK_RELS),
            entry("xl/sharedStrings.xml", NO_STRINGS),
            Entry {
                name: "xl/worksheets/sheet1.xml",
                head: format!("{SHEET_HEAD}{HEADER_ROW}").as_bytes(),
                body: body.as_bytes(),
                repeat: (256 << 20) / body.len(),
                tail: SHEET_TAIL.as_bytes(),
            },
        ],
    );
    assert!(std::fs::metadata(&bomb).unwrap().len() < 16 << 20);
    refused(
        d.path(),
        "ccm",
        &bomb,
        &["expands to more than", "--max-expanded-bytes"],
    );
    // Shared strings that inflate to 256 MiB.
    let strings = d.path().join("strings-bomb.xlsx");
    zip_file(
        &strings,
        &[
            entry("[Content_Types].xml", CONTENT_TYPES),
            entry("_rels/.rels", RELS),
            entry("xl/workbook.xml", WORKBOOK),
            entry("xl/_rels/workbook.xml.rels", WORKBOOK_RELS),
            Entry {
                name: "xl/sharedStrings.xml",
                head: br#"<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#,
                body: b"<si><t>aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa</t></si>",
                repeat: (256 << 20) / 60,
                tail: b"</sst>",
            },
            entry(
                "xl/worksheets/sheet1.xml",
                &format!("{SHEET_HEAD}{HEADER_ROW}{SHEET_TAIL}"),
            ),
        ],
    );
    refused(d.path(), "ccm", &strings, &["expands to more than"]);
    // Many tiny shared strings, within the byte bound: the string count is bounded too.
    let many = d.path().join("many-strings.xlsx");
    zip_file(
        &many,
        &[
            entry("[Content_Types].xml", CONTENT_TYPES),
            entry("_rels/.rels", RELS),
            entry("xl/workbook.xml", WORKBOOK),
            entry("xl/_rels/workbook.xml.rels", WORKBOOK_RELS),
            Entry {
                name: "xl/sharedStrings.xml",
                head: br#"<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#,
                body: b"<si><t>a</t></si>",
                repeat: 1_500_000,
                tail: b"</sst>",
            },
            entry(
                "xl/worksheets/sheet1.xml",
                &format!("{SHEET_HEAD}{HEADER_ROW}{SHEET_TAIL}"),
            ),
        ],
    );
    refused(d.path(), "ccm", &many, &["shared strings", "--max-cells"]);
}

#[test]
fn a_shared_string_repeated_in_many_cells_is_bounded_by_its_text() {
    // One 1 MiB shared string referenced by 20,000 cells: 20 GB once every cell holds it.
    let d = tempfile::tempdir().unwrap();
    let file = d.path().join("repeated.xlsx");
    let big = "a".repeat(1 << 20);
    let strings = format!(
        r#"<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>{big}</t></si></sst>"#
    );
    let rows: String = (2..20_000)
        .map(|r| format!(r#"<row r="{r}"><c r="A{r}" t="s"><v>0</v></c></row>"#))
        .collect();
    xlsx(&file, &rows, &strings);
    refused(
        d.path(),
        "ccm",
        &file,
        &["bytes of text", "--max-expanded-bytes"],
    );
}

#[test]
fn a_lying_central_directory_does_not_hide_the_real_size() {
    // The sheet says 100 bytes in its headers and inflates to 128 MiB.
    let d = tempfile::tempdir().unwrap();
    let file = d.path().join("liar.xlsx");
    let body = r#"<row r="2"><c r="A2" t="inlineStr"><is><t>x</t></is></c></row>"#;
    zip_file(
        &file,
        &[
            entry("[Content_Types].xml", CONTENT_TYPES),
            entry("_rels/.rels", RELS),
            entry("xl/workbook.xml", WORKBOOK),
            entry("xl/_rels/workbook.xml.rels", WORKBOOK_RELS),
            entry("xl/sharedStrings.xml", NO_STRINGS),
            Entry {
                name: "xl/worksheets/sheet1.xml",
                head: SHEET_HEAD.as_bytes(),
                body: body.as_bytes(),
                repeat: (128 << 20) / body.len(),
                tail: SHEET_TAIL.as_bytes(),
            },
        ],
    );
    lie_about_sizes(&file, "xl/worksheets/sheet1.xml", 100);
    let (code, err, peak) = capped(d.path(), "ccm", &file, &[]);
    assert_eq!(code, Some(2), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(peak <= MAX_PEAK_MIB, "peak {peak} MiB");
}

/// Rewrites the uncompressed size of `name` in its local header and its central directory
/// entry (and in a ZIP64 extra field, which `large_file` writes) to `size`.
fn lie_about_sizes(path: &Path, name: &str, size: u32) {
    let mut bytes = std::fs::read(path).unwrap();
    let name = name.as_bytes();
    let mut i = 0;
    while i + 46 < bytes.len() {
        let sig = &bytes[i..i + 4];
        let (name_at, size_at, name_len_at) = match sig {
            b"PK\x03\x04" => (i + 30, i + 22, i + 26),
            b"PK\x01\x02" => (i + 46, i + 24, i + 28),
            _ => {
                i += 1;
                continue;
            }
        };
        let len = u16::from_le_bytes([bytes[name_len_at], bytes[name_len_at + 1]]) as usize;
        if bytes.get(name_at..name_at + len) == Some(name) {
            if bytes[size_at..size_at + 4] != [0xff; 4] {
                bytes[size_at..size_at + 4].copy_from_slice(&size.to_le_bytes());
            } else {
                // ZIP64: the real size is in the extra field (id 0x0001), first.
                let extra_at = name_at + len;
                if let Some(p) = (extra_at..extra_at + 64).find(|&p| bytes[p..p + 2] == [1, 0]) {
                    bytes[p + 4..p + 12].copy_from_slice(&u64::from(size).to_le_bytes());
                }
            }
        }
        i += 4;
    }
    std::fs::write(path, bytes).unwrap();
}

#[test]
fn doctypes_in_a_workbook_are_named_as_refused() {
    let d = tempfile::tempdir().unwrap();
    let file = d.path().join("doctype.xlsx");
    let strings = r#"<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY x SYSTEM "file:///etc/passwd">]><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&x;</t></si></sst>"#;
    xlsx(&file, "", strings);
    refused(
        d.path(),
        "ccm",
        &file,
        &["xl/sharedStrings.xml", "holds a DOCTYPE, which is refused"],
    );
    let ods_file = d.path().join("doctype.ods");
    ods(
        &ods_file,
        r#"<!DOCTYPE office:document-content [<!ENTITY x "y">]>"#,
        "<table:table-row><table:table-cell><text:p>&x;</text:p></table:table-cell></table:table-row>",
    );
    refused(
        d.path(),
        "ccm",
        &ods_file,
        &["content.xml", "holds a DOCTYPE, which is refused"],
    );
}

/// An .ods with one sheet whose rows are `rows`.
fn ods(path: &Path, prolog: &str, rows: &str) {
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>{prolog}<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="CAIQ"><table:table-row><table:table-cell office:value-type="string"><text:p>Question ID</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>SSRM Control Ownership</text:p></table:table-cell></table:table-row>{rows}</table:table></office:spreadsheet></office:body></office:document-content>"#
    );
    let file = std::fs::File::create(path).unwrap();
    let mut zip = zip::ZipWriter::new(file);
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file("mimetype", stored).unwrap();
    zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .unwrap();
    zip.start_file("content.xml", stored).unwrap();
    zip.write_all(content.as_bytes()).unwrap();
    zip.start_file("META-INF/manifest.xml", stored).unwrap();
    zip.write_all(br#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#).unwrap();
    zip.finish().unwrap();
}

#[test]
fn repeated_ods_rows_and_columns_are_measured_before_they_are_laid_out() {
    let d = tempfile::tempdir().unwrap();
    let good = d.path().join("good.ods");
    ods(
        &good,
        "",
        r#"<table:table-row><table:table-cell office:value-type="string"><text:p>IAM-01.1</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>CSP-owned</text:p></table:table-cell></table:table-row><table:table-row table:number-rows-repeated="1048000"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>"#,
    );
    let (code, err, _) = capped(d.path(), "ccm", &good, &[]);
    assert_eq!(code, Some(0), "empty repeated rows are nothing: {err}");
    let rows = d.path().join("rows.ods");
    ods(
        &rows,
        "",
        r#"<table:table-row table:number-rows-repeated="1048000"><table:table-cell office:value-type="string"><text:p>IAM-01.1</text:p></table:table-cell></table:table-row>"#,
    );
    refused(d.path(), "ccm", &rows, &["below row 20000", "--max-rows"]);
    let wide = d.path().join("wide.ods");
    ods(
        &wide,
        "",
        r#"<table:table-row table:number-rows-repeated="19000"><table:table-cell table:number-columns-repeated="16000" office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row>"#,
    );
    refused(d.path(), "ccm", &wide, &["spans", "--max-cells"]);
    let spaces = d.path().join("spaces.ods");
    ods(
        &spaces,
        "",
        r#"<table:table-row table:number-rows-repeated="100"><table:table-cell table:number-columns-repeated="100"><text:p><text:s text:c="1000000"/></text:p></table:table-cell></table:table-row>"#,
    );
    refused(
        d.path(),
        "ccm",
        &spaces,
        &["bytes of text", "--max-expanded-bytes"],
    );
}

#[test]
fn legacy_and_binary_workbooks_are_refused_with_a_way_forward() {
    let d = tempfile::tempdir().unwrap();
    let xls = d.path().join("old.xls");
    let mut bytes = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    bytes.resize(4096, 0);
    std::fs::write(&xls, bytes).unwrap();
    refused(d.path(), "ccm", &xls, &[".xls", "save it as .xlsx"]);
    let xlsb = d.path().join("book.xlsb");
    zip_file(&xlsb, &[entry("xl/workbook.bin", "binary")]);
    refused(d.path(), "ccm", &xlsb, &[".xlsb", "save it as .xlsx"]);
}

#[test]
fn csv_and_oscal_are_bounded_by_what_they_hold() {
    let d = tempfile::tempdir().unwrap();
    let commas = d.path().join("commas.csv");
    std::fs::write(&commas, ",".repeat(30 << 20)).unwrap();
    refused(d.path(), "ccm", &commas, &["fields", "--max-cells"]);
    let numbers = d.path().join("numbers.json");
    let mut json = String::from(r#"{"system-security-plan": {"x": ["#);
    json.push_str(&"0,".repeat(2_000_000));
    json.push_str("0]}}");
    std::fs::write(&numbers, json).unwrap();
    refused(d.path(), "oscal", &numbers, &["JSON values", "--max-cells"]);
    let many = d.path().join("many.json");
    let reqs: Vec<String> = (0..20_001)
        .map(|i| format!(r#"{{"uuid": "u{i}", "control-id": "ac-{i}"}}"#))
        .collect();
    std::fs::write(
        &many,
        format!(
            r#"{{"system-security-plan": {{"metadata": {{"title": "t", "oscal-version": "1.1.2"}}, "control-implementation": {{"implemented-requirements": [{}]}}}}}}"#,
            reqs.join(",")
        ),
    )
    .unwrap();
    refused(
        d.path(),
        "oscal",
        &many,
        &["20001 implemented requirements", "--max-rows"],
    );
}

#[test]
fn nist_s_own_oscal_examples_import_or_are_refused_for_having_no_split() {
    // Real public documents (tests/import/nist/ORIGIN.md): the leveraged and leveraging SSPs
    // say who is responsible; the others describe an implementation without a split.
    let d = tempfile::tempdir().unwrap();
    let nist = std::path::absolute("tests/import/nist").unwrap();
    let mut imported = 0;
    for entry in std::fs::read_dir(&nist).unwrap() {
        let file = entry.unwrap().path();
        if file.extension().is_some_and(|e| e == "md") {
            continue;
        }
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        let (code, err, peak) = capped(d.path(), "oscal", &file, &["-o", &format!("{name}.yaml")]);
        assert!(peak <= MAX_PEAK_MIB, "{name}: peak {peak} MiB");
        if name.contains("leverag") {
            assert_eq!(code, Some(0), "{name}: {err}");
            let model = demarcate::load_file(&d.path().join(format!("{name}.yaml")));
            assert!(model.result.is_ok(), "{name}");
            imported += 1;
        } else {
            assert_eq!(code, Some(2), "{name}: {err}");
            assert!(err.contains("nothing to import"), "{name}: {err}");
        }
    }
    assert_eq!(imported, 3);
}

#[test]
fn a_zip_of_a_million_entries_is_refused_before_its_directory_is_read() {
    let d = tempfile::tempdir().unwrap();
    let file = d.path().join("entries.xlsx");
    let out = std::fs::File::create(&file).unwrap();
    let mut zip = zip::ZipWriter::new(out);
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for i in 0..200_000 {
        zip.start_file(format!("{i}"), stored).unwrap();
    }
    zip.finish().unwrap();
    refused(d.path(), "ccm", &file, &["zip entries, more than 10000"]);
}
