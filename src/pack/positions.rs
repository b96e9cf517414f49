//! Where each YAML node of a pack file lies, found with a position-keeping parser.
//!
//! serde_yaml gives typed values but no positions for them, so every pack file is also
//! read with `saphyr-parser`, and the byte range of each node is recorded under its
//! path (`rules/3/pattern`). The loader and the compiler look a path up to point a
//! diagnostic at the exact text the user wrote.

use std::collections::HashMap;

use saphyr_parser::{Event, Parser, ScalarStyle};

/// The position of one YAML node.
#[derive(Debug, Clone, Copy)]
pub struct NodeSpan {
    pub start: usize,
    pub end: usize,
    /// For a scalar written on a single line without escapes, the byte offset in the
    /// file of the scalar's first character of content, so an offset inside the value
    /// maps to an exact column.
    pub content_start: Option<usize>,
}

/// Node positions of one YAML file, by path.
#[derive(Debug, Default)]
pub struct PositionIndex {
    spans: HashMap<String, NodeSpan>,
}

enum Frame {
    Map { key: Option<String>, prefix: String },
    Seq { index: usize, prefix: String },
}

impl PositionIndex {
    /// Indexes `text`. A syntax error leaves the index partial; serde_yaml reports it.
    pub fn build(text: &str) -> PositionIndex {
        let char_to_byte = CharToByte::new(text);
        let mut spans = HashMap::new();
        let mut stack: Vec<Frame> = Vec::new();
        for item in Parser::new_from_str(text) {
            let Ok((event, span)) = item else { break };
            let start = char_to_byte.byte(span.start.index());
            let end = char_to_byte.byte(span.end.index());
            // A scalar that is a mapping key names the next value; it has no path of its own.
            if let (Event::Scalar(value, ..), Some(Frame::Map { key, .. })) =
                (&event, stack.last_mut())
            {
                if key.is_none() {
                    *key = Some(value.to_string());
                    continue;
                }
            }
            let path = match stack.last_mut() {
                Some(Frame::Map { key, prefix }) => key.take().map(|k| join(prefix, &k)),
                Some(Frame::Seq { index, prefix }) => {
                    let p = join(prefix, &index.to_string());
                    *index += 1;
                    Some(p)
                }
                None => Some(String::new()),
            };
            match event {
                Event::Scalar(value, style, ..) => {
                    if let Some(p) = path {
                        let content_start =
                            single_line_content_start(text, start, end, &value, style);
                        spans.insert(
                            p,
                            NodeSpan {
                                start,
                                end,
                                content_start,
                            },
                        );
                    }
                }
                Event::MappingStart(..) => {
                    let p = path.unwrap_or_default();
                    spans.insert(
                        p.clone(),
                        NodeSpan {
                            start,
                            end: start,
                            content_start: None,
                        },
                    );
                    stack.push(Frame::Map {
                        key: None,
                        prefix: p,
                    });
                }
                Event::SequenceStart(..) => {
                    let p = path.unwrap_or_default();
                    spans.insert(
                        p.clone(),
                        NodeSpan {
                            start,
                            end: start,
                            content_start: None,
                        },
                    );
                    stack.push(Frame::Seq {
                        index: 0,
                        prefix: p,
                    });
                }
                Event::MappingEnd | Event::SequenceEnd => {
                    stack.pop();
                }
                _ => {}
            }
        }
        PositionIndex { spans }
    }

    /// The span of the node at `path`, or of its nearest ancestor that has one.
    pub fn find(&self, path: &str) -> Option<NodeSpan> {
        let mut p = path;
        loop {
            if let Some(s) = self.spans.get(p) {
                return Some(*s);
            }
            match p.rfind('/') {
                Some(i) => p = &p[..i],
                None => return self.spans.get("").copied(),
            }
        }
    }

    /// The exact byte range in the file of bytes `range` of the scalar at `path`,
    /// when the scalar maps one-to-one onto the file (single line, no escapes).
    pub fn find_inside(
        &self,
        path: &str,
        range: std::ops::Range<usize>,
    ) -> Option<std::ops::Range<usize>> {
        let span = self.spans.get(path)?;
        let base = span.content_start?;
        Some(base + range.start..base + range.end)
    }
}

fn join(prefix: &str, key: &str) -> String {
    if prefix.is_empty() {
        key.to_string()
    } else {
        format!("{prefix}/{key}")
    }
}

/// Where a one-line scalar's content starts in the file, if the file holds the value
/// verbatim there (plain scalars, and quoted ones without escapes).
fn single_line_content_start(
    text: &str,
    start: usize,
    end: usize,
    value: &str,
    style: ScalarStyle,
) -> Option<usize> {
    let raw = text.get(start..end.min(text.len()))?;
    if raw.contains('\n') {
        return None;
    }
    let offset = match style {
        ScalarStyle::Plain => 0,
        ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted => {
            // saphyr's span may or may not include the opening quote; find the value.
            usize::from(raw.starts_with('\'') || raw.starts_with('"'))
        }
        _ => return None,
    };
    let body = &raw[offset..];
    if body.starts_with(value) {
        Some(start + offset)
    } else {
        None
    }
}

/// Converts saphyr's character indices to byte offsets.
struct CharToByte {
    bytes: Vec<usize>,
    len: usize,
}

impl CharToByte {
    fn new(text: &str) -> Self {
        CharToByte {
            bytes: text.char_indices().map(|(b, _)| b).collect(),
            len: text.len(),
        }
    }
    fn byte(&self, ch: usize) -> usize {
        self.bytes.get(ch).copied().unwrap_or(self.len)
    }
}
