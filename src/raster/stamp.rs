//! The stamp a PNG carries: its [`key`](super::key) in a `tEXt` chunk, read back without
//! decoding the image.

/// The keyword of the text chunk that records a PNG's key.
const STAMP: &[u8] = b"demarcate";

/// Adds a `tEXt` chunk before `IEND` recording `key`, so that [`stamped_key`] can vouch for
/// the PNG without decoding it: every chunk's CRC guards its image data.
pub(super) fn stamp(png: Vec<u8>, key: &str) -> Vec<u8> {
    let text = format!("source={key}");
    let mut data = STAMP.to_vec();
    data.push(0);
    data.extend_from_slice(text.as_bytes());
    let iend = png.len() - 12;
    let mut out = png[..iend].to_vec();
    out.extend_from_slice(&(data.len() as u32).to_be_bytes());
    let mut crc = crc32fast::Hasher::new();
    crc.update(b"tEXt");
    crc.update(&data);
    out.extend_from_slice(b"tEXt");
    out.extend_from_slice(&data);
    out.extend_from_slice(&crc.finalize().to_be_bytes());
    out.extend_from_slice(&png[iend..]);
    out
}

/// The chunks of a PNG: (type, data). `None` when the bytes are not a well-formed PNG.
fn chunks(png: &[u8]) -> Option<Vec<(&[u8], &[u8])>> {
    let mut rest = png.strip_prefix(b"\x89PNG\r\n\x1a\n")?;
    let mut out = Vec::new();
    while !rest.is_empty() {
        let len = u32::from_be_bytes(rest.get(..4)?.try_into().ok()?) as usize;
        let kind = rest.get(4..8)?;
        let data = rest.get(8..8 + len)?;
        let crc = rest.get(8 + len..12 + len)?;
        let mut h = crc32fast::Hasher::new();
        h.update(kind);
        h.update(data);
        if h.finalize().to_be_bytes() != crc {
            return None;
        }
        out.push((kind, data));
        rest = &rest[12 + len..];
    }
    Some(out)
}

/// The key a PNG made by demarcate carries, when the file is a whole PNG whose every chunk's
/// CRC holds, so that its image data is the data written with the key (a damaged or truncated
/// file fails); `None` for any other file. Like any checksum, it guards against accidents,
/// not against an edit that recomputes the CRCs.
pub fn stamped_key(png: &[u8]) -> Option<String> {
    let chunks = chunks(png)?;
    if chunks.last().map(|(k, _)| *k) != Some(b"IEND".as_slice()) {
        return None;
    }
    let text = chunks
        .iter()
        .find(|(k, d)| *k == b"tEXt" && d.starts_with(STAMP) && d.get(STAMP.len()) == Some(&0))?
        .1;
    let text = std::str::from_utf8(&text[STAMP.len() + 1..]).ok()?;
    text.strip_prefix("source=").map(str::to_string)
}
