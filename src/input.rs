//! Read: the documents of the inputs a user names, streamed one at a time.
//!
//! An input is a `.txt` file (one document, its id the file stem), a `.jsonl` file
//! (one `{"id", "text"}` object per line), a folder (its `.txt` and `.jsonl` files,
//! recursively, in sorted order) or `-` for standard input (one plain-text document
//! with id `stdin`, or JSONL lines with `--format jsonl`). Problems (a missing path,
//! an empty or non-UTF-8 file, a malformed line) come out as [`Item::Error`] naming the
//! file and line, and reading goes on with the next document.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use serde::Deserialize;

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

/// An iterator over the documents of every input, in order.
pub struct Documents {
    pending: std::vec::IntoIter<Source>,
    current: Option<Lines>,
    format: Format,
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
        Documents {
            pending: sources.into_iter(),
            current: None,
            format,
        }
    }
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            walk(&path, out)?;
        } else if matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("txt" | "jsonl" | "ndjson")
        ) {
            out.push(path);
        }
    }
    Ok(())
}

fn is_jsonl(path: &Path, format: Format) -> bool {
    match format {
        Format::Auto => matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("jsonl" | "ndjson")
        ),
        Format::Text => false,
        Format::Jsonl => true,
    }
}

#[derive(Deserialize)]
struct JsonDoc {
    id: Option<serde_json::Value>,
    text: Option<serde_json::Value>,
}

impl Iterator for Documents {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        loop {
            if let Some(lines) = &mut self.current {
                match next_line(lines) {
                    Some(item) => return Some(item),
                    None => self.current = None,
                }
            }
            match self.pending.next()? {
                Source::Missing(origin, message) => return Some(Item::Error { origin, message }),
                Source::Stdin => {
                    if self.format == Format::Jsonl {
                        self.current = Some(Lines {
                            origin: "<stdin>".into(),
                            reader: Box::new(BufReader::new(io::stdin())),
                            line: 0,
                        });
                    } else {
                        let mut bytes = Vec::new();
                        if let Err(e) = io::stdin().read_to_end(&mut bytes) {
                            return Some(Item::Error {
                                origin: "<stdin>".into(),
                                message: format!("cannot read: {e}"),
                            });
                        }
                        return Some(whole_text("<stdin>", "stdin".into(), bytes));
                    }
                }
                Source::Path(path) => {
                    let origin = path.display().to_string();
                    if is_jsonl(&path, self.format) {
                        match File::open(&path) {
                            Ok(f) => {
                                self.current = Some(Lines {
                                    origin,
                                    reader: Box::new(BufReader::with_capacity(1 << 16, f)),
                                    line: 0,
                                })
                            }
                            Err(e) => {
                                return Some(Item::Error {
                                    origin,
                                    message: format!("cannot open: {e}"),
                                })
                            }
                        }
                    } else {
                        let id = path
                            .file_stem()
                            .map(|s| s.to_string_lossy().into_owned())
                            .unwrap_or_default();
                        return Some(match std::fs::read(&path) {
                            Ok(bytes) => whole_text(&origin, id, bytes),
                            Err(e) => Item::Error {
                                origin,
                                message: format!("cannot read: {e}"),
                            },
                        });
                    }
                }
            }
        }
    }
}

/// A plain-text document, or why it cannot be one.
fn whole_text(origin: &str, id: String, bytes: Vec<u8>) -> Item {
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

/// The next document of a JSONL stream; blank lines are skipped.
fn next_line(lines: &mut Lines) -> Option<Item> {
    let mut buf = Vec::new();
    loop {
        buf.clear();
        lines.line += 1;
        let origin = format!("{}:{}", lines.origin, lines.line);
        match lines.reader.read_until(b'\n', &mut buf) {
            Ok(0) => return None,
            Ok(_) => {}
            Err(e) => {
                return Some(Item::Error {
                    origin,
                    message: format!("cannot read: {e}"),
                })
            }
        }
        let line = match std::str::from_utf8(&buf) {
            Ok(l) => l.trim(),
            Err(e) => {
                return Some(Item::Error {
                    origin,
                    message: format!(
                        "not valid UTF-8 (invalid byte at column {})",
                        e.valid_up_to() + 1
                    ),
                })
            }
        };
        if line.is_empty() {
            continue;
        }
        return Some(parse_json_doc(line, origin, lines.line));
    }
}

fn parse_json_doc(line: &str, origin: String, line_no: usize) -> Item {
    let doc: JsonDoc = match serde_json::from_str(line) {
        Ok(d) => d,
        Err(e) => {
            return Item::Error {
                origin,
                message: format!("malformed JSON: {e}"),
            }
        }
    };
    let text = match doc.text {
        Some(serde_json::Value::String(t)) => t,
        Some(_) => {
            return Item::Error {
                origin,
                message: "`text` is not a string".into(),
            }
        }
        None => {
            return Item::Error {
                origin,
                message: "no `text` field".into(),
            }
        }
    };
    let id = match doc.id {
        Some(serde_json::Value::String(s)) => s,
        Some(serde_json::Value::Number(n)) => n.to_string(),
        None => line_no.to_string(),
        Some(_) => {
            return Item::Error {
                origin,
                message: "`id` is neither a string nor a number".into(),
            }
        }
    };
    Item::Doc { id, text }
}
