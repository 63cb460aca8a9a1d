//! Manifests: multi-document YAML → typed, defaulted, validated API objects.
//! STUB: being written.

pub mod hints;

use crate::api::Object;

/// One validation or parse error, API-server style, with its place in the source.
#[derive(Clone, Debug, PartialEq)]
pub struct ManifestError {
    /// 1-based line and column of the offending node (the document start for whole-object errors).
    pub line: usize,
    pub column: usize,
    /// The field path (`spec.template.spec.restartPolicy`), empty for syntax errors.
    pub field: String,
    /// The whole message as the API server words it, field path included.
    pub message: String,
}

impl std::fmt::Display for ManifestError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.line, self.column, self.message)
    }
}

/// Parses, defaults and validates every document. All errors are returned, not just the first.
pub fn parse_manifests(src: &str) -> Result<Vec<Object>, Vec<ManifestError>> {
    let _ = src;
    Ok(Vec::new())
}
