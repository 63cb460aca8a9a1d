//! kubectl's JSONPath templates: `-o jsonpath`, `-o custom-columns` and `--sort-by`.
//!
//! A port of `k8s.io/client-go/util/jsonpath` (parser.go: the grammar and its error messages;
//! jsonpath.go: evaluation, `range`/`end`, and `PrintResults`, which prints maps and lists as
//! compact JSON and everything else as `fmt.Fprint` would) over `serde_json::Value`, with the
//! comparisons of `client-go/third_party/forked/golang/template/funcs.go`. The callers' rules
//! are here too: `RelaxedJSONPathExpression` (kubectl/pkg/cmd/get/customcolumn.go) and the
//! ordering of `--sort-by` (kubectl/pkg/cmd/get/sorter.go).
//!
//! Nothing a user types may panic or run away: parsing is iterative except for nested
//! filters and unions (depth-capped), and evaluation has a work budget.

use serde_json::Value;

use crate::manifest::go_quote;

/// Nested `[?(...)]` / `[a,b]` sub-templates deeper than this are refused.
const MAX_DEPTH: usize = 16;
/// Values an evaluation may visit before it gives up (a template is not a program): this many,
/// or `BUDGET_PER_VALUE` per value of the data, whichever is more, so one recursive descent
/// (`{..name}`) over a list of 10 000 pods runs, and a template nesting descents does not.
const BUDGET: usize = 2_000_000;
const BUDGET_PER_VALUE: usize = 8;

/// How many values `v` holds, itself included, a string's bytes too (evalRecursive walks them
/// as children); counting stops past `cap`.
fn values_in(v: &Value, cap: usize) -> usize {
    let mut n = 0;
    let mut stack = vec![v];
    while let Some(v) = stack.pop() {
        n += 1;
        if n > cap {
            break;
        }
        match v {
            Value::Array(a) => stack.extend(a.iter()),
            Value::Object(o) => stack.extend(o.values()),
            Value::String(s) => n += s.len(),
            _ => {}
        }
    }
    n
}

#[derive(Clone, Debug, PartialEq)]
enum Node {
    Text(String),
    List(Vec<Node>),
    Field(String),
    Array([Param; 3]),
    Filter(Vec<Node>, Vec<Node>, String),
    Int(i64),
    Float(f64),
    Bool(bool),
    Wildcard,
    Recursive,
    Union(Vec<Vec<Node>>),
    Identifier(String),
}

/// One of `[start:end:step]` (node.go `ParamsEntry`).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct Param {
    value: i64,
    known: bool,
    /// `end` of `[i]`, derived as `i+1`.
    derived: bool,
}

/// A parsed template.
#[derive(Clone, Debug, PartialEq)]
pub struct JsonPath {
    nodes: Vec<Node>,
    allow_missing_keys: bool,
    /// Go text/template's rule for `-o go-template`: a missing map key is the invalid value,
    /// printed `<no value>` (exec.go `evalField`, `printValue`), not nothing.
    missing_is_no_value: bool,
}

/// A result: a part of the data, a value the template made (literals, bytes of a string), or
/// Go's invalid `reflect.Value` (the data of a `range` over nothing).
#[derive(Clone, Debug)]
enum Val<'a> {
    Ref(&'a Value),
    Own(Value),
    Missing,
}

impl Val<'_> {
    fn value(&self) -> Option<&Value> {
        match self {
            Val::Ref(v) => Some(v),
            Val::Own(v) => Some(v),
            Val::Missing => None,
        }
    }
}

impl JsonPath {
    /// `jsonpath.New(..).AllowMissingKeys(true).Parse(text)`, as every kubectl printer uses it.
    pub(crate) fn parse(text: &str) -> Result<JsonPath, String> {
        Ok(JsonPath {
            nodes: parse(text, 0)?,
            allow_missing_keys: true,
            missing_is_no_value: false,
        })
    }

    /// A go-template translated to jsonpath: a field missing from the data prints `<no value>`.
    pub(crate) fn parse_go_template(text: &str) -> Result<JsonPath, String> {
        Ok(JsonPath {
            missing_is_no_value: true,
            ..JsonPath::parse(text)?
        })
    }

    /// `FindResults`: one list of values per top-level node (text or `{...}`).
    fn find<'a>(&self, data: &'a Value) -> Result<Vec<Vec<Val<'a>>>, String> {
        let mut e = Eval {
            nodes: &self.nodes,
            allow_missing_keys: self.allow_missing_keys,
            missing_is_no_value: self.missing_is_no_value,
            begin_range: 0,
            in_range: 0,
            end_range: 0,
            last_end: None,
            budget: BUDGET.max(values_in(data, BUDGET * 8).saturating_mul(BUDGET_PER_VALUE)),
            depth: 0,
        };
        e.find_results(Val::Ref(data), 0)
    }

    /// `FindResults` with the values copied out (`null` for Go's invalid value).
    pub(crate) fn values(&self, data: &Value) -> Result<Vec<Vec<Value>>, String> {
        Ok(self
            .find(data)?
            .into_iter()
            .map(|g| {
                g.into_iter()
                    .map(|v| v.value().cloned().unwrap_or(Value::Null))
                    .collect()
            })
            .collect())
    }

    /// `Execute`: the printed template. `as_json` is `-o jsonpath-as-json` (`EnableJSONOutput`):
    /// each result list as an indented JSON array.
    pub(crate) fn execute(&self, data: &Value, as_json: bool) -> Result<String, String> {
        let mut out = String::new();
        for group in self.find(data)? {
            if as_json {
                let items: Vec<Value> = group
                    .iter()
                    .map(|v| v.value().cloned().unwrap_or(Value::Null))
                    .collect();
                go_json(&Value::Array(items), Some(0), &mut out);
                out.push('\n');
                continue;
            }
            for (i, v) in group.iter().enumerate() {
                if i > 0 {
                    out.push(' ');
                }
                print_result(v, &mut out);
            }
        }
        Ok(out)
    }
}

/// `PrintResults` for one value: maps and lists as compact JSON, the rest as `fmt.Fprint`
/// (`evalToText`; a JSON null prints `null`, Go's invalid value `<no value>`).
fn print_result(v: &Val, out: &mut String) {
    match v.value() {
        None => out.push_str("<no value>"),
        Some(v @ (Value::Object(_) | Value::Array(_))) => go_json(v, None, out),
        Some(Value::Null) => out.push_str("null"),
        Some(v) => out.push_str(&go_sprint(v)),
    }
}

// ---------------------------------------------------------------------------------------------
// Parser (parser.go)

struct Parser<'a> {
    input: &'a str,
    pos: usize,
    start: usize,
    width: usize,
    depth: usize,
}

/// `Parse`: text outside braces, and a list per `{...}`.
fn parse(text: &str, depth: usize) -> Result<Vec<Node>, String> {
    if depth > MAX_DEPTH {
        return Err("jsonpath nested too deeply".into());
    }
    let mut p = Parser {
        input: text,
        pos: 0,
        start: 0,
        width: 0,
        depth,
    };
    let mut root = Vec::new();
    loop {
        // parseText
        let Some(i) = p.input.get(p.pos..).and_then(|r| r.find('{')) else {
            p.pos = p.input.len();
            if p.pos > p.start {
                root.push(Node::Text(p.consume().to_string()));
            }
            return Ok(root);
        };
        p.pos += i;
        if p.pos > p.start {
            root.push(Node::Text(p.consume().to_string()));
        }
        // parseLeftDelim
        p.pos += 1;
        p.consume();
        let mut cur = Vec::new();
        p.inside_action(&mut cur)?;
        root.push(Node::List(cur));
    }
}

/// `parseAction`: `text` as the inside of one `{...}`.
fn parse_action(text: &str, depth: usize) -> Result<Vec<Node>, String> {
    let mut nodes = parse(&format!("{{{text}}}"), depth + 1)?;
    match nodes.first_mut() {
        Some(Node::List(list)) => Ok(std::mem::take(list)),
        _ => Ok(Vec::new()),
    }
}

/// isTerminator: what ends a field name or identifier.
fn is_terminator(r: Option<char>) -> bool {
    match r {
        None => true,
        Some(c) => matches!(
            c,
            ' ' | '\t' | '\r' | '\n' | '.' | ',' | '[' | ']' | '$' | '@' | '{' | '}'
        ),
    }
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || (!c.is_ascii() && c.is_numeric())
}

fn is_alphanumeric(c: char) -> bool {
    c == '_' || c.is_alphabetic() || is_digit(c)
}

impl<'a> Parser<'a> {
    fn consume(&mut self) -> &'a str {
        let s = self.input.get(self.start..self.pos).unwrap_or("");
        self.start = self.pos;
        s
    }

    fn next(&mut self) -> Option<char> {
        let c = self.input.get(self.pos..).and_then(|r| r.chars().next());
        self.width = c.map_or(0, char::len_utf8);
        self.pos += self.width;
        c
    }

    fn backup(&mut self) {
        self.pos -= self.width;
    }

    fn peek(&mut self) -> Option<char> {
        let c = self.next();
        self.backup();
        c
    }

    /// The byte two before `pos`: what precedes a closing quote.
    fn escaped(&self) -> bool {
        self.pos >= 2 && self.input.as_bytes().get(self.pos - 2) == Some(&b'\\')
    }

    /// parseInsideAction, as a loop; returns after the closing `}`.
    fn inside_action(&mut self, cur: &mut Vec<Node>) -> Result<(), String> {
        loop {
            let rest = self.input.get(self.pos..).unwrap_or("");
            if rest.starts_with('}') {
                self.pos += 1;
                self.consume();
                return Ok(());
            }
            if rest.starts_with("[?(") {
                self.parse_filter(cur)?;
                continue;
            }
            if rest.starts_with("..") {
                // parseRecursive
                if cur.last() == Some(&Node::Recursive) {
                    return Err("invalid multiple recursive descent".into());
                }
                self.pos += 2;
                self.consume();
                cur.push(Node::Recursive);
                if self.peek().is_some_and(is_alphanumeric) {
                    self.parse_field(cur);
                }
                continue;
            }
            match self.next() {
                None | Some('\r' | '\n') => return Err("unclosed action".into()),
                Some(' ' | '@' | '$') => {
                    self.consume();
                }
                Some('[') => self.parse_array(cur)?,
                Some(q @ ('"' | '\'')) => self.parse_quote(cur, q)?,
                Some('.') => self.parse_field(cur),
                Some(c) if c == '+' || c == '-' || is_digit(c) => {
                    self.backup();
                    self.parse_number(cur)?;
                }
                Some(c) if is_alphanumeric(c) => {
                    self.backup();
                    self.parse_identifier(cur);
                }
                Some(c) => {
                    return Err(format!(
                        "unrecognized character in action: {}",
                        go_sharp_u(c)
                    ))
                }
            }
        }
    }

    fn parse_identifier(&mut self, cur: &mut Vec<Node>) {
        loop {
            let r = self.next();
            if is_terminator(r) {
                self.backup();
                break;
            }
        }
        let value = self.consume();
        cur.push(match value {
            "true" => Node::Bool(true),
            "false" => Node::Bool(false),
            _ => Node::Identifier(value.to_string()),
        });
    }

    fn parse_number(&mut self, cur: &mut Vec<Node>) -> Result<(), String> {
        if matches!(self.peek(), Some('+' | '-')) {
            self.next();
        }
        loop {
            match self.next() {
                Some(c) if c == '.' || is_digit(c) => {}
                _ => {
                    self.backup();
                    break;
                }
            }
        }
        let value = self.consume();
        if let Ok(i) = value.parse::<i64>() {
            cur.push(Node::Int(i));
        } else if let Ok(f) = value.parse::<f64>() {
            cur.push(Node::Float(f));
        } else {
            return Err(format!("cannot parse number {value}"));
        }
        Ok(())
    }

    fn parse_array(&mut self, cur: &mut Vec<Node>) -> Result<(), String> {
        loop {
            match self.next() {
                None | Some('\n') => return Err("unterminated array".into()),
                Some(']') => break,
                _ => {}
            }
        }
        let text = self.consume();
        let mut text = text.get(1..text.len().saturating_sub(1)).unwrap_or("");
        if text == "*" {
            text = ":";
        }
        // union operator
        if text.contains(',') {
            let mut union = Vec::new();
            for part in text.split(',') {
                union.push(parse_action(
                    &format!("[{}]", part.trim_matches(' ')),
                    self.depth,
                )?);
            }
            cur.push(Node::Union(union));
            return Ok(());
        }
        // dict key: ^'([^']*)'$, read as a field path
        if text.len() >= 2 && text.starts_with('\'') && text.ends_with('\'') {
            let key = &text[1..text.len() - 1];
            if !key.contains('\'') {
                cur.extend(parse_action(&format!(".{key}"), self.depth)?);
                return Ok(());
            }
        }
        let Some(groups) = slice_groups(text) else {
            return Err(format!("invalid array index {text}"));
        };
        let mut params = [Param::default(); 3];
        for (i, g) in groups.iter().enumerate() {
            if !g.is_empty() {
                let g = if i > 0 { &g[1..] } else { g };
                if i > 0 && g.is_empty() {
                    params[i].known = false;
                } else {
                    params[i].known = true;
                    params[i].value = g
                        .parse::<i64>()
                        .map_err(|_| format!("array index {g} is not a number"))?;
                }
            } else if i == 1 {
                params[1] = Param {
                    value: params[0].value.saturating_add(1),
                    known: true,
                    derived: true,
                };
            }
        }
        cur.push(Node::Array(params));
        Ok(())
    }

    fn parse_filter(&mut self, cur: &mut Vec<Node>) -> Result<(), String> {
        self.pos += 3;
        self.consume();
        let (mut begin, mut end) = (false, false);
        let mut pair = '"';
        loop {
            match self.next() {
                None | Some('\n') => return Err("unterminated filter".into()),
                Some(r @ ('"' | '\'')) => {
                    if !begin {
                        begin = true;
                        pair = r;
                        continue;
                    }
                    if !self.escaped() && r == pair {
                        end = true;
                    }
                }
                Some(')') if begin == end => break,
                _ => {}
            }
        }
        if self.next() != Some(']') {
            return Err("unclosed array expect ]".into());
        }
        let text = self.consume();
        let text = text.get(..text.len().saturating_sub(2)).unwrap_or("");
        match filter_groups(text) {
            None => {
                let left = parse_action(text, self.depth)?;
                cur.push(Node::Filter(left, Vec::new(), "exists".into()));
            }
            Some((l, op, r)) => {
                let left = parse_action(l, self.depth)?;
                let right = parse_action(r, self.depth)?;
                cur.push(Node::Filter(left, right, op.to_string()));
            }
        }
        Ok(())
    }

    fn parse_quote(&mut self, cur: &mut Vec<Node>, end: char) -> Result<(), String> {
        loop {
            match self.next() {
                None | Some('\n') => return Err("unterminated quoted string".into()),
                Some(c) if c == end && !self.escaped() => break,
                _ => {}
            }
        }
        let value = self.consume();
        let s = unquote_extend(value)
            .ok_or_else(|| format!("unquote string {value} error invalid syntax"))?;
        cur.push(Node::Text(s));
        Ok(())
    }

    fn parse_field(&mut self, cur: &mut Vec<Node>) {
        self.consume();
        // advance: up to the next terminator not escaped by a backslash
        loop {
            match self.next() {
                Some('\\') => {
                    self.next();
                }
                r if is_terminator(r) => {
                    self.backup();
                    break;
                }
                _ => {}
            }
        }
        let value = self.consume();
        cur.push(if value == "*" {
            Node::Wildcard
        } else {
            Node::Field(value.replace('\\', ""))
        });
    }
}

/// `sliceOperatorRex` `^(-?[\d]*)(:-?[\d]*)?(:-?[\d]*)?$`: the three groups, or None.
fn slice_groups(text: &str) -> Option<[&str; 3]> {
    let b = text.as_bytes();
    let mut groups = [""; 3];
    let mut at = 0;
    for (i, g) in groups.iter_mut().enumerate() {
        let start = at;
        if i > 0 {
            if b.get(at) != Some(&b':') {
                break;
            }
            at += 1;
        }
        if b.get(at) == Some(&b'-') {
            at += 1;
        }
        while b.get(at).is_some_and(u8::is_ascii_digit) {
            at += 1;
        }
        *g = &text[start..at];
    }
    (at == b.len()).then_some(groups)
}

/// The filter regexp `^([^!<>=]+)([!<>=]+)(.+?)$`: left, operator, right.
fn filter_groups(text: &str) -> Option<(&str, &str, &str)> {
    let is_op = |c: u8| matches!(c, b'!' | b'<' | b'>' | b'=');
    let b = text.as_bytes();
    let i = b.iter().position(|&c| is_op(c))?;
    if i == 0 {
        return None;
    }
    let mut j = i;
    while b.get(j).is_some_and(|&c| is_op(c)) {
        j += 1;
    }
    if j == b.len() {
        // The right side needs a character: the operator gives one back.
        if j - i < 2 {
            return None;
        }
        j -= 1;
    }
    Some((&text[..i], &text[i..j], &text[j..]))
}

/// `UnquoteExtend`: `strconv.Unquote` that also takes single quotes. None is `invalid syntax`.
fn unquote_extend(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let quote = *b.first()?;
    if b.len() < 2 || b.last() != Some(&quote) || !matches!(quote, b'"' | b'\'') {
        return None;
    }
    let inner = &s[1..s.len() - 1];
    if !inner.contains('\\') && !inner.contains(quote as char) {
        return Some(inner.to_string());
    }
    let mut out: Vec<u8> = Vec::new();
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c == quote as char {
            return None;
        }
        if c != '\\' {
            let mut buf = [0; 4];
            out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
            continue;
        }
        // strconv.UnquoteChar's escapes
        let hex = |chars: &mut std::str::Chars, n: usize| -> Option<u32> {
            let mut v = 0;
            for _ in 0..n {
                v = v * 16 + chars.next()?.to_digit(16)?;
            }
            Some(v)
        };
        let byte = match chars.next()? {
            'a' => 7,
            'b' => 8,
            'f' => 12,
            'n' => b'\n',
            'r' => b'\r',
            't' => b'\t',
            'v' => 11,
            '\\' => b'\\',
            q @ ('\'' | '"') if q == quote as char => q as u8,
            'x' => hex(&mut chars, 2)? as u8,
            d @ '0'..='7' => {
                let mut v = d.to_digit(8)?;
                for _ in 0..2 {
                    v = v * 8 + chars.next()?.to_digit(8)?;
                }
                u8::try_from(v).ok()?
            }
            u @ ('u' | 'U') => {
                let c = char::from_u32(hex(&mut chars, if u == 'u' { 4 } else { 8 })?)?;
                let mut buf = [0; 4];
                out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
                continue;
            }
            _ => return None,
        };
        out.push(byte);
    }
    Some(String::from_utf8_lossy(&out).into_owned())
}

/// Go's `%#U`: `U+007B '{'`.
fn go_sharp_u(c: char) -> String {
    if c.is_control() {
        format!("U+{:04X}", c as u32)
    } else {
        format!("U+{:04X} '{c}'", c as u32)
    }
}

// ---------------------------------------------------------------------------------------------
// Evaluation (jsonpath.go)

struct Eval<'t> {
    nodes: &'t [Node],
    allow_missing_keys: bool,
    missing_is_no_value: bool,
    begin_range: usize,
    in_range: usize,
    end_range: usize,
    /// The index of the most recent `{end}` that closed a range (`lastEndNode`).
    last_end: Option<usize>,
    budget: usize,
    /// Ranges open (each nests a `find_results`).
    depth: usize,
}

impl Eval<'_> {
    fn spend(&mut self, n: usize) -> Result<(), String> {
        self.budget = self
            .budget
            .checked_sub(n + 1)
            .ok_or("jsonpath template too expensive to evaluate")?;
        Ok(())
    }

    /// `FindResults` over the top-level nodes from `start` (a range body runs the nodes after
    /// its `range` until the matching `end`, once per value).
    fn find_results<'a>(
        &mut self,
        data: Val<'a>,
        start: usize,
    ) -> Result<Vec<Vec<Val<'a>>>, String> {
        if self.depth > 4 * MAX_DEPTH {
            return Err("jsonpath ranges nested too deeply".into());
        }
        let nodes = self.nodes;
        let cur = vec![data];
        let mut full = Vec::new();
        let mut i = start;
        while let Some(node) = nodes.get(i) {
            let results = self.walk(cur.clone(), node)?;
            // an end node breaks the current block
            if self.end_range > 0 && self.end_range <= self.in_range {
                self.end_range -= 1;
                self.last_end = Some(i);
                break;
            }
            // a range node starts a loop
            if self.begin_range > 0 {
                self.begin_range -= 1;
                self.in_range += 1;
                self.depth += 1;
                if results.is_empty() {
                    // still walk the body, to find where it ends
                    self.find_results(Val::Missing, i + 1)?;
                } else {
                    for v in results {
                        full.extend(self.find_results(v, i + 1)?);
                    }
                }
                self.in_range -= 1;
                self.depth -= 1;
                // resume after the most recent end node
                if let Some(e) = self.last_end.filter(|&e| e > i) {
                    i = e;
                }
                i += 1;
                continue;
            }
            full.push(results);
            i += 1;
        }
        Ok(full)
    }

    fn walk<'a>(&mut self, input: Vec<Val<'a>>, node: &Node) -> Result<Vec<Val<'a>>, String> {
        self.spend(input.len())?;
        Ok(match node {
            Node::List(nodes) => return self.eval_list(input, nodes),
            Node::Text(t) => vec![Val::Own(Value::String(t.clone()))],
            // no input, no output (and no missing key)
            Node::Field(_) if input.is_empty() => input,
            Node::Field(name) => {
                let mut out = Vec::new();
                for v in &input {
                    match v {
                        Val::Ref(Value::Object(m)) if m.contains_key(name) => {
                            out.extend(m.get(name).map(Val::Ref))
                        }
                        _ if self.missing_is_no_value => out.push(Val::Missing),
                        _ => {}
                    }
                }
                if out.is_empty() && !self.allow_missing_keys {
                    return Err(format!("{name} is not found"));
                }
                out
            }
            Node::Array(params) => eval_array(&input, params)?,
            Node::Filter(left, right, op) => self.eval_filter(&input, left, right, op)?,
            Node::Int(n) => vec![Val::Own(Value::from(*n)); input.len()],
            Node::Float(f) => vec![Val::Own(float_value(*f)); input.len()],
            Node::Bool(b) => vec![Val::Own(Value::Bool(*b)); input.len()],
            Node::Wildcard => {
                let mut out = Vec::new();
                for v in &input {
                    children(v, &mut out);
                }
                out
            }
            Node::Recursive => {
                // Pre-order: each value that has children (a string has its bytes), then its
                // descendants.
                let mut out = Vec::new();
                for v in input {
                    let mut stack = vec![v];
                    while let Some(v) = stack.pop() {
                        self.spend(0)?;
                        let mut kids = Vec::new();
                        children(&v, &mut kids);
                        if !kids.is_empty() {
                            out.push(v);
                            stack.extend(kids.into_iter().rev());
                        }
                    }
                }
                out
            }
            Node::Union(lists) => {
                let mut out = Vec::new();
                for list in lists {
                    out.extend(self.eval_list(input.clone(), list)?);
                }
                out
            }
            Node::Identifier(name) => match name.as_str() {
                "range" => {
                    self.begin_range += 1;
                    input
                }
                "end" if self.in_range > 0 => {
                    self.end_range += 1;
                    Vec::new()
                }
                "end" => return Err("not in range, nothing to end".into()),
                _ => return Err(format!("unrecognized identifier {name}")),
            },
        })
    }

    fn eval_list<'a>(
        &mut self,
        input: Vec<Val<'a>>,
        nodes: &[Node],
    ) -> Result<Vec<Val<'a>>, String> {
        let mut cur = input;
        for n in nodes {
            cur = self.walk(cur, n)?;
        }
        Ok(cur)
    }

    fn eval_filter<'a>(
        &mut self,
        input: &[Val<'a>],
        left: &[Node],
        right: &[Node],
        op: &str,
    ) -> Result<Vec<Val<'a>>, String> {
        let mut out = Vec::new();
        for v in input {
            let items = match v {
                Val::Ref(Value::Array(a)) => a,
                Val::Missing => continue,
                v => {
                    let shown = v.value().map_or("<nil>".into(), go_sprint);
                    return Err(format!(
                        "{shown} is not array or slice and cannot be filtered"
                    ));
                }
            };
            for item in items {
                let lefts = self.eval_list(vec![Val::Ref(item)], left);
                if op == "exists" {
                    if lefts.is_ok_and(|l| !l.is_empty()) {
                        out.push(Val::Ref(item));
                    }
                    continue;
                }
                let lefts = lefts?;
                let l = match lefts.as_slice() {
                    [] => continue,
                    [l] => l.clone(),
                    _ => return Err("can only compare one element at a time".into()),
                };
                let rights = self.eval_list(vec![Val::Ref(item)], right)?;
                let r = match rights.as_slice() {
                    [] => continue,
                    [r] => r.clone(),
                    _ => return Err("can only compare one element at a time".into()),
                };
                let (l, r) = (l.value(), r.value());
                let pass = match op {
                    "<" => less(l, r)?,
                    ">" => !(less(l, r)? || equal(l, r)?),
                    "==" => equal(l, r)?,
                    "!=" => !equal(l, r)?,
                    "<=" => less(l, r)? || equal(l, r)?,
                    ">=" => !less(l, r)?,
                    _ => return Err(format!("unrecognized filter operator {op}")),
                };
                if pass {
                    out.push(Val::Ref(item));
                }
            }
        }
        Ok(out)
    }
}

/// A float literal as JSON (non-finite ones cannot be: they print as `null`).
fn float_value(f: f64) -> Value {
    serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)
}

/// What `*` yields: map values, list items, a string's bytes.
fn children<'a>(v: &Val<'a>, out: &mut Vec<Val<'a>>) {
    match v {
        Val::Ref(Value::Object(m)) => out.extend(m.values().map(Val::Ref)),
        Val::Ref(Value::Array(a)) => out.extend(a.iter().map(Val::Ref)),
        _ => {
            if let Some(Value::String(s)) = v.value() {
                out.extend(s.bytes().map(|b| Val::Own(Value::from(b))));
            }
        }
    }
}

/// `evalArray`: an index, a slice `[start:end:step]`, or `[*]`.
fn eval_array<'a>(input: &[Val<'a>], params: &[Param; 3]) -> Result<Vec<Val<'a>>, String> {
    let mut out = Vec::new();
    for v in input {
        let items = match v {
            Val::Ref(Value::Array(a)) => a,
            Val::Missing | Val::Ref(Value::Null) => continue,
            v => {
                return Err(format!(
                    "{} is not array or slice",
                    v.value().map_or("<nil>", go_type)
                ))
            }
        };
        let len = items.len() as i64;
        let [mut from, mut to, step] = *params;
        if !from.known {
            from.value = 0;
        }
        if from.value < 0 {
            from.value += len;
        }
        if !to.known {
            to.value = len;
        }
        if to.value < 0 || (to.value == 0 && to.derived) {
            to.value += len;
        }
        // zero elements are allowed through
        if to.value == from.value {
            return Ok(out);
        }
        if from.value >= len || from.value < 0 {
            return Err(format!(
                "array index out of bounds: index {}, length {len}",
                from.value
            ));
        }
        if to.value > len || to.value < 0 {
            return Err(format!(
                "array index out of bounds: index {}, length {len}",
                to.value.saturating_sub(1)
            ));
        }
        if from.value > to.value {
            return Err(format!(
                "starting index {} is greater than ending index {}",
                from.value, to.value
            ));
        }
        let step = if step.known {
            if step.value <= 0 {
                return Err("step must be > 0".into());
            }
            step.value as usize
        } else {
            1
        };
        let slice = items
            .get(from.value as usize..to.value as usize)
            .unwrap_or_default();
        out.extend(slice.iter().step_by(step).map(Val::Ref));
    }
    Ok(out)
}

/// The Go type a value has in unstructured data, for error messages.
fn go_type(v: &Value) -> &'static str {
    match v {
        Value::Object(_) => "map[string]interface {}",
        Value::Array(_) => "[]interface {}",
        Value::String(_) => "string",
        Value::Bool(_) => "bool",
        Value::Number(n) if n.is_f64() => "float64",
        Value::Number(_) => "int64",
        Value::Null => "<nil>",
    }
}

// ---------------------------------------------------------------------------------------------
// Comparisons (third_party/forked/golang/template/funcs.go)

#[derive(PartialEq)]
enum Basic<'v> {
    Bool(bool),
    Int(i128),
    Float(f64),
    Str(&'v str),
}

fn basic(v: Option<&Value>) -> Result<Basic<'_>, String> {
    match v {
        Some(Value::Bool(b)) => Ok(Basic::Bool(*b)),
        Some(Value::String(s)) => Ok(Basic::Str(s)),
        Some(Value::Number(n)) => Ok(match (n.as_i64(), n.as_u64()) {
            (Some(i), _) => Basic::Int(i.into()),
            (_, Some(u)) => Basic::Int(u.into()),
            _ => Basic::Float(n.as_f64().unwrap_or(f64::NAN)),
        }),
        _ => Err("invalid type for comparison".into()),
    }
}

fn equal(a: Option<&Value>, b: Option<&Value>) -> Result<bool, String> {
    match (basic(a)?, basic(b)?) {
        (Basic::Bool(x), Basic::Bool(y)) => Ok(x == y),
        (Basic::Int(x), Basic::Int(y)) => Ok(x == y),
        (Basic::Float(x), Basic::Float(y)) => Ok(x == y),
        (Basic::Str(x), Basic::Str(y)) => Ok(x == y),
        _ => Err("incompatible types for comparison".into()),
    }
}

fn less(a: Option<&Value>, b: Option<&Value>) -> Result<bool, String> {
    match (basic(a)?, basic(b)?) {
        (Basic::Bool(_), Basic::Bool(_)) => Err("invalid type for comparison".into()),
        (Basic::Int(x), Basic::Int(y)) => Ok(x < y),
        (Basic::Float(x), Basic::Float(y)) => Ok(x < y),
        (Basic::Str(x), Basic::Str(y)) => Ok(x < y),
        _ => Err("incompatible types for comparison".into()),
    }
}

// ---------------------------------------------------------------------------------------------
// Printing as Go does

/// `fmt.Sprint` of an unstructured value: custom-columns cells, and scalars in templates.
pub(crate) fn go_sprint(v: &Value) -> String {
    let mut out = String::new();
    sprint(v, false, &mut out);
    out
}

/// `%#v` of an unstructured value (the jsonpath printer's debugging dump).
pub(crate) fn go_sharp_v(v: &Value) -> String {
    let mut out = String::new();
    sprint(v, true, &mut out);
    out
}

/// Map keys in Go's printing order (fmt and encoding/json sort them).
fn sorted_entries(m: &serde_json::Map<String, Value>) -> Vec<(&String, &Value)> {
    let mut entries: Vec<(&String, &Value)> = m.iter().collect();
    crate::sort::sort_by(&mut entries, |a, b| a.0.cmp(b.0));
    entries
}

fn sprint(v: &Value, sharp: bool, out: &mut String) {
    match v {
        Value::Null => out.push_str(if sharp { "interface {}(nil)" } else { "<nil>" }),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => match (n.as_i64(), n.as_u64()) {
            (Some(i), _) => out.push_str(&i.to_string()),
            (_, Some(u)) => out.push_str(&u.to_string()),
            _ => out.push_str(&go_float_v(n.as_f64().unwrap_or(0.0))),
        },
        Value::String(s) if sharp => out.push_str(&go_quote(s)),
        Value::String(s) => out.push_str(s),
        Value::Array(a) => {
            out.push_str(if sharp { "[]interface {}{" } else { "[" });
            for (i, x) in a.iter().enumerate() {
                if i > 0 {
                    out.push_str(if sharp { ", " } else { " " });
                }
                sprint(x, sharp, out);
            }
            out.push(if sharp { '}' } else { ']' });
        }
        Value::Object(m) => {
            out.push_str(if sharp {
                "map[string]interface {}{"
            } else {
                "map["
            });
            for (i, (k, x)) in sorted_entries(m).into_iter().enumerate() {
                if i > 0 {
                    out.push_str(if sharp { ", " } else { " " });
                }
                if sharp {
                    out.push_str(&go_quote(k));
                } else {
                    out.push_str(k);
                }
                out.push(':');
                sprint(x, sharp, out);
            }
            out.push(if sharp { '}' } else { ']' });
        }
    }
}

/// The shortest digits and decimal exponent of `f` (`1.25e3` → ("125", 3)).
fn digits_and_exponent(f: f64) -> (String, i32) {
    let e = format!("{:e}", f.abs());
    let (mantissa, exp) = e.split_once('e').unwrap_or((&e, "0"));
    (mantissa.replace('.', ""), exp.parse().unwrap_or(0))
}

/// `%e` with the shortest digits: `1e+06`, `1.5e-07`.
fn go_exp(f: f64, min_exp_digits: usize) -> String {
    let (digits, exp) = digits_and_exponent(f);
    let mut s = String::new();
    if f < 0.0 {
        s.push('-');
    }
    let (first, rest) = digits.split_at(digits.len().min(1));
    s.push_str(first);
    if !rest.is_empty() {
        s.push('.');
        s.push_str(rest);
    }
    s.push('e');
    s.push(if exp < 0 { '-' } else { '+' });
    s.push_str(&format!(
        "{:0width$}",
        exp.unsigned_abs(),
        width = min_exp_digits
    ));
    s
}

/// Go's `%v` of a float64: `%g` with the shortest digits, an exponent below -4 or from 6
/// (`strconv.FormatFloat(f, 'g', -1, 64)`): `1e+06`, `0.0001`.
fn go_float_v(f: f64) -> String {
    if !f.is_finite() {
        return if f.is_nan() {
            "NaN".into()
        } else if f > 0.0 {
            "+Inf".into()
        } else {
            "-Inf".into()
        };
    }
    if f == 0.0 {
        return if f.is_sign_negative() { "-0" } else { "0" }.into();
    }
    let (_, exp) = digits_and_exponent(f);
    if !(-4..6).contains(&exp) {
        go_exp(f, 2)
    } else {
        format!("{f}")
    }
}

/// encoding/json's float64: `'f'` unless tiny or huge, then `'e'` without a padded exponent.
fn go_json_float(f: f64) -> String {
    let abs = f.abs();
    if abs != 0.0 && !(1e-6..1e21).contains(&abs) {
        go_exp(f, 1)
    } else {
        format!("{f}")
    }
}

/// `-o json` (cli-runtime printers/json.go `JSONPrinter`): `json.MarshalIndent(obj, "", "    ")`
/// of the object as the API server sends it, so keys sorted, four-space indent, Go's escapes.
pub(crate) fn kubectl_json(v: &Value) -> String {
    let mut out = String::new();
    go_json(v, Some(0), &mut out);
    out
}

/// `-o json` of a typed Go object (`kubectl events` prints a `corev1.EventList`): encoding/json
/// writes a struct's fields in their declared order, which `v` already has.
pub(crate) fn kubectl_json_typed(v: &Value) -> String {
    let mut out = String::new();
    go_json_keys(v, Some(0), false, &mut out);
    out
}

/// `json.Marshal` (compact, `indent` None) or `json.MarshalIndent(v, "", "    ")` at a depth:
/// sorted keys, and `<`, `>`, `&`, U+2028, U+2029 escaped as Go escapes them.
fn go_json(v: &Value, indent: Option<usize>, out: &mut String) {
    go_json_keys(v, indent, true, out)
}

/// `go_json`, map keys sorted (a Go map) or kept in order (a Go struct).
fn go_json_keys(v: &Value, indent: Option<usize>, sorted: bool, out: &mut String) {
    let newline = |out: &mut String, depth: usize| {
        out.push('\n');
        for _ in 0..depth {
            out.push_str("    ");
        }
    };
    match v {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => match (n.as_i64(), n.as_u64()) {
            (Some(i), _) => out.push_str(&i.to_string()),
            (_, Some(u)) => out.push_str(&u.to_string()),
            _ => out.push_str(&go_json_float(n.as_f64().unwrap_or(0.0))),
        },
        Value::String(s) => go_json_string(s, out),
        Value::Array(a) => {
            out.push('[');
            for (i, x) in a.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                if let Some(d) = indent {
                    newline(out, d + 1);
                }
                go_json_keys(x, indent.map(|d| d + 1), sorted, out);
            }
            if let (Some(d), false) = (indent, a.is_empty()) {
                newline(out, d);
            }
            out.push(']');
        }
        Value::Object(m) => {
            out.push('{');
            let entries = match sorted {
                true => sorted_entries(m),
                false => m.iter().collect(),
            };
            for (i, (k, x)) in entries.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                if let Some(d) = indent {
                    newline(out, d + 1);
                }
                go_json_string(k, out);
                out.push(':');
                if indent.is_some() {
                    out.push(' ');
                }
                go_json_keys(x, indent.map(|d| d + 1), sorted, out);
            }
            if let (Some(d), false) = (indent, m.is_empty()) {
                newline(out, d);
            }
            out.push('}');
        }
    }
}

/// A string as Go's `encoding/json` writes it (HTML characters escaped too).
fn go_json_string(s: &str, out: &mut String) {
    out.push_str(&crate::manifest::go_json_str(s));
}

// ---------------------------------------------------------------------------------------------
// kubectl's uses (kubectl/pkg/cmd/get)

/// `RelaxedJSONPathExpression` (customcolumn.go): `a.b`, `.a.b`, `{a.b}` and `{.a.b}` all
/// become `{.a.b}`.
pub(crate) fn relaxed(expr: &str) -> Result<String, String> {
    if expr.is_empty() {
        return Ok(String::new());
    }
    // ^\{\.?([^{}]+)\}$|^\.?([^{}]+)$
    let spec = |s: &str| -> Option<String> {
        let s = match s.strip_prefix('.') {
            Some(r) if !r.is_empty() => r,
            _ => s,
        };
        (!s.is_empty() && !s.contains(['{', '}'])).then(|| format!("{{.{s}}}"))
    };
    let braced = expr
        .strip_prefix('{')
        .and_then(|s| s.strip_suffix('}'))
        .and_then(spec);
    braced.or_else(|| spec(expr)).ok_or_else(|| {
        "unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'".into()
    })
}

/// `printers.EscapeTerminal`: terminal escapes made visible.
pub(crate) fn escape_terminal(s: &str) -> String {
    s.replace('\u{1b}', "^[").replace('\r', "\\r")
}

/// `--sort-by`: the order of `objs` by the field. `table` selects the server-side-table path
/// (sorter.go `NewTableSorter`: every table with rows must have the field once) over
/// `SortObjects` (the list printers). Objects without the field sort first; numbers compare
/// as numbers, strings as resource quantities when both are, else in natural order
/// (`sortorder.NaturalLess`), which orders RFC 3339 times by time.
pub(crate) fn sort_order(input: &str, objs: &[Value], table: bool) -> Result<Vec<usize>, String> {
    let field = if table {
        relaxed(input).unwrap_or_else(|_| input.to_string())
    } else {
        relaxed(input)?
    };
    let jp = JsonPath::parse(&field).map_err(|e| {
        if table {
            format!("sorting error: {e}")
        } else {
            e
        }
    })?;
    let mut keys: Vec<Option<Value>> = Vec::new();
    for o in objs {
        let groups = jp.values(o)?;
        keys.push(groups.into_iter().next().and_then(|g| g.into_iter().next()));
    }
    if !objs.is_empty() && keys.iter().all(Option::is_none) {
        return Err(format!(
            "couldn't find any field with path {} in the list of objects",
            go_quote(&field)
        ));
    }
    let mut order: Vec<usize> = (0..objs.len()).collect();
    let mut failure: Option<String> = None;
    crate::sort::sort_by(&mut order, |&a, &b| {
        let (ka, kb) = (
            keys.get(a).and_then(Option::as_ref),
            keys.get(b).and_then(Option::as_ref),
        );
        let (ka, kb) = match (ka, kb) {
            (None, None) => return std::cmp::Ordering::Equal,
            (None, _) => return std::cmp::Ordering::Less,
            (_, None) => return std::cmp::Ordering::Greater,
            (Some(x), Some(y)) => (x, y),
        };
        match (is_less(ka, kb), is_less(kb, ka)) {
            (Ok(true), _) => std::cmp::Ordering::Less,
            (Ok(false), Ok(true)) => std::cmp::Ordering::Greater,
            (Ok(false), Ok(false)) => std::cmp::Ordering::Equal,
            (Err(e), _) | (_, Err(e)) => {
                failure.get_or_insert(e);
                std::cmp::Ordering::Equal
            }
        }
    });
    if let Some(e) = failure {
        let what = if table {
            "[][][]reflect.Value"
        } else {
            "*unstructured.Unstructured"
        };
        return Err(format!(
            "Field {field} in {what} is an unsortable type: interface, err: {e}"
        ));
    }
    Ok(order)
}

/// sorter.go `isLess` on two unstructured values.
fn is_less(a: &Value, b: &Value) -> Result<bool, String> {
    match (a, b) {
        (Value::Null, Value::Null) => Ok(false),
        (Value::Null, _) => Ok(true),
        (_, Value::Null) => Ok(false),
        (Value::Number(x), Value::Number(y)) => {
            match (x.as_i64(), y.as_i64(), x.is_f64(), y.is_f64()) {
                (Some(x), Some(y), _, _) => Ok(x < y),
                (_, _, true, true) => Ok(x.as_f64() < y.as_f64()),
                _ => Err("unsortable interface: interface".into()),
            }
        }
        (Value::String(x), Value::String(y)) => match (quantity(x), quantity(y)) {
            (Some(qx), Some(qy)) => Ok(qx < qy),
            _ => Ok(natural_less(x, y)),
        },
        (Value::Bool(_), _) => Err("unsortable type: bool".into()),
        (Value::Object(_), _) => Err("unsortable type: map[string]interface {}".into()),
        (Value::Array(_), _) => Err("unsortable type: []interface {}".into()),
        _ => Err("unsortable interface: interface".into()),
    }
}

/// `resource.ParseQuantity`, as a number: `500m`, `2Gi`, `1e3`, `4`.
fn quantity(s: &str) -> Option<f64> {
    crate::api::quantity_f64(s)
}

/// `sortorder.NaturalLess` (github.com/fvbommel/sortorder): digit runs compare as numbers.
pub(crate) fn natural_less(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let (mut i, mut j) = (0, 0);
    while let (Some(&c1), Some(&c2)) = (a.get(i), b.get(j)) {
        let (d1, d2) = (c1.is_ascii_digit(), c2.is_ascii_digit());
        if d1 != d2 {
            return d1;
        }
        if !d1 {
            if c1 != c2 {
                return c1 < c2;
            }
            i += 1;
            j += 1;
            continue;
        }
        while a.get(i) == Some(&b'0') {
            i += 1;
        }
        while b.get(j) == Some(&b'0') {
            j += 1;
        }
        let (nz1, nz2) = (i, j);
        while a.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        while b.get(j).is_some_and(u8::is_ascii_digit) {
            j += 1;
        }
        if i - nz1 != j - nz2 {
            return i - nz1 < j - nz2;
        }
        if a[nz1..i] != b[nz2..j] {
            return a[nz1..i] < b[nz2..j];
        }
        if nz1 != nz2 {
            return nz1 < nz2;
        }
    }
    a.len() < b.len()
}

/// One custom-columns cell (customcolumn.go `printOneObject`): the values found, joined by
/// commas, `<none>` when there are none.
pub(crate) fn column_cell(path: &JsonPath, obj: &Value) -> Result<String, String> {
    let groups = path.values(obj)?;
    let mut values: Vec<String> = Vec::new();
    if groups.first().is_none_or(|g| g.is_empty()) {
        values.push("<none>".into());
    }
    for v in groups.iter().flatten() {
        values.push(escape_terminal(&go_sprint(v)));
    }
    Ok(values.join(","))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn exec(template: &str, data: &Value, allow_missing_keys: bool) -> Result<String, String> {
        let mut jp = JsonPath::parse(template)?;
        jp.allow_missing_keys = allow_missing_keys;
        jp.execute(data, false)
    }

    /// Cases as `testJSONPath` in jsonpath_test.go runs them: (name, template, expected).
    fn check(cases: &[(&str, &str, &str)], data: &Value, allow_missing_keys: bool) {
        for (name, template, want) in cases {
            assert_eq!(
                exec(template, data, allow_missing_keys).as_deref(),
                Ok(*want),
                "{name}: {template}"
            );
        }
    }

    fn fails(cases: &[(&str, &str, &str)], data: &Value) {
        for (name, template, want) in cases {
            assert_eq!(
                exec(template, data, false),
                Err(want.to_string()),
                "{name}: {template}"
            );
        }
    }

    /// jsonpath_test.go `TestTypesInput` (its maps; the Go struct cases have no JSON twin).
    /// client-go's evalRecursive has no budget: `{..name}` over a list of 3 000 objects
    /// (each with 1 KB of strings, whose bytes the descent walks) prints every name; the
    /// budget, scaled to the data, still stops a template nesting descents (the console's
    /// hostile-template test).
    #[test]
    fn a_recursive_descent_over_a_large_list_runs() {
        let items: Vec<Value> = (0..3000)
            .map(|i| json!({"metadata": {"name": format!("p-{i}")}, "spec": {"note": "x".repeat(1000)}}))
            .collect();
        let list = json!({"kind": "List", "items": items});
        let out = JsonPath::parse("{..name}")
            .expect("parse")
            .execute(&list, false)
            .expect("runs");
        assert_eq!(out.split(' ').count(), 3000);
    }

    #[test]
    fn types_input() {
        let types = json!({
            "bools": [true, false, true, false],
            "integers": [1, 2, 3, 4],
            "floats": [1.0, 2.2, 3.3, 4.0],
            "strings": ["one", "two", "three", "four"],
            "interfaces": [true, "one", 1, 1.1],
            "maps": [
                {"name": "one", "value": 1},
                {"name": "two", "value": 2.02},
                {"name": "three", "value": 3.03},
                {"name": "four", "value": 4.04},
            ],
        });
        check(
            &[
                ("boolSlice", "{ .bools }", "[true,false,true,false]"),
                ("boolSliceIndex", "{ .bools[0] }", "true"),
                ("boolSliceIndex", "{ .bools[-1] }", "false"),
                ("boolSubSlice", "{ .bools[0:2] }", "true false"),
                ("boolSubSliceFirst2", "{ .bools[:2] }", "true false"),
                ("boolSubSliceStep2", "{ .bools[:4:2] }", "true true"),
                ("integerSlice", "{ .integers }", "[1,2,3,4]"),
                ("integerSliceIndexReverse", "{ .integers[-2] }", "3"),
                ("integerSubSliceStep2", "{ .integers[:4:2] }", "1 3"),
                ("floatSlice", "{ .floats }", "[1,2.2,3.3,4]"),
                ("floatSliceIndex", "{ .floats[0] }", "1"),
                ("floatSliceIndexReverse", "{ .floats[-2] }", "3.3"),
                ("floatSubSliceFirst2", "{ .floats[0:2] }", "1 2.2"),
                (
                    "stringSlice",
                    "{ .strings }",
                    r#"["one","two","three","four"]"#,
                ),
                ("stringSliceIndex", "{ .strings[0] }", "one"),
                ("stringSubSliceStep2", "{ .strings[:4:2] }", "one three"),
                ("interfaceSlice", "{ .interfaces }", r#"[true,"one",1,1.1]"#),
                (
                    "interfaceSubSliceFirst2",
                    "{ .interfaces[0:2] }",
                    "true one",
                ),
                ("interfaceSubSliceStep2", "{ .interfaces[:4:2] }", "true 1"),
                (
                    "mapSlice",
                    "{ .maps }",
                    r#"[{"name":"one","value":1},{"name":"two","value":2.02},{"name":"three","value":3.03},{"name":"four","value":4.04}]"#,
                ),
                (
                    "mapSliceIndex",
                    "{ .maps[0] }",
                    r#"{"name":"one","value":1}"#,
                ),
                (
                    "mapSubSliceStepOdd",
                    "{ .maps[::2] }",
                    r#"{"name":"one","value":1} {"name":"three","value":3.03}"#,
                ),
                (
                    "mapSubSliceStepEven",
                    "{ .maps[1::2] }",
                    r#"{"name":"two","value":2.02} {"name":"four","value":4.04}"#,
                ),
            ],
            &types,
            false,
        );
    }

    /// jsonpath_test.go `TestStructInput`, with the store as JSON.
    #[test]
    fn struct_input() {
        let store = json!({
            "Name": "jsonpath",
            "Book": [
                {"Category": "reference", "Author": "Nigel Rees", "Title": "Sayings of the Centurey", "Price": 8.95},
                {"Category": "fiction", "Author": "Evelyn Waugh", "Title": "Sword of Honour", "Price": 12.99},
                {"Category": "fiction", "Author": "Herman Melville", "Title": "Moby Dick", "Price": 8.99},
            ],
            "Bicycle": [
                {"Color": "red", "Price": 19.95, "IsNew": true},
                {"Color": "green", "Price": 20.01, "IsNew": false},
            ],
            "Labels": {"engieer": 10, "web/html": 15, "k8s-app": 20},
            "Employees": {"jason": "manager", "dan": "clerk"},
        });
        check(
            &[
                ("plain", "hello jsonpath", "hello jsonpath"),
                ("quote", r#"{"{"}"#, "{"),
                ("variable", "hello {.Name}", "hello jsonpath"),
                ("dict/", "{$.Labels.web/html}", "15"),
                ("dict/", "{$.Employees.jason}", "manager"),
                ("dict-", "{.Labels.k8s-app}", "20"),
                ("nest", "{.Bicycle[*].Color}", "red green"),
                (
                    "allarray",
                    "{.Book[*].Author}",
                    "Nigel Rees Evelyn Waugh Herman Melville",
                ),
                (
                    "allfields",
                    r#"{range .Bicycle[*]}{ "{" }{ @.* }{ "} " }{end}"#,
                    "{red 19.95 true} {green 20.01 false} ",
                ),
                ("recurfields", "{..Price}", "8.95 12.99 8.99 19.95 20.01"),
                (
                    "recurdotfields",
                    "{...Price}",
                    "8.95 12.99 8.99 19.95 20.01",
                ),
                (
                    "allstructs",
                    r#"{range .Bicycle[*]}{ @ }{ " " }{end}"#,
                    r#"{"Color":"red","IsNew":true,"Price":19.95} {"Color":"green","IsNew":false,"Price":20.01} "#,
                ),
                (
                    "lastarray",
                    "{.Book[-1:]}",
                    r#"{"Author":"Herman Melville","Category":"fiction","Price":8.99,"Title":"Moby Dick"}"#,
                ),
                (
                    "recurarray",
                    "{..Book[2]}",
                    r#"{"Author":"Herman Melville","Category":"fiction","Price":8.99,"Title":"Moby Dick"}"#,
                ),
                (
                    "bool",
                    "{.Bicycle[?(@.IsNew==true)]}",
                    r#"{"Color":"red","IsNew":true,"Price":19.95}"#,
                ),
            ],
            &store,
            false,
        );
        check(
            &[("recursive", "{..}", "[1,2,3]")],
            &json!([1, 2, 3]),
            false,
        );
        check(
            &[("filter", "{[?(@<5)]}", "2 3")],
            &json!([2, 6, 3, 7]),
            false,
        );
        check(
            &[("union", "{[1,3,4]}", "1 3 4")],
            &json!([0, 1, 2, 3, 4]),
            false,
        );
        check(
            &[("array", "{[0:2]}", "Monday Tudesday")],
            &json!(["Monday", "Tudesday"]),
            false,
        );
        check(&[("nonexistent field", "{.hello}", "")], &store, true);
        fails(
            &[
                (
                    "invalid identifier",
                    "{hello}",
                    "unrecognized identifier hello",
                ),
                ("nonexistent field", "{.hello}", "hello is not found"),
                (
                    "invalid array",
                    "{.Labels[0]}",
                    "map[string]interface {} is not array or slice",
                ),
                (
                    "invalid filter operator",
                    "{.Book[?(@.Price<>10)]}",
                    "unrecognized filter operator <>",
                ),
                (
                    "redundant end",
                    "{range .Labels.*}{@}{end}{end}",
                    "not in range, nothing to end",
                ),
            ],
            &store,
        );
        assert_eq!(
            JsonPath::parse("{............................................................Price}")
                .err(),
            Some("invalid multiple recursive descent".into())
        );
    }

    fn nodes() -> Value {
        json!({
            "kind": "List",
            "items": [
                {
                    "kind": "None",
                    "metadata": {"name": "127.0.0.1", "labels": {"kubernetes.io/hostname": "127.0.0.1"}},
                    "status": {
                        "capacity": {"cpu": "4"},
                        "ready": true,
                        "addresses": [{"type": "LegacyHostIP", "address": "127.0.0.1"}],
                    },
                },
                {
                    "kind": "None",
                    "metadata": {"name": "127.0.0.2", "labels": {"kubernetes.io/hostname": "127.0.0.2"}},
                    "status": {
                        "capacity": {"cpu": "8"},
                        "ready": false,
                        "addresses": [
                            {"type": "LegacyHostIP", "address": "127.0.0.2"},
                            {"type": "another", "address": "127.0.0.3"},
                        ],
                    },
                },
            ],
            "users": [
                {"name": "myself", "user": {}},
                {"name": "e2e", "user": {"username": "admin", "password": "secret"}},
            ],
        })
    }

    /// jsonpath_test.go `TestKubernetes` and `TestJSONInput`.
    #[test]
    fn kubernetes() {
        check(
            &[
                (
                    "range item",
                    "{range .items[*]}{.metadata.name}, {end}{.kind}",
                    "127.0.0.1, 127.0.0.2, List",
                ),
                (
                    "range item with quote",
                    r#"{range .items[*]}{.metadata.name}{"\t"}{end}"#,
                    "127.0.0.1\t127.0.0.2\t",
                ),
                (
                    "range addresss",
                    "{.items[*].status.addresses[*].address}",
                    "127.0.0.1 127.0.0.2 127.0.0.3",
                ),
                (
                    "double range",
                    "{range .items[*]}{range .status.addresses[*]}{.address}, {end}{end}",
                    "127.0.0.1, 127.0.0.2, 127.0.0.3, ",
                ),
                (
                    "item name",
                    "{.items[*].metadata.name}",
                    "127.0.0.1 127.0.0.2",
                ),
                (
                    "union nodes capacity",
                    "{.items[*]['metadata.name', 'status.capacity']}",
                    r#"127.0.0.1 127.0.0.2 {"cpu":"4"} {"cpu":"8"}"#,
                ),
                (
                    "range nodes capacity",
                    "{range .items[*]}[{.metadata.name}, {.status.capacity}] {end}",
                    r#"[127.0.0.1, {"cpu":"4"}] [127.0.0.2, {"cpu":"8"}] "#,
                ),
                (
                    "user password",
                    r#"{.users[?(@.name=="e2e")].user.password}"#,
                    "secret",
                ),
                (
                    "hostname",
                    r"{.items[0].metadata.labels.kubernetes\.io/hostname}",
                    "127.0.0.1",
                ),
                (
                    "hostname filter",
                    r#"{.items[?(@.metadata.labels.kubernetes\.io/hostname=="127.0.0.1")].kind}"#,
                    "None",
                ),
                (
                    "bool item",
                    "{.items[?(@..ready==true)].metadata.name}",
                    "127.0.0.1",
                ),
                (
                    "recursive name",
                    "{..name}",
                    "127.0.0.1 127.0.0.2 myself e2e",
                ),
            ],
            &nodes(),
            false,
        );
        let points = json!([
            {"id": "i1", "x": 4, "y": -5},
            {"id": "i2", "x": -2, "y": -5, "z": 1},
            {"id": "i3", "x": 8, "y": 3},
            {"id": "i4", "x": -6, "y": -1},
            {"id": "i5", "x": 0, "y": 2, "z": 1},
            {"id": "i6", "x": 1, "y": 4},
        ]);
        check(
            &[
                ("exists filter", "{[?(@.z)].id}", "i2 i5"),
                ("bracket key", "{[0]['id']}", "i1"),
                ("ints compare", "{[?(@.x>=1)].id}", "i1 i3 i6"),
                ("string compare", r#"{[?(@.id<"i3")].id}"#, "i1 i2"),
            ],
            &points,
            false,
        );
    }

    /// jsonpath_test.go `TestEmptyRange`, `TestNestedRanges`,
    /// `TestFilterPartialMatchesSometimesMissingAnnotations`.
    #[test]
    fn ranges() {
        let empty = json!({"items": []});
        check(
            &[
                ("empty range", "{range .items[*]}{.metadata.name}{end}", ""),
                (
                    "empty nested range",
                    r#"{range .items[*]}{.metadata.name}{":"}{range @.spec.containers[*]}{.name}{","}{end}{"+"}{end}"#,
                    "",
                ),
            ],
            &empty,
            true,
        );
        let pod = |name: &str, containers: &[&str]| {
            json!({"metadata": {"name": name}, "spec": {"containers": containers.iter().map(|c| json!({
                "name": c, "another": [{"name": "value1"}, {"name": "value2"}]
            })).collect::<Vec<_>>()}})
        };
        let data = json!({"items": [pod("pod1", &["foo", "bar"]), pod("pod2", &["baz"])]});
        check(
            &[
                (
                    "nested range with a trailing newline",
                    r#"{range .items[*]}{.metadata.name}{":"}{range @.spec.containers[*]}{.name}{","}{end}{"+"}{end}"#,
                    "pod1:foo,bar,+pod2:baz,+",
                ),
                (
                    "nested range with a trailing character within another nested range",
                    r##"{range .items[*]}{.metadata.name}{"~"}{range @.spec.containers[*]}{.name}{":"}{range @.another[*]}{.name}{","}{end}{"+"}{end}{"#"}{end}"##,
                    "pod1~foo:value1,value2,+bar:value1,value2,+#pod2~baz:value1,value2,+#",
                ),
                (
                    "two nested ranges at the same level",
                    r#"{range .items[*]}{.metadata.name}{"\t"}{range @.spec.containers[*]}{.name}{" "}{end}{"\t"}{range @.spec.containers[*]}{.name}{" "}{end}{"\n"}{end}"#,
                    "pod1\tfoo bar \tfoo bar \npod2\tbaz \tbaz \n",
                ),
            ],
            &data,
            false,
        );
        let annotated = json!({"kind": "List", "items": [
            {"kind": "Pod", "metadata": {"name": "pod1", "annotations": {"color": "blue"}}},
            {"kind": "Pod", "metadata": {"name": "pod2"}},
            {"kind": "Pod", "metadata": {"name": "pod3", "annotations": {"color": "green"}}},
            {"kind": "Pod", "metadata": {"name": "pod4", "annotations": {"color": "blue"}}},
        ]});
        let t = r#"{.items[?(@.metadata.annotations.color=="blue")].metadata.name}"#;
        check(&[("partial matches", t, "pod1 pod4")], &annotated, true);
        assert!(exec(t, &annotated, false).is_err());
    }

    /// jsonpath_test.go `TestNegativeIndex` and `TestStep`.
    #[test]
    fn indexes_and_steps() {
        let names = |n: usize| json!({"spec": {"containers": (0..n).map(|i| json!({"name": format!("fake{i}")})).collect::<Vec<_>>()}});
        let four = names(4);
        check(
            &[
                ("[0]", "{.spec.containers[0].name}", "fake0"),
                ("[0:0]", "{.spec.containers[0:0].name}", ""),
                (
                    "[0:-1]",
                    "{.spec.containers[0:-1].name}",
                    "fake0 fake1 fake2",
                ),
                ("[-1]", "{.spec.containers[-1].name}", "fake3"),
                ("[-1:]", "{.spec.containers[-1:].name}", "fake3"),
                ("[-2]", "{.spec.containers[-2].name}", "fake2"),
                ("[-2:]", "{.spec.containers[-2:].name}", "fake2 fake3"),
                ("[-4]", "{.spec.containers[-4].name}", "fake0"),
                (
                    "[-4:]",
                    "{.spec.containers[-4:].name}",
                    "fake0 fake1 fake2 fake3",
                ),
                ("[5:5]", "{.spec.containers[5:5].name}", ""),
                ("[-5:-5]", "{.spec.containers[-5:-5].name}", ""),
            ],
            &four,
            false,
        );
        fails(
            &[
                (
                    "[-1:0]",
                    "{.spec.containers[-1:0].name}",
                    "starting index 3 is greater than ending index 0",
                ),
                (
                    "[-5]",
                    "{.spec.containers[-5].name}",
                    "array index out of bounds: index -1, length 4",
                ),
                (
                    "[4]",
                    "{.spec.containers[4].name}",
                    "array index out of bounds: index 4, length 4",
                ),
                (
                    "[3:1]",
                    "{.spec.containers[3:1].name}",
                    "starting index 3 is greater than ending index 1",
                ),
                (
                    "[-1:-2]",
                    "{.spec.containers[-1:-2].name}",
                    "starting index 3 is greater than ending index 2",
                ),
            ],
            &four,
        );
        let six = names(6);
        check(
            &[
                (
                    "[0:]",
                    "{.spec.containers[0:].name}",
                    "fake0 fake1 fake2 fake3 fake4 fake5",
                ),
                (
                    "[0:6:]",
                    "{.spec.containers[0:6:].name}",
                    "fake0 fake1 fake2 fake3 fake4 fake5",
                ),
                ("[1:4:2]", "{.spec.containers[1:4:2].name}", "fake1 fake3"),
                ("[1:4:4]", "{.spec.containers[1:4:4].name}", "fake1"),
                ("[0:6:5]", "{.spec.containers[0:6:5].name}", "fake0 fake5"),
            ],
            &six,
            false,
        );
        fails(
            &[
                (
                    "[0:6:0]",
                    "{.spec.containers[0:6:0].name}",
                    "step must be > 0",
                ),
                (
                    "[0:6:-1]",
                    "{.spec.containers[0:6:-1].name}",
                    "step must be > 0",
                ),
            ],
            &six,
        );
    }

    /// parser.go's errors (the cases of parser_test.go `failParserTests`, and more).
    #[test]
    fn parse_errors() {
        for (template, want) in [
            ("{.hello", "unclosed action"),
            ("{*}", "unrecognized character in action: U+002A '*'"),
            ("{+12.3.0}", "cannot parse number +12.3.0"),
            ("{[1}", "unterminated array"),
            ("{[?(.price]}", "unterminated filter"),
            ("{........}", "invalid multiple recursive descent"),
            ("{.a[x]}", "invalid array index x"),
            ("{.a[-]}", "array index - is not a number"),
            (r#"{"abc}"#, "unterminated quoted string"),
            (r#"{"\q"}"#, r#"unquote string "\q" error invalid syntax"#),
            ("{.a[?(@.b)x]}", "unclosed array expect ]"),
        ] {
            assert_eq!(
                JsonPath::parse(template).err().as_deref(),
                Some(want),
                "{template}"
            );
        }
        // Nesting is capped, not a stack overflow.
        let ranges = "{range @}".repeat(5000);
        let jp = JsonPath::parse(&ranges).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            jp.execute(&json!({}), false),
            Err("jsonpath ranges nested too deeply".into())
        );
        let deep = format!("{{{}}}", "[?(@".repeat(5000));
        assert!(JsonPath::parse(&deep).is_err());
        let deep = format!("{{{}1{}}}", "[".repeat(5000), ",1]".repeat(5000));
        assert!(JsonPath::parse(&deep).is_err());
    }

    #[test]
    fn printing_like_go() {
        let data = json!({"s": "a<b>&c", "l": ["a<b>&c"], "f": 1000000.5, "big": 1e21, "tiny": 0.000001, "n": null, "e": [], "m": {}});
        check(
            &[
                (
                    "html escaped in JSON",
                    "{.m}{.l}",
                    r#"{}["a\u003cb\u003e\u0026c"]"#,
                ),
                ("raw string", "{.s}", "a<b>&c"),
                ("%v float", "{.f}", "1.0000005e+06"),
                ("%v tiny", "{.tiny}", "1e-06"),
                ("null", "{.n}", "null"),
                ("empty list", "{.e}", "[]"),
                ("literals", "{1}{' '}{2.5}{' '}{true}", "1 2.5 true"),
                ("at", "{@.s}", "a<b>&c"),
            ],
            &data,
            true,
        );
        let mut out = String::new();
        go_json(&json!([1e21, 1e-7, 0.5]), None, &mut out);
        assert_eq!(out, "[1e+21,1e-7,0.5]");
        assert_eq!(
            go_sprint(&json!({"b": [1, "x"], "a": null})),
            "map[a:<nil> b:[1 x]]"
        );
        assert_eq!(
            go_sharp_v(&json!({"b": [1, "x"], "a": null})),
            r#"map[string]interface {}{"a":interface {}(nil), "b":[]interface {}{1, "x"}}"#
        );
        let jp = JsonPath::parse("{.a[*]}").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            jp.execute(&json!({"a": ["x", {"k": 1}]}), true).as_deref(),
            Ok("[\n    \"x\",\n    {\n        \"k\": 1\n    }\n]\n")
        );
    }

    #[test]
    fn relaxed_and_sorting() {
        for (e, want) in [
            ("metadata.name", "{.metadata.name}"),
            (".metadata.name", "{.metadata.name}"),
            ("{metadata.name}", "{.metadata.name}"),
            ("{.metadata.name}", "{.metadata.name}"),
            ("", ""),
        ] {
            assert_eq!(relaxed(e).as_deref(), Ok(want));
        }
        assert!(relaxed("{.a}{.b}").is_err());
        assert!(natural_less("pod-2", "pod-10"));
        assert!(!natural_less("pod-10", "pod-2"));
        assert!(natural_less("a", "ab"));
        assert_eq!(quantity("500m"), Some(0.5));
        assert_eq!(quantity("2Ki"), Some(2048.0));
        assert_eq!(quantity("1e3"), Some(1000.0));
        assert_eq!(quantity("pi-xyz"), None);
        let objs = [
            json!({"v": "1Gi", "n": 3}),
            json!({"v": "500Mi"}),
            json!({"n": 1, "v": "2Gi"}),
        ];
        assert_eq!(sort_order(".v", &objs, false), Ok(vec![1, 0, 2]));
        assert_eq!(sort_order("n", &objs, true), Ok(vec![1, 2, 0]));
        assert_eq!(
            sort_order(".nope", &objs, false),
            Err(r#"couldn't find any field with path "{.nope}" in the list of objects"#.into())
        );
        assert_eq!(
            sort_order("{.a", &objs, true),
            Err("sorting error: unclosed action".into())
        );
        assert!(sort_order("{.a}{.b}", &objs, false).is_err());
        let mixed = [json!({"v": true}), json!({"v": false})];
        assert_eq!(
            sort_order(".v", &mixed, false),
            Err("Field {.v} in *unstructured.Unstructured is an unsortable type: interface, err: unsortable type: bool".into())
        );
    }
}
