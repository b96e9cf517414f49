//! Read: the documents of the inputs a user names, streamed one at a time.
//!
//! An input is a `.txt` file (one document, its id the file stem), a `.jsonl` file
//! (one `{"id", "text"}` object per line), either of them compressed (`.gz` or `.zst`
//! after the extension, decompressed as a stream), a folder (those files, recursively,
//! in sorted order) or `-` for standard input (one plain-text document with id `stdin`,
//! or JSONL lines with `--format jsonl`). A JSONL input may name its text and id fields
//! and ask for other fields to be kept ([`JsonFields`]). Problems (a missing path, an
//! empty or non-UTF-8 file, a malformed line, a corrupt archive) come out as
//! [`Item::Error`] naming the file and line, and reading goes on with the next document.
//!
//! Reading is linear in the input: a JSONL line is read once and parsed once, and only
//! the fields asked for are kept (the others are skipped, not built).

use std::fmt;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde_json::Value;

/// How to read a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// By extension: `.jsonl`/`.ndjson` are JSONL, everything else plain text.
    Auto,
    Text,
    Jsonl,
}

/// One document, or the reason one could not be read.
#[derive(Debug)]
pub enum Item {
    Doc { id: String, text: String },
    Error { origin: String, message: String },
}

/// The fields kept from a JSONL line, in the order asked for (`null` when absent).
pub type Fields = Vec<(String, Value)>;

/// Which fields of a JSONL object hold the text and the id, and which to keep.
#[derive(Debug, Clone)]
pub struct JsonFields {
    pub text: String,
    pub id: String,
    pub keep: Vec<String>,
}

impl Default for JsonFields {
    fn default() -> Self {
        JsonFields {
            text: "text".into(),
            id: "id".into(),
            keep: Vec::new(),
        }
    }
}

/// An iterator over the documents of every input, in order.
pub struct Documents {
    pending: std::vec::IntoIter<Source>,
    current: Option<Lines>,
    format: Format,
    fields: JsonFields,
    total_bytes: Option<u64>,
    read: Arc<AtomicU64>,
}

enum Source {
    Path(PathBuf),
    Stdin,
    Missing(String, String),
}

struct Lines {
    origin: String,
    reader: Box<dyn BufRead>,
    line: usize,
}

/// How a file is compressed, by its last extension.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Compression {
    None,
    Gzip,
    Zstd,
}

/// The compression of `path` and its name without the compression extension.
fn compression(path: &Path) -> (Compression, &Path) {
    let stem = || path.file_stem().map(Path::new).unwrap_or(path);
    match path.extension().and_then(|e| e.to_str()) {
        Some("gz") => (Compression::Gzip, stem()),
        Some("zst" | "zstd") => (Compression::Zstd, stem()),
        _ => (Compression::None, path),
    }
}

/// The extension that says what a file holds, under any compression extension.
fn content_extension(path: &Path) -> Option<&str> {
    compression(path).1.extension().and_then(|e| e.to_str())
}

impl Documents {
    /// Expands folders (sorted, recursively) and queues every input.
    pub fn new(inputs: &[PathBuf], format: Format) -> Documents {
        let mut sources = Vec::new();
        for input in inputs {
            if input.as_os_str() == "-" {
                sources.push(Source::Stdin);
            } else if input.is_dir() {
                let mut files = Vec::new();
                if let Err(e) = walk(input, &mut files) {
                    sources.push(Source::Missing(
                        input.display().to_string(),
                        format!("cannot read folder: {e}"),
                    ));
                }
                files.sort();
                sources.extend(files.into_iter().map(Source::Path));
            } else if input.exists() {
                sources.push(Source::Path(input.clone()));
            } else {
                sources.push(Source::Missing(
                    input.display().to_string(),
                    "no such file or folder".into(),
                ));
            }
        }
        let total_bytes = sources
            .iter()
            .map(|s| match s {
                Source::Path(p) => std::fs::metadata(p).ok().map(|m| m.len()),
                Source::Stdin => None,
                Source::Missing(..) => Some(0),
            })
            .sum();
        Documents {
            pending: sources.into_iter(),
            current: None,
            format,
            fields: JsonFields::default(),
            total_bytes,
            read: Arc::new(AtomicU64::new(0)),
        }
    }

    /// Reads JSONL objects with these field names.
    pub fn json_fields(mut self, fields: JsonFields) -> Documents {
        self.fields = fields;
        self
    }

    /// The size of every input file together (compressed as stored), if known: not
    /// when standard input is one of the inputs.
    pub fn total_bytes(&self) -> Option<u64> {
        self.total_bytes
    }

    /// Bytes of the input files read so far (compressed as stored), to set against
    /// [`Documents::total_bytes`].
    pub fn bytes_read(&self) -> u64 {
        self.read.load(Ordering::Relaxed)
    }

    /// The next document with the fields kept from its JSONL line (none for a text file
    /// or when no field is to be kept).
    pub fn next_with_fields(&mut self) -> Option<(Item, Fields)> {
        loop {
            if let Some(lines) = &mut self.current {
                match next_line(lines, &self.fields) {
                    Some((item, end)) => {
                        if end {
                            self.current = None;
                        }
                        return Some(item);
                    }
                    None => self.current = None,
                }
            }
            match self.pending.next()? {
                Source::Missing(origin, message) => {
                    return Some((Item::Error { origin, message }, Vec::new()))
                }
                Source::Stdin => {
                    let stdin = Counting {
                        inner: io::stdin(),
                        read: self.read.clone(),
                    };
                    if self.format == Format::Jsonl {
                        self.current = Some(Lines {
                            origin: "<stdin>".into(),
                            reader: Box::new(BufReader::with_capacity(1 << 16, stdin)),
                            line: 0,
                        });
                    } else {
                        let item = read_whole("<stdin>", "stdin".into(), stdin);
                        return Some((item, self.absent_fields()));
                    }
                }
                Source::Path(path) => {
                    let origin = path.display().to_string();
                    let reader = match self.open(&path) {
                        Ok(r) => r,
                        Err(e) => {
                            let message = format!("cannot open: {e}");
                            return Some((Item::Error { origin, message }, Vec::new()));
                        }
                    };
                    if self.is_jsonl(&path) {
                        self.current = Some(Lines {
                            origin,
                            reader: Box::new(BufReader::with_capacity(1 << 16, reader)),
                            line: 0,
                        });
                    } else {
                        let id = compression(&path)
                            .1
                            .file_stem()
                            .map(|s| s.to_string_lossy().into_owned())
                            .unwrap_or_default();
                        let item = read_whole(&origin, id, reader);
                        return Some((item, self.absent_fields()));
                    }
                }
            }
        }
    }

    /// The kept fields of a plain-text document: all `null`.
    fn absent_fields(&self) -> Fields {
        let null = |k: &String| (k.clone(), Value::Null);
        self.fields.keep.iter().map(null).collect()
    }

    /// The file at `path`, decompressed if its name says it is compressed.
    fn open(&self, path: &Path) -> io::Result<Box<dyn Read>> {
        let file = Counting {
            inner: File::open(path)?,
            read: self.read.clone(),
        };
        Ok(match compression(path).0 {
            Compression::None => Box::new(file),
            Compression::Gzip => Box::new(flate2::read::MultiGzDecoder::new(file)),
            Compression::Zstd => Box::new(zstd::stream::read::Decoder::new(file)?),
        })
    }

    fn is_jsonl(&self, path: &Path) -> bool {
        match self.format {
            Format::Auto => matches!(content_extension(path), Some("jsonl" | "ndjson")),
            Format::Text => false,
            Format::Jsonl => true,
        }
    }
}

/// A reader that adds up the bytes it reads, for the progress bar.
struct Counting<R> {
    inner: R,
    read: Arc<AtomicU64>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            walk(&path, out)?;
        } else if matches!(content_extension(&path), Some("txt" | "jsonl" | "ndjson")) {
            out.push(path);
        }
    }
    Ok(())
}

impl Iterator for Documents {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        self.next_with_fields().map(|(item, _)| item)
    }
}

/// A whole plain-text document, or why it cannot be one.
fn read_whole(origin: &str, id: String, mut reader: impl Read) -> Item {
    let mut bytes = Vec::new();
    if let Err(e) = reader.read_to_end(&mut bytes) {
        return Item::Error {
            origin: origin.into(),
            message: format!("cannot read: {e}"),
        };
    }
    match String::from_utf8(bytes) {
        Ok(text) if text.trim().is_empty() => Item::Error {
            origin: origin.into(),
            message: "empty document".into(),
        },
        Ok(text) => Item::Doc { id, text },
        Err(e) => Item::Error {
            origin: origin.into(),
            message: format!(
                "not valid UTF-8 (invalid byte at offset {})",
                e.utf8_error().valid_up_to()
            ),
        },
    }
}

/// The next document of a JSONL stream (blank lines are skipped), and whether the
/// stream ends there: after a read error (a truncated archive, say) nothing more of it
/// can be trusted.
fn next_line(lines: &mut Lines, fields: &JsonFields) -> Option<((Item, Fields), bool)> {
    let mut buf = Vec::new();
    loop {
        buf.clear();
        lines.line += 1;
        let origin = || format!("{}:{}", lines.origin, lines.line);
        match lines.reader.read_until(b'\n', &mut buf) {
            Ok(0) => return None,
            Ok(_) => {}
            Err(e) => {
                let message = format!("cannot read: {e}");
                let origin = origin();
                return Some(((Item::Error { origin, message }, Vec::new()), true));
            }
        }
        let line = match std::str::from_utf8(&buf) {
            Ok(l) => l.trim(),
            Err(e) => {
                let message = format!(
                    "not valid UTF-8 (invalid byte at column {})",
                    e.valid_up_to() + 1
                );
                let origin = origin();
                return Some(((Item::Error { origin, message }, Vec::new()), false));
            }
        };
        if line.is_empty() {
            continue;
        }
        let parsed = parse_json_doc(line, fields, lines.line).map_err(|message| Item::Error {
            origin: origin(),
            message,
        });
        return Some((
            match parsed {
                Ok((id, text, kept)) => (Item::Doc { id, text }, kept),
                Err(error) => (error, Vec::new()),
            },
            false,
        ));
    }
}

/// The wanted fields of one JSONL object, the others skipped unbuilt.
struct Wanted<'a> {
    fields: &'a JsonFields,
}

#[derive(Default)]
struct Found {
    text: Option<Value>,
    id: Option<Value>,
    kept: Vec<Option<Value>>,
}

impl<'de> DeserializeSeed<'de> for Wanted<'_> {
    type Value = Found;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Found, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Wanted<'_> {
    type Value = Found;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Found, A::Error> {
        let mut found = Found {
            kept: vec![None; self.fields.keep.len()],
            ..Found::default()
        };
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            let keep = self.fields.keep.iter().position(|k| *k == key);
            let is_text = key == self.fields.text;
            let is_id = key == self.fields.id;
            if !(is_text || is_id || keep.is_some()) {
                map.next_value::<IgnoredAny>()?;
                continue;
            }
            let value: Value = map.next_value()?;
            if let Some(i) = keep {
                found.kept[i] = Some(value.clone());
            }
            if is_id {
                found.id = Some(value.clone());
            }
            if is_text {
                found.text = Some(value);
            }
        }
        Ok(found)
    }
}

/// The id, text and kept fields of one JSONL line, or why it has none.
fn parse_json_doc(
    line: &str,
    fields: &JsonFields,
    line_no: usize,
) -> Result<(String, String, Fields), String> {
    let mut de = serde_json::Deserializer::from_str(line);
    let found = Wanted { fields }
        .deserialize(&mut de)
        .and_then(|found| de.end().map(|()| found))
        .map_err(|e: serde_json::Error| format!("malformed JSON: {e}"))?;
    let text = match found.text {
        Some(Value::String(t)) => t,
        Some(_) => return Err(format!("`{}` is not a string", fields.text)),
        None => return Err(format!("no `{}` field", fields.text)),
    };
    let id = match found.id {
        Some(Value::String(s)) => s,
        Some(Value::Number(n)) => n.to_string(),
        None => line_no.to_string(),
        Some(_) => return Err(format!("`{}` is neither a string nor a number", fields.id)),
    };
    let kept = fields
        .keep
        .iter()
        .cloned()
        .zip(found.kept.into_iter().map(|v| v.unwrap_or(Value::Null)))
        .collect();
    Ok((id, text, kept))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_wanted_fields_are_kept_in_the_order_asked() {
        let fields = JsonFields {
            text: "body".into(),
            id: "url".into(),
            keep: vec!["date".into(), "url".into(), "absent".into()],
        };
        let line = r#"{"url": "u/1", "skip": {"deep": [1, 2]}, "body": "Hi.", "date": "2024"}"#;
        let (id, text, kept) = parse_json_doc(line, &fields, 7).unwrap();
        assert_eq!((id.as_str(), text.as_str()), ("u/1", "Hi."));
        assert_eq!(
            kept,
            [
                ("date".to_string(), Value::from("2024")),
                ("url".to_string(), Value::from("u/1")),
                ("absent".to_string(), Value::Null),
            ]
        );
    }

    #[test]
    fn a_line_that_is_not_one_object_is_malformed() {
        let fields = JsonFields::default();
        for line in [r#"[1, 2]"#, r#""text""#, r#"{"text": "a"} {"text": "b"}"#] {
            let err = parse_json_doc(line, &fields, 1).unwrap_err();
            assert!(err.starts_with("malformed JSON"), "{line}: {err}");
        }
        assert_eq!(
            parse_json_doc(r#"{"text": "a"}"#, &fields, 3).unwrap().0,
            "3"
        );
    }

    #[test]
    fn compression_is_read_from_the_last_extension() {
        let (c, inner) = compression(Path::new("a/b.jsonl.gz"));
        assert!(c == Compression::Gzip && inner == Path::new("b.jsonl"));
        assert_eq!(content_extension(Path::new("x.txt.zst")), Some("txt"));
        assert_eq!(content_extension(Path::new("x.jsonl")), Some("jsonl"));
    }
}
