//! A positioned YAML tree, built from yaml-rust2's marked events.
//!
//! Scalars are resolved the way `kubectl` sees them: sigs.k8s.io/yaml parses with go-yaml v2
//! (YAML 1.1 booleans `yes`/`no`/`on`/`off`, Go `ParseInt(s, 0, 64)` integers, `~`/`null` nulls)
//! and converts the result to JSON, so quoted scalars stay strings and map keys become strings.
//! Positions are 1-based lines and columns (yaml-rust2's marker line is 1-based, its column 0-based).

use super::field::go_quote;
use std::collections::HashMap;

use yaml_rust2::parser::{Event, Parser, Tag};
use yaml_rust2::scanner::{Marker, TScalarStyle};

/// Deeper nesting than this is refused (keeps every later recursive walk bounded).
pub(crate) const MAX_DEPTH: usize = 64;
/// Alias expansion may not make a stream hold more nodes than this ("billion laughs").
const MAX_NODES: usize = 250_000;
/// The bytes aliases may copy into one stream: a few nodes can each repeat a long string (a
/// 22 KB "billion laughs" of 20 000-character strings would otherwise take gigabytes).
const MAX_ALIAS_BYTES: usize = 8 << 20;
/// Deepest tree (aliases included) any later recursive walk may meet.
pub(crate) const MAX_TREE_DEPTH: usize = 2 * MAX_DEPTH;

#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Value {
    Null,
    Bool(bool),
    Int(i64),
    UInt(u64),
    Float(f64),
    Str(String),
    Seq(Vec<Node>),
    Map(Vec<Entry>),
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Node {
    pub value: Value,
    pub line: usize,
    pub col: usize,
    /// The scalar as written (empty for collections).
    pub raw: String,
    /// 1 for scalars; aliases cannot make a tree deeper than `MAX_TREE_DEPTH`.
    pub depth: usize,
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Entry {
    pub key: String,
    pub key_line: usize,
    pub key_col: usize,
    pub value: Node,
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) struct YamlError {
    pub line: usize,
    pub col: usize,
    pub message: String,
}

#[derive(Debug)]
pub(crate) struct Document {
    pub root: Option<Node>,
    /// Bad keys: the document is not decoded when there are any.
    pub errors: Vec<YamlError>,
    /// Keys given twice in one mapping: (line, column, key, line of the earlier one). The last
    /// one wins, as in kubectl, which converts YAML to JSON without complaint
    /// (sigs.k8s.io/yaml YAMLToJSON; kubernetes#125885), so the earlier value is dropped.
    pub duplicates: Vec<(usize, usize, String, usize)>,
}

#[derive(Debug, Default)]
pub(crate) struct Stream {
    pub docs: Vec<Document>,
    /// A syntax error (or a limit) stops the whole stream, as it stops kubectl.
    pub fatal: Option<YamlError>,
}

impl Node {
    pub fn type_name(&self) -> &'static str {
        match self.value {
            Value::Null => "null",
            Value::Bool(_) => "bool",
            Value::Int(_) | Value::UInt(_) | Value::Float(_) => "number",
            Value::Str(_) => "string",
            Value::Seq(_) => "array",
            Value::Map(_) => "object",
        }
    }

    pub fn is_null(&self) -> bool {
        matches!(self.value, Value::Null)
    }

    /// The JSON the node stands for, as sigs.k8s.io/yaml would hand it to the API server.
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::Value as J;
        match &self.value {
            Value::Null => J::Null,
            Value::Bool(b) => J::Bool(*b),
            Value::Int(i) => J::from(*i),
            Value::UInt(u) => J::from(*u),
            Value::Float(f) => {
                if f.fract() == 0.0 && f.abs() < 9.0e15 {
                    J::from(*f as i64)
                } else {
                    serde_json::Number::from_f64(*f)
                        .map(J::Number)
                        .unwrap_or(J::Null)
                }
            }
            Value::Str(s) => J::String(s.clone()),
            Value::Seq(items) => J::Array(items.iter().map(Node::to_json).collect()),
            Value::Map(entries) => J::Object(
                entries
                    .iter()
                    .map(|e| (e.key.clone(), e.value.to_json()))
                    .collect(),
            ),
        }
    }

    fn count(&self) -> usize {
        1 + match &self.value {
            Value::Seq(items) => items.iter().map(Node::count).sum(),
            Value::Map(entries) => entries.iter().map(|e| e.value.count()).sum(),
            _ => 0,
        }
    }

    /// The text a copy of this node holds (its scalars and keys, as written and as read).
    fn bytes(&self) -> usize {
        let own = self.raw.len()
            + match &self.value {
                Value::Str(s) => s.len(),
                _ => 0,
            };
        own + match &self.value {
            Value::Seq(items) => items.iter().map(Node::bytes).sum(),
            Value::Map(entries) => entries.iter().map(|e| e.key.len() + e.value.bytes()).sum(),
            _ => 0,
        }
    }
}

/// libyaml's reader (reader.c, as go-yaml ports it): a stream may hold only YAML's printable
/// characters (tab, line breaks, and no other C0/C1 control or DEL); the first other one is
/// "yaml: control characters are not allowed". Found here, at its line and column, because
/// yaml-rust2 reads them as ordinary characters (a NUL would pass into an image name).
fn control_character(src: &str) -> Option<YamlError> {
    let (mut line, mut col) = (1, 1);
    for c in src.chars() {
        let printable = matches!(c, '\t' | '\n' | '\r' | ' '..='~' | '\u{85}')
            || (c >= '\u{a0}' && c != '\u{fffe}' && c != '\u{ffff}');
        if !printable {
            return Some(YamlError {
                line,
                col,
                message: format!(
                    "yaml: control characters are not allowed (U+{:04X})",
                    c as u32
                ),
            });
        }
        if c == '\n' {
            line += 1;
            col = 1;
        } else {
            col += 1;
        }
    }
    None
}

/// Where yaml-rust2 says "while scanning a plain scalar, found a tab" (at the scalar), libyaml
/// (scanner.c `yaml_parser_scan_plain_scalar`) names the tab: the first one in the leading
/// blanks of a line after the marker.
fn tab_in_indentation(src: &str, from_line: usize) -> Option<(usize, usize)> {
    src.lines().enumerate().skip(from_line).find_map(|(i, l)| {
        let blanks = l.len() - l.trim_start_matches([' ', '\t']).len();
        l[..blanks]
            .find('\t')
            .map(|c| (i + 1, l[..c].chars().count() + 1))
    })
}

/// go-yaml's words for an alias (`*name`) that names no anchor, at 1-based `line` and 0-based
/// char column `col` (its `*`). Its scanner (scanner.c `yaml_parser_scan_anchor`) takes only
/// letters, digits, `_` and `-` as an anchor's name, so an unquoted cron expression such as
/// `*/1 * * * *` fails there; a well-formed name that is not defined fails in the decoder.
fn alias_error(src: &str, line: usize, col: usize) -> Option<String> {
    let text = src.lines().nth(line - 1)?;
    let rest: String = text.chars().skip(col).collect();
    let name = rest.strip_prefix('*')?;
    let len = name
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
        .unwrap_or(name.len());
    let ends_well = name[len..].chars().next().is_none_or(|c| {
        c == ' ' || c == '\t' || matches!(c, '?' | ':' | ',' | ']' | '}' | '%' | '@' | '`')
    });
    Some(match len > 0 && ends_well {
        true => format!("yaml: unknown anchor '{}' referenced", &name[..len]),
        false => scanner_error(
            line,
            "did not find expected alphabetic or numeric character",
        ),
    })
}

/// go-yaml v2's words for a yaml-rust2 error (sigs.k8s.io/yaml parses with its goyaml.v2 fork).
/// decode.go `fail` prints the problem alone, without libyaml's "while parsing ..." context,
/// on the problem mark's line: a scanner error's line counted from 1, a parser error's from 0
/// (the mark is not incremented: kubectl names the line before the mistake). The problems
/// yaml-rust2 words differently are given libyaml's (scanner.c, parser.c) words.
/// Inside a flow collection at 1-based (`line`, `col`): the innermost open bracket and the
/// last character before the place that is not a space or a comment.
fn open_flow(src: &str, line: usize, col: usize) -> Option<(char, char)> {
    let mut stack: Vec<char> = Vec::new();
    let mut last = ' ';
    let mut quote: Option<char> = None;
    // A `|` or `>` block scalar's lines are text: the indentation of the line that opened it.
    let mut block: Option<usize> = None;
    for (n, text) in src.lines().enumerate().take(line) {
        let indent = text.len() - text.trim_start_matches(' ').len();
        if let Some(parent) = block {
            if text.trim().is_empty() || indent > parent {
                if n + 1 == line {
                    return stack.last().map(|b| (*b, last));
                }
                continue;
            }
            block = None;
        }
        if quote.is_none() && stack.is_empty() && opens_block_scalar(text) {
            block = Some(indent);
        }
        let mut prev = ' ';
        // In a plain scalar of the block context (`t: echo [x`), up to its `: ` or the line's end.
        let mut plain = false;
        let mut chars = text.chars().enumerate().peekable();
        while let Some((i, c)) = chars.next() {
            if plain {
                if c == ':' && chars.peek().is_none_or(|(_, n)| *n == ' ' || *n == '\t') {
                    plain = false;
                }
                if c == '#' && matches!(prev, ' ' | '\t') {
                    break;
                }
                prev = c;
                if !c.is_whitespace() {
                    last = c;
                }
                continue;
            }
            // An indicator only where a token starts (`comman"d` is plain text), or anywhere
            // inside a flow collection.
            let token_start =
                i == 0 || !stack.is_empty() || matches!(prev, ' ' | '\t' | ',' | '[' | '{');
            if quote.is_none()
                && stack.is_empty()
                && token_start
                && !c.is_whitespace()
                && !matches!(
                    c,
                    '[' | '{' | '"' | '\'' | '#' | '-' | '?' | ':' | '|' | '>' | '!' | '&' | '*'
                )
            {
                plain = true;
                prev = c;
                last = c;
                continue;
            }
            if n + 1 == line && i + 1 >= col {
                return stack.last().map(|b| (*b, last));
            }
            match quote {
                Some('"') if c == '\\' => {
                    chars.next();
                }
                Some(q) if c == q => {
                    // '' inside single quotes is an escaped quote.
                    if q == '\'' && chars.peek().is_some_and(|(_, n)| *n == '\'') {
                        chars.next();
                    } else {
                        quote = None;
                    }
                }
                Some(_) => {}
                None => match c {
                    // A comment starts where a token may (scanner.c
                    // yaml_parser_scan_to_next_token): after a blank, an indicator or a quote.
                    '#' if i == 0
                        || matches!(prev, ' ' | '\t' | ',' | '[' | ']' | '{' | '}' | '"') =>
                    {
                        break
                    }
                    '"' | '\'' if token_start => quote = Some(c),
                    '[' | '{' if token_start => stack.push(c),
                    ']' | '}' if !stack.is_empty() => {
                        stack.pop();
                    }
                    _ => {}
                },
            }
            if !c.is_whitespace() {
                last = c;
            }
            prev = c;
        }
        if n + 1 == line {
            return stack.last().map(|b| (*b, last));
        }
    }
    // The end of the stream, after its last line.
    stack.last().map(|b| (*b, last))
}

/// Whether the line's value is a block scalar's header (`key: |`, `- >-`, `args: |2 # c`).
fn opens_block_scalar(text: &str) -> bool {
    let code = match text.find(" #") {
        Some(i) => &text[..i],
        None => text,
    };
    let code = code.trim_end();
    let Some(head) = code
        .rsplit_once(": ")
        .map(|(_, h)| h)
        .or_else(|| code.trim_start().strip_prefix("- "))
    else {
        return false;
    };
    let mut chars = head.trim().chars();
    matches!(chars.next(), Some('|' | '>')) && chars.all(|c| matches!(c, '+' | '-' | '1'..='9'))
}

fn go_yaml_message(info: &str, line: usize, col: usize, src: &str) -> String {
    let (context, problem) = match info.split_once(", ") {
        Some((c, p)) if c.starts_with("while ") => (c, p),
        _ => ("", info),
    };
    let mut parser_error = context.starts_with("while parsing a ")
        && !context.starts_with("while parsing a quoted")
        && !context.starts_with("while parsing a tag");
    let problem = match problem {
        // scanner.c yaml_parser_scan_to_next_token leaves a tab where a token may start in
        // block context; yaml_parser_fetch_next_token cannot start one with it.
        "tabs disallowed within this context (block indentation)" => {
            "found character that cannot start any token"
        }
        // yaml_parser_stale_simple_keys: a key that ends its line without a ':' (a full-width
        // colon is not one).
        // scannerc.go yaml_parser_fetch_next_token: '@' and '`' are reserved, '%' starts a
        // directive only at a line's start; none can start a plain scalar.
        p if p.starts_with("unexpected character: ") => {
            "found character that cannot start any token"
        }
        // The same at the stream's end (yaml-rust2's fetch_stream_end).
        "simple key expect ':'" | "simple key expected" => "could not find expected ':'",
        "expected ',' or ']'" => "did not find expected ',' or ']'",
        // A flow collection left open and a key or a '-' on a later line: libyaml's scanner
        // reads both in flow context (yaml_parser_fetch_block_entry leaves a '-' to the
        // parser), and its parser (yaml_parser_parse_flow_sequence_entry,
        // yaml_parser_parse_flow_mapping_key) wants a ',' or the closing bracket after an
        // entry, and a node after a ',' or the opening bracket.
        "illegal placement of ':' indicator" | "\"-\" is only valid inside a block" => {
            match open_flow(src, line, col) {
                Some((_, ',' | '[' | '{')) if problem.starts_with('"') => {
                    parser_error = true;
                    "did not find expected node content"
                }
                Some(('[', _)) => {
                    parser_error = true;
                    "did not find expected ',' or ']'"
                }
                Some(_) => {
                    parser_error = true;
                    "did not find expected ',' or '}'"
                }
                None => problem,
            }
        }
        // yaml-rust2 reads `key: value` in a flow sequence as a flow mapping of its own; libyaml
        // as a pair, after which the sequence wants its ',' or ']'.
        "did not find expected ',' or '}'"
            if open_flow(src, line, col).is_some_and(|(b, _)| b == '[') =>
        {
            "did not find expected ',' or ']'"
        }
        // A flow collection left open (no ']' or '}' yet) and the next line less indented:
        // libyaml reads on in flow context, where the next entry lacks its ','.
        "invalid indentation" | "invalid indentation in flow construct"
            if open_flow(src, line, col)
                .is_some_and(|(_, last)| !matches!(last, ',' | '[' | '{')) =>
        {
            parser_error = true;
            match open_flow(src, line, col) {
                Some(('[', _)) => "did not find expected ',' or ']'",
                _ => "did not find expected ',' or '}'",
            }
        }
        // A quoted scalar followed by more text: libyaml scans the text as a second scalar and
        // the parser finds no ',' in a flow collection, no key in a block mapping.
        "invalid trailing content after double-quoted scalar" => {
            parser_error = true;
            match open_flow(src, line, col) {
                Some(('[', _)) => "did not find expected ',' or ']'",
                Some(_) => "did not find expected ',' or '}'",
                None => "did not find expected key",
            }
        }
        p => p,
    };
    match parser_error {
        // The 0-based mark, not incremented: 0 names no line.
        true if line <= 1 => format!("yaml: {problem}"),
        true => format!("yaml: line {}: {problem}", line - 1),
        false => scanner_error(line, problem),
    }
}

/// The 1-based column where the plain key that ends before the 0-based column `colon` of the
/// 1-based `line` starts.
fn key_start(src: &str, line: usize, colon: usize) -> usize {
    let text: Vec<char> = src
        .lines()
        .nth(line.saturating_sub(1))
        .unwrap_or("")
        .chars()
        .take(colon)
        .collect();
    let end = text.iter().rposition(|c| !matches!(c, ' ' | '\t'));
    let start = end.map_or(0, |end| {
        text[..end]
            .iter()
            .rposition(|c| matches!(c, ' ' | '\t' | ',' | '[' | '{'))
            .map_or(0, |i| i + 1)
    });
    start + 1
}

/// The line (and column of its first character, after a `- `) of the last line with content
/// before `line`: where a simple key that never found its ':' stands.
fn key_line(src: &str, line: usize) -> Option<(usize, usize)> {
    let lines: Vec<&str> = src.lines().collect();
    (1..line.min(lines.len() + 1)).rev().find_map(|n| {
        let text = lines[n - 1];
        let body = text.trim_start_matches([' ', '-']);
        let content = !body.trim().is_empty() && !body.trim_start().starts_with('#');
        content.then(|| (n, text.chars().count() - body.chars().count() + 1))
    })
}

/// The first tab libyaml refuses that yaml-rust2 may let through: in block context a tab may
/// not stand where a token may start, at the start of a line or after a `-`, `?` or `:`
/// indicator (scanner.c yaml_parser_scan_to_next_token: "Tabs are allowed in the flow context
/// and in the block context, but not at the beginning of the line or after '-', '?', or ':'").
/// Block scalars' text, quoted scalars and flow collections may hold tabs. A line after a plain
/// scalar continues that scalar, whose scanner (yaml_parser_scan_plain_scalar) refuses a tab
/// left of the scalar's indentation in its own words. Returns the tab's line and column,
/// counted from 1, and libyaml's problem.
fn block_context_tab(src: &str) -> Option<(usize, usize, &'static str)> {
    if !src.contains('\t') {
        return None;
    }
    // Indentation of the line that opened a block scalar (`key: |`), while in its text.
    let mut block_scalar: Option<usize> = None;
    let mut flow = 0usize;
    let mut quote: Option<char> = None;
    // The indentation of the line before when it ended in a plain scalar.
    let mut plain_before: Option<usize> = None;
    for (n, text) in src.lines().enumerate() {
        let chars: Vec<char> = text.chars().collect();
        let indent = chars.iter().take_while(|c| **c == ' ').count();
        let blank = chars.iter().all(|c| *c == ' ' || *c == '\t');
        if let Some(parent) = block_scalar {
            if blank || indent > parent {
                continue;
            }
            block_scalar = None;
        }
        // A blank line is nothing to libyaml's scanner unless a tab stands where a token
        // may start (at the line's start in block context).
        if blank && (!chars.contains(&'\t') || flow > 0 || quote.is_some()) {
            continue;
        }
        let plain = plain_before.take();
        if let (Some(parent), Some(tab)) = (plain, chars.iter().position(|c| *c == '\t')) {
            if tab == indent && tab <= parent {
                return Some((
                    n + 1,
                    tab + 1,
                    "found a tab character that violates indentation",
                ));
            }
            if tab == indent {
                // The scalar goes on over this line (and may go on over the next).
                plain_before = plain;
                continue;
            }
        }
        // At a place where a token may start (line start, after an indicator): a tab there,
        // before any other text, is refused; after a node's properties (a tag, an anchor) or
        // a document marker it is not (simple keys are not allowed there).
        let mut may_start = flow == 0 && quote.is_none();
        let mut tab_ok = false;
        let mut last_plain = false;
        let mut i = 0;
        if may_start
            && (text.starts_with("---") || text.starts_with("..."))
            && chars.get(3).is_none_or(|c| *c == ' ' || *c == '\t')
        {
            i = 3;
            tab_ok = true;
        }
        while i < chars.len() {
            let c = chars[i];
            if let Some(q) = quote {
                if c == '\\' && q == '"' {
                    i += 2;
                    continue;
                }
                if c == q {
                    if q == '\'' && chars.get(i + 1) == Some(&'\'') {
                        i += 2;
                        continue;
                    }
                    quote = None;
                }
                i += 1;
                continue;
            }
            let after = |set: &[char]| i == 0 || set.contains(&chars[i - 1]);
            match c {
                ' ' => {}
                '\t' if may_start && !tab_ok => {
                    return Some((n + 1, i + 1, "found character that cannot start any token"))
                }
                '\t' => {}
                '#' if after(&[' ', '\t', ',', '[', ']', '{', '}', '"', '\'']) => break,
                '"' | '\'' if may_start || flow > 0 && after(&[' ', '\t', '[', '{', ',', ':']) => {
                    quote = Some(c);
                    may_start = false;
                    last_plain = false;
                }
                '[' | '{' if may_start || flow > 0 => {
                    flow += 1;
                    may_start = false;
                }
                ']' | '}' if flow > 0 => {
                    flow -= 1;
                    last_plain = false;
                }
                '-' | '?' | ':'
                    if flow == 0
                        && chars.get(i + 1).is_none_or(|n| *n == ' ' || *n == '\t')
                        && (c == ':' || may_start) =>
                {
                    // A ':' after a simple key (text before it on the line) leaves simple
                    // keys disallowed (scanner.c yaml_parser_fetch_value: "A simple key
                    // cannot follow another simple key"), so tabs after it are eaten like
                    // spaces; after '-', '?' or a complex key's ':' they are not.
                    tab_ok = c == ':' && !may_start;
                    may_start = true;
                    last_plain = false;
                }
                '|' | '>' if may_start && flow == 0 => {
                    // A block scalar header: its text is the more indented lines below.
                    block_scalar = Some(indent);
                    break;
                }
                // A tag or an anchor: the node itself comes after it.
                '!' | '&' if may_start => {
                    while i + 1 < chars.len() && !matches!(chars[i + 1], ' ' | '\t') {
                        i += 1;
                    }
                    tab_ok = true;
                }
                ']' | '}' => last_plain = false,
                _ => {
                    may_start = false;
                    last_plain = true;
                }
            }
            i += 1;
        }
        if !may_start && flow == 0 && quote.is_none() && block_scalar.is_none() && last_plain {
            plain_before = Some(indent);
        }
    }
    None
}

/// go-yaml v2 (decode.go `fail`) names a scanner error's line only when it is not the first
/// (its 0-based mark is 0 there).
fn scanner_error(line: usize, problem: &str) -> String {
    match line {
        0 | 1 => format!("yaml: {problem}"),
        _ => format!("yaml: line {line}: {problem}"),
    }
}

/// One document of a stream as kubectl reads it apart, or the separator it refuses.
enum Chunk<'a> {
    /// The lines before the document, and its text.
    Doc(usize, &'a str),
    /// The separator's 1-based line and kubectl's words.
    BadSeparator(usize, String),
}

/// kubectl reads a stream's documents apart before any is parsed (k8s.io/apimachinery
/// pkg/util/yaml YAMLReader.Read): a line that starts with `---` ends a document and belongs to
/// none; only spaces or a comment may follow the dashes ("invalid Yaml document separator").
/// go-yaml then parses each document alone, so its lines count from the document's first line,
/// and a quote or a bracket left open ends at the next `---`.
fn split_documents(src: &str) -> Vec<Chunk<'_>> {
    let mut chunks = Vec::new();
    let (mut start, mut start_line, mut at) = (0, 0, 0);
    for (n, line) in src.split_inclusive('\n').enumerate() {
        if let Some(rest) = line.strip_prefix("---") {
            let rest = rest.trim();
            if !rest.is_empty() && !rest.starts_with('#') {
                if start < at {
                    chunks.push(Chunk::Doc(start_line, &src[start..at]));
                }
                chunks.push(Chunk::BadSeparator(
                    n + 1,
                    format!("invalid Yaml document separator: {rest}"),
                ));
                return chunks;
            }
            if start < at {
                chunks.push(Chunk::Doc(start_line, &src[start..at]));
            }
            start = at + line.len();
            start_line = n + 1;
        }
        at += line.len();
    }
    if start < src.len() {
        chunks.push(Chunk::Doc(start_line, &src[start..]));
    }
    chunks
}

/// go-yaml v2 knows `%YAML 1.1` and `%TAG` directives (parserc.go
/// yaml_parser_process_directives), but kubectl has already cut the `---` a directive needs
/// (`split_documents`), so any directive fails: its version or name first, else the missing
/// document start. Returns the 1-based line (in `text`), column and go-yaml's message.
fn directive_error(text: &str) -> Option<(usize, usize, String)> {
    let mut seen_yaml = false;
    let mut directives = false;
    // The line after a directive's: its break was the directive token's own, so no simple key
    // (nor `-`) is allowed where that line starts (scannerc.go yaml_parser_scan_directive eats
    // it; only yaml_parser_scan_to_next_token's breaks allow one again).
    let mut right_after = false;
    for (n, line) in text.lines().enumerate() {
        let body = line.trim_start_matches([' ', '\t']);
        if body.is_empty() || body.starts_with('#') {
            right_after = false;
            continue;
        }
        let Some(directive) = line.strip_prefix('%') else {
            let col = line.len() - body.len() + 1;
            // yaml_parser_fetch_block_entry, before the parser sees any token.
            let entry = body == "-" || body.starts_with("- ") || body.starts_with("-\t");
            if directives && right_after && entry && !body.starts_with("---") {
                let problem = "block sequence entries are not allowed in this context";
                return Some((n + 1, col, scanner_error(n + 1, problem)));
            }
            // The first token after the directives: the parser wanted `---` (a parser error,
            // on its 0-based line).
            return directives.then(|| {
                (
                    n + 1,
                    col,
                    parser_error(n + 1, "did not find expected <document start>"),
                )
            });
        };
        directives = true;
        right_after = true;
        // scannerc.go yaml_parser_scan_directive_name: letters, digits, '-' and '_', then a
        // blank or the line's end.
        let len = directive
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
            .unwrap_or(directive.len());
        let problem = match directive[len..].chars().next() {
            _ if len == 0 => Some("could not find expected directive name"),
            Some(c) if c != ' ' && c != '\t' && c != '\r' => {
                Some("found unexpected non-alphabetical character")
            }
            _ => None,
        };
        if let Some(problem) = problem {
            return Some((n + 1, len + 2, scanner_error(n + 1, problem)));
        }
        let name = directive.split([' ', '\t']).find(|w| !w.is_empty());
        match name {
            // scannerc.go yaml_parser_scan_directive: neither YAML nor TAG.
            Some(name) if name != "YAML" && name != "TAG" => {
                return Some((
                    n + 1,
                    2,
                    scanner_error(n + 1, "found unknown directive name"),
                ))
            }
            // The scanner reads the version (and the line's end) before the parser judges it.
            Some("YAML") => {
                if let Some(problem) = version_problem(&directive[4..]) {
                    return Some((n + 1, 1, scanner_error(n + 1, problem)));
                }
            }
            _ => {}
        }
        match name {
            Some("YAML") if seen_yaml => {
                return Some((
                    n + 1,
                    1,
                    parser_error(n + 1, "found duplicate %YAML directive"),
                ))
            }
            Some("YAML") if !version_one_one(&directive[4..]) => {
                return Some((
                    n + 1,
                    1,
                    parser_error(n + 1, "found incompatible YAML document"),
                ))
            }
            Some("YAML") => seen_yaml = true,
            _ => {}
        }
    }
    // Directives and nothing after them: the parser meets the stream's end, after the last
    // line break (the editor marks the last line).
    directives.then(|| {
        let lines = text.lines().count();
        let end = lines + usize::from(text.ends_with('\n'));
        (
            lines.max(1),
            1,
            parser_error(end, "did not find expected <document start>"),
        )
    })
}

/// What go-yaml v2's scanner says of a `%YAML` directive's version and the rest of its line
/// (scannerc.go yaml_parser_scan_version_directive_value and _number, yaml_parser_scan_directive),
/// None when it reads.
fn version_problem(after: &str) -> Option<&'static str> {
    let digits = |s: &str| s.len() - s.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let v = after.trim_start_matches([' ', '\t']);
    let major = digits(v);
    match major {
        0 => return Some("did not find expected version number"),
        10.. => return Some("found extremely long version number"),
        _ => {}
    }
    let Some(rest) = v[major..].strip_prefix('.') else {
        return Some("did not find expected digit or '.' character");
    };
    let minor = digits(rest);
    match minor {
        0 => return Some("did not find expected version number"),
        10.. => return Some("found extremely long version number"),
        _ => {}
    }
    let tail = rest[minor..].trim_start_matches([' ', '\t']);
    (!(tail.is_empty() || tail.starts_with('#') || tail == "\r"))
        .then_some("did not find expected comment or line break")
}

/// Whether a `%YAML` directive that reads says 1.1 (yaml_parser_process_directives: any other
/// major or minor is an incompatible document).
fn version_one_one(after: &str) -> bool {
    let v = after.trim_start_matches([' ', '\t']);
    let (major, rest) = v.split_once('.').unwrap_or((v, ""));
    let minor: String = rest.chars().take_while(char::is_ascii_digit).collect();
    major.parse::<u32>() == Ok(1) && minor.parse::<u32>() == Ok(1)
}

/// A parser error's words as go-yaml v2's decode.go `fail` prints them: the 0-based line of
/// the token (`line` is 1-based), none when it is 0.
fn parser_error(line: usize, problem: &str) -> String {
    match line {
        0 | 1 => format!("yaml: {problem}"),
        _ => format!("yaml: line {}: {problem}", line - 1),
    }
}

/// Parses every document of a multi-document stream.
pub(crate) fn parse_stream(src: &str) -> Stream {
    let mut builder = Builder::default();
    // A byte order mark may start a stream (YAML 1.2 §5.2; kubectl accepts one).
    let src = src.strip_prefix('\u{feff}').unwrap_or(src);
    for chunk in split_documents(src) {
        match chunk {
            Chunk::Doc(offset, text) => parse_document(text, offset, &mut builder),
            Chunk::BadSeparator(line, message) => {
                builder.stream.fatal = Some(YamlError {
                    line,
                    col: 4,
                    message,
                })
            }
        }
        if builder.stream.fatal.is_some() {
            break;
        }
    }
    builder.stream
}

/// Parses one document as kubectl hands it to go-yaml: `offset` lines of the stream come
/// before it. Positions are the stream's; the lines in go-yaml's messages are the document's.
fn parse_document(text: &str, offset: usize, builder: &mut Builder) {
    let fatal = |line: usize, col: usize, message: String| YamlError {
        line: line + offset,
        col,
        message,
    };
    if let Some(e) = control_character(text) {
        builder.stream.fatal = Some(fatal(e.line, e.col, e.message));
        return;
    }
    // A document's first byte order mark is its reader's (reader.c
    // yaml_parser_determine_encoding), as the stream's is. One further on is text: go-yaml v2's
    // is_bom, which yaml_parser_scan_to_next_token asks to "allow the BOM mark to start a
    // line", looks at the buffer's start whatever the position.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if let Some((line, col, message)) = directive_error(text) {
        builder.stream.fatal = Some(fatal(line, col, message));
        return;
    }
    if let Some((line, col, problem)) = block_context_tab(text) {
        builder.stream.fatal = Some(fatal(line, col, scanner_error(line, problem)));
        return;
    }
    builder.offset = offset;
    builder.anchors.clear();
    // A mistake yaml-rust2 does not see, refused when the parse gets past it.
    let question = flow_question_mark(text);
    let before = |line: usize, col: usize| {
        question
            .as_ref()
            .filter(|(l, c, _)| (*l, *c) < (line.max(1), col + 1))
            .map(|(l, c, m)| fatal(*l, *c, m.clone()))
    };
    let mut parser = Parser::new_from_str(text);
    loop {
        match parser.next_token() {
            Ok((ev, mark)) => {
                // sigs.k8s.io/yaml Unmarshal decodes the first document of what kubectl hands
                // it and never parses on: text after its end (a less indented line, a `...`)
                // is not read.
                let end = matches!(ev, Event::StreamEnd | Event::DocumentEnd);
                if let Some(e) = before(mark.line(), mark.col()).filter(|_| end) {
                    builder.stream.fatal = Some(e);
                    break;
                }
                builder.on_event_in(text, ev, mark);
                if end || builder.stream.fatal.is_some() {
                    break;
                }
            }
            Err(e) if before(e.marker().line(), e.marker().col()).is_some() => {
                builder.stream.fatal = before(e.marker().line(), e.marker().col());
                break;
            }
            Err(e) => {
                let (line, col, message) = match parser.quoted_below_indent() {
                    // A quote left open swallows the lines below it (keys or list items left
                    // of its own key); libyaml reads on to the next quote or the end. The
                    // student is typing at the quote: it is named. A closed one that goes on
                    // left of its key is fine (go-yaml checks no indentation there).
                    Some((q, end))
                        if (q.line(), q.col()) < (e.marker().line(), e.marker().col())
                            && swallows_keys(
                                text,
                                q.line(),
                                end.map_or(e.marker().line(), |m| m.line()),
                            ) =>
                    {
                        let line = q.line().max(1);
                        (
                            line,
                            q.col() + 1,
                            scanner_error(line, "invalid indentation in quoted scalar"),
                        )
                    }
                    // A quoted scalar at the start of a block line is a key libyaml requires
                    // (yaml_parser_save_simple_key); one that went on over lines and ends
                    // without its ':' is "could not find expected ':'"
                    // (yaml_parser_stale_simple_keys) before the text after it is read.
                    _ if e.info().starts_with("invalid trailing content after") => {
                        match parser.quoted_start() {
                            Some(q)
                                if q.line() < e.marker().line()
                                    && starts_block_line(text, q.line(), q.col()) =>
                            {
                                (
                                    q.line().max(1),
                                    q.col() + 1,
                                    scanner_error(e.marker().line(), "could not find expected ':'"),
                                )
                            }
                            _ => scan_error(text, &e),
                        }
                    }
                    _ => {
                        let (line, col, message) = scan_error(text, &e);
                        // A quote left open to the end of the document: go-yaml names the end;
                        // the gutter marks the quote.
                        match parser.quoted_start() {
                            Some(q) if e.info().starts_with("while scanning a quoted scalar") => {
                                (q.line().max(1), q.col() + 1, message)
                            }
                            _ => (line, col, message),
                        }
                    }
                };
                builder.stream.fatal = Some(fatal(line, col, message));
                break;
            }
        }
    }
}

/// go-yaml v2 ends a plain scalar in a flow collection at a `?` (scannerc.go
/// yaml_parser_scan_plain_scalar), where yaml-rust2 reads on: `args: [http://x?a=b]`. The `?`
/// is then a key indicator after an entry, which the parser refuses
/// (yaml_parser_parse_flow_sequence_entry, yaml_parser_parse_flow_mapping_key). Returns the
/// 1-based line and column of the first such `?` and go-yaml's message.
fn flow_question_mark(text: &str) -> Option<(usize, usize, String)> {
    if !text.contains('?') || !text.contains(['[', '{']) {
        return None;
    }
    let mut stack: Vec<char> = Vec::new();
    let mut quote: Option<char> = None;
    // The indentation of the line that opened a block scalar, while in its text.
    let mut block_scalar: Option<usize> = None;
    // Inside a plain scalar (which goes on over blanks, and over lines in a flow collection).
    let mut plain = false;
    for (n, line) in text.lines().enumerate() {
        let chars: Vec<char> = line.chars().collect();
        let indent = chars.iter().take_while(|c| **c == ' ').count();
        if let Some(parent) = block_scalar {
            if line.trim().is_empty() || indent > parent {
                continue;
            }
            block_scalar = None;
        }
        if stack.is_empty() {
            plain = false;
        }
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            let prev = if i == 0 { ' ' } else { chars[i - 1] };
            let next = chars.get(i + 1).copied().unwrap_or(' ');
            if let Some(q) = quote {
                match c {
                    '\\' if q == '"' => i += 1,
                    '\'' if q == '\'' && next == '\'' => i += 1,
                    c if c == q => quote = None,
                    _ => {}
                }
                i += 1;
                continue;
            }
            match c {
                ' ' | '\t' => {}
                '#' if matches!(prev, ' ' | '\t') || !plain => break,
                '?' if plain && !stack.is_empty() => {
                    let problem = match stack.last() {
                        Some('[') => "did not find expected ',' or ']'",
                        _ => "did not find expected ',' or '}'",
                    };
                    return Some((n + 1, i + 1, parser_error(n + 1, problem)));
                }
                '"' | '\'' if !plain => quote = Some(c),
                '[' | '{' if !plain => stack.push(c),
                ']' | '}' if !stack.is_empty() => {
                    stack.pop();
                    plain = false;
                }
                ',' if !stack.is_empty() => plain = false,
                ':' if matches!(next, ' ' | '\t') || (stack.is_empty() && i + 1 == chars.len()) => {
                    plain = false
                }
                '-' | '?' if !plain && matches!(next, ' ' | '\t') => {}
                '|' | '>' if !plain && stack.is_empty() => {
                    block_scalar = Some(indent);
                    break;
                }
                // A node's properties: the node comes after them.
                '&' | '!' if !plain => {
                    while i + 1 < chars.len() && !matches!(chars[i + 1], ' ' | '\t') {
                        i += 1;
                    }
                }
                _ => plain = true,
            }
            i += 1;
        }
    }
    None
}

/// Whether a key at the 0-based column `col` of the 1-based `line` is one libyaml requires: the
/// first thing on its line, outside any flow collection, at the column of the block mapping
/// it goes on (a key above at that column, after a `- ` too); the first key of a new mapping
/// is not (the mapping starts at its ':').
fn starts_block_line(text: &str, line: usize, col: usize) -> bool {
    let lines: Vec<&str> = text.lines().take(line).collect();
    let Some(l) = lines.last() else {
        return false;
    };
    if !l.chars().take(col).all(|c| c == ' ') || open_flow(text, line, col + 1).is_some() {
        return false;
    }
    lines[..lines.len() - 1]
        .iter()
        .rev()
        .map(|l| {
            let body = l.trim_start_matches([' ', '-']);
            (l.chars().count() - body.chars().count(), body)
        })
        .filter(|(_, body)| !body.trim().is_empty() && !body.starts_with('#'))
        .find(|(at, _)| *at <= col)
        .is_some_and(|(at, _)| at == col)
}

/// Whether a line after the 1-based `from` and up to `to` reads as a key or a list item
/// (`spec:`, `- name: x`): a quote opened on `from` and still open swallowed YAML, not text.
fn swallows_keys(text: &str, from: usize, to: usize) -> bool {
    text.lines()
        .take(to)
        .skip(from)
        .map(|l| l.trim_start_matches([' ', '\t']))
        .any(|l| {
            let key = l.split_once(':').is_some_and(|(k, v)| {
                !k.is_empty() && !k.contains(' ') && (v.is_empty() || v.starts_with(' '))
            });
            key || l.starts_with("- ") || l == "-"
        })
}

/// A yaml-rust2 error as go-yaml words and places it: 1-based line and column (in `src`) and the
/// message.
fn scan_error(src: &str, e: &yaml_rust2::ScanError) -> (usize, usize, String) {
    let m = e.marker();
    let tab = e
        .info()
        .contains("found a tab")
        .then(|| tab_in_indentation(src, m.line().saturating_sub(1)))
        .flatten();
    let alias = e
        .info()
        .contains("unknown anchor")
        .then(|| alias_error(src, m.line().max(1), m.col()))
        .flatten();
    let line = m.line().max(1);
    match (tab, alias) {
        (_, Some(message)) => (line, m.col() + 1, message),
        (Some((line, col)), None) => (
            line,
            col,
            scanner_error(line, "found a tab character that violates indentation"),
        ),
        (None, None) => {
            // yaml_parser_stale_simple_keys reports a key without its ':' on the line the
            // scanner went on to; the mistake is the key's own line.
            let (at, col) = match e.info() {
                i if i.ends_with("simple key expect ':'") || i == "simple key expected" => {
                    key_line(src, line).unwrap_or((line, m.col() + 1))
                }
                // At the ':' (or after it): libyaml's parser names the key before it (its KEY
                // token).
                "illegal placement of ':' indicator" => (line, key_start(src, line, m.col())),
                "while parsing a flow mapping, did not find expected ',' or '}'" => {
                    let text = src.lines().nth(line - 1).unwrap_or("");
                    let colon = text
                        .chars()
                        .take(m.col() + 1)
                        .collect::<String>()
                        .rfind(':');
                    match colon {
                        Some(c) => (line, key_start(src, line, text[..c].chars().count())),
                        None => (line, m.col() + 1),
                    }
                }
                _ => (line, m.col() + 1),
            };
            (at, col, go_yaml_message(e.info(), line, m.col() + 1, src))
        }
    }
}

enum Frame {
    Seq {
        anchor: usize,
        /// The char index of its start in the document.
        index: usize,
        line: usize,
        col: usize,
        items: Vec<Node>,
    },
    Map {
        anchor: usize,
        /// The char index of its start in the document.
        index: usize,
        line: usize,
        col: usize,
        entries: Vec<Entry>,
        /// Indexes of explicit keys (for duplicate detection).
        seen: HashMap<String, usize>,
        key: Option<PendingKey>,
        merges: Vec<Node>,
    },
}

struct PendingKey {
    /// None when the key cannot be a JSON key.
    name: Option<String>,
    /// A null key: refused with its value.
    null: bool,
    merge: bool,
    line: usize,
    col: usize,
}

#[derive(Default)]
struct Builder {
    /// The lines of the stream before the document being parsed.
    offset: usize,
    stream: Stream,
    stack: Vec<Frame>,
    anchors: HashMap<usize, Node>,
    nodes: usize,
    /// Bytes copied by aliases so far (`MAX_ALIAS_BYTES`).
    alias_bytes: usize,
    doc: Option<Document>,
}

impl Builder {
    /// An event of the document `text`.
    fn on_event_in(&mut self, text: &str, ev: Event, mark: Marker) {
        let (line, col) = (mark.line().max(1) + self.offset, mark.col() + 1);
        match ev {
            Event::DocumentStart => {
                self.stack.clear();
                self.doc = Some(Document {
                    root: None,
                    errors: Vec::new(),
                    duplicates: Vec::new(),
                });
            }
            Event::DocumentEnd => {
                if let Some(doc) = self.doc.take() {
                    self.stream.docs.push(doc);
                }
                self.stack.clear();
            }
            Event::Scalar(raw, style, anchor, tag) => {
                if raw.is_empty() && style == TScalarStyle::Plain && tag.is_none() {
                    if let Some(problem) = self.empty_key(text, mark) {
                        self.stream.fatal = Some(YamlError {
                            line,
                            col,
                            message: parser_error(mark.line(), problem),
                        });
                        return;
                    }
                }
                let text = raw;
                let value = resolve(&text, style, tag.as_ref());
                let node = Node {
                    value,
                    line,
                    col,
                    raw: text,
                    depth: 1,
                };
                self.finish(node, anchor);
            }
            Event::Alias(id) => match self.anchors.get(&id) {
                Some(node) => {
                    self.nodes += node.count();
                    self.alias_bytes = self.alias_bytes.saturating_add(node.bytes());
                    if self.nodes > MAX_NODES || self.alias_bytes > MAX_ALIAS_BYTES {
                        self.fatal(line, col, "document contains excessive aliasing".into());
                        return;
                    }
                    let mut node = node.clone();
                    node.line = line;
                    node.col = col;
                    self.finish(node, 0);
                }
                None => self.fatal(line, col, "unknown anchor".into()),
            },
            Event::SequenceStart(anchor, _) => {
                if self.too_deep(line, col) {
                    return;
                }
                self.stack.push(Frame::Seq {
                    anchor,
                    index: mark.index(),
                    line,
                    col,
                    items: Vec::new(),
                });
            }
            Event::MappingStart(anchor, _) => {
                if self.too_deep(line, col) {
                    return;
                }
                self.stack.push(Frame::Map {
                    anchor,
                    index: mark.index(),
                    line,
                    col,
                    entries: Vec::new(),
                    seen: HashMap::new(),
                    key: None,
                    merges: Vec::new(),
                });
            }
            Event::SequenceEnd => {
                if let Some(Frame::Seq {
                    anchor,
                    line,
                    col,
                    items,
                    ..
                }) = self.stack.pop()
                {
                    let depth = 1 + items.iter().map(|n| n.depth).max().unwrap_or(0);
                    let node = Node {
                        value: Value::Seq(items),
                        line,
                        col,
                        raw: String::new(),
                        depth,
                    };
                    self.finish(node, anchor);
                }
            }
            Event::MappingEnd => {
                if let Some(Frame::Map {
                    anchor,
                    line,
                    col,
                    mut entries,
                    merges,
                    ..
                }) = self.stack.pop()
                {
                    // `<<: *base` (go-yaml v2 supports merge keys): explicit keys win.
                    for m in merges {
                        let sources = match m.value {
                            Value::Map(_) => vec![m],
                            Value::Seq(items) => items,
                            _ => Vec::new(),
                        };
                        for s in sources {
                            if let Value::Map(es) = s.value {
                                for e in es {
                                    if !entries.iter().any(|x| x.key == e.key) {
                                        entries.push(e);
                                    }
                                }
                            }
                        }
                    }
                    let depth = 1 + entries.iter().map(|e| e.value.depth).max().unwrap_or(0);
                    // A block mapping's start event stands at its first `:`; the mapping
                    // starts at its first key (a flow mapping at its `{`).
                    let (line, col) = entries
                        .first()
                        .map(|e| (e.key_line, e.key_col))
                        .filter(|k| *k < (line, col))
                        .unwrap_or((line, col));
                    let node = Node {
                        value: Value::Map(entries),
                        line,
                        col,
                        raw: String::new(),
                        depth,
                    };
                    self.finish(node, anchor);
                }
            }
            Event::StreamStart | Event::StreamEnd | Event::Nothing => {}
        }
    }
}

impl Builder {
    fn fatal(&mut self, line: usize, col: usize, msg: String) {
        if self.stream.fatal.is_none() {
            self.stream.fatal = Some(YamlError {
                line,
                col,
                message: format!("yaml: line {}: {msg}", line - self.offset),
            });
        }
    }

    /// An empty key with no `?` before it (`  : x`): go-yaml v2's parser wants a key token
    /// there (parserc.go yaml_parser_parse_block_mapping_key: "did not find expected key"; in
    /// a flow collection yaml_parser_parse_node: "did not find expected node content"), where
    /// libyaml and yaml-rust2 read an empty key. `mark` is the scalar's, at the `:`.
    fn empty_key(&self, text: &str, mark: Marker) -> Option<&'static str> {
        let Some(Frame::Map { key: None, .. }) = self.stack.last() else {
            return None;
        };
        if text.chars().nth(mark.index()) != Some(':') {
            return None;
        }
        let flow = self.stack.iter().any(|f| {
            let index = match f {
                Frame::Seq { index, .. } | Frame::Map { index, .. } => *index,
            };
            matches!(text.chars().nth(index), Some('[' | '{'))
        });
        if flow {
            return Some("did not find expected node content");
        }
        // `? key` on a line above at the same column makes it a complex key's value.
        let explicit = text
            .lines()
            .take(mark.line().saturating_sub(1))
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .map(|l| {
                (
                    l.len() - l.trim_start_matches(' ').len(),
                    l.trim_start_matches(' '),
                )
            })
            .filter(|(_, body)| !body.is_empty() && !body.starts_with('#'))
            .find(|(indent, _)| *indent <= mark.col())
            .is_some_and(|(indent, body)| indent == mark.col() && body.starts_with('?'));
        (!explicit).then_some("did not find expected key")
    }

    fn too_deep(&mut self, line: usize, col: usize) -> bool {
        if self.stack.len() >= MAX_DEPTH {
            self.fatal(
                line,
                col,
                format!("nesting too deep (more than {MAX_DEPTH} levels)"),
            );
            return true;
        }
        self.nodes += 1;
        false
    }

    fn doc_error(&mut self, line: usize, col: usize, msg: String) {
        if let Some(doc) = self.doc.as_mut() {
            doc.errors.push(YamlError {
                line,
                col,
                message: format!("yaml: line {}: {msg}", line - self.offset),
            });
        }
    }

    /// A node is complete: store its anchor and hand it to its parent.
    fn finish(&mut self, mut node: Node, anchor: usize) {
        self.nodes += 1;
        if self.nodes > MAX_NODES {
            self.fatal(node.line, node.col, "document is too large".into());
            return;
        }
        if node.depth + self.stack.len() > MAX_TREE_DEPTH {
            self.fatal(
                node.line,
                node.col,
                format!("nesting too deep (more than {MAX_TREE_DEPTH} levels)"),
            );
            return;
        }
        if anchor != 0 {
            self.anchors.insert(anchor, node.clone());
        }
        // (line, column, message, whether it takes go-yaml's `yaml: line N: ` before it)
        let mut err: Option<(usize, usize, String, bool)> = None;
        let mut duplicate: Option<(usize, usize, String, usize)> = None;
        match self.stack.last_mut() {
            None => {
                if let Some(doc) = self.doc.as_mut() {
                    doc.root = Some(node);
                }
            }
            Some(Frame::Seq { items, .. }) => items.push(node),
            Some(Frame::Map {
                entries,
                seen,
                key,
                merges,
                ..
            }) => match key.take() {
                None => {
                    let merge = node.raw == "<<" && matches!(node.value, Value::Str(_));
                    let name = match &node.value {
                        Value::Str(s) => Some(s.clone()),
                        Value::Int(i) => Some(i.to_string()),
                        Value::UInt(u) => Some(u.to_string()),
                        Value::Bool(b) => Some(b.to_string()),
                        // sigs.k8s.io/yaml convertToJSONableObject names these keys so.
                        Value::Float(f) if f.is_nan() => Some(".nan".into()),
                        Value::Float(f) if f.is_infinite() && *f > 0.0 => Some(".inf".into()),
                        Value::Float(f) if f.is_infinite() => Some("-.inf".into()),
                        Value::Float(f) => Some(f.to_string()),
                        // sigs.k8s.io/yaml convertToJSONableObject refuses it once the value
                        // is read.
                        Value::Null => None,
                        // go-yaml v2 decode.go `mapping` cannot hash a list or a map.
                        Value::Seq(_) | Value::Map(_) => {
                            err = Some((
                                node.line,
                                node.col,
                                format!("yaml: invalid map key: {}", go_syntax(&node, false)),
                                false,
                            ));
                            None
                        }
                    };
                    *key = Some(PendingKey {
                        null: node.is_null(),
                        name,
                        merge,
                        line: node.line,
                        col: node.col,
                    });
                }
                Some(k) => {
                    // An implicit empty value (`key:`) stands where its key stands.
                    if node.is_null() && node.raw.is_empty() {
                        node.line = k.line;
                        node.col = k.col;
                    }
                    if k.merge {
                        if matches!(node.value, Value::Map(_) | Value::Seq(_)) {
                            merges.push(node);
                        } else {
                            err = Some((
                                k.line,
                                k.col,
                                "map merge requires map or sequence of maps as the value".into(),
                                true,
                            ));
                        }
                    } else if k.null {
                        err = Some((
                            k.line,
                            k.col,
                            format!(
                                "error converting YAML to JSON: unsupported map key of type: %!s(<nil>), key: <nil>, value: {}",
                                go_syntax(&node, false)
                            ),
                            false,
                        ));
                    } else if let Some(name) = k.name {
                        if let Some(earlier) = seen.insert(name.clone(), k.line) {
                            duplicate = Some((k.line, k.col, name.clone(), earlier));
                            if let Some(e) = entries.iter_mut().find(|e| e.key == name) {
                                e.key_line = k.line;
                                e.key_col = k.col;
                                e.value = node;
                            }
                        } else {
                            seen.insert(name.clone(), k.line);
                            entries.push(Entry {
                                key: name,
                                key_line: k.line,
                                key_col: k.col,
                                value: node,
                            });
                        }
                    }
                }
            },
        }
        match err {
            Some((line, col, msg, true)) => self.doc_error(line, col, msg),
            Some((line, col, message, false)) => {
                if let Some(doc) = self.doc.as_mut() {
                    doc.errors.push(YamlError { line, col, message });
                }
            }
            None => {}
        }
        if let (Some(d), Some(doc)) = (duplicate, self.doc.as_mut()) {
            doc.duplicates.push(d);
        }
    }
}

/// Go's `%#v` of what go-yaml v2 decodes `n` into (nil, bool, int, float64, string,
/// `[]interface {}`, `map[interface {}]interface {}`), as kubectl's errors print it (fmt: map
/// keys sorted; a nil inside a list or a map is `interface {}(nil)`).
fn go_syntax(n: &Node, nested: bool) -> String {
    let join = |parts: Vec<String>| parts.join(", ");
    match &n.value {
        Value::Null if nested => "interface {}(nil)".into(),
        Value::Null => "<nil>".into(),
        Value::Bool(b) => b.to_string(),
        Value::Int(i) => i.to_string(),
        Value::UInt(u) => u.to_string(),
        Value::Float(f) => go_float(*f),
        Value::Str(s) => go_quote(s),
        Value::Seq(items) => format!(
            "[]interface {{}}{{{}}}",
            join(items.iter().map(|i| go_syntax(i, true)).collect())
        ),
        Value::Map(entries) => {
            let mut sorted: Vec<&Entry> = entries.iter().collect();
            crate::sort::sort_by(&mut sorted, |a, b| a.key.cmp(&b.key));
            let parts = sorted
                .iter()
                .map(|e| format!("{}:{}", go_quote(&e.key), go_syntax(&e.value, true)))
                .collect();
            format!("map[interface {{}}]interface {{}}{{{}}}", join(parts))
        }
    }
}

/// Go's `%v` of a float64: the shortest digits, in exponent form below 1e-4 or from 1e21.
fn go_float(f: f64) -> String {
    if !f.is_finite() {
        return match f {
            f if f.is_nan() => "NaN".into(),
            f if f > 0.0 => "+Inf".into(),
            _ => "-Inf".into(),
        };
    }
    let a = f.abs();
    if a != 0.0 && !(1e-4..1e21).contains(&a) {
        let e = format!("{f:e}");
        if let Some((m, x)) = e.split_once('e') {
            let (sign, digits) = match x.strip_prefix('-') {
                Some(d) => ('-', d),
                None => ('+', x),
            };
            return format!("{m}e{sign}{digits:0>2}");
        }
    }
    format!("{f}")
}

/// go-yaml v2 `resolve` for an untagged scalar, then the JSON conversion of sigs.k8s.io/yaml.
fn resolve(text: &str, style: TScalarStyle, tag: Option<&Tag>) -> Value {
    if let Some(t) = tag {
        match t.suffix.as_str() {
            "str" | "binary" => return Value::Str(text.to_string()),
            "null" => return Value::Null,
            _ => {}
        }
    }
    if style != TScalarStyle::Plain {
        return Value::Str(text.to_string());
    }
    let hint = match text.as_bytes().first() {
        None => b'N',
        Some(b'+' | b'-') => b'S',
        Some(b'0'..=b'9') => b'D',
        Some(b'y' | b'Y' | b'n' | b'N' | b't' | b'T' | b'f' | b'F' | b'o' | b'O' | b'~') => b'M',
        Some(b'.') => b'.',
        Some(_) => 0,
    };
    if hint == 0 {
        return Value::Str(text.to_string());
    }
    match text {
        "y" | "Y" | "yes" | "Yes" | "YES" | "true" | "True" | "TRUE" | "on" | "On" | "ON" => {
            return Value::Bool(true)
        }
        "n" | "N" | "no" | "No" | "NO" | "false" | "False" | "FALSE" | "off" | "Off" | "OFF" => {
            return Value::Bool(false)
        }
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        ".nan" | ".NaN" | ".NAN" => return Value::Float(f64::NAN),
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => {
            return Value::Float(f64::INFINITY)
        }
        "-.inf" | "-.Inf" | "-.INF" => return Value::Float(f64::NEG_INFINITY),
        _ => {}
    }
    match hint {
        // Go's ParseFloat fails out of float64's range (`1e400`): go-yaml keeps the text a
        // string; Rust's parse gives infinity instead.
        b'.' if is_yaml_float(text) => {
            if let Some(f) = text.parse::<f64>().ok().filter(|f| f.is_finite()) {
                return Value::Float(f);
            }
        }
        b'D' | b'S' => {
            let plain: String = text.chars().filter(|&c| c != '_').collect();
            if let Some(v) = parse_go_int(&plain) {
                if let Ok(i) = i64::try_from(v) {
                    return Value::Int(i);
                }
                if let Ok(u) = u64::try_from(v) {
                    return Value::UInt(u);
                }
            }
            if is_yaml_float(&plain) {
                if let Some(f) = plain.parse::<f64>().ok().filter(|f| f.is_finite()) {
                    return Value::Float(f);
                }
            }
        }
        _ => {}
    }
    Value::Str(text.to_string())
}

/// The first value JSON cannot hold (`.inf`, `-.inf`, `.nan`), in the order json.Marshal meets
/// them (map keys sorted), and how encoding/json names it (`UnsupportedValueError`,
/// strconv.FormatFloat: `+Inf`, `-Inf`, `NaN`). kubectl converts each YAML document to JSON
/// before anything else (sigs.k8s.io/yaml yamlToJSONTarget) and fails there.
pub(crate) fn unsupported_value(n: &Node) -> Option<(&Node, &'static str)> {
    // Almost always none: a plain walk first, the sorted one only when there is one.
    fn any(n: &Node) -> bool {
        match &n.value {
            Value::Float(f) => !f.is_finite(),
            Value::Seq(items) => items.iter().any(any),
            Value::Map(entries) => entries.iter().any(|e| any(&e.value)),
            _ => false,
        }
    }
    if !any(n) {
        return None;
    }
    first_unsupported(n)
}

fn first_unsupported(n: &Node) -> Option<(&Node, &'static str)> {
    match &n.value {
        Value::Float(f) if f.is_nan() => Some((n, "NaN")),
        Value::Float(f) if f.is_infinite() && *f > 0.0 => Some((n, "+Inf")),
        Value::Float(f) if f.is_infinite() => Some((n, "-Inf")),
        Value::Seq(items) => items.iter().find_map(first_unsupported),
        Value::Map(entries) => {
            let mut sorted: Vec<&Entry> = entries.iter().collect();
            crate::sort::sort_by(&mut sorted, |a, b| a.key.as_bytes().cmp(b.key.as_bytes()));
            sorted.into_iter().find_map(|e| first_unsupported(&e.value))
        }
        _ => None,
    }
}

/// `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$` (go-yaml v2 `yamlStyleFloat`).
fn is_yaml_float(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    if matches!(b.first(), Some(b'+' | b'-')) {
        i += 1;
    }
    let digits = |i: &mut usize| {
        let start = *i;
        while *i < b.len() && b[*i].is_ascii_digit() {
            *i += 1;
        }
        *i - start
    };
    if b.get(i) == Some(&b'.') {
        i += 1;
        if digits(&mut i) == 0 {
            return false;
        }
    } else {
        if digits(&mut i) == 0 {
            return false;
        }
        if b.get(i) == Some(&b'.') {
            i += 1;
            digits(&mut i);
        }
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if digits(&mut i) == 0 {
            return false;
        }
    }
    i == b.len()
}

/// Go `strconv.ParseInt(s, 0, 64)` / `ParseUint` syntax: sign, then `0x`, `0o`, `0b`, `0` prefixes.
fn parse_go_int(s: &str) -> Option<i128> {
    let (neg, rest) = match s.as_bytes().first()? {
        b'-' => (true, &s[1..]),
        b'+' => (false, &s[1..]),
        _ => (false, s),
    };
    let lower = rest.to_ascii_lowercase();
    let (radix, digits) = if let Some(d) = lower.strip_prefix("0x") {
        (16, d)
    } else if let Some(d) = lower.strip_prefix("0o") {
        (8, d)
    } else if let Some(d) = lower.strip_prefix("0b") {
        (2, d)
    } else if lower.len() > 1 && lower.starts_with('0') {
        (8, &lower[1..])
    } else {
        (10, lower.as_str())
    };
    if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    let v = u128::from_str_radix(digits, radix).ok()?;
    if v > u64::MAX as u128 {
        return None;
    }
    let v = v as i128;
    if neg {
        if v > i64::MAX as i128 + 1 {
            return None;
        }
        Some(-v)
    } else {
        Some(v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn root(src: &str) -> Node {
        let s = parse_stream(src);
        assert!(s.fatal.is_none(), "{:?}", s.fatal);
        s.docs.into_iter().next().and_then(|d| d.root).unwrap()
    }

    #[test]
    fn scalars_resolve_like_go_yaml_v2() {
        let n = root("a: yes\nb: '1'\nc: 010\nd: 0x1F\ne: 1.5\nf: ~\ng: hello\nh: 2.0\ni: -3\nj: 18446744073709551615\nk: 08\n");
        let Value::Map(es) = n.value else { panic!() };
        let v: Vec<&Value> = es.iter().map(|e| &e.value.value).collect();
        assert_eq!(v[0], &Value::Bool(true));
        assert_eq!(v[1], &Value::Str("1".into()));
        assert_eq!(v[2], &Value::Int(8));
        assert_eq!(v[3], &Value::Int(31));
        assert_eq!(v[4], &Value::Float(1.5));
        assert_eq!(v[5], &Value::Null);
        assert_eq!(v[6], &Value::Str("hello".into()));
        assert_eq!(v[7], &Value::Float(2.0));
        assert_eq!(v[8], &Value::Int(-3));
        assert_eq!(v[9], &Value::UInt(u64::MAX));
        assert_eq!(v[10], &Value::Float(8.0));
    }

    #[test]
    fn positions_are_one_based() {
        let n = root("# c\nkind: Job\nspec:\n  x: 1\n");
        let Value::Map(es) = n.value else { panic!() };
        assert_eq!((es[0].key_line, es[0].key_col), (2, 1));
        assert_eq!((es[0].value.line, es[0].value.col), (2, 7));
        let Value::Map(inner) = &es[1].value.value else {
            panic!()
        };
        assert_eq!((inner[0].value.line, inner[0].value.col), (4, 6));
    }

    #[test]
    fn duplicates_and_aliases() {
        // The last of a key given twice wins (kubectl's YAMLToJSON), and is recorded.
        let s = parse_stream("a: 1\nb: &x {c: 2}\nd: *x\na: 3\n");
        let d = &s.docs[0];
        assert!(d.errors.is_empty());
        assert_eq!(d.duplicates, [(4, 1, "a".to_string(), 1)]);
        assert_eq!(
            d.root.as_ref().map(|r| r.to_json()),
            Some(serde_json::json!({"a": 3, "b": {"c": 2}, "d": {"c": 2}}))
        );
        let s = parse_stream("base: &b {x: 1, z: 2}\nm:\n  <<: *b\n  z: 3\n");
        let Value::Map(es) = &s.docs[0].root.as_ref().unwrap().value else {
            panic!()
        };
        assert_eq!(es[1].value.to_json(), serde_json::json!({"x": 1, "z": 3}));
    }

    #[test]
    fn syntax_errors_and_depth() {
        let s = parse_stream("a: b: c\n");
        let f = s.fatal.unwrap();
        assert!(
            f.message
                .starts_with("yaml: mapping values are not allowed"),
            "{f:?}"
        );
        let deep = "[".repeat(200);
        assert!(parse_stream(&deep).fatal.is_some());
    }

    /// go-yaml v2's words and lines (sigs.k8s.io/yaml's goyaml.v2 decode.go `fail`): the
    /// problem alone; a scanner error on its line, a parser error on the line before (its
    /// 0-based mark); a tab where libyaml's scanner may start a token is refused even where
    /// yaml-rust2 lets it through (scanner.c yaml_parser_scan_to_next_token).
    #[test]
    fn errors_in_go_yaml_words() {
        let cases = [
            (
                "a:\n  b: 1\n c: 2\n",
                (3, 3),
                "yaml: line 2: did not find expected key",
            ),
            // A full-width colon: no key on a line among keys (stale_simple_keys). The message
            // names the line the scanner went on to; the mark is on the key's own line.
            (
                "a:\n  x: 1\n  b：1\n  c: 2\n",
                (3, 3),
                "yaml: line 4: could not find expected ':'",
            ),
            // Not among keys: the scalar goes on over the next line, whose ':' is refused.
            (
                "a:\n  b：1\n  c: 2\n",
                (3, 4),
                "yaml: line 3: mapping values are not allowed in this context",
            ),
            (
                "a: [\"x\"，\"y\"]\n",
                (1, 8),
                "yaml: did not find expected ',' or ']'",
            ),
            // A flow collection left open: libyaml reads the next line as its next entry,
            // which has no ',' before it.
            (
                "a:\n  args: [\"-c\", \"x\"\n  b: 1\n",
                (3, 3),
                "yaml: line 2: did not find expected ',' or ']'",
            ),
            (
                "a: 1\ndata: {a: \"1\" # one\nb: 2\n",
                (3, 1),
                "yaml: line 2: did not find expected ',' or '}'",
            ),
            (
                "a:\n- b: 1\n  c\n",
                (3, 3),
                "yaml: line 4: could not find expected ':'",
            ),
            (
                "a:\n  b: 1\n  \tc: 2\n",
                (3, 3),
                "yaml: line 3: found a tab character that violates indentation",
            ),
            (
                "a:\n  \tc: 2\n",
                (2, 3),
                "yaml: line 2: found character that cannot start any token",
            ),
            (
                "a:\n-\tb: 1\n",
                (2, 2),
                "yaml: line 2: found character that cannot start any token",
            ),
            (
                "a:\n- \tb: 1\n",
                (2, 3),
                "yaml: line 2: found character that cannot start any token",
            ),
            // After a quoted scalar: the next token, in or out of a flow collection.
            (
                "b: 1\na: \"x\"{\n",
                (2, 7),
                "yaml: line 1: did not find expected key",
            ),
            (
                "b: 1\na: [\"a\" b]\n",
                (2, 9),
                "yaml: line 1: did not find expected ',' or ']'",
            ),
            // A plain key may not span lines in a flow collection either
            // (yaml_parser_stale_simple_keys).
            (
                "x: 1\na: [{b: 1, c\n  d: 2}]\n",
                (3, 3),
                "yaml: line 2: did not find expected ',' or '}'",
            ),
            // A key without its ':' at the stream's end (no line break after it).
            (
                "a: 1\nb",
                (2, 1),
                "yaml: line 3: could not find expected ':'",
            ),
            // No plain scalar starts with '|' or '>' in a flow collection.
            (
                "b: 1\na: [x,\n  |y]\n",
                (3, 3),
                "yaml: line 3: found character that cannot start any token",
            ),
            // A quote opened where a key is required (at its mapping's column) and closed on a
            // later line without a ':' (yaml_parser_stale_simple_keys); the first key of a new
            // mapping is not required, and the text after the quote is refused.
            (
                "a: 1\n\"b: 2\nc: \"x\" y\n",
                (2, 1),
                "yaml: line 3: could not find expected ':'",
            ),
            (
                "a:\n  \"b: 2\n  c: \"x\" y\n",
                (3, 7),
                "yaml: line 2: did not find expected key",
            ),
            // A plain scalar in a flow collection ends at '?' (yaml_parser_scan_plain_scalar).
            (
                "b: 1\na: [x?]\n",
                (2, 6),
                "yaml: line 1: did not find expected ',' or ']'",
            ),
            (
                "b: 1\na: [a b?]\n",
                (2, 8),
                "yaml: line 1: did not find expected ',' or ']'",
            ),
            (
                "b: 1\na: {k: v?}\n",
                (2, 9),
                "yaml: line 1: did not find expected ',' or '}'",
            ),
            (
                "b: 1\na: [x,\n  y?z]\n",
                (3, 4),
                "yaml: line 2: did not find expected ',' or ']'",
            ),
            // A comment right after a ',' (scan_to_next_token): the list goes on below.
            (
                "b: 1\na: [\"x\",# \"y\"]\nc: 1\n",
                (4, 1),
                "yaml: line 3: did not find expected ',' or ']'",
            ),
            (
                "a: 1\n\t\nb: 2\n",
                (2, 1),
                "yaml: line 2: found a tab character that violates indentation",
            ),
            (
                "a:\n\t\nb: 2\n",
                (2, 1),
                "yaml: line 2: found character that cannot start any token",
            ),
        ];
        for (src, (line, col), want) in cases {
            let f = parse_stream(src)
                .fatal
                .unwrap_or_else(|| panic!("{src:?} parsed"));
            assert_eq!(
                (f.line, f.col, f.message.as_str()),
                (line, col, want),
                "{src:?}"
            );
        }
        // A quote at a line's start inside a flow collection (yaml-rust2 then refuses the
        // indentation; the pre-scan must not fail first, nor panic).
        assert_eq!(block_context_tab("a: [\n\"x\"]\n#\t\n"), None);
        assert_eq!(block_context_tab("a: &x {b:\t1}\n"), None);
        // Tabs libyaml takes: after a value, in quotes, in flow collections, in block text.
        for src in [
            "a: b\t# c\n",
            "a: \"x\ty\"\n",
            "a: [x,\ty]\n",
            "a: [x,\n\t  y]\n",
            "a: &x b\nc: *x\n",
            // A '?' that starts a key, in quotes, in a block scalar, outside a flow collection,
            // after the document's end.
            "b: 1\na: [? x]\n",
            "b: 1\na: [\"x?\", 'y?']\n",
            "b: 1\na: x?y\nc: [1]\n",
            "b: 1\na: |\n  [x?y]\nc: [a]\n",
            "b: 1\na: [x]\n...\n[y?]\n",
            "a: |\n  x\n  \ty\nb: 1\n",
            "a:\n  - x\t\n",
            "{\n\"kind\": \"Job\"\t\n}\n",
            "a: b\n  \tc\n  \td\n",
            "{\n\t\"a\":\"}\",\n\t\"b\": 1\n}\n",
            "a: !!str \"x: \ty\"\n",
            // After a simple key's ':' libyaml eats tabs like spaces (scanner.c
            // yaml_parser_fetch_value leaves simple keys disallowed).
            "a:\tb\n",
            "a: \tb\n",
            "a:\t\n  b: 1\n",
            "a:\t[\"x\"]\n",
            "a:\t\"x\"\n",
            "a: [\"x\",# c\n  \"y\"]\nb: 1\n",
        ] {
            assert!(parse_stream(src).fatal.is_none(), "{src:?}");
        }
    }

    /// kubectl cuts a stream at its `---` lines before go-yaml parses each document alone
    /// (k8s.io/apimachinery pkg/util/yaml YAMLReader.Read): positions stay the stream's, the
    /// lines in go-yaml's words are the document's, and anchors do not cross documents.
    #[test]
    fn documents_are_cut_at_separator_lines_first() {
        let s = parse_stream("a: 1\r\n--- # two\r\nb: 2\r\n---\r\n\n");
        assert!(s.fatal.is_none(), "{:?}", s.fatal);
        assert_eq!(s.docs.len(), 2);
        let Value::Map(es) = &s.docs[1].root.as_ref().unwrap().value else {
            panic!()
        };
        assert_eq!((es[0].key.as_str(), es[0].key_line), ("b", 3));
        let f = parse_stream("a: 1\n---\nb: 2\n  c: d: e\n").fatal.unwrap();
        assert_eq!(
            (f.line, f.col, f.message.as_str()),
            (
                4,
                4,
                "yaml: line 2: mapping values are not allowed in this context"
            )
        );
        let f = parse_stream("a: &x 1\n---\nb: *x\n").fatal.unwrap();
        assert_eq!(
            (f.line, f.message.as_str()),
            (3, "yaml: unknown anchor 'x' referenced")
        );
        // `---` with text after it, and a directive (whose `---` kubectl has cut away).
        let f = parse_stream("a: 1\n--- !x\nb: 2\n").fatal.unwrap();
        assert_eq!(
            (f.line, f.col, f.message.as_str()),
            (2, 4, "invalid Yaml document separator: !x")
        );
        // scannerc.go yaml_parser_scan_directive_name.
        for (src, want) in [
            (
                "%apiVersion: v1\n",
                "yaml: found unexpected non-alphabetical character",
            ),
            (
                "%\nkind: Job\n",
                "yaml: could not find expected directive name",
            ),
            (
                "# c\n%YAML: 1.1\n",
                "yaml: line 2: found unexpected non-alphabetical character",
            ),
        ] {
            let f = parse_stream(src).fatal.unwrap();
            assert_eq!(f.message, want, "{src:?}");
        }
        let f = parse_stream("a: 1\n---\n%YAML 1.1\n---\nb: 2\n")
            .fatal
            .unwrap();
        assert_eq!(
            (f.line, f.message.as_str()),
            (3, "yaml: line 1: did not find expected <document start>")
        );
    }

    /// libyaml's reader refuses control characters; a leading byte order mark is allowed; a
    /// tab in indentation is named where it is (scanner.c), not at the scalar before it.
    #[test]
    fn control_characters_bom_and_tabs() {
        let f = parse_stream("a: 1\nimage: busy\u{0}box\n").fatal.unwrap();
        assert_eq!(
            (f.line, f.col, f.message.as_str()),
            (2, 12, "yaml: control characters are not allowed (U+0000)")
        );
        assert!(parse_stream("a: \u{7}\n").fatal.is_some());
        let s = parse_stream("\u{feff}a: 1\n");
        assert!(s.fatal.is_none());
        let Value::Map(es) = &s.docs[0].root.as_ref().unwrap().value else {
            panic!()
        };
        assert_eq!(es[0].key, "a");
        let f = parse_stream("spec:\n  completions: 8\n\tparallelism: 2\n")
            .fatal
            .unwrap();
        assert_eq!(
            (f.line, f.col, f.message.as_str()),
            (
                3,
                1,
                "yaml: line 3: found a tab character that violates indentation"
            )
        );
        // A tab inside a value is fine.
        assert!(parse_stream("a: \"x\ty\"\n").fatal.is_none());
    }
}
