//! Tests of Markdown injection: markers, regions and the links they make.

use super::*;

#[test]
fn replaces_only_inside_markers() {
    let text = "# Title\n<!-- demarcate:begin matrix model=aws -->\nold\nstuff\n<!-- demarcate:end -->\ntail\n";
    let out = inject(text, |r| {
        assert_eq!(
            (r.kind.as_str(), r.params["model"].as_str(), r.line),
            ("matrix", "aws", 2)
        );
        Ok("| a |\n| - |\n".into())
    })
    .unwrap();
    assert_eq!(
        out,
        "# Title\n<!-- demarcate:begin matrix model=aws -->\n\n| a |\n| - |\n\n<!-- demarcate:end -->\ntail\n"
    );
    assert_eq!(
        inject(&out, |_| Ok("| a |\n| - |\n".into())).unwrap(),
        out,
        "injecting twice changes nothing"
    );
}

#[test]
fn unbalanced_markers_name_the_line() {
    let e = inject("a\n<!-- demarcate:begin split model=x -->\nb\n", |_| {
        Ok(String::new())
    })
    .unwrap_err();
    assert_eq!(e.pos.line, 2);
    let e = inject("a\n<!-- demarcate:end -->\n", |_| Ok(String::new())).unwrap_err();
    assert_eq!(e.pos.line, 2);
    let e = inject(
        "<!-- demarcate:begin a model=x -->\n<!-- demarcate:begin b model=x -->\n",
        |_| Ok(String::new()),
    )
    .unwrap_err();
    assert_eq!(e.pos.line, 2);
}

#[test]
fn markers_in_code_blocks_and_other_comments_are_text() {
    let text = "Use:\n\n```markdown\n<!-- demarcate:begin matrix model=aws -->\n<!-- demarcate:end -->\n```\n\n~~~~\n<!-- demarcate:begin split model=aws -->\n```\n~~~~\n\n    <!-- demarcate:begin quiz model=aws -->\n\n<!--\n<!-- demarcate:begin sources model=aws -->\n-->\n<!-- demarcate:begin image model=aws -->\n<!-- demarcate:end -->\n";
    let mut kinds = Vec::new();
    let out = inject(text, |r| {
        kinds.push(r.kind.clone());
        Ok("![x](y.svg)".into())
    })
    .unwrap();
    assert_eq!(kinds, vec!["image".to_string()]);
    assert!(out.starts_with(&text[..text.find("<!-- demarcate:begin image").unwrap()]));
}

#[test]
fn keeps_crlf_files_crlf() {
    let out = inject(
        "<!-- demarcate:begin split model=x -->\r\n<!-- demarcate:end -->\r\n",
        |_| Ok("x\ny".into()),
    )
    .unwrap();
    assert_eq!(
        out,
        "<!-- demarcate:begin split model=x -->\r\n\r\nx\r\ny\r\n\r\n<!-- demarcate:end -->\r\n"
    );
}

#[test]
fn a_picture_element_escapes_its_alt_text_and_encodes_its_urls() {
    let html = picture_element("a \"b\" <c> & d\ne", "out/a b.svg", "out/x,\"y\".svg");
    assert!(
        html.contains("alt=\"a &quot;b&quot; &lt;c&gt; &amp; d e\""),
        "{html}"
    );
    assert!(html.contains("srcset=\"out/x%2C%22y%22.svg\""), "{html}");
    assert!(html.contains("src=\"out/a%20b.svg\""), "{html}");
    // One HTML block: a blank line would end it in CommonMark.
    assert!(!html.contains("\n\n"));
}
