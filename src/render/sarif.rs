//! SARIF 2.1.0: findings for code-scanning tools (GitHub code scanning, VS Code's SARIF
//! viewer, Azure DevOps).
//!
//! One run; one rule per finding id (`consultation.period`), described by the theme and the
//! undertakings it rests on; one result per problem finding (`error` or `warning`), and with
//! `show_met` one `kind: "pass"` result per met finding. A result points at its evidence:
//! the document's path as given, and a region whose lines and columns are those
//! compactproof shows people. Columns count Unicode code points (`columnKind:
//! "unicodeCodePoints"`), matching our character columns; `charOffset`/`charLength` are left
//! out because our offsets are bytes. For DOCX and PDF the lines are those of the text as
//! read (the paragraph's own lines), not of the binary file; `properties.page` and
//! `properties.paragraph` say where to look.
//!
//! `partialFingerprints["compactproofFinding/v1"]` is a SHA-256 of the finding id and its
//! evidence text (whitespace collapsed), so a finding keeps its identity when text around
//! it moves.

use super::{
    evidence_text, suggestion_line, valid_span, Checked, RenderOptions, TOOL_NAME, TOOL_VERSION,
};
use crate::findings::{Finding, Severity, Status, UndertakingRef};
use serde_json::{json, Map, Value};
use sha2::{Digest, Sha256};

/// The schema location written into every log.
pub const SARIF_SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
/// The fingerprint key; bump the suffix if the hashed content ever changes.
pub const FINGERPRINT_KEY: &str = "compactproofFinding/v1";

/// Render checked documents as one SARIF 2.1.0 log, pretty-printed, ending with a newline.
pub fn render(checked: &[Checked<'_>], options: &RenderOptions) -> String {
    let shown =
        |f: &Finding| f.status.is_problem() || (options.show_met && f.status == Status::Met);

    // Rules: one per finding id, in order of first appearance.
    let mut rule_ids: Vec<&str> = Vec::new();
    let mut rules: Vec<Rule<'_>> = Vec::new();
    for c in checked {
        for finding in c.report.findings.iter().filter(|f| shown(f)) {
            match rule_ids.iter().position(|id| *id == finding.id) {
                Some(i) => rules[i].add(finding),
                None => {
                    rule_ids.push(&finding.id);
                    let mut rule = Rule {
                        finding,
                        undertakings: Vec::new(),
                    };
                    rule.add(finding);
                    rules.push(rule);
                }
            }
        }
    }

    let mut results = Vec::new();
    for c in checked {
        for finding in c.report.findings.iter().filter(|f| shown(f)) {
            let index = rule_ids
                .iter()
                .position(|id| *id == finding.id)
                .unwrap_or(0);
            results.push(result(c, finding, index));
        }
    }

    let log = json!({
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": TOOL_NAME,
                    "version": TOOL_VERSION,
                    "semanticVersion": TOOL_VERSION,
                    "rules": rules.iter().map(Rule::to_json).collect::<Vec<_>>(),
                }
            },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    });
    // `Value`'s alternate Display is pretty JSON and cannot fail.
    format!("{log:#}\n")
}

/// A rule: the first finding with its id (for the theme), and every undertaking cited
/// under that id.
struct Rule<'a> {
    finding: &'a Finding,
    undertakings: Vec<&'a UndertakingRef>,
}

impl<'a> Rule<'a> {
    fn add(&mut self, finding: &'a Finding) {
        for u in &finding.undertakings {
            if !self.undertakings.iter().any(|seen| seen.id == u.id) {
                self.undertakings.push(u);
            }
        }
    }

    fn to_json(&self) -> Value {
        let theme = self.finding.theme;
        let ids: Vec<&str> = self.undertakings.iter().map(|u| u.id.as_str()).collect();
        let short = if ids.is_empty() {
            format!("{}: {}", theme.title(), self.finding.id)
        } else {
            format!(
                "{}: {} ({})",
                theme.title(),
                self.finding.id,
                ids.join(", ")
            )
        };
        let mut help = format!(
            "Checks the draft against the Compact's undertakings on {}.",
            theme.title().to_lowercase()
        );
        for u in &self.undertakings {
            help.push_str(&format!("\n\n{}: \"{}\"", u.citation, u.quote.trim()));
        }
        json!({
            "id": self.finding.id,
            "shortDescription": { "text": short },
            "help": { "text": help },
            "properties": { "tags": ["compact", theme.as_str()] },
        })
    }
}

fn result(checked: &Checked<'_>, finding: &Finding, rule_index: usize) -> Value {
    let mut result = Map::new();
    result.insert("ruleId".into(), json!(finding.id));
    result.insert("ruleIndex".into(), json!(rule_index));
    if finding.status.is_problem() {
        let level = match finding.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "note",
        };
        result.insert("level".into(), json!(level));
    } else {
        // SARIF: a result whose kind is not "fail" must have level "none".
        result.insert("kind".into(), json!("pass"));
        result.insert("level".into(), json!("none"));
    }
    let mut text = finding.message.trim().to_string();
    if let Some(suggestion) = suggestion_line(finding) {
        text.push_str(" Suggestion: ");
        text.push_str(&suggestion);
    }
    result.insert("message".into(), json!({ "text": text }));

    let mut physical = Map::new();
    physical.insert(
        "artifactLocation".into(),
        json!({ "uri": path_to_uri(&checked.report.path) }),
    );
    if let Some(region) = region(checked, finding) {
        physical.insert("region".into(), region);
    }
    result.insert(
        "locations".into(),
        json!([{ "physicalLocation": Value::Object(physical) }]),
    );

    let evidence = evidence_text(checked.document, finding).unwrap_or("");
    result.insert(
        "partialFingerprints".into(),
        json!({ FINGERPRINT_KEY: fingerprint(&finding.id, evidence) }),
    );

    let mut properties = Map::new();
    properties.insert("theme".into(), json!(finding.theme.as_str()));
    properties.insert("status".into(), json!(finding.status.as_str()));
    properties.insert(
        "undertakings".into(),
        finding
            .undertakings
            .iter()
            .map(|u| json!({ "id": u.id, "compact": u.compact, "citation": u.citation }))
            .collect(),
    );
    if let Some(days) = finding.days {
        properties.insert("days".into(), json!(days));
    }
    if let Some(required) = finding.required_days {
        properties.insert("required_days".into(), json!(required));
    }
    if let Some(location) = finding.location.as_ref() {
        if let Some(page) = location.page {
            properties.insert("page".into(), json!(page));
        }
        if location.paragraph > 0 {
            properties.insert("paragraph".into(), json!(location.paragraph));
        }
    }
    result.insert("properties".into(), Value::Object(properties));
    Value::Object(result)
}

/// The evidence's region: start from the finding's location, end from the document (the
/// position of the end offset is the column after the last character, as SARIF wants).
fn region(checked: &Checked<'_>, finding: &Finding) -> Option<Value> {
    let location = finding.location.as_ref()?;
    let mut region = Map::new();
    region.insert("startLine".into(), json!(location.line.max(1)));
    region.insert("startColumn".into(), json!(location.column.max(1)));
    if let Some(span) = valid_span(checked.document, location) {
        let end = checked.document.position(span.end);
        let (end_line, end_column) = if end.line < location.line
            || (end.line == location.line && end.column < location.column)
        {
            (location.line, location.column)
        } else {
            (end.line, end.column)
        };
        region.insert("endLine".into(), json!(end_line.max(1)));
        region.insert("endColumn".into(), json!(end_column.max(1)));
        let text = checked.document.slice(span);
        if !text.is_empty() {
            region.insert("snippet".into(), json!({ "text": text }));
        }
    }
    Some(Value::Object(region))
}

/// Hex SHA-256 of the finding id and its evidence with whitespace collapsed.
fn fingerprint(id: &str, evidence: &str) -> String {
    let evidence = evidence.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut hasher = Sha256::new();
    hasher.update(id.as_bytes());
    hasher.update([0u8]);
    hasher.update(evidence.as_bytes());
    hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A path as a SARIF `uri`: relative paths stay relative (with `/` separators), absolute
/// ones become `file:` URIs; every character outside RFC 3986's unreserved set and `/` is
/// percent-encoded, so spaces, `#`, `?` and non-ASCII names survive.
pub fn path_to_uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let bytes = path.as_bytes();
    let drive = bytes.len() >= 2 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':';
    let (prefix, rest) = if drive {
        ("file:///", path.as_str())
    } else if path.starts_with('/') {
        ("file://", path.as_str())
    } else {
        ("", path.as_str())
    };
    let mut out = String::from(prefix);
    for (i, b) in rest.bytes().enumerate() {
        let keep = b.is_ascii_alphanumeric()
            || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/')
            || (drive && i == 1 && b == b':');
        if keep {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::sample;

    fn sample_log(options: &RenderOptions) -> Value {
        let (document, report) = sample::sample();
        let checked = [Checked {
            report: &report,
            document: &document,
        }];
        serde_json::from_str(&render(&checked, options)).unwrap_or(Value::Null)
    }

    fn schema_validator() -> jsonschema::Validator {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/data/sarif-schema-2.1.0.json"
        );
        let text = std::fs::read_to_string(path).unwrap_or_default();
        let schema: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
        assert!(schema.is_object(), "could not read {path}");
        let validator = jsonschema::options()
            .with_draft(jsonschema::Draft::Draft4)
            .should_validate_formats(true)
            .build(&schema);
        match validator {
            Ok(v) => v,
            Err(e) => panic!("the SARIF schema does not compile: {e}"),
        }
    }

    #[test]
    fn the_log_validates_against_the_sarif_2_1_0_schema() {
        let validator = schema_validator();
        for show_met in [false, true] {
            let log = sample_log(&RenderOptions {
                show_met,
                ..RenderOptions::default()
            });
            let errors: Vec<String> = validator
                .iter_errors(&log)
                .map(|e| format!("{} at {}", e, e.instance_path()))
                .collect();
            assert!(errors.is_empty(), "{errors:#?}");
        }
    }

    #[test]
    fn the_schema_check_catches_a_broken_log() {
        let validator = schema_validator();
        let mut log = sample_log(&RenderOptions::default());
        log["runs"][0]["results"][0]["level"] = json!("fatal");
        assert!(!validator.is_valid(&log));
    }

    #[test]
    fn results_carry_level_region_fingerprint_and_properties() {
        let log = sample_log(&RenderOptions::default());
        let run = &log["runs"][0];
        assert_eq!(log["version"], "2.1.0");
        assert_eq!(run["columnKind"], "unicodeCodePoints");
        let results = run["results"].as_array().cloned().unwrap_or_default();
        assert_eq!(results.len(), 5, "met findings are left out by default");
        let short = &results[0];
        assert_eq!(short["ruleId"], "consultation.period");
        assert_eq!(short["level"], "error");
        let region = &short["locations"][0]["physicalLocation"]["region"];
        assert_eq!(region["startLine"], 1);
        // The sentence starts after "The Council will consult on the proposed changes. ".
        assert_eq!(region["startColumn"], 51);
        assert_eq!(region["endLine"], 1);
        let sentence_chars = region["snippet"]["text"]
            .as_str()
            .map_or(0, |s| s.chars().count());
        assert_eq!(region["endColumn"], 51 + sentence_chars as u64);
        assert!(short["message"]["text"]
            .as_str()
            .is_some_and(|t| t.contains("Suggestion: Consult for at least 12 weeks")));
        assert_eq!(short["properties"]["days"], 42);
        assert_eq!(short["properties"]["required_days"], 84);
        assert_eq!(short["properties"]["undertakings"][0]["id"], "durham/2.4");
        let fp = short["partialFingerprints"][FINGERPRINT_KEY]
            .as_str()
            .unwrap_or("");
        assert_eq!(fp.len(), 64);
        // Unanchored findings name the file but no region.
        let feedback = &results[3];
        assert_eq!(feedback["ruleId"], "feedback.report-back");
        assert!(feedback["locations"][0]["physicalLocation"]["region"].is_null());
        assert_eq!(
            feedback["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            "drafts/cabinet-report-community-grants.docx"
        );
    }

    #[test]
    fn end_columns_count_characters_not_bytes() {
        use crate::document::{BlockKind, ByteSpan, DocumentBuilder, Format};
        use crate::findings::FindingLocation;
        let (_, mut report) = sample::sample();
        let mut b = DocumentBuilder::new(Format::Text);
        b.push(
            BlockKind::Paragraph,
            "£1.2m cut: grants end now.",
            None,
            Some(3),
        );
        let document = b.finish();
        let start = document.text().find("grants").unwrap_or(0);
        let span = ByteSpan::new(start, document.text().len());
        report.findings.truncate(1);
        report.findings[0].location = Some(FindingLocation::of(&document, span));
        let checked = [Checked {
            report: &report,
            document: &document,
        }];
        let log: Value = serde_json::from_str(&render(&checked, &RenderOptions::default()))
            .unwrap_or(Value::Null);
        let region = &log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"];
        assert_eq!(region["startLine"], 3);
        assert_eq!(region["startColumn"], 12);
        assert_eq!(region["endColumn"], 27);
    }

    #[test]
    fn met_findings_are_passes_when_shown() {
        let log = sample_log(&RenderOptions {
            show_met: true,
            ..RenderOptions::default()
        });
        let results = log["runs"][0]["results"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        let met: Vec<&Value> = results.iter().filter(|r| r["kind"] == "pass").collect();
        assert_eq!(met.len(), 1);
        assert_eq!(met[0]["level"], "none");
    }

    #[test]
    fn fingerprints_ignore_whitespace_but_not_words() {
        assert_eq!(
            fingerprint("a", "six  weeks\n"),
            fingerprint("a", "six weeks")
        );
        assert_ne!(fingerprint("a", "six weeks"), fingerprint("a", "ten weeks"));
        assert_ne!(fingerprint("a", "x"), fingerprint("b", "x"));
    }

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(path_to_uri("drafts/report.docx"), "drafts/report.docx");
        assert_eq!(
            path_to_uri("my drafts\\Report #2.docx"),
            "my%20drafts/Report%20%232.docx"
        );
        assert_eq!(path_to_uri("/srv/a b.pdf"), "file:///srv/a%20b.pdf");
        assert_eq!(path_to_uri("C:\\x\\é.txt"), "file:///C:/x/%C3%A9.txt");
    }
}
