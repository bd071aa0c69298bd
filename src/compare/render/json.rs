//! The JSON comparison: compactproof's public, versioned contract for tools.
//!
//! The shape is `compactproof.compare.v1`, documented field by field in
//! `docs/compare-json.md`: within v1 fields are added, never renamed or removed, and a
//! field's type never changes. The types below are that contract in code; each borrows from
//! a [`Comparison`](crate::compare::Comparison) and serialises exactly the documented fields
//! in the documented order, so the comparison's own types can grow without changing what
//! tools read. `summary` is an object keyed by class in report order, every class present.

use super::{CompareOptions, CompareReport, Version};
use crate::compare::{Change, Class, Clause, Segment};
use crate::render::{TOOL_NAME, TOOL_VERSION};
use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

/// The schema tag of this contract.
pub const COMPARE_SCHEMA: &str = "compactproof.compare.v1";

/// Render a comparison as one pretty-printed `compactproof.compare.v1` document, ending
/// with a newline.
pub fn render(report: &CompareReport<'_>, options: &CompareOptions) -> String {
    crate::render::json::pretty_json(&CompareJson::new(report, options), COMPARE_SCHEMA)
}

/// The whole document.
#[derive(Debug, Serialize)]
pub struct CompareJson<'a> {
    pub schema: &'static str,
    pub tool: Tool,
    pub old: VersionJson<'a>,
    pub new: VersionJson<'a>,
    pub summary: Summary,
    /// True when any change is material (the exit code is then 1).
    pub material: bool,
    pub changes: Vec<ChangeJson<'a>>,
}

impl<'a> CompareJson<'a> {
    pub fn new(report: &CompareReport<'a>, options: &CompareOptions) -> Self {
        let c = report.comparison;
        CompareJson {
            schema: COMPARE_SCHEMA,
            tool: Tool {
                name: TOOL_NAME,
                version: TOOL_VERSION,
            },
            old: VersionJson::new(&report.old, c.old_clauses),
            new: VersionJson::new(&report.new, c.new_clauses),
            summary: Summary(c.summary()),
            material: c.has_material_changes(),
            changes: c.listed(options.all).map(ChangeJson::new).collect(),
        }
    }
}

/// `{"name": "compactproof", "version": "0.1.0"}`.
#[derive(Debug, Serialize)]
pub struct Tool {
    pub name: &'static str,
    pub version: &'static str,
}

/// `{"path", "format", "clauses"}` of one version.
#[derive(Debug, Serialize)]
pub struct VersionJson<'a> {
    pub path: &'a str,
    pub format: &'static str,
    pub clauses: usize,
}

impl<'a> VersionJson<'a> {
    fn new(version: &Version<'a>, clauses: usize) -> Self {
        VersionJson {
            path: version.path,
            format: version.format.as_str(),
            clauses,
        }
    }
}

/// Counts by class, every class present, in report order.
#[derive(Debug)]
pub struct Summary(pub Vec<(Class, usize)>);

impl Serialize for Summary {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (class, n) in &self.0 {
            map.serialize_entry(class.as_str(), n)?;
        }
        map.end()
    }
}

/// One change.
#[derive(Debug, Serialize)]
pub struct ChangeJson<'a> {
    pub class: &'static str,
    pub old: Option<SideJson<'a>>,
    pub new: Option<SideJson<'a>>,
    pub reasons: &'a [String],
    pub diff: Vec<SegmentJson<'a>>,
}

impl<'a> ChangeJson<'a> {
    fn new(change: &'a Change) -> Self {
        ChangeJson {
            class: change.class.as_str(),
            old: SideJson::new(&change.old),
            new: SideJson::new(&change.new),
            reasons: &change.reasons,
            diff: change.diff.iter().map(SegmentJson::new).collect(),
        }
    }
}

/// One side of a change: its clause, or for a split or merge the clauses together.
#[derive(Debug, Serialize)]
pub struct SideJson<'a> {
    /// The clause id, or the ids joined with " + ".
    pub id: String,
    /// The clause text, or the texts joined with a space.
    pub text: String,
    /// The headings above the (first) clause, outermost first.
    pub heading: &'a [String],
    /// Where the (first) clause is.
    pub location: LocationJson,
    /// The clauses of a split or merge, two or more; empty for a single clause.
    pub parts: Vec<PartJson<'a>>,
}

impl<'a> SideJson<'a> {
    fn new(clauses: &'a [Clause]) -> Option<Self> {
        let first = clauses.first()?;
        Some(SideJson {
            id: clauses
                .iter()
                .map(|c| c.id.as_str())
                .collect::<Vec<_>>()
                .join(" + "),
            text: clauses
                .iter()
                .map(|c| c.text.as_str())
                .collect::<Vec<_>>()
                .join(" "),
            heading: &first.heading_path,
            location: LocationJson::new(first),
            parts: if clauses.len() > 1 {
                clauses.iter().map(PartJson::new).collect()
            } else {
                Vec::new()
            },
        })
    }
}

/// One clause of a side.
#[derive(Debug, Serialize)]
pub struct PartJson<'a> {
    pub id: &'a str,
    /// The clause number as written, or `null` for a derived id.
    pub number: Option<&'a str>,
    /// `numbered`, `list-item`, `paragraph`, `sentence`, `table-row` or `note`.
    pub kind: &'static str,
    pub text: &'a str,
    pub location: LocationJson,
}

impl<'a> PartJson<'a> {
    fn new(c: &'a Clause) -> Self {
        PartJson {
            id: &c.id,
            number: c.number.as_deref(),
            kind: c.kind.as_str(),
            text: &c.text,
            location: LocationJson::new(c),
        }
    }
}

/// `{"block", "page", "paragraph", "line", "start", "end"}`.
#[derive(Debug, Serialize)]
pub struct LocationJson {
    pub block: usize,
    pub page: Option<u32>,
    pub paragraph: u32,
    pub line: u32,
    pub start: usize,
    pub end: usize,
}

impl LocationJson {
    fn new(c: &Clause) -> Self {
        LocationJson {
            block: c.location.block,
            page: c.location.page,
            paragraph: c.location.paragraph,
            line: c.location.line,
            start: c.span.start,
            end: c.span.end,
        }
    }
}

/// `{"op": "equal|delete|insert", "text", "space_before", "space_before_old"}`.
#[derive(Debug, Serialize)]
pub struct SegmentJson<'a> {
    pub op: &'static str,
    pub text: &'a str,
    pub space_before: bool,
    pub space_before_old: bool,
}

impl<'a> SegmentJson<'a> {
    fn new(s: &'a Segment) -> Self {
        SegmentJson {
            op: s.op.as_str(),
            text: &s.text,
            space_before: s.space_before,
            space_before_old: s.space_before_old,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::sample;
    use super::*;
    use serde_json::Value;

    fn sample_json(all: bool) -> Value {
        let c = sample::comparison();
        let text = render(
            &sample::report(&c),
            &CompareOptions {
                all,
                ..CompareOptions::default()
            },
        );
        serde_json::from_str(&text).expect("valid JSON")
    }

    #[test]
    fn the_contract_has_its_documented_shape() {
        let v = sample_json(false);
        assert_eq!(v["schema"], "compactproof.compare.v1");
        assert_eq!(v["old"]["path"], sample::OLD);
        assert_eq!(v["new"]["format"], "docx");
        // Keys in report order in the text (a parsed Value sorts them).
        let c = sample::comparison();
        let text = render(&sample::report(&c), &CompareOptions::default());
        let mut summary: Vec<(usize, &str)> = v["summary"]
            .as_object()
            .unwrap()
            .keys()
            .map(|k| (text.find(&format!("\"{k}\":")).unwrap(), k.as_str()))
            .collect();
        summary.sort();
        let summary: Vec<&str> = summary.into_iter().map(|(_, k)| k).collect();
        assert_eq!(
            summary,
            vec![
                "weakened",
                "strengthened",
                "broadened",
                "narrowed",
                "removed",
                "added",
                "reworded",
                "moved",
                "unchanged"
            ]
        );
        assert_eq!(v["material"], true);
        let changes = v["changes"].as_array().unwrap();
        assert_eq!(changes.len(), 6);
        let weakened = &changes[0];
        assert_eq!(weakened["class"], "weakened");
        assert_eq!(weakened["old"]["id"], "2.4");
        for key in ["block", "page", "paragraph", "line", "start", "end"] {
            assert!(weakened["old"]["location"].get(key).is_some(), "{key}");
        }
        assert!(weakened["reasons"][0]
            .as_str()
            .unwrap()
            .contains("84 to 56 days"));
        let removed = changes.iter().find(|c| c["class"] == "removed").unwrap();
        assert!(removed["new"].is_null());
        assert_eq!(removed["diff"], Value::Array(vec![]));
        let added = changes.iter().find(|c| c["class"] == "added").unwrap();
        assert!(added["old"].is_null());
    }

    #[test]
    fn unchanged_clauses_only_with_all() {
        let some = sample_json(false);
        let all = sample_json(true);
        let count = |v: &Value, class: &str| {
            v["changes"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|c| c["class"] == class)
                .count()
        };
        assert_eq!(count(&some, "unchanged"), 0);
        assert_eq!(count(&all, "unchanged"), 1);
        assert_eq!(all["summary"]["unchanged"], 1);
        assert_eq!(some["summary"]["unchanged"], 1);
    }
}
