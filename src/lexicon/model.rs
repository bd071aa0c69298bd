//! The lexicon's data types: what a compact file says, as Rust values.
//!
//! These mirror the TOML schema documented in `lexicon/README.md` one to one, with strict
//! parsing (`deny_unknown_fields`, kebab-case keys) so a typo in a council's own file is an
//! error with a line and column rather than a silently ignored rule. The engine reads these
//! types; it never sees TOML.

use serde::{Deserialize, Serialize};
use std::fmt;

/// The schema version this build reads. Bumped only for incompatible changes.
pub const SCHEMA_VERSION: u32 = 1;

/// One compact file: the compact's metadata and every undertaking it makes.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct CompactFile {
    pub schema: u32,
    pub compact: CompactMeta,
    #[serde(default, rename = "undertaking")]
    pub undertakings: Vec<Undertaking>,
}

/// Who signed the compact and how to recognise a reference to it.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct CompactMeta {
    /// Lower case `a-z`, `0-9`, `-`; every undertaking id starts with it and a `/`.
    pub id: String,
    pub title: String,
    pub area: String,
    /// Period or version ("2018-21", "2010 refresh").
    pub version: String,
    /// The source document the quotes come from.
    pub source: String,
    /// How a draft may refer to this compact by name ("County Durham Compact").
    #[serde(default)]
    pub names: Vec<String>,
    #[serde(default, rename = "party")]
    pub parties: Vec<PartyName>,
}

/// What the compact calls one of its parties.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct PartyName {
    pub party: Party,
    pub called: Vec<String>,
}

/// Who an undertaking binds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Party {
    Public,
    Vcs,
    Both,
    Private,
}

impl Party {
    pub fn as_str(self) -> &'static str {
        match self {
            Party::Public => "public",
            Party::Vcs => "vcs",
            Party::Both => "both",
            Party::Private => "private",
        }
    }
}

/// The documented set of themes. Six of them get a verdict in reports (see
/// [`Theme::REPORTED`]); the rest classify undertakings for the annex and lexicon listings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Theme {
    Consultation,
    FundingNotice,
    FundingPractice,
    Commissioning,
    Equality,
    Independence,
    Feedback,
    InformationSharing,
    Volunteering,
    CommunityGroups,
    DisputeResolution,
    Governance,
    CompactReference,
    Partnership,
    Principles,
}

impl Theme {
    /// The themes every report gives a verdict for, in report order.
    pub const REPORTED: [Theme; 6] = [
        Theme::Consultation,
        Theme::FundingNotice,
        Theme::Equality,
        Theme::Independence,
        Theme::Feedback,
        Theme::CompactReference,
    ];

    pub const ALL: [Theme; 15] = [
        Theme::Consultation,
        Theme::FundingNotice,
        Theme::FundingPractice,
        Theme::Commissioning,
        Theme::Equality,
        Theme::Independence,
        Theme::Feedback,
        Theme::InformationSharing,
        Theme::Volunteering,
        Theme::CommunityGroups,
        Theme::DisputeResolution,
        Theme::Governance,
        Theme::CompactReference,
        Theme::Partnership,
        Theme::Principles,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Theme::Consultation => "consultation",
            Theme::FundingNotice => "funding-notice",
            Theme::FundingPractice => "funding-practice",
            Theme::Commissioning => "commissioning",
            Theme::Equality => "equality",
            Theme::Independence => "independence",
            Theme::Feedback => "feedback",
            Theme::InformationSharing => "information-sharing",
            Theme::Volunteering => "volunteering",
            Theme::CommunityGroups => "community-groups",
            Theme::DisputeResolution => "dispute-resolution",
            Theme::Governance => "governance",
            Theme::CompactReference => "compact-reference",
            Theme::Partnership => "partnership",
            Theme::Principles => "principles",
        }
    }

    /// A heading for people ("Funding notice").
    pub fn title(self) -> &'static str {
        match self {
            Theme::Consultation => "Consultation",
            Theme::FundingNotice => "Funding notice",
            Theme::FundingPractice => "Funding practice",
            Theme::Commissioning => "Commissioning",
            Theme::Equality => "Equality",
            Theme::Independence => "Independence",
            Theme::Feedback => "Feedback",
            Theme::InformationSharing => "Information sharing",
            Theme::Volunteering => "Volunteering",
            Theme::CommunityGroups => "Community groups",
            Theme::DisputeResolution => "Dispute resolution",
            Theme::Governance => "Governance",
            Theme::CompactReference => "Reference to the Compact",
            Theme::Partnership => "Partnership",
            Theme::Principles => "Principles",
        }
    }

    pub fn parse(name: &str) -> Option<Theme> {
        Theme::ALL.into_iter().find(|t| t.as_str() == name)
    }
}

impl fmt::Display for Theme {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One undertaking (or shared principle) of a compact, quoted and cited.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Undertaking {
    /// `<compact id>/<clause>`, stable once published.
    pub id: String,
    /// How a person would cite it.
    pub citation: String,
    pub party: Party,
    pub theme: Theme,
    /// The exact words of the source.
    pub quote: String,
    /// One line in plain words.
    pub summary: String,
    /// A shared principle rather than one party's undertaking.
    #[serde(default)]
    pub principle: bool,
    #[serde(default, rename = "requirement")]
    pub requirements: Vec<Requirement>,
    /// Why a draft cannot show compliance; present exactly when there are no requirements.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_checkable: Option<String>,
    #[serde(default, rename = "example")]
    pub examples: Vec<Example>,
}

impl Undertaking {
    /// True when a draft can be checked against this undertaking.
    pub fn is_checkable(&self) -> bool {
        !self.requirements.is_empty()
    }
}

/// A checkable requirement. The `kind` key chooses one of a small set of implementations
/// in the engine, the way Vale's rules choose theirs with `extends:`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case", deny_unknown_fields)]
pub enum Requirement {
    /// A stated period must be at least `min` `unit`s.
    MinimumPeriod {
        #[serde(rename = "applies-when")]
        applies_when: String,
        period: PeriodKind,
        min: u32,
        unit: PeriodUnit,
        #[serde(rename = "shorter-allowed")]
        shorter_allowed: ShorterAllowed,
        /// The compact's own words for the exception, verbatim.
        #[serde(default, rename = "get-out", skip_serializing_if = "Option::is_none")]
        get_out: Option<String>,
    },
    /// A duty that goes with the trigger: notice in writing, reasons, feedback, ...
    CompanionDuty {
        #[serde(rename = "applies-when")]
        applies_when: String,
        duty: Duty,
    },
    /// The draft must mention something from a vocabulary.
    RequiredMention {
        #[serde(rename = "applies-when")]
        applies_when: String,
        mention: String,
    },
    /// Any list of protected characteristics must name all nine of the Equality Act 2010.
    ProtectedCharacteristics {
        #[serde(rename = "applies-when")]
        applies_when: String,
    },
    /// The draft must contain nothing from a vocabulary (e.g. a campaigning gag).
    ProhibitedContent {
        #[serde(rename = "applies-when")]
        applies_when: String,
        vocabulary: String,
    },
}

impl Requirement {
    /// The trigger id that decides whether this requirement applies to a draft.
    pub fn applies_when(&self) -> &str {
        match self {
            Requirement::MinimumPeriod { applies_when, .. }
            | Requirement::CompanionDuty { applies_when, .. }
            | Requirement::RequiredMention { applies_when, .. }
            | Requirement::ProtectedCharacteristics { applies_when }
            | Requirement::ProhibitedContent { applies_when, .. } => applies_when,
        }
    }

    /// The `kind` key as written in TOML.
    pub fn kind_name(&self) -> &'static str {
        match self {
            Requirement::MinimumPeriod { .. } => "minimum-period",
            Requirement::CompanionDuty { .. } => "companion-duty",
            Requirement::RequiredMention { .. } => "required-mention",
            Requirement::ProtectedCharacteristics { .. } => "protected-characteristics",
            Requirement::ProhibitedContent { .. } => "prohibited-content",
        }
    }

    /// A short description for people ("at least 12 weeks' consultation").
    pub fn describe(&self) -> String {
        match self {
            Requirement::MinimumPeriod {
                period, min, unit, ..
            } => {
                let unit = unit.plural(*min);
                match period {
                    PeriodKind::Consultation => format!("at least {min} {unit} for consultation"),
                    PeriodKind::Notice => format!("at least {min} {unit}' notice"),
                }
            }
            Requirement::CompanionDuty { duty, .. } => duty.describe().to_string(),
            Requirement::RequiredMention { mention, .. } => match mention.as_str() {
                "equality-assessment" => "an equality impact assessment".to_string(),
                "compact-reference" => "a reference to the Compact".to_string(),
                other => format!("a mention of {other}"),
            },
            Requirement::ProtectedCharacteristics { .. } => {
                "all nine protected characteristics of the Equality Act 2010".to_string()
            }
            Requirement::ProhibitedContent { vocabulary, .. } => match vocabulary.as_str() {
                "campaign-restriction" => {
                    "no restriction on the sector's right to campaign".to_string()
                }
                other => format!("nothing from {other}"),
            },
        }
    }
}

/// Which period a minimum applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PeriodKind {
    Consultation,
    Notice,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PeriodUnit {
    Days,
    Weeks,
    Months,
}

impl PeriodUnit {
    /// Days in `n` units, by the rule in `docs/themes.md` (week 7, month 30).
    pub fn days(self, n: u32) -> u32 {
        match self {
            PeriodUnit::Days => n,
            PeriodUnit::Weeks => n * 7,
            PeriodUnit::Months => n * 30,
        }
    }

    fn plural(self, n: u32) -> &'static str {
        match (self, n) {
            (PeriodUnit::Days, 1) => "day",
            (PeriodUnit::Days, _) => "days",
            (PeriodUnit::Weeks, 1) => "week",
            (PeriodUnit::Weeks, _) => "weeks",
            (PeriodUnit::Months, 1) => "month",
            (PeriodUnit::Months, _) => "months",
        }
    }
}

/// When the compact lets a draft state a shorter period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ShorterAllowed {
    Never,
    /// With a clear explanation of why.
    WithReason,
    ExceptionalCircumstances,
    WherePossible,
    WhereLegallyPossible,
}

impl ShorterAllowed {
    /// The key's value as written in TOML.
    pub fn as_str(self) -> &'static str {
        match self {
            ShorterAllowed::Never => "never",
            ShorterAllowed::WithReason => "with-reason",
            ShorterAllowed::ExceptionalCircumstances => "exceptional-circumstances",
            ShorterAllowed::WherePossible => "where-possible",
            ShorterAllowed::WhereLegallyPossible => "where-legally-possible",
        }
    }

    /// When a shorter period is acceptable, in words.
    pub fn describe(self) -> &'static str {
        match self {
            ShorterAllowed::Never => "no shorter period is allowed",
            ShorterAllowed::WithReason => "a shorter period is allowed with a clear reason",
            ShorterAllowed::ExceptionalCircumstances => {
                "a shorter period only in exceptional circumstances"
            }
            ShorterAllowed::WherePossible => "the compact asks for it where possible",
            ShorterAllowed::WhereLegallyPossible => {
                "the compact asks for it where legally possible"
            }
        }
    }
}

/// A duty that goes with a trigger.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Duty {
    InWriting,
    Rationale,
    Feedback,
    AccessibleFormats,
    ImpactAssessment,
}

impl Duty {
    pub fn as_str(self) -> &'static str {
        match self {
            Duty::InWriting => "in-writing",
            Duty::Rationale => "rationale",
            Duty::Feedback => "feedback",
            Duty::AccessibleFormats => "accessible-formats",
            Duty::ImpactAssessment => "impact-assessment",
        }
    }

    pub fn describe(self) -> &'static str {
        match self {
            Duty::InWriting => "notice given in writing",
            Duty::Rationale => "a clear reason for the decision",
            Duty::Feedback => "feedback to consultees on the outcome",
            Duty::AccessibleFormats => "information in accessible formats",
            Duty::ImpactAssessment => "an assessment of the impact",
        }
    }
}

/// An example draft and the status the undertaking must get on it.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Example {
    pub text: String,
    pub expect: ExpectedStatus,
}

/// The statuses an example may expect (the report's statuses).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ExpectedStatus {
    Met,
    Short,
    Missing,
    Weak,
    Conflict,
    NotApplicable,
}

impl ExpectedStatus {
    /// True for statuses that flag a problem.
    pub fn flags(self) -> bool {
        matches!(
            self,
            ExpectedStatus::Short
                | ExpectedStatus::Missing
                | ExpectedStatus::Weak
                | ExpectedStatus::Conflict
        )
    }

    pub fn as_str(self) -> &'static str {
        match self {
            ExpectedStatus::Met => "met",
            ExpectedStatus::Short => "short",
            ExpectedStatus::Missing => "missing",
            ExpectedStatus::Weak => "weak",
            ExpectedStatus::Conflict => "conflict",
            ExpectedStatus::NotApplicable => "not-applicable",
        }
    }
}
