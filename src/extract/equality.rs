//! Equality duty mentions and the protected characteristics of the Equality Act 2010.
//!
//! The `equality` theme is met when a draft says an equality impact assessment (or equality
//! analysis, or due regard under the Public Sector Equality Duty) has been or will be done,
//! and any list of protected characteristics it gives names all nine. Out-of-date lists
//! ("age, disability, gender, race, religion and sexual orientation") are common in council
//! papers, so this module finds each characteristic, with its common synonyms, and tells a
//! list (three or more different characteristics in one sentence, or in one run of list
//! items) from a passing mention.
//!
//! A caller may rely on:
//! - Whole words only: "age" is not found in "manage", "page" or "ageing", "race" not in
//!   "embrace", "sex" not in "Sussex", "Essex", "Sexton" or "sexual health"; a hyphen joins
//!   words, so "trans-Pennine" and "age-friendly" are not characteristics.
//! - Synonyms map to the Act's nine ([`ProtectedCharacteristic`]): "gender" → sex, "faith"
//!   and "religious belief" → religion or belief, "ethnicity" and "ethnic origin" → race,
//!   "transgender" and "trans" → gender reassignment, "maternity" → pregnancy and maternity,
//!   "marital status" and "civil partnership" → marriage and civil partnership, "sexuality"
//!   → sexual orientation, "disabled people" → disability.
//! - "good faith", "in the belief that", "Age UK" and "Age Concern" are not characteristics.
//! - A bare "EIA" is not an equality assessment in an input that speaks of environmental
//!   impact assessment ("EIA development", "EIA Regulations").

use crate::document::ByteSpan;
use crate::extract::phrases::PhraseSet;
use regex::Regex;
use std::sync::LazyLock;

/// How a text refers to the equality duty.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EqualityMentionKind {
    /// "equality impact assessment", "equality and diversity impact assessment", "equality
    /// and health inequalities impact assessment", "EIA", "EqIA".
    ImpactAssessment,
    /// "equality analysis".
    Analysis,
    /// "Public Sector Equality Duty", "PSED", "general equality duty", "due regard",
    /// "section 149 of the Equality Act 2010".
    Duty,
    /// "Equality Act 2010" (without a section).
    EqualityAct,
    /// "all nine protected characteristics", "each of the protected characteristics": a claim
    /// to cover every characteristic without listing them.
    AllCharacteristics,
    /// "protected characteristics" in any other words.
    ProtectedCharacteristics,
}

/// One mention of the equality duty.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EqualityMention {
    /// The words as written, relative to the input.
    pub span: ByteSpan,
    pub kind: EqualityMentionKind,
}

/// The nine protected characteristics of the Equality Act 2010, in the Act's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ProtectedCharacteristic {
    Age,
    Disability,
    GenderReassignment,
    MarriageAndCivilPartnership,
    PregnancyAndMaternity,
    Race,
    ReligionOrBelief,
    Sex,
    SexualOrientation,
}

impl ProtectedCharacteristic {
    /// All nine, in the Act's order.
    pub const ALL: [ProtectedCharacteristic; 9] = [
        ProtectedCharacteristic::Age,
        ProtectedCharacteristic::Disability,
        ProtectedCharacteristic::GenderReassignment,
        ProtectedCharacteristic::MarriageAndCivilPartnership,
        ProtectedCharacteristic::PregnancyAndMaternity,
        ProtectedCharacteristic::Race,
        ProtectedCharacteristic::ReligionOrBelief,
        ProtectedCharacteristic::Sex,
        ProtectedCharacteristic::SexualOrientation,
    ];

    /// The Act's name, lower case ("marriage and civil partnership").
    pub fn name(self) -> &'static str {
        match self {
            ProtectedCharacteristic::Age => "age",
            ProtectedCharacteristic::Disability => "disability",
            ProtectedCharacteristic::GenderReassignment => "gender reassignment",
            ProtectedCharacteristic::MarriageAndCivilPartnership => {
                "marriage and civil partnership"
            }
            ProtectedCharacteristic::PregnancyAndMaternity => "pregnancy and maternity",
            ProtectedCharacteristic::Race => "race",
            ProtectedCharacteristic::ReligionOrBelief => "religion or belief",
            ProtectedCharacteristic::Sex => "sex",
            ProtectedCharacteristic::SexualOrientation => "sexual orientation",
        }
    }
}

/// One characteristic named in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CharacteristicMatch {
    /// The words as written ("ethnicity"), relative to the input they were found in.
    pub span: ByteSpan,
    pub characteristic: ProtectedCharacteristic,
}

/// A list of protected characteristics: three or more different ones in one sentence or
/// run of list items.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CharacteristicList {
    /// Every characteristic match, with the index of the input text it is in (0 for
    /// [`find_characteristic_list`]); spans are relative to that text.
    pub matches: Vec<(usize, CharacteristicMatch)>,
    /// The different characteristics named, in the Act's order.
    pub named: Vec<ProtectedCharacteristic>,
    /// The characteristics not named, in the Act's order: what an out-of-date list omits.
    pub missing: Vec<ProtectedCharacteristic>,
}

impl CharacteristicList {
    /// True when the list names all nine.
    pub fn is_complete(&self) -> bool {
        self.missing.is_empty()
    }
}

/// How many different characteristics make a list.
pub const LIST_MIN_CHARACTERISTICS: usize = 3;

static MENTIONS: LazyLock<Regex> = LazyLock::new(|| {
    let equality = r"equalit(?:y|ies)";
    let joined = r"(?:\s*(?:,|and|&)\s*(?:diversity|inclusion|health\s+inequalities|community|communities|human\s+rights))*";
    let act = r"equality\s+act(?:\s+2010)?";
    let pattern = format!(
        r"(?xi)(?-u:\b)(?:
          (?P<all>(?:all|each|every)\s+(?:of\s+)?(?:the\s+)?(?:nine\s+|9\s+)?protected\s+characteristics?|the\s+(?:nine|9)\s+protected\s+characteristics)
        | (?P<pc>protected\s+characteristics?)
        | (?P<eia>{equality}{joined}\s+impact\s+(?:assessments?|analys[ie]s)|eqias?|eias?)
        | (?P<analysis>{equality}{joined}\s+analys[ie]s)
        | (?P<duty>public\s+sector\s+equality\s+duty|general\s+equality\s+duty|psed|due\s+regard
            |section\s+149\s+of\s+the\s+{act}|s\.?\s?149\s+of\s+the\s+{act})
        | (?P<act>{act})
        )(?-u:\b)"
    );
    Regex::new(&pattern).expect("equality mention pattern compiles")
});

static ENVIRONMENTAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)environmental\s+impact\s+assessment|(?-u:\b)EIA\s+(?:development|regulations|screening|scoping)")
        .expect("environmental pattern compiles")
});

static CHARACTERISTICS: LazyLock<PhraseSet<ProtectedCharacteristic>> = LazyLock::new(|| {
    use ProtectedCharacteristic::*;
    PhraseSet::new(
        [
            ("age", Age),
            ("disability", Disability),
            ("disabilities", Disability),
            ("disabled", Disability),
            ("disabled people", Disability),
            ("gender reassignment", GenderReassignment),
            ("transgender", GenderReassignment),
            ("trans", GenderReassignment),
            ("gender identity", GenderReassignment),
            ("transsexual", GenderReassignment),
            (
                "marriage and civil partnership",
                MarriageAndCivilPartnership,
            ),
            ("marriage or civil partnership", MarriageAndCivilPartnership),
            ("marriage & civil partnership", MarriageAndCivilPartnership),
            ("marriage", MarriageAndCivilPartnership),
            ("civil partnership", MarriageAndCivilPartnership),
            ("civil partnerships", MarriageAndCivilPartnership),
            ("marital status", MarriageAndCivilPartnership),
            (
                "marital or civil partnership status",
                MarriageAndCivilPartnership,
            ),
            ("pregnancy and maternity", PregnancyAndMaternity),
            ("pregnancy or maternity", PregnancyAndMaternity),
            ("pregnancy & maternity", PregnancyAndMaternity),
            ("pregnancy", PregnancyAndMaternity),
            ("maternity", PregnancyAndMaternity),
            ("pregnant", PregnancyAndMaternity),
            ("race", Race),
            ("racial", Race),
            ("ethnicity", Race),
            ("ethnic origin", Race),
            ("ethnic origins", Race),
            ("ethnic group", Race),
            ("ethnic or national origin", Race),
            ("ethnic or national origins", Race),
            ("national origin", Race),
            ("national origins", Race),
            ("nationality", Race),
            ("colour", Race),
            ("religion or belief", ReligionOrBelief),
            ("religion and belief", ReligionOrBelief),
            ("religion/belief", ReligionOrBelief),
            ("religion or faith", ReligionOrBelief),
            ("religion", ReligionOrBelief),
            ("religious belief", ReligionOrBelief),
            ("religious beliefs", ReligionOrBelief),
            ("belief", ReligionOrBelief),
            ("beliefs", ReligionOrBelief),
            ("faith", ReligionOrBelief),
            ("sex", Sex),
            ("gender", Sex),
            ("sexual orientation", SexualOrientation),
            ("sexuality", SexualOrientation),
        ],
        &[
            "good faith",
            "in the belief",
            "belief that",
            "age uk",
            "age concern",
            "sexual health",
            "colour scheme",
            "in colour",
        ],
        true,
    )
});

/// Every mention of the equality duty in `text`, in order, non-overlapping.
pub fn find_equality_mentions(text: &str) -> Vec<EqualityMention> {
    let mut environmental = None;
    MENTIONS
        .captures_iter(text)
        .filter_map(|caps| {
            let whole = caps.get(0)?;
            let kind = if caps.name("all").is_some() {
                EqualityMentionKind::AllCharacteristics
            } else if caps.name("pc").is_some() {
                EqualityMentionKind::ProtectedCharacteristics
            } else if let Some(eia) = caps.name("eia") {
                let bare = eia.as_str().len() <= 5;
                if bare && *environmental.get_or_insert_with(|| ENVIRONMENTAL.is_match(text)) {
                    return None;
                }
                EqualityMentionKind::ImpactAssessment
            } else if caps.name("analysis").is_some() {
                EqualityMentionKind::Analysis
            } else if caps.name("duty").is_some() {
                EqualityMentionKind::Duty
            } else {
                EqualityMentionKind::EqualityAct
            };
            Some(EqualityMention {
                span: ByteSpan::new(whole.start(), whole.end()),
                kind,
            })
        })
        .collect()
}

/// Every protected characteristic named in `text`, in order, non-overlapping.
pub fn find_characteristics(text: &str) -> Vec<CharacteristicMatch> {
    CHARACTERISTICS
        .find(text)
        .into_iter()
        .map(|(span, characteristic)| CharacteristicMatch {
            span,
            characteristic,
        })
        .collect()
}

/// The list of protected characteristics in one sentence, if it names at least
/// [`LIST_MIN_CHARACTERISTICS`] different ones.
pub fn find_characteristic_list(text: &str) -> Option<CharacteristicList> {
    characteristic_list_across(&[text])
}

/// The list of protected characteristics spread over several texts (one run of list items,
/// "- age", "- disability", ...), if together they name at least
/// [`LIST_MIN_CHARACTERISTICS`] different ones. Each match carries the index of its text.
pub fn characteristic_list_across(texts: &[&str]) -> Option<CharacteristicList> {
    let matches: Vec<(usize, CharacteristicMatch)> = texts
        .iter()
        .enumerate()
        .flat_map(|(i, t)| find_characteristics(t).into_iter().map(move |m| (i, m)))
        .collect();
    let named: Vec<ProtectedCharacteristic> = ProtectedCharacteristic::ALL
        .into_iter()
        .filter(|c| matches.iter().any(|(_, m)| m.characteristic == *c))
        .collect();
    if named.len() < LIST_MIN_CHARACTERISTICS {
        return None;
    }
    let missing = ProtectedCharacteristic::ALL
        .into_iter()
        .filter(|c| !named.contains(c))
        .collect();
    Some(CharacteristicList {
        matches,
        named,
        missing,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use EqualityMentionKind::*;
    use ProtectedCharacteristic::*;

    #[track_caller]
    fn assert_mentions(text: &str, expected: &[(&str, EqualityMentionKind)]) {
        let got: Vec<(&str, EqualityMentionKind)> = find_equality_mentions(text)
            .iter()
            .map(|m| (&text[m.span.start..m.span.end], m.kind))
            .collect();
        assert_eq!(got, expected, "in {text:?}");
    }

    #[track_caller]
    fn assert_characteristics(text: &str, expected: &[(&str, ProtectedCharacteristic)]) {
        let got: Vec<(&str, ProtectedCharacteristic)> = find_characteristics(text)
            .iter()
            .map(|m| (&text[m.span.start..m.span.end], m.characteristic))
            .collect();
        assert_eq!(got, expected, "in {text:?}");
    }

    #[track_caller]
    fn assert_list(text: &str, missing: &[ProtectedCharacteristic]) -> CharacteristicList {
        let list =
            find_characteristic_list(text).unwrap_or_else(|| panic!("expected a list in {text:?}"));
        assert_eq!(list.missing, missing, "in {text:?}");
        list
    }

    #[test]
    fn assessment_and_duty_mentions() {
        assert_mentions(
            "An equality impact assessment was completed before Cabinet took the decision and was considered as part of the Council's Public Sector Equality Duty.",
            &[("equality impact assessment", ImpactAssessment), ("Public Sector Equality Duty", Duty)],
        );
        assert_mentions(
            "A full equality and health inequalities impact assessment has been carried out.",
            &[(
                "equality and health inequalities impact assessment",
                ImpactAssessment,
            )],
        );
        assert_mentions(
            "An Equality and Diversity Impact Assessment (EqIA) is attached.",
            &[
                ("Equality and Diversity Impact Assessment", ImpactAssessment),
                ("EqIA", ImpactAssessment),
            ],
        );
        assert_mentions(
            "We have carried out an equality analysis so Cabinet can have due regard to the PSED.",
            &[
                ("equality analysis", Analysis),
                ("due regard", Duty),
                ("PSED", Duty),
            ],
        );
        assert_mentions(
            "under section 149 of the Equality Act 2010 and the Equality Act 2010 generally",
            &[
                ("section 149 of the Equality Act 2010", Duty),
                ("Equality Act 2010", EqualityAct),
            ],
        );
        assert_mentions(
            "Enc. Equality impact assessment EIA/PH/2026/31",
            &[
                ("Equality impact assessment", ImpactAssessment),
                ("EIA", ImpactAssessment),
            ],
        );
    }

    #[test]
    fn claims_to_cover_every_characteristic() {
        assert_mentions(
            "It considered all nine protected characteristics under the Equality Act 2010.",
            &[
                ("all nine protected characteristics", AllCharacteristics),
                ("Equality Act 2010", EqualityAct),
            ],
        );
        assert_mentions(
            "against each of the nine protected characteristics",
            &[(
                "each of the nine protected characteristics",
                AllCharacteristics,
            )],
        );
        assert_mentions(
            "people who share a protected characteristic",
            &[("protected characteristic", ProtectedCharacteristics)],
        );
    }

    #[test]
    fn environmental_eia_is_not_equality() {
        assert_mentions(
            "The scheme is not EIA development under the EIA Regulations.",
            &[],
        );
        assert_mentions(
            "An Environmental Impact Assessment (EIA) was screened.",
            &[],
        );
        assert_mentions("We have no plans; eiadmin", &[]);
    }

    #[test]
    fn the_full_list_of_nine() {
        let list = assert_list(
            "It assessed the effect against each of the nine protected characteristics: age, disability, gender reassignment, marriage and civil partnership, pregnancy and maternity, race, religion or belief, sex and sexual orientation.",
            &[],
        );
        assert!(list.is_complete());
        assert_eq!(list.named.len(), 9);
        assert_eq!(list.matches.len(), 9);
    }

    #[test]
    fn out_of_date_lists_say_what_they_omit() {
        let list = assert_list(
            "The policy covers age, disability, gender, race, religion and sexual orientation.",
            &[
                GenderReassignment,
                MarriageAndCivilPartnership,
                PregnancyAndMaternity,
            ],
        );
        assert_eq!(
            list.named,
            vec![
                Age,
                Disability,
                Race,
                ReligionOrBelief,
                Sex,
                SexualOrientation
            ]
        );
        assert_list(
            "We monitor by ethnicity, faith, sexuality and transgender status.",
            &[
                Age,
                Disability,
                MarriageAndCivilPartnership,
                PregnancyAndMaternity,
                Sex,
            ],
        );
    }

    #[test]
    fn list_items_across_texts() {
        let items = ["age;", "disability;", "marital status;", "maternity."];
        let list = characteristic_list_across(&items).expect("a list");
        assert_eq!(
            list.named,
            vec![
                Age,
                Disability,
                MarriageAndCivilPartnership,
                PregnancyAndMaternity
            ]
        );
        assert_eq!(list.matches[2].0, 2);
        assert_eq!(list.missing.len(), 5);
    }

    #[test]
    fn prose_mentions_are_not_lists() {
        assert!(find_characteristic_list(
            "It identified a likely negative impact on age and on disability."
        )
        .is_none());
        assert!(find_characteristic_list("disabled residents who do not have a car").is_none());
        assert!(find_characteristic_list("").is_none());
    }

    #[test]
    fn words_inside_words_are_not_characteristics() {
        assert_characteristics("We will manage the page on ageing and embrace change.", &[]);
        assert_characteristics("in Sussex, Essex and Middlesex; Cllr. Paul Sexton", &[]);
        assert_characteristics("sexual health services and the trans-Pennine route", &[]);
        assert_characteristics(
            "acting in good faith, in the belief that Age UK can help",
            &[],
        );
        assert_characteristics("an age-friendly town; racecourse; graced", &[]);
    }

    #[test]
    fn synonyms_map_to_the_act() {
        assert_characteristics(
            "ethnic origin; religious belief; marital status; disabled people; trans; gender",
            &[
                ("ethnic origin", Race),
                ("religious belief", ReligionOrBelief),
                ("marital status", MarriageAndCivilPartnership),
                ("disabled people", Disability),
                ("trans", GenderReassignment),
                ("gender", Sex),
            ],
        );
        assert_characteristics(
            "sex and sexual orientation",
            &[("sex", Sex), ("sexual orientation", SexualOrientation)],
        );
        assert_eq!(
            MarriageAndCivilPartnership.name(),
            "marriage and civil partnership"
        );
    }
}
