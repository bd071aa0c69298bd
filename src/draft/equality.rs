//! An equality statement skeleton: the Public Sector Equality Duty, and a table to complete
//! for each of the nine protected characteristics.
//!
//! Section 149 of the Equality Act 2010 asks a public body to have due regard, when it
//! decides, to the need to eliminate discrimination, advance equality of opportunity and
//! foster good relations. Drafts most often fail it by naming an out-of-date list of
//! characteristics ("race, sex and disability") or by promising an assessment "if needed".
//! The skeleton names all nine characteristics, commits to the assessment, leaves what only
//! the officer knows (likely impact, evidence, mitigation) as "[to complete]", and commits
//! to asking affected groups for their views and to reviewing the statement.
//!
//! It avoids the word "consult" on purpose: the statement goes with a proposal, and whether
//! that proposal has a formal consultation, and its dates, belongs to the consultation
//! timetable (`compactproof draft consultation`), not here.

use super::{as_clause, required, Block, Compacts, Draft, DraftError};
use crate::lexicon::Lexicon;

/// The nine protected characteristics of the Equality Act 2010 (section 4), in the Act's
/// order.
pub const PROTECTED_CHARACTERISTICS: [&str; 9] = [
    "Age",
    "Disability",
    "Gender reassignment",
    "Marriage and civil partnership",
    "Pregnancy and maternity",
    "Race",
    "Religion or belief",
    "Sex",
    "Sexual orientation",
];

/// What each cell of the table holds until the officer completes it.
pub const TO_COMPLETE: &str = "[to complete]";

/// What the officer asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EqualityRequest {
    /// The proposal the statement assesses ("Reduce the opening hours of three branch
    /// libraries").
    pub proposal: String,
}

/// Write the equality statement for the selected compacts (all of them when `compacts` is
/// empty).
pub fn draft(
    lexicon: &Lexicon,
    compacts: &[String],
    request: &EqualityRequest,
) -> Result<Draft, DraftError> {
    let compacts = Compacts::select(lexicon, compacts)?;
    let proposal = required(&request.proposal, "the proposal")?;

    let mut blocks = vec![
        Block::Labelled {
            label: "Proposal".into(),
            text: proposal.clone(),
        },
        Block::Labelled {
            label: "Service".into(),
            text: "[service or team]".into(),
        },
        Block::Labelled {
            label: "Officer responsible".into(),
            text: "[name and job title]".into(),
        },
        Block::Labelled {
            label: "Version and date".into(),
            text: "[version and date]".into(),
        },
        Block::Heading("Why this statement is needed".into()),
        Block::Paragraph(
            "Under the Public Sector Equality Duty in section 149 of the Equality Act 2010, \
             the Council must have due regard, in making this decision, to the need to:"
                .into(),
        ),
        Block::Bullets(vec![
            "eliminate discrimination, harassment and victimisation, and any other conduct \
             the Act prohibits;"
                .into(),
            "advance equality of opportunity between people who share a protected \
             characteristic and people who do not;"
                .into(),
            "foster good relations between people who share a protected characteristic and \
             people who do not."
                .into(),
        ]),
        Block::Paragraph(
            "This statement is the Council\u{2019}s equality impact assessment of the \
             proposal. It records the evidence considered, the likely impact on people with \
             each protected characteristic, and what will be done to remove or reduce any \
             negative impact. It will be published with the report that asks for a decision, \
             so that the decision-maker can pay due regard to it."
                .into(),
        ),
        Block::Citations(compacts.citations(
            &["equality.assessment", "equality.characteristics"],
            &[],
            &[],
        )),
        Block::Heading("The proposal".into()),
        Block::Paragraph(super::as_sentence(&proposal)),
        Block::Paragraph(
            "[Describe what will change, for whom and from when, and the budget involved.]".into(),
        ),
        Block::Heading("Who is likely to be affected".into()),
        Block::Paragraph(
            "[Describe the people likely to be affected, with numbers where known: \
             residents, service users, carers, staff, and the voluntary and community \
             organisations that serve them.]"
                .into(),
        ),
        Block::Heading("Evidence".into()),
        Block::Paragraph(
            "[List the evidence used: who uses the service now, census and local population \
             data, complaints and compliments, earlier engagement, research, and what \
             voluntary and community organisations have told the Council.]"
                .into(),
        ),
        Block::Heading("Impact on each protected characteristic".into()),
        Block::Paragraph(format!(
            "For each characteristic, say whether the likely impact of \u{201c}{}\u{201d} is \
             positive, negative or neutral, the evidence for that view, and how any negative \
             impact will be removed or reduced. Where there is no evidence, say so and say \
             how it will be gathered.",
            as_clause(&proposal)
        )),
        Block::Table {
            columns: vec![
                "Protected characteristic".into(),
                "Likely impact".into(),
                "Evidence".into(),
                "Mitigation".into(),
            ],
            rows: PROTECTED_CHARACTERISTICS
                .iter()
                .map(|c| {
                    vec![
                        (*c).to_string(),
                        TO_COMPLETE.into(),
                        TO_COMPLETE.into(),
                        TO_COMPLETE.into(),
                    ]
                })
                .collect(),
        },
        Block::Paragraph(
            "The Council also considers the impact on carers, people on low incomes and \
             people living in rural areas, who are not protected by the Act but are often \
             affected by changes to services: [to complete]."
                .into(),
        ),
        Block::Heading("Asking affected groups for their views".into()),
        Block::Paragraph(
            "Before the decision is taken, the Council will ask the people and groups likely \
             to be affected for their views on these impacts, including the voluntary and \
             community organisations that represent or support people with protected \
             characteristics: [list the groups]. What they say will be recorded in this \
             statement, and any change to the likely impact or the mitigation will be \
             reported to the decision-maker."
                .into(),
        ),
        Block::Citations(compacts.citations(
            &[],
            &[],
            &[
                "durham/5.1",
                "redcar/equality/public/1",
                "redcar/consultation/public/4",
            ],
        )),
        Block::Heading("Review".into()),
        Block::Paragraph(
            "This statement will be updated with the views of affected groups before the \
             decision is taken, and reviewed again [when, for example a year after the \
             change] to compare the actual impact with the impact expected here. The review \
             will be published."
                .into(),
        ),
        Block::Heading("Sign-off".into()),
        Block::Labelled {
            label: "Completed by".into(),
            text: "[name, job title and date]".into(),
        },
        Block::Labelled {
            label: "Approved by".into(),
            text: "[name, job title and date]".into(),
        },
    ];
    blocks.retain(|b| !matches!(b, Block::Citations(c) if c.is_empty()));
    Ok(Draft {
        title: "Equality statement".into(),
        letter: false,
        blocks,
        dated: None,
        warnings: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_has_a_row_for_each_of_the_nine_characteristics() {
        let lexicon = Lexicon::bundled();
        let draft = draft(
            &lexicon,
            &["durham".into()],
            &EqualityRequest {
                proposal: "Reduce the opening hours of three branch libraries".into(),
            },
        )
        .unwrap();
        let (columns, rows) = draft
            .blocks
            .iter()
            .find_map(|b| match b {
                Block::Table { columns, rows } => Some((columns, rows)),
                _ => None,
            })
            .expect("a table");
        assert_eq!(columns.len(), 4);
        let names: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
        assert_eq!(names, PROTECTED_CHARACTERISTICS);
        assert!(rows
            .iter()
            .all(|r| r.len() == 4 && r[1..].iter().all(|c| c == TO_COMPLETE)));
        assert!(matches!(
            super::draft(
                &lexicon,
                &[],
                &EqualityRequest {
                    proposal: " ".into()
                }
            ),
            Err(DraftError::Empty(_))
        ));
    }
}
