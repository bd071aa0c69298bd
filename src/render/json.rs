//! The JSON report: compactproof's public, versioned contract for tools.
//!
//! The shape is `compactproof.report.v1`, documented field by field in `docs/report-json.md`.
//! Within v1, fields may be added but are never renamed or removed, and a field's type never
//! changes; an incompatible change gets a new schema tag. The types below are the contract
//! in code: each borrows from a [`DocumentReport`] and serialises exactly the documented
//! fields, in the documented order, so the engine's own types can grow without changing
//! what tools read.
//!
//! Every finding is included, `met` ones too (the JSON is a complete record; the `show_met`
//! option does not apply). Themes are an object keyed by theme name, in report order.

use super::{Checked, RenderOptions, TOOL_NAME, TOOL_VERSION};
use crate::findings::{
    CompactRef, DocumentReport, Evidence, Finding, FindingLocation, Severity, Status, Suggestion,
    ThemeVerdict, UndertakingRef, REPORT_SCHEMA,
};
use crate::lexicon::Theme;
use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

/// Render checked documents as one pretty-printed `compactproof.report.v1` document,
/// ending with a newline.
pub fn render(checked: &[Checked<'_>], _options: &RenderOptions) -> String {
    pretty_json(&Report::new(checked), REPORT_SCHEMA)
}

/// Pretty JSON ending with a newline, for every JSON contract (report and compare).
/// Serialisation cannot fail for these types (every key is a string and no impl returns an
/// error); were it to, the answer is still valid JSON naming the schema and the error,
/// rather than a panic.
pub(crate) fn pretty_json<T: serde::Serialize>(value: &T, schema: &str) -> String {
    match serde_json::to_string_pretty(value) {
        Ok(mut json) => {
            json.push('\n');
            json
        }
        Err(e) => format!(
            "{{\"schema\": \"{schema}\", \"error\": {}}}\n",
            serde_json::Value::String(e.to_string())
        ),
    }
}

/// The whole report: `{"schema", "tool", "documents"}`.
#[derive(Debug, Serialize)]
pub struct Report<'a> {
    /// Always [`REPORT_SCHEMA`] (`"compactproof.report.v1"`).
    pub schema: &'static str,
    pub tool: Tool,
    pub documents: Vec<DocumentJson<'a>>,
}

impl<'a> Report<'a> {
    /// The contract view of checked documents, in the order given.
    pub fn new(checked: &[Checked<'a>]) -> Report<'a> {
        Report {
            schema: REPORT_SCHEMA,
            tool: Tool {
                name: TOOL_NAME,
                version: TOOL_VERSION,
            },
            documents: checked
                .iter()
                .map(|c| DocumentJson::new(c.report))
                .collect(),
        }
    }
}

/// `{"name": "compactproof", "version": "0.1.0"}`.
#[derive(Debug, Serialize)]
pub struct Tool {
    pub name: &'static str,
    pub version: &'static str,
}

/// One checked document.
#[derive(Debug, Serialize)]
pub struct DocumentJson<'a> {
    /// The path as given on the command line (`-` for standard input).
    pub path: &'a str,
    /// `docx`, `pdf`, `text` or `markdown`: the format the document was read as.
    pub format: &'static str,
    pub compacts: Vec<CompactJson<'a>>,
    pub themes: Themes<'a>,
    pub findings: Vec<FindingJson<'a>>,
    pub unchecked: Vec<UndertakingJson<'a>>,
    pub warnings: &'a [String],
}

impl<'a> DocumentJson<'a> {
    pub fn new(report: &'a DocumentReport) -> DocumentJson<'a> {
        DocumentJson {
            path: &report.path,
            format: report.format.as_str(),
            compacts: report.compacts.iter().map(CompactJson::new).collect(),
            themes: Themes(&report.themes),
            findings: report.findings.iter().map(FindingJson::new).collect(),
            unchecked: report.unchecked.iter().map(UndertakingJson::new).collect(),
            warnings: &report.warnings,
        }
    }
}

/// `{"id", "title", "version"}` of a compact the document was checked against.
#[derive(Debug, Serialize)]
pub struct CompactJson<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub version: &'a str,
}

impl<'a> CompactJson<'a> {
    fn new(c: &'a CompactRef) -> Self {
        CompactJson {
            id: &c.id,
            title: &c.title,
            version: &c.version,
        }
    }
}

/// The theme verdicts as an object keyed by theme name, in report order. (The engine
/// keeps them as a list of pairs; a JSON object is what tools index by name.) Should a
/// theme appear twice, the first verdict is kept, so keys stay unique.
#[derive(Debug)]
pub struct Themes<'a>(pub &'a [(Theme, ThemeVerdict)]);

impl Serialize for Themes<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seen: Vec<Theme> = Vec::with_capacity(self.0.len());
        let mut map = serializer.serialize_map(None)?;
        for (theme, verdict) in self.0 {
            if seen.contains(theme) {
                continue;
            }
            seen.push(*theme);
            map.serialize_entry(theme.as_str(), &VerdictJson::new(verdict))?;
        }
        map.end()
    }
}

/// One theme's verdict.
#[derive(Debug, Serialize)]
pub struct VerdictJson<'a> {
    pub applies: bool,
    pub status: Status,
    pub days: Option<u32>,
    pub required_days: Option<u32>,
    pub trigger: Option<EvidenceJson<'a>>,
    pub evidence: Option<EvidenceJson<'a>>,
}

impl<'a> VerdictJson<'a> {
    fn new(v: &'a ThemeVerdict) -> Self {
        VerdictJson {
            applies: v.applies,
            status: v.status,
            days: v.days,
            required_days: v.required_days,
            trigger: v.trigger.as_ref().map(EvidenceJson::new),
            evidence: v.evidence.as_ref().map(EvidenceJson::new),
        }
    }
}

/// A quoted sentence with its location: `{"text", "location"}`.
#[derive(Debug, Serialize)]
pub struct EvidenceJson<'a> {
    pub text: &'a str,
    pub location: LocationJson,
}

impl<'a> EvidenceJson<'a> {
    fn new(e: &'a Evidence) -> Self {
        EvidenceJson {
            text: &e.text,
            location: LocationJson::new(&e.location),
        }
    }
}

/// Where evidence is. `start`/`end` are byte offsets into the document's text as read
/// (end-exclusive); `line`/`column` are 1-based, columns counted in characters.
#[derive(Debug, Serialize)]
pub struct LocationJson {
    pub block: usize,
    pub page: Option<u32>,
    pub paragraph: u32,
    pub line: u32,
    pub column: u32,
    pub start: usize,
    pub end: usize,
}

impl LocationJson {
    fn new(l: &FindingLocation) -> Self {
        LocationJson {
            block: l.block,
            page: l.page,
            paragraph: l.paragraph,
            line: l.line,
            column: l.column,
            start: l.start,
            end: l.end,
        }
    }
}

/// One finding.
#[derive(Debug, Serialize)]
pub struct FindingJson<'a> {
    pub id: &'a str,
    pub theme: Theme,
    pub status: Status,
    pub severity: Severity,
    pub undertakings: Vec<UndertakingJson<'a>>,
    pub message: &'a str,
    pub location: Option<LocationJson>,
    pub evidence: Option<&'a str>,
    pub evidence_terms: Option<&'a str>,
    pub days: Option<u32>,
    pub required_days: Option<u32>,
    pub suggestion: Option<SuggestionJson<'a>>,
}

impl<'a> FindingJson<'a> {
    fn new(f: &'a Finding) -> Self {
        FindingJson {
            id: &f.id,
            theme: f.theme,
            status: f.status,
            severity: f.severity,
            undertakings: f.undertakings.iter().map(UndertakingJson::new).collect(),
            message: &f.message,
            location: f.location.as_ref().map(LocationJson::new),
            evidence: f.evidence.as_deref(),
            evidence_terms: f.evidence_terms.as_deref(),
            days: f.days,
            required_days: f.required_days,
            suggestion: f.suggestion.as_ref().map(SuggestionJson::new),
        }
    }
}

/// An undertaking a finding rests on (or one no draft can show, under `unchecked`).
#[derive(Debug, Serialize)]
pub struct UndertakingJson<'a> {
    pub id: &'a str,
    pub compact: &'a str,
    pub citation: &'a str,
    pub quote: &'a str,
}

impl<'a> UndertakingJson<'a> {
    fn new(u: &'a UndertakingRef) -> Self {
        UndertakingJson {
            id: &u.id,
            compact: &u.compact,
            citation: &u.citation,
            quote: &u.quote,
        }
    }
}

/// A suggested fix: `{"advice", "action", "text"}`.
#[derive(Debug, Serialize)]
pub struct SuggestionJson<'a> {
    pub advice: &'a str,
    /// `replace`, `insert-after` or `none`.
    pub action: crate::findings::SuggestionAction,
    pub text: Option<&'a str>,
}

impl<'a> SuggestionJson<'a> {
    fn new(s: &'a Suggestion) -> Self {
        SuggestionJson {
            advice: &s.advice,
            action: s.action,
            text: s.text.as_deref(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::sample;
    use serde_json::Value;

    fn sample_json() -> Value {
        let (document, report) = sample::sample();
        let checked = [Checked {
            report: &report,
            document: &document,
        }];
        let text = render(&checked, &RenderOptions::default());
        serde_json::from_str(&text).unwrap_or(Value::Null)
    }

    #[test]
    fn the_contract_has_its_schema_tool_and_documents() {
        let json = sample_json();
        assert_eq!(json["schema"], "compactproof.report.v1");
        assert_eq!(json["tool"]["name"], "compactproof");
        assert_eq!(json["tool"]["version"], TOOL_VERSION);
        let doc = &json["documents"][0];
        assert_eq!(doc["format"], "docx");
        assert_eq!(doc["compacts"][0]["id"], "durham");
        assert!(doc["warnings"].as_array().is_some_and(|w| w.is_empty()));
        assert_eq!(doc["unchecked"][0]["id"], "durham/2.9");
    }

    #[test]
    fn themes_are_an_object_in_report_order() {
        let json = sample_json();
        let themes = json["documents"][0]["themes"]
            .as_object()
            .cloned()
            .unwrap_or_default();
        // Check order in the text itself (serde_json's Map may sort keys).
        let (document, report) = sample::sample();
        let checked = [Checked {
            report: &report,
            document: &document,
        }];
        let text = render(&checked, &RenderOptions::default());
        let positions: Vec<usize> = report
            .themes
            .iter()
            .filter_map(|(t, _)| text.find(&format!("\"{}\": {{", t.as_str())))
            .collect();
        assert_eq!(positions.len(), 6);
        assert!(positions.windows(2).all(|w| w[0] < w[1]), "{positions:?}");
        let consultation = &themes["consultation"];
        assert_eq!(consultation["status"], "short");
        assert_eq!(consultation["days"], 42);
        assert_eq!(consultation["required_days"], 84);
        assert_eq!(consultation["applies"], true);
        assert!(consultation["trigger"]["location"]["line"].is_u64());
        assert!(themes["feedback"]["evidence"].is_null());
    }

    #[test]
    fn findings_carry_every_documented_field() {
        let json = sample_json();
        let findings = json["documents"][0]["findings"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        assert_eq!(findings.len(), 6);
        let keys = [
            "id",
            "theme",
            "status",
            "severity",
            "undertakings",
            "message",
            "location",
            "evidence",
            "evidence_terms",
            "days",
            "required_days",
            "suggestion",
        ];
        for finding in &findings {
            for key in keys {
                assert!(finding.get(key).is_some(), "{key} missing in {finding}");
            }
        }
        let short = &findings[0];
        assert_eq!(short["status"], "short");
        assert_eq!(short["severity"], "error");
        assert_eq!(short["theme"], "consultation");
        assert_eq!(
            short["undertakings"][0]["citation"]
                .as_str()
                .map(|s| s.is_empty()),
            Some(false)
        );
        assert_eq!(short["suggestion"]["action"], "replace");
        let location = &short["location"];
        for key in [
            "block",
            "page",
            "paragraph",
            "line",
            "column",
            "start",
            "end",
        ] {
            assert!(location.get(key).is_some(), "location.{key}");
        }
        // Unanchored findings have a null location.
        assert!(findings[4]["location"].is_null());
        assert_eq!(findings[3]["status"], "met");
        assert_eq!(findings[3]["severity"], "info");
    }

    #[test]
    fn a_repeated_theme_keeps_its_first_verdict() {
        let (document, mut report) = sample::sample();
        let mut again = report.themes[0].clone();
        again.1.status = Status::Met;
        report.themes.push(again);
        let checked = [Checked {
            report: &report,
            document: &document,
        }];
        let text = render(&checked, &RenderOptions::default());
        assert_eq!(text.matches("\"consultation\": {").count(), 1, "{text}");
        let json: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
        assert_eq!(
            json["documents"][0]["themes"]["consultation"]["status"],
            "short"
        );
    }

    #[test]
    fn no_documents_is_still_a_report() {
        let text = render(&[], &RenderOptions::default());
        let json: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
        assert_eq!(json["documents"], Value::Array(vec![]));
    }
}
