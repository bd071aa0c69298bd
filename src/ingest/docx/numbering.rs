//! List labels as Word displays them ("2.4", "(b)", "iv.", "•"), computed from
//! `word/numbering.xml`.
//!
//! A paragraph names a numbering instance (`w:num`, by `w:numId`) and a level
//! (`w:ilvl`); the instance points at an abstract definition (`w:abstractNum`) whose
//! levels say the format (`w:numFmt`), the template (`w:lvlText`, where `%1`..`%9` stand
//! for the current numbers of levels 1..9), the start value and when to restart.
//!
//! Counting follows Word (and LibreOffice, which renders the corpus the same way):
//! - counters belong to the **abstract** definition, so instances sharing one continue
//!   each other's numbering (LibreOffice writes a list as several `w:num`s over one
//!   `w:abstractNum`);
//! - an instance's `w:startOverride` restarts its level the first time a paragraph uses
//!   that instance at that level; an instance-level `w:lvl` inside `w:lvlOverride`
//!   replaces the abstract level's definition;
//! - using a level resets every deeper level, unless that level's `w:lvlRestart` says
//!   otherwise (0 = never restart; n = restart only after levels 1..n);
//! - a level that has not been used yet shows its start value when a deeper label
//!   refers to it;
//! - `w:numStyleLink` is followed to the numbering style's own instance.
//!
//! Bullets: the label is the bullet character as written, except that private-use
//! characters (Symbol and Wingdings glyphs such as U+F0B7) and the empty or blank bullet
//! become "•". Other visible bullets ("–", "o", "▪") are kept as shown. A level with
//! `w:numFmt="none"` (or an empty `w:lvlText`) shows no label.

use super::styles::Styles;
use super::xml::{is_on, Element};
use std::collections::{HashMap, HashSet};

/// Word has nine list levels.
pub(super) const LEVELS: usize = 9;

/// Numbers above this are shown as decimal whatever the format (no real list gets there;
/// it keeps letter and roman formatting cheap on hostile input).
const MAX_FORMATTED: i64 = 100_000;

/// A number format (`w:numFmt`), also used for footnote and endnote marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum NumFmt {
    Decimal,
    DecimalZero,
    LowerLetter,
    UpperLetter,
    LowerRoman,
    UpperRoman,
    Ordinal,
    Bullet,
    None,
}

impl NumFmt {
    pub(super) fn parse(value: &str) -> NumFmt {
        match value {
            "decimalZero" => NumFmt::DecimalZero,
            "lowerLetter" => NumFmt::LowerLetter,
            "upperLetter" => NumFmt::UpperLetter,
            "lowerRoman" => NumFmt::LowerRoman,
            "upperRoman" => NumFmt::UpperRoman,
            "ordinal" => NumFmt::Ordinal,
            "bullet" => NumFmt::Bullet,
            "none" => NumFmt::None,
            // decimal, and the many locale formats we do not render, show digits.
            _ => NumFmt::Decimal,
        }
    }
}

/// One level of a definition.
#[derive(Debug, Clone)]
struct Level {
    start: i64,
    fmt: NumFmt,
    text: Option<String>,
    /// `w:lvlRestart`: `None` = restart after any higher level; `Some(0)` = never.
    restart: Option<u32>,
    /// `w:isLgl`: show every referenced level as decimal.
    legal: bool,
}

impl Default for Level {
    fn default() -> Self {
        Level {
            start: 1,
            fmt: NumFmt::Decimal,
            text: None,
            restart: None,
            legal: false,
        }
    }
}

impl Level {
    fn parse(lvl: &Element) -> Level {
        Level {
            // ECMA-376 says a missing start is 0, but Word always writes it and
            // LibreOffice and Word both count from 1 without it.
            start: lvl
                .w_val("start")
                .and_then(|v| v.trim().parse().ok())
                .unwrap_or(1),
            fmt: lvl.w_val("numFmt").map_or(NumFmt::Decimal, NumFmt::parse),
            text: lvl.w_val("lvlText").map(str::to_string),
            restart: lvl.w_val("lvlRestart").and_then(|v| v.trim().parse().ok()),
            legal: is_on(lvl.w("isLgl")),
        }
    }
}

#[derive(Debug, Clone, Default)]
struct Abstract {
    levels: [Option<Level>; LEVELS],
    num_style_link: Option<String>,
    /// Levels tied to a paragraph style (`w:pStyle` inside `w:lvl`), by style id.
    styled_levels: HashMap<String, u8>,
}

#[derive(Debug, Clone, Default)]
struct Instance {
    abstract_id: String,
    start_overrides: [Option<i64>; LEVELS],
    level_overrides: [Option<Level>; LEVELS],
}

/// The numbering definitions of a document.
#[derive(Debug, Default)]
pub(super) struct Numbering {
    instances: HashMap<String, Instance>,
    abstracts: HashMap<String, Abstract>,
}

fn level_index(element: &Element) -> Option<usize> {
    element
        .w_attr("ilvl")
        .and_then(|v| v.trim().parse::<usize>().ok())
        .filter(|l| *l < LEVELS)
}

impl Numbering {
    /// Read `word/numbering.xml` (its root element).
    pub fn parse(root: &Element) -> Numbering {
        let mut numbering = Numbering::default();
        for element in root.elements() {
            if element.is_w("abstractNum") {
                let Some(id) = element.w_attr("abstractNumId") else {
                    continue;
                };
                let mut definition = Abstract {
                    num_style_link: element.w_val("numStyleLink").map(str::to_string),
                    ..Abstract::default()
                };
                for lvl in element.elements().filter(|e| e.is_w("lvl")) {
                    if let Some(index) = level_index(lvl) {
                        definition.levels[index] = Some(Level::parse(lvl));
                        if let Some(style) = lvl.w_val("pStyle") {
                            definition
                                .styled_levels
                                .entry(style.to_string())
                                .or_insert(index as u8);
                        }
                    }
                }
                numbering
                    .abstracts
                    .entry(id.trim().to_string())
                    .or_insert(definition);
            } else if element.is_w("num") {
                let (Some(id), Some(abstract_id)) =
                    (element.w_attr("numId"), element.w_val("abstractNumId"))
                else {
                    continue;
                };
                let mut instance = Instance {
                    abstract_id: abstract_id.trim().to_string(),
                    ..Instance::default()
                };
                for over in element.elements().filter(|e| e.is_w("lvlOverride")) {
                    let Some(index) = level_index(over) else {
                        continue;
                    };
                    instance.start_overrides[index] = over
                        .w_val("startOverride")
                        .and_then(|v| v.trim().parse().ok());
                    instance.level_overrides[index] = over.w("lvl").map(Level::parse);
                }
                numbering
                    .instances
                    .entry(id.trim().to_string())
                    .or_insert(instance);
            }
        }
        numbering
    }

    /// The abstract definition behind an instance, following `w:numStyleLink` through
    /// the numbering style to the instance it names (at most a few hops).
    fn resolve<'n>(&'n self, num_id: &str, styles: &Styles) -> Option<(&'n str, &'n Abstract)> {
        let mut instance = self.instances.get(num_id)?;
        for _ in 0..4 {
            let (key, definition) = self.abstracts.get_key_value(&instance.abstract_id)?;
            match &definition.num_style_link {
                Some(link) => {
                    let linked = styles
                        .numbering_style_num_id(link)
                        .and_then(|id| self.instances.get(&id));
                    match linked {
                        Some(next) if !std::ptr::eq(next, instance) => instance = next,
                        _ => return Some((key.as_str(), definition)),
                    }
                }
                None => return Some((key.as_str(), definition)),
            }
        }
        None
    }
}

impl Numbering {
    /// The level a paragraph style is tied to in an instance's definition, for styles
    /// whose own `w:numPr` gives no `w:ilvl` (Word links "heading 2" to level 2 this way).
    pub fn level_for_style(&self, num_id: &str, style_id: &str, styles: &Styles) -> Option<u8> {
        let (_, definition) = self.resolve(num_id.trim(), styles)?;
        definition.styled_levels.get(style_id).copied()
    }
}

/// Running counters, advanced paragraph by paragraph in document order.
#[derive(Debug, Default)]
pub(super) struct Counters {
    values: HashMap<String, [Option<i64>; LEVELS]>,
    started: HashSet<(String, usize)>,
}

/// A computed label and the paragraph's list level.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Label {
    pub level: u8,
    pub text: String,
}

impl Counters {
    /// Count a paragraph numbered with instance `num_id` at level `ilvl` and return its
    /// label, or `None` when the instance does not exist (or is `0`, "no numbering").
    pub fn next(
        &mut self,
        numbering: &Numbering,
        styles: &Styles,
        num_id: &str,
        ilvl: u8,
    ) -> Option<Label> {
        let num_id = num_id.trim();
        if num_id == "0" {
            return None;
        }
        let instance = numbering.instances.get(num_id)?;
        let (abstract_key, definition) = numbering.resolve(num_id, styles)?;
        let index = (ilvl as usize).min(LEVELS - 1);
        let level_of = |i: usize| -> Level {
            instance.level_overrides[i]
                .clone()
                .or_else(|| definition.levels[i].clone())
                .unwrap_or_default()
        };
        let level = level_of(index);
        let counters = self
            .values
            .entry(abstract_key.to_string())
            .or_insert([None; LEVELS]);

        let first_use = self.started.insert((num_id.to_string(), index));
        let value = match (first_use, instance.start_overrides[index]) {
            (true, Some(start)) => start,
            _ => match counters[index] {
                Some(v) => v.saturating_add(1),
                None => level.start,
            },
        };
        counters[index] = Some(value);
        // Deeper levels restart, as their w:lvlRestart allows.
        for (deeper, counter) in counters.iter_mut().enumerate().skip(index + 1) {
            let restarts = match level_of(deeper).restart {
                None => true,
                Some(0) => false,
                Some(after) => (index as u32) < after,
            };
            if restarts {
                *counter = None;
            }
        }

        let text = match level.fmt {
            NumFmt::Bullet => bullet(level.text.as_deref().unwrap_or("")),
            _ => {
                let template = level.text.clone().unwrap_or_default();
                expand(&template, |referenced| {
                    let shown = level_of(referenced);
                    let number = counters[referenced].unwrap_or(shown.start);
                    let fmt = if level.legal && shown.fmt != NumFmt::None {
                        NumFmt::Decimal
                    } else {
                        shown.fmt
                    };
                    format_number(number, fmt)
                })
            }
        };
        Some(Label {
            level: index as u8,
            text: text.trim().to_string(),
        })
    }
}

/// Replace `%1`..`%9` in a level template with the referenced levels' numbers.
fn expand(template: &str, mut number: impl FnMut(usize) -> String) -> String {
    let mut out = String::new();
    let mut chars = template.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '%' {
            if let Some(d) = chars.peek().and_then(|d| d.to_digit(10)) {
                chars.next();
                if (1..=LEVELS as u32).contains(&d) {
                    out.push_str(&number(d as usize - 1));
                }
                continue;
            }
        }
        out.push(c);
    }
    out
}

/// The label of a bullet level, as described in the module docs.
fn bullet(text: &str) -> String {
    let shown: String = text
        .chars()
        .map(|c| {
            if ('\u{E000}'..='\u{F8FF}').contains(&c) {
                '•'
            } else {
                c
            }
        })
        .collect();
    if shown.trim().is_empty() {
        "•".to_string()
    } else {
        shown
    }
}

/// Show `n` in a list number format.
pub(super) fn format_number(n: i64, fmt: NumFmt) -> String {
    if !(0..=MAX_FORMATTED).contains(&n) {
        return n.to_string();
    }
    match fmt {
        NumFmt::Decimal | NumFmt::Bullet => n.to_string(),
        NumFmt::DecimalZero => format!("{n:02}"),
        NumFmt::LowerLetter => letters(n),
        NumFmt::UpperLetter => letters(n).to_uppercase(),
        NumFmt::LowerRoman => roman(n).to_lowercase(),
        NumFmt::UpperRoman => roman(n),
        NumFmt::Ordinal => ordinal(n),
        NumFmt::None => String::new(),
    }
}

/// Word's letter numbering: a..z, then aa..zz, aaa.. (the letter repeated).
fn letters(n: i64) -> String {
    if n <= 0 {
        return n.to_string();
    }
    let index = (n - 1) % 26;
    let repeat = ((n - 1) / 26 + 1) as usize;
    let letter = (b'a' + index as u8) as char;
    std::iter::repeat_n(letter, repeat).collect()
}

fn roman(mut n: i64) -> String {
    if n <= 0 {
        return n.to_string();
    }
    const TABLE: [(i64, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (value, digits) in TABLE {
        while n >= value {
            out.push_str(digits);
            n -= value;
        }
    }
    out
}

fn ordinal(n: i64) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

#[cfg(test)]
mod tests {
    use super::super::xml::parse;
    use super::*;

    fn numbering(inner: &str) -> Numbering {
        let xml = format!(
            r#"<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">{inner}</w:numbering>"#
        );
        Numbering::parse(&parse("word/numbering.xml", xml.as_bytes(), 64, 1000).unwrap())
    }

    fn lvl(ilvl: u8, fmt: &str, text: &str) -> String {
        format!(
            r#"<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/></w:lvl>"#
        )
    }

    /// Labels for a sequence of (numId, ilvl).
    fn labels(n: &Numbering, paragraphs: &[(&str, u8)]) -> Vec<String> {
        let styles = Styles::default();
        let mut counters = Counters::default();
        paragraphs
            .iter()
            .map(|(id, l)| {
                counters
                    .next(n, &styles, id, *l)
                    .map_or("-".to_string(), |label| label.text)
            })
            .collect()
    }

    #[test]
    fn multilevel_templates_reset_deeper_levels() {
        let n = numbering(&format!(
            r#"<w:abstractNum w:abstractNumId="0">{}{}{}</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>"#,
            lvl(0, "decimal", "%1."),
            lvl(1, "decimal", "%1.%2"),
            lvl(2, "lowerLetter", "(%3)")
        ));
        let got = labels(
            &n,
            &[
                ("1", 0),
                ("1", 1),
                ("1", 1),
                ("1", 2),
                ("1", 2),
                ("1", 0),
                ("1", 1),
                ("1", 2),
            ],
        );
        assert_eq!(got, ["1.", "1.1", "1.2", "(a)", "(b)", "2.", "2.1", "(a)"]);
    }

    #[test]
    fn formats_letters_romans_and_bullets() {
        assert_eq!(format_number(4, NumFmt::LowerRoman), "iv");
        assert_eq!(format_number(1994, NumFmt::UpperRoman), "MCMXCIV");
        assert_eq!(format_number(27, NumFmt::LowerLetter), "aa");
        assert_eq!(format_number(28, NumFmt::UpperLetter), "BB");
        assert_eq!(format_number(7, NumFmt::DecimalZero), "07");
        assert_eq!(format_number(12, NumFmt::Ordinal), "12th");
        assert_eq!(format_number(22, NumFmt::Ordinal), "22nd");
        assert_eq!(bullet("\u{F0B7}"), "•");
        assert_eq!(bullet("–"), "–");
        assert_eq!(bullet(" "), "•");
    }

    #[test]
    fn instances_of_one_abstract_share_counters_and_start_overrides_restart_once() {
        // As LibreOffice writes a nested list: five paragraphs over four instances.
        let n = numbering(&format!(
            r#"<w:abstractNum w:abstractNumId="1">{}{}</w:abstractNum>
               <w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>
               <w:num w:numId="5"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
               <w:num w:numId="6"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"/><w:lvlOverride w:ilvl="1"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
               <w:num w:numId="7"><w:abstractNumId w:val="1"/></w:num>"#,
            lvl(0, "decimal", "%1."),
            lvl(1, "decimal", "%2.")
        ));
        let got = labels(&n, &[("5", 0), ("1", 0), ("6", 1), ("7", 1), ("1", 0)]);
        assert_eq!(got, ["1.", "2.", "1.", "2.", "3."]);
        // A second list restarted with a new instance.
        let n2 = numbering(&format!(
            r#"<w:abstractNum w:abstractNumId="1">{}</w:abstractNum>
               <w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>
               <w:num w:numId="2"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>"#,
            lvl(0, "decimal", "%1)")
        ));
        assert_eq!(
            labels(&n2, &[("1", 0), ("1", 0), ("2", 0), ("2", 0)]),
            ["1)", "2)", "1)", "2)"]
        );
    }

    #[test]
    fn start_values_level_overrides_restart_rules_and_missing_definitions() {
        let n = numbering(&format!(
            r#"<w:abstractNum w:abstractNumId="0">
                 <w:lvl w:ilvl="0"><w:start w:val="5"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="Part %1"/></w:lvl>
                 <w:lvl w:ilvl="1"><w:start w:val="1"/><w:lvlRestart w:val="0"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl>
                 <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="none"/><w:lvlText w:val=""/></w:lvl>
               </w:abstractNum>
               <w:num w:numId="3"><w:abstractNumId w:val="0"/></w:num>
               <w:num w:numId="4"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0">{}</w:lvlOverride></w:num>"#,
            lvl(0, "lowerLetter", "%1)")
        ));
        assert_eq!(
            labels(
                &n,
                &[
                    ("3", 0),
                    ("3", 1),
                    ("3", 0),
                    ("3", 1),
                    ("3", 2),
                    ("9", 0),
                    ("0", 0)
                ]
            ),
            ["Part V", "1.", "Part VI", "2.", "", "-", "-"],
            "level 2 never restarts; numFmt none shows nothing; unknown and 0 ids are not lists"
        );
        assert_eq!(
            labels(&n, &[("4", 0)]),
            ["a)"],
            "w:lvl inside w:lvlOverride replaces the level"
        );
    }

    #[test]
    fn legal_numbering_and_unused_parent_levels() {
        let n = numbering(
            r#"<w:abstractNum w:abstractNumId="0">
                 <w:lvl w:ilvl="0"><w:start w:val="2"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>
                 <w:lvl w:ilvl="1"><w:start w:val="1"/><w:isLgl/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/></w:lvl>
               </w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>"#,
        );
        assert_eq!(labels(&n, &[("1", 1), ("1", 1)]), ["2.1", "2.2"]);
    }
}
