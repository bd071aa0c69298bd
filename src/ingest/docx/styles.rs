//! Paragraph styles: which paragraphs are headings, and which are numbered by their style.
//!
//! Word decides a heading by the paragraph's outline level, which comes from the
//! paragraph itself (`w:outlineLvl`) or from its style, inherited along the `w:basedOn`
//! chain. The built-in styles "heading 1".."heading 9" carry outline levels 0..8 (we
//! assume so when a writer left the level out), and "Title" is the document title
//! (level 0 in our model). Being *based on* Title does not make a style a title
//! ("Subtitle" is based on Title), and an outline level of 9 means body text (Word's "TOC
//! Heading" is based on Heading 1 but sets level 9). Without a styles part, style ids
//! `Heading1`..`Heading9` and `Title` are recognised by name.
//!
//! Styles can also carry numbering (`w:numPr`), inherited the same way, which is how
//! numbered headings and "List Number" paragraphs get their labels.

use super::xml::Element;
use std::collections::HashMap;

/// What one style says, before inheritance.
#[derive(Debug, Default, Clone)]
struct Style {
    name: String,
    based_on: Option<String>,
    outline_level: Option<u8>,
    num_id: Option<String>,
    ilvl: Option<u8>,
}

/// The paragraph styles of a document.
#[derive(Debug, Default)]
pub(super) struct Styles {
    styles: HashMap<String, Style>,
    default_paragraph: Option<String>,
}

/// Longest `w:basedOn` chain followed; real documents stay under ten.
const MAX_CHAIN: usize = 32;

/// Numbering a paragraph style applies: `w:numId`, and the level if the style says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct StyleNumbering {
    pub num_id: String,
    pub ilvl: Option<u8>,
}

impl Styles {
    /// Read `word/styles.xml` (its root element).
    pub fn parse(root: &Element) -> Styles {
        let mut styles = HashMap::new();
        let mut default_paragraph = None;
        for style in root.elements().filter(|e| e.is_w("style")) {
            if style
                .w_attr("type")
                .is_some_and(|t| t != "paragraph" && t != "numbering")
            {
                continue;
            }
            let Some(id) = style.w_attr("styleId") else {
                continue;
            };
            let ppr = style.w("pPr");
            let num_pr = ppr.and_then(|p| p.w("numPr"));
            let parsed = Style {
                name: style.w_val("name").unwrap_or_default().to_string(),
                based_on: style.w_val("basedOn").map(str::to_string),
                outline_level: ppr
                    .and_then(|p| p.w_val("outlineLvl"))
                    .and_then(|v| v.trim().parse().ok()),
                num_id: num_pr
                    .and_then(|n| n.w_val("numId"))
                    .map(|v| v.trim().to_string()),
                ilvl: num_pr
                    .and_then(|n| n.w_val("ilvl"))
                    .and_then(|v| v.trim().parse().ok()),
            };
            if style.w_attr("type").unwrap_or("paragraph") == "paragraph"
                && matches!(style.w_attr("default"), Some("1" | "true" | "on"))
            {
                default_paragraph = Some(id.to_string());
            }
            styles.entry(id.to_string()).or_insert(parsed);
        }
        Styles {
            styles,
            default_paragraph,
        }
    }

    /// The style chain starting at `id` (the style itself first), cycle-safe.
    fn chain<'s>(&'s self, id: Option<&str>) -> Vec<(&'s str, Option<&'s Style>)> {
        let mut out: Vec<(&str, Option<&Style>)> = Vec::new();
        let mut current = id
            .map(str::to_string)
            .or_else(|| self.default_paragraph.clone());
        while let Some(cid) = current {
            if out.len() >= MAX_CHAIN || out.iter().any(|(seen, _)| *seen == cid) {
                break;
            }
            match self.styles.get_key_value(&cid) {
                Some((key, style)) => {
                    out.push((key.as_str(), Some(style)));
                    current = style.based_on.clone();
                }
                None => {
                    // Unknown id: still usable for name-based recognition, but we can
                    // only borrow from the map, so stop here.
                    break;
                }
            }
        }
        out
    }

    /// The heading level of a paragraph with style `style_id` and its own outline level
    /// (`w:outlineLvl` in its `w:pPr`): `Some(0)` for a title, `Some(1..=9)` for headings,
    /// `None` for everything else.
    pub fn heading_level(&self, style_id: Option<&str>, own_outline: Option<u8>) -> Option<u8> {
        if let Some(level) = own_outline {
            return outline_to_heading(level);
        }
        let chain = self.chain(style_id);
        if chain.is_empty() {
            // No styles part (or an unknown id): recognise the built-in ids.
            return style_id.and_then(builtin_from_id);
        }
        for (index, (id, style)) in chain.iter().enumerate() {
            let Some(style) = style else { continue };
            if index == 0 && is_title(&style.name, id) {
                return Some(0);
            }
            if let Some(level) = style.outline_level {
                return outline_to_heading(level);
            }
            if let Some(level) = builtin_heading(&style.name) {
                return Some(level);
            }
        }
        None
    }

    /// The numbering a paragraph style applies, following `w:basedOn`.
    pub fn numbering(&self, style_id: Option<&str>) -> Option<StyleNumbering> {
        let mut ilvl = None;
        for (_, style) in self.chain(style_id) {
            let Some(style) = style else { continue };
            if ilvl.is_none() {
                ilvl = style.ilvl;
            }
            if let Some(num_id) = &style.num_id {
                return Some(StyleNumbering {
                    num_id: num_id.clone(),
                    ilvl,
                });
            }
        }
        None
    }

    /// The numbering of a numbering style (`w:numStyleLink` target), if any.
    pub fn numbering_style_num_id(&self, style_id: &str) -> Option<String> {
        self.styles.get(style_id).and_then(|s| s.num_id.clone())
    }
}

/// Outline levels 0..8 are headings 1..9; 9 (and anything else) is body text.
fn outline_to_heading(level: u8) -> Option<u8> {
    (level <= 8).then_some(level + 1)
}

fn is_title(name: &str, id: &str) -> bool {
    name.eq_ignore_ascii_case("title") || (name.is_empty() && id == "Title")
}

/// "heading 1".."heading 9" (Word writes the name in lower case; LibreOffice capitalises).
fn builtin_heading(name: &str) -> Option<u8> {
    let lower = name.to_ascii_lowercase();
    let number = lower.strip_prefix("heading ")?;
    let level: u8 = number.trim().parse().ok()?;
    (1..=9).contains(&level).then_some(level)
}

fn builtin_from_id(id: &str) -> Option<u8> {
    if id == "Title" {
        return Some(0);
    }
    let number = id.strip_prefix("Heading")?;
    let level: u8 = number.parse().ok()?;
    (1..=9).contains(&level).then_some(level)
}

#[cfg(test)]
mod tests {
    use super::super::xml::parse;
    use super::*;

    fn styles(inner: &str) -> Styles {
        let xml = format!(
            r#"<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">{inner}</w:styles>"#
        );
        Styles::parse(&parse("word/styles.xml", xml.as_bytes(), 64, 1000).unwrap())
    }

    const BUILTINS: &str = r#"
      <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
      <w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/></w:style>
      <w:style w:type="paragraph" w:styleId="Subtitle"><w:name w:val="Subtitle"/><w:basedOn w:val="Title"/></w:style>
      <w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
      <w:style w:type="paragraph" w:styleId="Kop2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/></w:style>
      <w:style w:type="paragraph" w:styleId="TOCHeading"><w:name w:val="TOC Heading"/><w:basedOn w:val="Heading1"/><w:pPr><w:outlineLvl w:val="9"/></w:pPr></w:style>
      <w:style w:type="paragraph" w:styleId="CouncilHeading"><w:name w:val="Council Heading"/><w:basedOn w:val="Heading1"/></w:style>
      <w:style w:type="paragraph" w:styleId="ListNumber"><w:name w:val="List Number"/><w:pPr><w:numPr><w:numId w:val="7"/></w:numPr></w:pPr></w:style>
      <w:style w:type="paragraph" w:styleId="ListNumber2"><w:name w:val="List Number 2"/><w:basedOn w:val="ListNumber"/><w:pPr><w:numPr><w:ilvl w:val="1"/></w:numPr></w:pPr></w:style>
    "#;

    #[test]
    fn headings_by_name_outline_level_and_based_on() {
        let s = styles(BUILTINS);
        assert_eq!(s.heading_level(Some("Title"), None), Some(0));
        assert_eq!(s.heading_level(Some("Heading1"), None), Some(1));
        assert_eq!(
            s.heading_level(Some("Kop2"), None),
            Some(2),
            "localised id, built-in name"
        );
        assert_eq!(
            s.heading_level(Some("CouncilHeading"), None),
            Some(1),
            "inherits the outline level"
        );
        assert_eq!(
            s.heading_level(Some("Subtitle"), None),
            None,
            "based on Title is not a title"
        );
        assert_eq!(
            s.heading_level(Some("TOCHeading"), None),
            None,
            "outline level 9 is body text"
        );
        assert_eq!(s.heading_level(None, None), None);
        assert_eq!(
            s.heading_level(Some("Normal"), Some(2)),
            Some(3),
            "the paragraph's own level wins"
        );
        assert_eq!(s.heading_level(Some("Heading1"), Some(9)), None);
    }

    #[test]
    fn without_styles_the_builtin_ids_are_recognised() {
        let s = Styles::default();
        assert_eq!(s.heading_level(Some("Heading3"), None), Some(3));
        assert_eq!(s.heading_level(Some("Title"), None), Some(0));
        assert_eq!(s.heading_level(Some("BodyText"), None), None);
    }

    #[test]
    fn numbering_is_inherited_with_the_nearest_level() {
        let s = styles(BUILTINS);
        assert_eq!(
            s.numbering(Some("ListNumber2")),
            Some(StyleNumbering {
                num_id: "7".into(),
                ilvl: Some(1)
            })
        );
        assert_eq!(
            s.numbering(Some("ListNumber")),
            Some(StyleNumbering {
                num_id: "7".into(),
                ilvl: None
            })
        );
        assert_eq!(s.numbering(Some("Heading1")), None);
    }

    #[test]
    fn based_on_cycles_end() {
        let s = styles(
            r#"<w:style w:type="paragraph" w:styleId="A"><w:name w:val="A"/><w:basedOn w:val="B"/></w:style>
               <w:style w:type="paragraph" w:styleId="B"><w:name w:val="B"/><w:basedOn w:val="A"/></w:style>"#,
        );
        assert_eq!(s.heading_level(Some("A"), None), None);
        assert_eq!(s.numbering(Some("B")), None);
    }
}
