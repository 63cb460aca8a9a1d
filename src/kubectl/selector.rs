//! `kubectl get -l SELECTOR`: the label selector string as the API server parses it
//! (apimachinery `pkg/labels/selector.go` `Parse`: its lexer, its recursive descent and its
//! error wording), into a [`LabelSelector`] of match expressions.

use crate::api::{LabelSelector, LabelSelectorRequirement};
use crate::manifest::{go_quote, label_key_errors, label_value_errors};
use crate::sim::aggregate;

#[derive(Clone, Copy, PartialEq)]
enum Tok {
    End,
    ClosedPar,
    Comma,
    Not,
    DoubleEquals,
    Equals,
    Gt,
    Ident,
    In,
    Lt,
    NotEquals,
    NotIn,
    OpenPar,
}

/// `string2token`.
fn token(s: &str) -> Option<Tok> {
    Some(match s {
        ")" => Tok::ClosedPar,
        "," => Tok::Comma,
        "!" => Tok::Not,
        "==" => Tok::DoubleEquals,
        "=" => Tok::Equals,
        ">" => Tok::Gt,
        "in" => Tok::In,
        "<" => Tok::Lt,
        "!=" => Tok::NotEquals,
        "notin" => Tok::NotIn,
        "(" => Tok::OpenPar,
        _ => return None,
    })
}

fn is_special(b: u8) -> bool {
    matches!(b, b'=' | b'!' | b'(' | b')' | b',' | b'>' | b'<')
}

/// `Lexer.Lex` over the whole string (`Parser.scan`). Splits fall on ASCII bytes only, so
/// every piece is valid UTF-8.
fn scan(s: &str) -> Vec<(Tok, String)> {
    let b = s.as_bytes();
    let mut i = 0;
    let mut out = Vec::new();
    loop {
        while i < b.len() && matches!(b[i], b' ' | b'\t' | b'\r' | b'\n') {
            i += 1;
        }
        if i >= b.len() {
            out.push((Tok::End, String::new()));
            return out;
        }
        let start = i;
        if is_special(b[i]) {
            // scanSpecialSymbol: the longest operator (every single symbol is one).
            i += 1;
            if i < b.len() && is_special(b[i]) && token(&s[start..=i]).is_some() {
                i += 1;
            }
        } else {
            while i < b.len() && !is_special(b[i]) && !matches!(b[i], b' ' | b'\t' | b'\r' | b'\n')
            {
                i += 1;
            }
        }
        let lit = &s[start..i];
        out.push((token(lit).unwrap_or(Tok::Ident), lit.to_string()));
    }
}

struct Parser {
    items: Vec<(Tok, String)>,
    position: usize,
}

impl Parser {
    /// `lookahead`; in a values context `in` and `notin` are identifiers.
    fn lookahead(&self, values: bool) -> (Tok, String) {
        let (t, l) = self
            .items
            .get(self.position)
            .cloned()
            .unwrap_or((Tok::End, String::new()));
        match t {
            Tok::In | Tok::NotIn if values => (Tok::Ident, l),
            _ => (t, l),
        }
    }

    fn consume(&mut self, values: bool) -> (Tok, String) {
        let item = self.lookahead(values);
        self.position += 1;
        item
    }

    fn parse(&mut self) -> Result<Vec<LabelSelectorRequirement>, String> {
        let mut reqs = Vec::new();
        loop {
            let (tok, lit) = self.lookahead(true);
            match tok {
                Tok::Ident | Tok::Not => {
                    let r = self
                        .parse_requirement()
                        .map_err(|e| format!("unable to parse requirement: {e}"))?;
                    reqs.push(r);
                    let (t, l) = self.consume(true);
                    match t {
                        Tok::End => return Ok(reqs),
                        Tok::Comma => {
                            let (t2, l2) = self.lookahead(true);
                            if t2 != Tok::Ident && t2 != Tok::Not {
                                return Err(format!(
                                    "found '{l2}', expected: identifier after ','"
                                ));
                            }
                        }
                        _ => return Err(format!("found '{l}', expected: ',' or 'end of string'")),
                    }
                }
                Tok::End => return Ok(reqs),
                _ => {
                    return Err(format!(
                        "found '{lit}', expected: !, identifier, or 'end of string'"
                    ))
                }
            }
        }
    }

    fn parse_requirement(&mut self) -> Result<LabelSelectorRequirement, String> {
        let (key, operator) = self.parse_key_and_infer_operator()?;
        if let Some(op) = operator {
            return Ok(requirement(key, op, Vec::new()));
        }
        let (op, exact) = match self.consume(false) {
            (Tok::In, _) => ("In", false),
            (Tok::NotIn, _) => ("NotIn", false),
            (Tok::Equals | Tok::DoubleEquals, _) => ("In", true),
            (Tok::NotEquals, _) => ("NotIn", true),
            (Tok::Gt, _) => ("Gt", true),
            (Tok::Lt, _) => ("Lt", true),
            (_, lit) => {
                return Err(format!(
                    "found '{lit}', expected: in, notin, =, ==, !=, gt, lt"
                ))
            }
        };
        let mut values = if exact {
            self.parse_exact_value()?
        } else {
            self.parse_values()?
        };
        crate::sort::sort(&mut values);
        // NewRequirement's checks of the values.
        let mut errs = Vec::new();
        for (i, v) in values.iter().enumerate() {
            if matches!(op, "Gt" | "Lt") && v.parse::<i64>().is_err() {
                errs.push(format!("values[{i}]: Invalid value: {}: for 'Gt', 'Lt' operators, the value must be an integer", go_quote(v)));
            }
        }
        for (i, v) in values.iter().enumerate() {
            let bad = label_value_errors(v);
            if !bad.is_empty() {
                errs.push(format!(
                    "values[{i}][{key}]: Invalid value: {}: {}",
                    go_quote(v),
                    bad.join("; ")
                ));
            }
        }
        if !errs.is_empty() {
            return Err(aggregate(&errs));
        }
        Ok(requirement(key, op, values))
    }

    /// `parseKeyAndInferOperator`: `Some` for the unary `k` and `!k`.
    fn parse_key_and_infer_operator(&mut self) -> Result<(String, Option<&'static str>), String> {
        let mut operator = None;
        let (mut tok, mut lit) = self.consume(true);
        if tok == Tok::Not {
            operator = Some("DoesNotExist");
            (tok, lit) = self.consume(true);
        }
        if tok != Tok::Ident {
            return Err(format!("found '{lit}', expected: identifier"));
        }
        let errs = label_key_errors(&lit);
        if !errs.is_empty() {
            return Err(format!(
                "<nil>: Invalid value: {}: {}",
                go_quote(&lit),
                errs.join("; ")
            ));
        }
        if matches!(self.lookahead(true).0, Tok::End | Tok::Comma) && operator.is_none() {
            operator = Some("Exists");
        }
        Ok((lit, operator))
    }

    /// `parseValues`: `(a,b)`.
    fn parse_values(&mut self) -> Result<Vec<String>, String> {
        let (tok, lit) = self.consume(true);
        if tok != Tok::OpenPar {
            return Err(format!("found '{lit}' expected: '('"));
        }
        let (tok, lit) = self.lookahead(true);
        match tok {
            Tok::Ident | Tok::Comma => {
                let s = self.parse_identifiers_list()?;
                if self.consume(true).0 != Tok::ClosedPar {
                    return Err(format!("found '{lit}', expected: ')'"));
                }
                Ok(s)
            }
            Tok::ClosedPar => {
                self.consume(true);
                Ok(vec![String::new()])
            }
            _ => Err(format!("found '{lit}', expected: ',', ')' or identifier")),
        }
    }

    /// `parseIdentifiersList`: comma-separated, possibly empty, identifiers (a set).
    fn parse_identifiers_list(&mut self) -> Result<Vec<String>, String> {
        let mut s: Vec<String> = Vec::new();
        let insert = |s: &mut Vec<String>, v: String| {
            if !s.contains(&v) {
                s.push(v);
            }
        };
        loop {
            let (tok, lit) = self.consume(true);
            match tok {
                Tok::Ident => {
                    insert(&mut s, lit);
                    match self.lookahead(true) {
                        (Tok::Comma, _) => continue,
                        (Tok::ClosedPar, _) => return Ok(s),
                        (_, lit2) => return Err(format!("found '{lit2}', expected: ',' or ')'")),
                    }
                }
                Tok::Comma => {
                    if s.is_empty() {
                        insert(&mut s, String::new());
                    }
                    match self.lookahead(true).0 {
                        Tok::ClosedPar => {
                            insert(&mut s, String::new());
                            return Ok(s);
                        }
                        Tok::Comma => insert(&mut s, String::new()),
                        _ => {}
                    }
                }
                _ => return Err(format!("found '{lit}', expected: ',', or identifier")),
            }
        }
    }

    /// `parseExactValue`: one value, possibly empty.
    fn parse_exact_value(&mut self) -> Result<Vec<String>, String> {
        if matches!(self.lookahead(true).0, Tok::End | Tok::Comma) {
            return Ok(vec![String::new()]);
        }
        match self.consume(true) {
            (Tok::Ident, lit) => Ok(vec![lit]),
            (_, lit) => Err(format!("found '{lit}', expected: identifier")),
        }
    }
}

fn requirement(key: String, operator: &str, values: Vec<String>) -> LabelSelectorRequirement {
    LabelSelectorRequirement {
        key,
        operator: operator.to_string(),
        values,
    }
}

/// `labels.Parse`: `=`/`==` and `in` become `In`, `!=` and `notin` `NotIn`, `k` `Exists`,
/// `!k` `DoesNotExist`, `>`/`<` `Gt`/`Lt`; requirements sorted by key.
pub fn parse_selector(s: &str) -> Result<LabelSelector, String> {
    let mut p = Parser {
        items: scan(s),
        position: 0,
    };
    let mut reqs = p.parse()?;
    crate::sort::sort_by(&mut reqs, |a, b| a.key.cmp(&b.key));
    Ok(LabelSelector {
        match_labels: Default::default(),
        match_expressions: reqs,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn labels(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        crate::sort::to_map(pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())))
    }

    #[test]
    fn parses_like_apimachinery() {
        let l = labels(&[("app", "web"), ("tier", "fe"), ("n", "5")]);
        let yes = |s: &str| parse_selector(s).map(|sel| sel.matches(&l));
        for s in [
            "app=web",
            "app==web",
            "app!=db",
            "app in (web,db)",
            "app notin (db)",
            "tier",
            "!gone",
            "app=web, tier in (fe)",
            "x notin ()",
            "n>4",
            "n<6",
            "",
            "in in (in)",
        ] {
            assert_eq!(yes(s), Ok(s != "in in (in)"), "{s}");
        }
        for s in [
            "app=db",
            "!app",
            "gone",
            "app in (db)",
            "n>5",
            "app=web,tier=be",
        ] {
            assert_eq!(yes(s), Ok(false), "{s}");
        }
        let e = |s: &str| parse_selector(s).err().unwrap_or_default();
        assert_eq!(
            e("app in"),
            "unable to parse requirement: found '' expected: '('"
        );
        assert_eq!(
            e("app in (a"),
            "unable to parse requirement: found '', expected: ',' or ')'"
        );
        assert_eq!(e("app=web,"), "found '', expected: identifier after ','");
        assert_eq!(
            e("=x"),
            "found '=', expected: !, identifier, or 'end of string'"
        );
        assert_eq!(
            e("app x"),
            "unable to parse requirement: found 'x', expected: in, notin, =, ==, !=, gt, lt"
        );
        assert_eq!(e("!a=b"), "found '=', expected: ',' or 'end of string'");
        assert_eq!(
            e("n>x"),
            "unable to parse requirement: values[0]: Invalid value: \"x\": for 'Gt', 'Lt' operators, the value must be an integer"
        );
        assert!(e("a b=c").starts_with("unable to parse requirement: found 'b'"));
        assert!(e("bad_=x").starts_with(
            "unable to parse requirement: <nil>: Invalid value: \"bad_\": name part must consist of"
        ));
        assert!(e("a=-x").starts_with(
            "unable to parse requirement: values[0][a]: Invalid value: \"-x\": a valid label must be"
        ));
        for odd in [
            "(",
            ")",
            "!",
            "!!",
            "a in ((",
            "é=ü",
            "a in (,,)",
            "a=(",
            ",",
            "a,,b",
        ] {
            let _ = parse_selector(odd);
        }
    }
}
