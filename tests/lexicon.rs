//! The lexicon against its sources and its contract: every bundled quote is in its seed
//! document, every clause of the numbered compacts is covered, ids are well formed and
//! unique, the vocabulary agrees with the entries' own examples, and `compactproof lexicon`
//! reports broken user files at the right file, line and column.

mod common;

use common::{compactproof, seeds_dir};
use compactproof::document::ByteSpan;
use compactproof::ingest::{read_path, Limits};
use compactproof::lexicon::validate::normalise_whitespace;
use compactproof::lexicon::{
    CompiledVocabulary, ExpectedStatus, Lexicon, Requirement, Undertaking, VocabIndex,
};
use regex::Regex;
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::Path;

fn seed(name: &str) -> String {
    let path = seeds_dir().join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

fn ids_of(lexicon: &Lexicon, compact: &str) -> Vec<String> {
    lexicon
        .undertakings_of(compact)
        .iter()
        .map(|u| u.id.clone())
        .collect()
}

fn text_of(output: &std::process::Output) -> (String, String) {
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

// ---------------------------------------------------------------------------------------
// The bundled data against the seeds
// ---------------------------------------------------------------------------------------

#[test]
fn every_bundled_quote_is_verbatim_in_its_seed() {
    let lexicon = Lexicon::bundled();
    let mut missing = Vec::new();
    for compact in lexicon.compacts() {
        let source = normalise_whitespace(&seed(&compact.meta.source));
        for u in lexicon.undertakings_of(compact.id()) {
            if !source.contains(&normalise_whitespace(&u.quote)) {
                missing.push(format!("{}: {}", u.id, u.quote));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "quotes not found in their seed:\n{}",
        missing.join("\n")
    );
}

#[test]
fn ids_are_well_formed_and_unique() {
    let lexicon = Lexicon::bundled();
    let shape = Regex::new(r"^[a-z0-9-]+/[a-z0-9./-]+$").unwrap();
    let mut seen = HashSet::new();
    for (compact, u) in lexicon.entries() {
        assert!(shape.is_match(&u.id), "badly formed id {}", u.id);
        assert!(
            u.id.starts_with(&format!("{}/", compact.id())),
            "{} is not under {}",
            u.id,
            compact.id()
        );
        assert!(seen.insert(u.id.clone()), "duplicate id {}", u.id);
    }
    assert_eq!(seen.len(), lexicon.undertakings().len());
}

#[test]
fn the_four_compacts_have_the_expected_counts() {
    let lexicon = Lexicon::bundled();
    let counts: Vec<(String, usize, usize)> = lexicon
        .compacts()
        .iter()
        .map(|c| {
            let all = lexicon.undertakings_of(c.id());
            let checkable = all.iter().filter(|u| u.is_checkable()).count();
            (c.id().to_string(), all.len(), checkable)
        })
        .collect();
    let expected: Vec<(String, usize, usize)> = [
        ("durham", 53, 8),
        ("stockton", 28, 7),
        ("redcar", 98, 10),
        ("staffordshire", 50, 4),
    ]
    .iter()
    .map(|(id, n, c)| (id.to_string(), *n, *c))
    .collect();
    assert_eq!(counts, expected);
}

/// Durham numbers its undertakings. The clause numbers are found in the seed where a line
/// starts with one ("1.1 Respect"), where one is glued to its first word ("2.7Work") and
/// where several are run together on one line after long runs of spaces ("exist.      1.9
/// Ensure"); see the header comment of lexicon/durham.toml.
fn durham_clauses(seed: &str) -> Vec<(String, usize)> {
    let clause = Regex::new(r"(?m)(?:^[ \t]*|[ \t]{3,})(\d\.\d{1,2})(?:[ \t]|[A-Z])").unwrap();
    clause
        .captures_iter(seed)
        .map(|c| {
            let m = c.get(1).unwrap();
            (m.as_str().to_string(), m.start())
        })
        .collect()
}

#[test]
fn durham_has_exactly_its_53_numbered_undertakings_each_quoted_from_its_own_clause() {
    let text = seed("county-durham-compact.txt");
    let clauses = durham_clauses(&text);
    let numbers: Vec<&str> = clauses.iter().map(|(n, _)| n.as_str()).collect();

    // 1.1-1.10, 2.1-2.11, 3.1-3.19, 4.1-4.7, 5.1-5.6, in order, each once.
    let expected: Vec<String> = [(1, 10), (2, 11), (3, 19), (4, 7), (5, 6)]
        .iter()
        .flat_map(|&(outcome, last)| (1..=last).map(move |n| format!("{outcome}.{n}")))
        .collect();
    assert_eq!(expected.len(), 53);
    assert_eq!(numbers, expected, "clause numbers scanned from the seed");

    let lexicon = Lexicon::bundled();
    let ids: Vec<String> = ids_of(&lexicon, "durham");
    let wanted: Vec<String> = expected.iter().map(|n| format!("durham/{n}")).collect();
    assert_eq!(ids, wanted);

    // Each quote lies in its own clause's text, between its number and the next.
    for (i, (number, start)) in clauses.iter().enumerate() {
        let end = clauses.get(i + 1).map_or(text.len(), |(_, s)| *s);
        let clause_text = normalise_whitespace(&text[*start..end]);
        let u = lexicon.undertaking(&format!("durham/{number}")).unwrap();
        assert!(
            clause_text.contains(&normalise_whitespace(&u.quote)),
            "durham/{number}'s quote is not in clause {number}: {clause_text}"
        );
    }
}

/// The bullets of each numbered section of the Stockton seed, as (section number, text),
/// with wrapped continuation lines joined.
fn stockton_bullets(seed: &str) -> Vec<(u32, String)> {
    let heading = Regex::new(r"^(\d)\. [A-Z]").unwrap();
    let mut section = 0;
    let mut bullets: Vec<(u32, String)> = Vec::new();
    let mut in_bullet = false;
    for line in seed.lines() {
        if let Some(c) = heading.captures(line) {
            section = c[1].parse().unwrap();
            in_bullet = false;
            continue;
        }
        if let Some(rest) = line.strip_prefix("- ") {
            bullets.push((section, rest.to_string()));
            in_bullet = true;
        } else if in_bullet && line.starts_with(' ') && !line.trim().is_empty() {
            let last = bullets.last_mut().unwrap();
            last.1.push(' ');
            last.1.push_str(line.trim());
        } else {
            in_bullet = false;
        }
    }
    bullets
}

#[test]
fn stockton_covers_every_bullet_of_sections_2_to_4_in_order() {
    let text = seed("stockton-compact-2018-21.txt");
    let bullets = stockton_bullets(&text);
    let lexicon = Lexicon::bundled();
    let mut per_section: BTreeMap<u32, usize> = BTreeMap::new();
    for (section, bullet) in bullets.iter().filter(|(s, _)| (2..=4).contains(s)) {
        let n = per_section.entry(*section).or_default();
        *n += 1;
        let path = match section {
            2 => "principles",
            3 => "consultation",
            _ => "funding",
        };
        let id = format!("stockton/{path}/{n}");
        let u = lexicon
            .undertaking(&id)
            .unwrap_or_else(|| panic!("no {id} for the bullet: {bullet}"));
        let want = normalise_whitespace(bullet);
        let want = want.trim_end_matches(';');
        assert_eq!(normalise_whitespace(&u.quote), want, "{id}");
    }
    assert_eq!(
        per_section.into_iter().collect::<Vec<_>>(),
        [(2, 7), (3, 8), (4, 11)],
        "bullets per section"
    );
    // The two unbulleted commitments complete the file.
    assert_eq!(ids_of(&lexicon, "stockton").len(), 7 + 8 + 11 + 2);
    assert!(lexicon
        .undertaking("stockton/equal-opportunities/1")
        .is_some());
    assert!(lexicon
        .undertaking("stockton/conflict-resolution/1")
        .is_some());
}

/// Counts of ids by their path without the final position (`redcar/funding/public`), and a
/// check that each group is numbered 1..n with no gaps where it is numbered.
fn group_counts(lexicon: &Lexicon, compact: &str) -> BTreeMap<String, usize> {
    let mut groups: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for id in ids_of(lexicon, compact) {
        let (group, last) = id.rsplit_once('/').unwrap();
        groups
            .entry(group.to_string())
            .or_default()
            .push(last.to_string());
    }
    for (group, items) in &groups {
        if items.iter().all(|i| i.parse::<usize>().is_ok()) {
            let numbers: Vec<usize> = items.iter().map(|i| i.parse().unwrap()).collect();
            let expected: Vec<usize> = (1..=items.len()).collect();
            assert_eq!(numbers, expected, "{group} is not numbered 1..n in order");
        }
    }
    groups
        .into_iter()
        .map(|(g, items)| (g, items.len()))
        .collect()
}

#[test]
fn redcar_has_every_list_of_its_five_codes() {
    // The scheme is in the header of lexicon/redcar.toml; the counts are the seed's lists.
    let lexicon = Lexicon::bundled();
    let counts = group_counts(&lexicon, "redcar");
    let expected: BTreeMap<String, usize> = [
        ("redcar/beliefs", 8),
        ("redcar/principles/volunteering", 4),
        ("redcar/volunteering/public", 5),
        ("redcar/volunteering/vcs", 5),
        ("redcar/principles/community-groups", 4),
        ("redcar/community-groups/public", 7),
        ("redcar/community-groups/community", 4),
        ("redcar/community-groups/voluntary", 6),
        ("redcar/principles/consultation", 6),
        ("redcar/consultation/public", 7),
        ("redcar/consultation/vcs", 6),
        ("redcar/principles/equality", 4),
        ("redcar/equality/public", 4),
        ("redcar/equality/vcs", 4),
        ("redcar/principles/funding", 7),
        ("redcar/funding/public", 9),
        ("redcar/funding/vcs", 6),
        ("redcar/jargon-buster", 1),
        ("redcar/disputes", 1),
    ]
    .iter()
    .map(|(g, n)| (g.to_string(), *n))
    .collect();
    assert_eq!(counts, expected);
    assert_eq!(counts.values().sum::<usize>(), 98);
    // Principles and joint beliefs are shared, so bind both sectors.
    for u in lexicon.undertakings_of("redcar") {
        if u.id.starts_with("redcar/principles/") || u.id.starts_with("redcar/beliefs/") {
            assert!(u.principle, "{} should be a principle", u.id);
        }
    }
}

fn kebab(heading: &str) -> String {
    heading
        .to_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

#[test]
fn staffordshire_has_every_bold_principle_and_its_other_sections() {
    let lexicon = Lexicon::bundled();
    let counts = group_counts(&lexicon, "staffordshire");
    let expected: BTreeMap<String, usize> = [
        ("staffordshire/context", 3),
        ("staffordshire/objective-1", 10),
        ("staffordshire/objective-2", 5),
        ("staffordshire/objective-3", 9),
        ("staffordshire/objective-4", 6),
        ("staffordshire/governance", 6),
        ("staffordshire/disputes", 7),
        ("staffordshire/agreement", 4),
    ]
    .iter()
    .map(|(g, n)| (g.to_string(), *n))
    .collect();
    assert_eq!(counts, expected);

    // Every bold bullet heading of the four objectives has its entry.
    let text = seed("staffordshire-stoke-compact-2014-18.txt");
    let objective = Regex::new(r"^([1-4])\. [A-Z]").unwrap();
    let bullet = Regex::new(r"^- \*{2,3}([^*]+?)\*{2,3}").unwrap();
    let mut current = 0;
    let mut found = 0;
    for line in text.lines() {
        if let Some(c) = objective.captures(line) {
            current = c[1].parse().unwrap();
        } else if line.starts_with("Promotion of the Compact") {
            current = 0;
        } else if let (true, Some(c)) = (current > 0, bullet.captures(line)) {
            let id = format!("staffordshire/objective-{current}/{}", kebab(&c[1]));
            assert!(lexicon.undertaking(&id).is_some(), "no {id}");
            found += 1;
        }
    }
    assert_eq!(
        found,
        8 + 5 + 8 + 6,
        "bold bullets in the seed's objectives"
    );
}

// ---------------------------------------------------------------------------------------
// The vocabulary against the entries' examples and the labelled drafts
// ---------------------------------------------------------------------------------------

fn fires(v: &CompiledVocabulary, found: &[(VocabIndex, ByteSpan)], trigger: &str) -> bool {
    let index = v.trigger(trigger).unwrap();
    v.fired_triggers(found).contains(&index)
}

fn vocabulary_of(r: &Requirement) -> Option<&str> {
    match r {
        Requirement::CompanionDuty { duty, .. } => Some(duty.as_str()),
        Requirement::RequiredMention { mention, .. } => Some(mention),
        Requirement::ProhibitedContent { vocabulary, .. } => Some(vocabulary),
        _ => None,
    }
}

/// What the vocabulary alone can promise about an example; the engine decides the rest.
fn vocabulary_disagreements(v: &CompiledVocabulary, u: &Undertaking) -> Vec<String> {
    let mut problems = Vec::new();
    for e in &u.examples {
        let found = v.find_all(&e.text);
        let any_trigger = u
            .requirements
            .iter()
            .any(|r| fires(v, &found, r.applies_when()));
        let not_applicable = e.expect == ExpectedStatus::NotApplicable;
        if not_applicable == any_trigger {
            problems.push(format!(
                "{} [{}]: a trigger {} fire on: {}",
                u.id,
                e.expect.as_str(),
                if any_trigger { "does" } else { "does not" },
                e.text
            ));
        }
        for r in &u.requirements {
            let Some(name) = vocabulary_of(r) else {
                continue;
            };
            let index = v.vocabulary(name).unwrap();
            let matched = v.spans_of(&found, index).next().is_some();
            let prohibited = matches!(r, Requirement::ProhibitedContent { .. });
            let wrong = match e.expect {
                ExpectedStatus::Met => matched == prohibited,
                ExpectedStatus::Conflict => !matched,
                ExpectedStatus::Weak => !prohibited && !matched,
                ExpectedStatus::Missing => u.requirements.len() == 1 && matched,
                _ => false,
            };
            if wrong {
                problems.push(format!(
                    "{} [{}]: vocabulary `{name}` {}: {}",
                    u.id,
                    e.expect.as_str(),
                    if matched { "matches" } else { "does not match" },
                    e.text
                ));
            }
        }
    }
    problems
}

#[test]
fn the_vocabulary_agrees_with_every_entrys_examples() {
    // Necessary conditions only: a flagged or met example fires one of its requirements'
    // triggers and a not-applicable one fires none; a met example has the duty's words (or,
    // for a prohibition, none of them); a conflict has the prohibited words.
    let lexicon = Lexicon::load_paths(&["tests/fixtures/lexicon-good"]).unwrap();
    let v = lexicon.vocabulary();
    let problems: Vec<String> = lexicon
        .undertakings()
        .iter()
        .flat_map(|u| vocabulary_disagreements(v, u))
        .collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The text of a labelled draft: the document itself, or, where this build cannot read its
/// format yet, the text source it was made from (fixtures/drafts/src/).
fn draft_text(document: &Path) -> String {
    if let Ok(d) = read_path(document, &Limits::default()) {
        return d.text().to_string();
    }
    let stem = document.file_stem().unwrap().to_string_lossy();
    let dir = document.parent().unwrap().join("src");
    for ext in ["md", "txt"] {
        let source = dir.join(format!("{stem}.{ext}"));
        if let Ok(d) = read_path(&source, &Limits::default()) {
            return d.text().to_string();
        }
    }
    panic!("cannot read {} or its source", document.display());
}

#[test]
fn triggers_fire_on_every_labelled_draft_where_their_theme_applies() {
    // Recall only: the engine needs the trigger to fire before it can judge a theme. A
    // trigger may also fire where the theme does not apply (a commercial contract ending):
    // telling sector funding from other funding is the engine's job.
    let lexicon = Lexicon::bundled();
    let v = lexicon.vocabulary();
    let dir = Path::new("fixtures/drafts");
    let pairs = [
        ("consultation", "consultation"),
        ("funding-change", "funding-notice"),
        ("funding-terms", "independence"),
        ("affects-people", "equality"),
    ];
    let mut missed = Vec::new();
    let mut checked = 0;
    let mut sidecars: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".expect.toml"))
        .collect();
    sidecars.sort();
    for sidecar in sidecars {
        let expect: toml::Table =
            toml::from_str(&std::fs::read_to_string(&sidecar).unwrap()).unwrap();
        let document = dir.join(expect["document"].as_str().unwrap());
        let text = draft_text(&document);
        let found = v.find_all(&text);
        for (trigger, theme) in pairs {
            let status = expect["themes"][theme]["status"].as_str().unwrap();
            if status != "not-applicable" && !fires(v, &found, trigger) {
                missed.push(format!(
                    "{}: {trigger} ({theme} is {status})",
                    document.display()
                ));
            }
            checked += 1;
        }
    }
    assert!(checked > 0);
    assert!(missed.is_empty(), "triggers missed:\n{}", missed.join("\n"));
}

#[test]
fn campaign_restrictions_match_gags_but_not_protections() {
    let lexicon = Lexicon::bundled();
    let v = lexicon.vocabulary();
    let restriction = v.vocabulary("campaign-restriction").unwrap();
    let matches = |text: &str| v.spans_of(&v.find_all(text), restriction).count() > 0;
    for gag in [
        "The Organisation shall not publicly criticise the Council or its officers.",
        "Recipients must not engage in political campaigning.",
        "The grantee must not use any part of the grant for lobbying.",
        "No part of the grant may be used for campaigning.",
        "The charity is prohibited from speaking to the media about the contract.",
        "The Provider shall not make any statement to the press without the prior written approval of the Council.",
        "Organisations won't criticise the Board in public.",
    ] {
        assert!(matches(gag), "should match: {gag}");
    }
    for protection in [
        "Nothing in this agreement restricts your right to campaign or to criticise the Council.",
        "The Recipient may speak to the press without seeking the Council's approval.",
        "The organisation will not be prevented from campaigning on any matter within the law.",
        "Recipients must acknowledge the Council's support in their publicity.",
    ] {
        assert!(!matches(protection), "should not match: {protection}");
    }
}

// ---------------------------------------------------------------------------------------
// A council's own lexicon, through the command line
// ---------------------------------------------------------------------------------------

#[test]
fn a_broken_user_lexicon_is_reported_file_by_file_at_line_and_column() {
    let output = compactproof(&["lexicon", "check", "tests/fixtures/lexicon-broken"]);
    let (stdout, stderr) = text_of(&output);
    assert_eq!(
        output.status.code(),
        Some(2),
        "stdout:\n{stdout}\nstderr:\n{stderr}"
    );
    let dir = "tests/fixtures/lexicon-broken";
    let expected = [
        ("bad-syntax.toml:15:46:", "invalid basic string"),
        ("duplicate-id.toml:20:6:", "duplicate undertaking id `broken-duplicate/1` (first at tests/fixtures/lexicon-broken/duplicate-id.toml:11:6)"),
        ("missing-examples.toml:11:6:", "checkable undertaking `broken-examples/1` has no example that flags"),
        ("unknown-key.toml:16:1:", "unknown field `sumary`"),
        ("unknown-trigger.toml:20:18:", "unknown trigger `funding-cut` in applies-when"),
        ("vocabulary.toml:7:13:", "is not a valid regular expression: unclosed group"),
    ];
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(
        lines.len(),
        expected.len(),
        "one line per problem:\n{stdout}"
    );
    for (line, (location, problem)) in lines.iter().zip(expected) {
        assert!(
            line.starts_with(&format!("{dir}/{location} ")),
            "expected {location} at the start of: {line}"
        );
        assert!(line.contains(problem), "expected `{problem}` in: {line}");
        assert!(
            line.ends_with(')') && line.contains(" (hint: "),
            "no hint: {line}"
        );
    }
    assert!(stderr.contains("6 problems in 6 files"), "{stderr}");
}

#[test]
fn a_good_user_lexicon_checks_clean_and_lists_with_the_bundled_ones() {
    let path = "tests/fixtures/lexicon-good/sunderland.toml";
    let output = compactproof(&["lexicon", "check", path]);
    let (stdout, stderr) = text_of(&output);
    assert_eq!(output.status.code(), Some(0), "{stdout}\n{stderr}");
    assert!(
        stdout.starts_with(
            "OK: 1 file, 1 compact (sunderland), 4 undertakings (3 checkable), 8 examples\n"
        ),
        "{stdout}"
    );
    assert!(
        stdout.contains("8 examples run, all as expected"),
        "{stdout}"
    );

    let output = compactproof(&["lexicon", "list", "--lexicon", path]);
    let (stdout, stderr) = text_of(&output);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(
        stdout.contains("Sunderland Compact (example) (sunderland)"),
        "{stdout}"
    );
    assert!(stdout.contains("sunderland/4.2"), "{stdout}");
    assert!(
        stdout.contains("durham/4.4"),
        "the bundled compacts are still listed"
    );
    assert!(
        stdout.ends_with("5 compacts, 233 undertakings, 32 checkable\n"),
        "{stdout}"
    );

    let output = compactproof(&[
        "lexicon",
        "list",
        "--lexicon",
        path,
        "--compact",
        "sunderland",
    ]);
    let (stdout, _) = text_of(&output);
    assert!(!stdout.contains("durham/"), "{stdout}");
    assert!(
        stdout.ends_with("1 compact, 4 undertakings, 3 checkable\n"),
        "{stdout}"
    );
}

#[test]
fn list_as_json_has_the_four_compacts_with_their_counts() {
    let output = compactproof(&["lexicon", "list", "--format", "json"]);
    assert_eq!(output.status.code(), Some(0));
    let entries: Vec<serde_json::Value> = serde_json::from_slice(&output.stdout).expect("JSON");
    let mut per_compact: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for entry in &entries {
        for key in [
            "id", "compact", "citation", "party", "theme", "quote", "summary",
        ] {
            assert!(entry[key].is_string(), "{key} in {entry}");
        }
        assert!(entry["checkable"].is_boolean());
        assert!(entry["requirements"].is_array());
        let counts = per_compact
            .entry(entry["compact"].as_str().unwrap().to_string())
            .or_default();
        counts.0 += 1;
        counts.1 += usize::from(entry["checkable"].as_bool().unwrap());
    }
    let expected: BTreeMap<String, (usize, usize)> = [
        ("durham", (53, 8)),
        ("redcar", (98, 10)),
        ("staffordshire", (50, 4)),
        ("stockton", (28, 7)),
    ]
    .iter()
    .map(|(c, n)| (c.to_string(), *n))
    .collect();
    assert_eq!(per_compact, expected);

    let durham_4_4 = entries.iter().find(|e| e["id"] == "durham/4.4").unwrap();
    let kinds: BTreeSet<&str> = durham_4_4["requirements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, BTreeSet::from(["minimum-period", "companion-duty"]));
    assert!(durham_4_4["requirements"][0]["description"].is_string());
}

#[test]
fn show_durham_4_4() {
    let output = compactproof(&["lexicon", "show", "durham/4.4"]);
    assert_eq!(output.status.code(), Some(0));
    insta::assert_snapshot!(String::from_utf8_lossy(&output.stdout));
}

#[test]
fn show_an_unknown_id_suggests_the_closest() {
    let output = compactproof(&["lexicon", "show", "durham/44"]);
    let (stdout, stderr) = text_of(&output);
    assert_eq!(output.status.code(), Some(2));
    assert!(stdout.is_empty());
    assert!(
        stderr.contains("no undertaking `durham/44`; did you mean `durham/4.4`"),
        "{stderr}"
    );

    let output = compactproof(&["lexicon", "show", "stockton"]);
    let (_, stderr) = text_of(&output);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr.contains("`stockton` is a compact"), "{stderr}");
}

#[test]
fn lexicon_check_with_no_path_checks_the_bundled_lexicon() {
    let output = compactproof(&["lexicon", "check"]);
    let (stdout, stderr) = text_of(&output);
    assert_eq!(output.status.code(), Some(0), "{stdout}\n{stderr}");
    assert!(
        stdout.starts_with("OK: 5 files, 4 compacts (durham, stockton, redcar, staffordshire), 229 undertakings (29 checkable)"),
        "{stdout}"
    );
}

#[test]
fn a_missing_lexicon_path_is_an_input_error() {
    let output = compactproof(&[
        "lexicon",
        "list",
        "--lexicon",
        "tests/fixtures/no-such-lexicon",
    ]);
    let (_, stderr) = text_of(&output);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr.contains("tests/fixtures/no-such-lexicon: no such file or folder"),
        "{stderr}"
    );
}

#[test]
fn a_user_vocabulary_extends_the_bundled_one() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("vocabulary.toml"),
        r#"schema = 1

[[trigger]]
id = "funding-change"
phrases = ["community chest closes"]

[[vocabulary]]
id = "volunteering-charter"
description = "words referring to the Volunteering Charter"
phrases = ["Volunteering Charter"]
"#,
    )
    .unwrap();
    std::fs::write(
        dir.path().join("testham.toml"),
        r#"schema = 1

[compact]
id = "testham"
title = "Testham Compact"
area = "Testham"
version = "1"
source = "testham.txt"

[[undertaking]]
id = "testham/1"
citation = "Testham Compact, clause 1"
party = "public"
theme = "compact-reference"
quote = "When funding ends, public bodies will refer to the Volunteering Charter."
summary = "Cite the Volunteering Charter when funding ends."

  [[undertaking.requirement]]
  kind = "required-mention"
  applies-when = "funding-change"
  mention = "volunteering-charter"

  [[undertaking.example]]
  text = "The community chest closes on 31 March."
  expect = "missing"
  [[undertaking.example]]
  text = "The community chest closes on 31 March, as the Volunteering Charter allows."
  expect = "met"
"#,
    )
    .unwrap();
    let lexicon = Lexicon::load_paths(&[dir.path()]).unwrap_or_else(|errors| {
        panic!(
            "{}",
            errors
                .iter()
                .map(|e| e.to_string())
                .collect::<Vec<_>>()
                .join("\n")
        )
    });
    let v = lexicon.vocabulary();
    let found = v.find_all("The community chest closes on 31 March.");
    assert!(
        fires(v, &found, "funding-change"),
        "the added phrase fires the trigger"
    );
    assert!(
        fires(v, &found, "affects-people"),
        "and every trigger that includes it"
    );
    let found = v.find_all("The grant will end on 31 March.");
    assert!(
        fires(v, &found, "funding-change"),
        "the bundled words still work"
    );
    let problems = vocabulary_disagreements(v, lexicon.undertaking("testham/1").unwrap());
    assert!(problems.is_empty(), "{problems:?}");

    let path = dir.path().to_string_lossy().to_string();
    let output = compactproof(&["lexicon", "check", &path]);
    let (stdout, stderr) = text_of(&output);
    assert_eq!(output.status.code(), Some(0), "{stdout}\n{stderr}");
    assert!(
        stdout.starts_with("OK: 2 files, 1 compact (testham)"),
        "{stdout}"
    );
}

/// Every example of every shipped undertaking is run through the proofing engine and must
/// get the status it expects.
#[test]
fn every_bundled_example_gets_its_expected_status() {
    let output = compactproof(&["lexicon", "check"]);
    let (stdout, stderr) = text_of(&output);
    assert_eq!(output.status.code(), Some(0), "{stdout}\n{stderr}");
    assert!(stdout.contains("examples run, all as expected"), "{stdout}");
}

/// Sentences from real papers that taught the bundled triggers where their edges are
/// (docs/accuracy.md, third held-out set): each fires, or does not fire, the trigger named.
#[test]
fn bundled_triggers_fire_where_the_theme_applies_and_only_there() {
    let lexicon = Lexicon::bundled();
    let v = lexicon.vocabulary();
    let cases: &[(&str, &str, bool)] = &[
        ("funding-change", "The Council will decommission the carers' support service from 1 April.", true),
        ("funding-change", "Services to be decommissioned are listed in Appendix B.", true),
        ("funding-change", "The programme will decommission approximately 410 virtual servers.", false),
        ("funding-change", "(1) That the grant to St Giles Day Centre cease with immediate effect;", true),
        ("funding-change", "Changes to five local bus services whose contracts end on 31 August 2027.", false),
        ("funding-change", "Two are overdue (both relating to the contract management system, which is being replaced).", false),
        ("funding-change", "The grant to Age Concern will be reduced by 20%.", true),
        ("funding-change", "The ICB will decommission Healthwatch Hull from 1 April 2027.", true),
        ("funding-change", "The Healthy Minds grant will be replaced by a commissioned contract.", true),
        ("funding-change", "The legacy telephony platform will be decommissioned in June.", false),
        ("funding-change", "That the grant to the Day Centre be terminated with immediate effect.", true),
        ("funding-change", "Funding for the lunch club ceased with immediate effect on 3 March.", true),
        ("funding-change", "Payments will stop immediately if the recipient breaches these conditions.", false),
        ("funding-change", "Funding may cease with immediate effect in the event of fraud.", false),
        ("funding-terms", "Your monitoring returns show that the programme has trained 214 young champions.", false),
        ("funding-terms", "You remain free to campaign on young people's health and to speak publicly about this decision.", true),
        ("funding-terms", "Grant recipients must submit quarterly monitoring returns.", true),
        ("funding-terms", "The Council will continue to campaign for fairer funding for local government.", false),
        ("funding-terms", "Members of the public who wish to speak publicly at the meeting must register.", false),
    ];
    let wrong: Vec<String> = cases
        .iter()
        .filter(|(trigger, text, expected)| fires(v, &v.find_all(text), trigger) != *expected)
        .map(|(trigger, text, expected)| {
            format!(
                "{trigger} should {}fire on: {text}",
                if *expected { "" } else { "not " }
            )
        })
        .collect();
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
