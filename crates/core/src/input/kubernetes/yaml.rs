//! The YAML reading under the Kubernetes reader: documents as trees of nodes that remember
//! where each scalar starts, block scalars mapped onto the lines of the text, and characters
//! that YAML readers read differently.

use yaml_rust2::parser::{Event, MarkedEventReceiver};
use yaml_rust2::scanner::{Marker, TScalarStyle};

use crate::diagnostic::{Diagnostic, Location};
use crate::model::Embedding;
use crate::rules;

/// Nesting depth at most.
pub(super) const MAX_DEPTH: usize = 64;

/// A YAML node with the position of its start.
#[derive(Debug, Clone)]
pub(crate) enum Node {
    Scalar {
        value: String,
        style: TScalarStyle,
        line: usize,
        col: usize,
    },
    Map(Vec<(Node, Node)>),
    Seq(Vec<Node>),
}

impl Node {
    pub(crate) fn get(&self, key: &str) -> Option<&Node> {
        match self {
            Node::Map(entries) => entries
                .iter()
                .find(|(k, _)| k.str() == Some(key))
                .map(|(_, v)| v),
            _ => None,
        }
    }

    pub(crate) fn path(&self, keys: &[&str]) -> Option<&Node> {
        keys.iter().try_fold(self, |n, k| n.get(k))
    }

    pub(crate) fn str(&self) -> Option<&str> {
        match self {
            Node::Scalar { value, .. } => Some(value),
            _ => None,
        }
    }

    pub(crate) fn seq(&self) -> &[Node] {
        match self {
            Node::Seq(items) => items,
            _ => &[],
        }
    }

    pub(crate) fn entries(&self) -> &[(Node, Node)] {
        match self {
            Node::Map(entries) => entries,
            _ => &[],
        }
    }
}

/// Builds documents from parser events.
#[derive(Default)]
pub(super) struct Builder {
    pub(super) docs: Vec<Node>,
    stack: Vec<(Node, Option<Node>)>,
    pub(super) too_deep: bool,
}

impl Builder {
    fn push_value(&mut self, node: Node) {
        match self.stack.last_mut() {
            None => self.docs.push(node),
            Some((Node::Seq(items), _)) => items.push(node),
            Some((Node::Map(entries), pending)) => match pending.take() {
                None => *pending = Some(node),
                Some(key) => entries.push((key, node)),
            },
            Some((Node::Scalar { .. }, _)) => {}
        }
    }
}

impl MarkedEventReceiver for Builder {
    fn on_event(&mut self, ev: Event, mark: Marker) {
        match ev {
            Event::Scalar(value, style, _, _) => self.push_value(Node::Scalar {
                value,
                style,
                line: mark.line(),
                col: mark.col(),
            }),
            Event::SequenceStart(..) | Event::MappingStart(..) => {
                if self.stack.len() >= MAX_DEPTH {
                    self.too_deep = true;
                }
                let node = if matches!(ev, Event::SequenceStart(..)) {
                    Node::Seq(Vec::new())
                } else {
                    Node::Map(Vec::new())
                };
                self.stack.push((node, None));
            }
            Event::SequenceEnd | Event::MappingEnd => {
                if let Some((node, _)) = self.stack.pop() {
                    self.push_value(node);
                }
            }
            // Aliases are not followed: a ConfigMap never needs them, and they can blow up.
            Event::Alias(_) => self.push_value(Node::Scalar {
                value: String::new(),
                style: TScalarStyle::Plain,
                line: mark.line(),
                col: mark.col(),
            }),
            _ => {}
        }
    }
}

/// The documents of a YAML text, or why they cannot be read: a syntax error (with the
/// position), or nesting deeper than [`MAX_DEPTH`] or more than `max_documents` documents.
pub(crate) fn documents(
    text: &str,
    display: &str,
    max_documents: usize,
) -> Result<Vec<Node>, Box<Diagnostic>> {
    let mut builder = Builder::default();
    let mut parser = yaml_rust2::parser::Parser::new_from_str(text);
    if let Err(e) = parser.load(&mut builder, true) {
        let m = e.marker();
        return Err(Box::new(
            Diagnostic::new(
                &rules::MALFORMED_FILE,
                format!("invalid YAML: {}", e.info()),
            )
            .at(Location {
                file: Some(display.to_owned()),
                line: m.line(),
                column: m.col() + 1,
                ..Location::default()
            })
            .help("fix the YAML syntax at this position"),
        ));
    }
    if builder.too_deep || builder.docs.len() > max_documents {
        return Err(Box::new(Diagnostic::new(
            &rules::MALFORMED_FILE,
            format!("the YAML is nested deeper than {MAX_DEPTH} levels or has more than {max_documents} documents"),
        )
        .at(Location {
            file: Some(display.to_owned()),
            ..Location::default()
        })
        .help("check the YAML in parts")));
    }
    Ok(builder.docs)
}

/// Byte offsets where each line of `text` starts.
pub(crate) fn line_starts(text: &str) -> Vec<usize> {
    std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect()
}

/// Maps a block scalar's content onto the lines of the YAML text, when it can be done exactly.
/// `first_line` is where the parser marks a block scalar: its first content line (1-based).
pub(crate) fn block_origin(
    yaml: &str,
    starts: &[usize],
    first_line: usize,
    content: &str,
    key_line: usize,
    key_col: usize,
) -> Embedding {
    let fallback = Embedding::Key {
        line: key_line,
        column: key_col,
    };
    let lines: Vec<&str> = content.split('\n').collect();
    let first_yaml_line = first_line;
    let mut indent = None;
    let mut offsets = Vec::with_capacity(lines.len());
    for (i, text) in lines.iter().enumerate() {
        let yl = first_yaml_line + i;
        let Some(&start) = starts.get(yl - 1) else {
            if text.is_empty() {
                break;
            }
            return fallback;
        };
        let end = starts.get(yl).map_or(yaml.len(), |e| e - 1);
        let line = &yaml[start..end.max(start)];
        let line = line.strip_suffix('\r').unwrap_or(line);
        if text.is_empty() {
            offsets.push(start + line.len().min(indent.unwrap_or(0)));
            continue;
        }
        let ind = *indent.get_or_insert_with(|| line.len() - line.trim_start_matches(' ').len());
        if line.len() < ind || &line[ind..] != *text {
            return fallback;
        }
        offsets.push(start + ind);
    }
    Embedding::Block {
        line: first_yaml_line,
        indent: indent.unwrap_or(0),
        starts: offsets,
    }
}

/// Lines with unportable characters reported at most; the last report counts the rest.
const MAX_CHARACTER_REPORTS: usize = 20;

/// Characters that YAML readers read differently or refuse, one report per line: a raw line or
/// paragraph separator (U+2028, U+2029) or next-line character (U+0085) is a line break to a
/// YAML 1.1 reader (`PyYAML`, the go-yaml of older kubectl) and text to a YAML 1.2 reader, so the
/// two read different documents; a raw control character, a byte-order mark inside the text
/// or a non-character is refused by YAML readers.
pub(super) fn unportable_characters(yaml: &str, display: &str) -> Vec<Diagnostic> {
    let mut found: Vec<(usize, usize, char)> = Vec::new();
    let mut total = 0;
    let (mut line, mut line_start, mut last_line) = (1, 0, 0);
    for (i, c) in yaml.char_indices() {
        match c {
            '\n' => {
                line += 1;
                line_start = i + 1;
                continue;
            }
            '\t' | '\r' => continue,
            '\u{feff}' if i == 0 => continue,
            '\u{2028}' | '\u{2029}' | '\u{85}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}' => {}
            c if c.is_control() => {}
            _ => continue,
        }
        if line != last_line {
            last_line = line;
            total += 1;
            if found.len() < MAX_CHARACTER_REPORTS {
                let column = yaml[line_start..i].chars().count() + 1;
                found.push((line, column, c));
            }
        }
    }
    let more = total - found.len();
    let count = found.len();
    found
        .into_iter()
        .enumerate()
        .map(|(n, (line, column, c))| {
            let code = u32::from(c);
            let (message, help) = if matches!(c, '\u{2028}' | '\u{2029}' | '\u{85}') {
                let name = match c {
                    '\u{2028}' => "line separator",
                    '\u{2029}' => "paragraph separator",
                    _ => "next-line character",
                };
                (
                    format!("raw U+{code:04X} ({name}): a YAML 1.1 reader (PyYAML, the go-yaml of older kubectl) reads it as a line break, a YAML 1.2 reader as part of the text, so the two read different documents"),
                    format!("write the scalar double-quoted with the character escaped, `\\u{code:04X}`, or remove it"),
                )
            } else {
                (
                    format!("raw U+{code:04X}, a non-printable character: YAML readers refuse it (PyYAML: \"unacceptable character\")"),
                    format!("write the scalar double-quoted with the character escaped, `\\u{code:04X}`, or remove it"),
                )
            };
            let message = if n + 1 == count && more > 0 {
                format!("{message} (and {more} more lines like it)")
            } else {
                message
            };
            Diagnostic::new(&rules::MALFORMED_FILE, message)
                .at(Location {
                    file: Some(display.to_owned()),
                    line,
                    column,
                    ..Location::default()
                })
                .help(help)
        })
        .collect()
}
