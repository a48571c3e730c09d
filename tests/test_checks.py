"""Every check code against a small broken file: exact codes and positions."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.check import SOURCE_NAMED, source_named, validate
from simulator.diagnostics import CODES
from tests.conftest import CHECKS
from tests.helpers import located

# file (or folder) under tests/data/checks -> every diagnostic expected, in order
CASES: dict[str, list[str]] = {
    "CI106_yaml_syntax.yaml": ["3:6 CI106"],
    "CI107_python_tag.yaml": ["2:8 CI107"],
    "CI108_billion_laughs.yaml": ["6:12 CI108"],
    "CI108_recursive_alias.yaml": ["3:9 CI108"],
    "CI110_duplicate_key.yaml": ["37:3 CI110"],
    "CI112_two_documents.yaml": ["37:1 CI112"],
    "CI200_missing_version.yaml": ["1:1 CI200"],
    "CI200_unknown_version.yaml": ["1:1 CI200"],
    "CI201_unknown_key.yaml": ["33:3 CI307", "34:5 CI201", "35:3 CI502"],
    "CI201_unknown_choice_key.yaml": ["32:66 CI201"],
    "CI202_missing_key.yaml": ["10:3 CI202"],
    "CI202_neither_say_nor_silent.yaml": ["32:9 CI202"],
    "CI203_wrong_type.yaml": ["7:10 CI203"],
    "CI203_top_level_list.yaml": ["1:1 CI203"],
    "CI204_bad_enum.yaml": ["35:3 CI307", "36:14 CI204"],
    "CI204_bad_id.yaml": ["32:9 CI301", "35:3 CI204", "35:3 CI305"],
    "CI204_both_say_and_silent.yaml": ["32:32 CI204"],
    "CI204_unknown_rubric_item.yaml": ["17:50 CI204"],
    "CI204_bad_when_verdict.yaml": ["40:19 CI204"],
    "CI204_five_thousand_digits.yaml": ["7:30 CI204"],
    "CI204_beyond_float_range.yaml": ["7:10 CI204"],
    "CI204_huge_hex.yaml": ["7:10 CI204"],
    "CI204_id_with_newline.yaml": ["2:12 CI204"],
    "CI204_id_is_a_path.yaml": ["2:12 CI204"],
    "CI205_empty_text.yaml": ["29:9 CI205"],
    "CI206_no_scenario": ["1:1 CI206"],
    "CI208_osc52_in_a_line.yaml": ["29:9 CI208"],
    "CI208_c1_csi_in_a_title.yaml": ["34:30 CI208"],
    "CI207_two_scenarios": ["2:1 CI207"],
    "CI301_unknown_target.yaml": ["32:9 CI301", "35:3 CI305"],
    "CI301_unknown_start.yaml": ["15:5 CI301", "27:3 CI305", "33:3 CI305", "35:3 CI305"],
    "CI302_duplicate_choice.yaml": ["33:9 CI302"],
    "CI302_duplicate_across_files": ["5:7 CI302", "6:3 CI301", "9:3 CI302"],
    "CI303_unknown_character.yaml": ["29:9 CI303"],
    "CI303_unknown_talking_to.yaml": ["33:9 CI303"],
    "CI304_unknown_tag.yaml": ["31:61 CI304", "33:3 CI502"],
    "CI305_unreachable.yaml": ["35:3 CI305"],
    "CI306_trap.yaml": ["35:3 CI305", "37:3 CI306"],
    "CI307_dead_end.yaml": ["35:3 CI307"],
    "CI308_role_without_ending.yaml": ["10:3 CI308", "27:3 CI305", "33:3 CI305", "35:3 CI305",
                                       "37:3 CI306"],
    "CI309_wrong_breakdown.yaml": ["16:5 CI309"],
    "CI310_broken_sound_call.yaml": ["37:13 CI310"],
    "CI311_when_item_not_scored.yaml": ["41:19 CI311", "42:19 CI311"],
    "CI312_unknown_role.yaml": ["13:40 CI312"],
    "CI401_expression_syntax.yaml": ["32:41 CI401"],
    "CI401_huge_literal.yaml": ["31:96 CI401"],
    "CI402_unknown_variable.yaml": ["32:41 CI402"],
    "CI403_unused_variable.yaml": ["9:3 CI403"],
    "CI404_never_holds.yaml": ["32:41 CI404"],
    "CI405_bad_range.yaml": ["7:10 CI405"],
    "CI501_missing_reaction.yaml": ["17:5 CI501"],
    "CI502_unearned_ending.yaml": ["33:3 CI502"],
    "CI503_missing_coach.yaml": ["32:9 CI503"],
    "CI504_unused_character.yaml": ["6:3 CI504"],
    "CI505_unused_rubric_item.yaml": ["17:13 CI505"],
    "CI506_seed_id_shown.yaml": ["32:9 CI506"],
    "CI507_debrief_claim_not_gated.yaml": ["39:11 CI507", "41:11 CI507", "42:11 CI507",
                                           "44:13 CI507"],
    "CI506_the_seeds_in_a_blurb.yaml": ["10:3 CI506", "36:13 CI506"],
    "CI508_longest_reply_wins.yaml": ["10:3 CI508"],
    "CI509_fixed_position_wins.yaml": ["10:3 CI509"],
    "CI510_no_again_lines.yaml": ["28:3 CI510"],  # `start`, not `loop`: it has `again:`
    "CI511_blurb_for_one_side.yaml": ["10:3 CI511"],
}

# Codes whose inputs are made by tests at run time (binary, huge, missing...):
# see test_load.py and test_cli.py; plans and play (CI6xx) in test_playtest.py;
# labelled-utterance files (CI701) in test_corpus.py.
MADE_AT_RUN_TIME = {"CI100", "CI101", "CI102", "CI103", "CI104", "CI105", "CI109", "CI111",
                    "CI601", "CI602", "CI603", "CI604", "CI605", "CI701"}


@pytest.mark.parametrize(("name", "expected"), CASES.items(), ids=list(CASES))
def test_check_reports_exactly(name: str, expected: list[str]) -> None:
    _, found = validate(CHECKS / name)
    assert located(found) == expected, "\n".join(map(str, found))


def test_every_code_has_a_case() -> None:
    covered = {entry.split()[1] for entries in CASES.values() for entry in entries}
    assert set(CODES) - covered - MADE_AT_RUN_TIME == set()


def test_every_case_file_is_in_the_table() -> None:
    on_disk = {p.name for p in CHECKS.iterdir()}
    assert on_disk == set(CASES)


def test_base_story_is_clean() -> None:
    """The files are variations of one clean story; the clean one has no findings."""
    _, found = validate(CHECKS.parent / "base.yaml")
    assert found == []


@pytest.mark.parametrize(("name", "needle"), [
    ("CI201_unknown_key.yaml", "(did you mean 'ending'?)"),
    ("CI201_unknown_choice_key.yaml", "(did you mean 'tags'?)"),
    ("CI204_bad_enum.yaml", "(did you mean 'stalled'?)"),
    ("CI301_unknown_target.yaml", "(did you mean 'bad'?)"),
    ("CI301_unknown_start.yaml", "(did you mean 'start'?)"),
    ("CI303_unknown_character.yaml", "(did you mean 'ben'?)"),
    ("CI304_unknown_tag.yaml", "(did you mean 'open_question'?)"),
    ("CI402_unknown_variable.yaml", "(did you mean 'trust'?)"),
    ("CI110_duplicate_key.yaml", "duplicate key 'bad' (first at line 33)"),
    ("CI404_never_holds.yaml", "`trust > 10` can never hold: trust stays within 0..10"),
    ("CI502_unearned_ending.yaml", "by start -> good"),
    ("CI507_debrief_claim_not_gated.yaml", "\"You asked, and spoke in I-statements.\" speaks "
     "of 'i_statements' but has no `when:` on it"),
    ("CI507_debrief_claim_not_gated.yaml", "\"Next time, make a specific request.\" asks for "
     "more of 'specific_request' but shows when it is met"),
    ("CI507_debrief_claim_not_gated.yaml", "\"You left with a plan to check in.\" credits "
     "'follow_up' but shows when it is missed"),
    ("CI511_blurb_for_one_side.yaml", "difficulty 'gentle' has no blurb of its own for "
     "'caller', 'called': both sides would read the same words about the other person"),
    ("CI312_unknown_role.yaml", "difficulty 'gentle' has a blurb for 'calle', which is not "
     "a role (did you mean 'caller'?)"),
    ("CI311_when_item_not_scored.yaml", "names 'i_statments', which is not a rubric item "
     "(did you mean 'i_statements'?)"),
    ("CI311_when_item_not_scored.yaml", "names 'paused', but no role that reaches ending "
     "'good' is scored on it (role 'caller': hurt-calling-in)"),
    ("CI508_longest_reply_wins.yaml", "the right reply is the longest at 3 of 3 choices "
                                      "(start.ask, second.feel, third.thanks)"),
    ("CI509_fixed_position_wins.yaml", "always taking reply 1 as written reaches its best "
                                       "ending"),
    ("CI204_id_with_newline.yaml", "'id' 'mini\\n' is not a valid id"),
    ("CI208_osc52_in_a_line.yaml", "holds the control character U+001B (ESC) at character 4"),
    ("CI107_python_tag.yaml", "tag '!!python/object/apply:os.system' is not allowed"),
])
def test_messages_say_what_to_fix(name: str, needle: str) -> None:
    _, found = validate(CHECKS / name)
    assert any(needle in d.message for d in found), [d.message for d in found]


@pytest.mark.parametrize(("text", "shown"), [
    ("As seed 002 says, ask first.", "seed 002"),
    ("Seeds 000/001 both say it.", "Seeds 000/001"),
    ("Seeds 001 and 003: pause, listen.", "Seeds 001 and 003"),
    ("the seed texts call it a call-in", "the seed texts"),
    ("That is what the seeds teach.", "the seeds"),
    ("In the seeds' words: listen.", "the seeds"),
    ("seed003", "seed003"),
    ("It planted the seeds of doubt.", None),
    ("A seedling of trust.", None),
    ("Seed money for the project, 2002.", None),
    ("As \u017feed 002 says.", "\u017feed 002"),  # re.I takes the long s for an s
])
def test_what_counts_as_naming_the_sources(text: str, shown: str | None) -> None:
    found = SOURCE_NAMED.search(text)
    assert (found.group() if found else None) == shown
    quick = source_named(text)  # the check's substring test first must agree
    assert (quick.group() if quick else None) == shown


def test_breakdown_ending_counts_as_reachable() -> None:
    """Heat can lead to a role's breakdown ending from anywhere: it is not unreachable."""
    _, found = validate(CHECKS.parent / "engine.yaml")
    # Its menus are written to exercise the engine, not to teach: CI509 may say so.
    assert [d for d in found if d.code != "CI509"] == []


def test_a_story_without_any_ending_is_checked_not_crashed(tmp_path: Path) -> None:
    text = (CHECKS.parent / "base.yaml").read_text(encoding="utf-8")
    cut = text.index("\n  good:")
    story = tmp_path / "no-endings.yaml"
    story.write_text(text[:cut] + "\n  good:\n  bad:\n", encoding="utf-8")
    _, found = validate(story)
    assert found and all(d.code.startswith("CI") for d in found)


@pytest.mark.parametrize("edge_order", [
    [("start", "zeta"), ("start", "alpha"), ("zeta", "end"), ("alpha", "end")],
    [("alpha", "end"), ("zeta", "end"), ("start", "alpha"), ("start", "zeta")],
])
def test_the_path_named_in_a_message_does_not_depend_on_networkx(
        edge_order: list[tuple[str, str]]) -> None:
    import networkx as nx

    from simulator.check import _path_text, _search

    graph: nx.DiGraph[str] = nx.DiGraph()
    graph.add_edges_from(edge_order)
    assert _path_text(_search(graph, "start"), "end") == "start -> alpha -> end"
    assert "start" not in _search(graph, "end")


def test_a_long_path_is_shown_by_its_start_and_last_steps() -> None:
    import networkx as nx

    from simulator.check import _path_text, _search

    graph: nx.DiGraph[str] = nx.DiGraph()
    nx.add_path(graph, [f"n{i:03}" for i in range(300)])
    assert _path_text(_search(graph, "n000"), "n299") == \
        "n000 -> ... -> n296 -> n297 -> n298 -> n299 (299 moves)"
    assert _path_text(_search(graph, "n000"), "n007") == " -> ".join(f"n{i:03}" for i in range(8))


def test_a_when_on_an_item_not_scored_prints_located_with_a_hint() -> None:
    from simulator.diagnostics import format_text

    _, found = validate(CHECKS / "CI311_when_item_not_scored.yaml")
    lines = format_text(found).splitlines()
    assert lines[0].endswith("CI311_when_item_not_scored.yaml:41:19: error CI311 debrief "
                             "`when:` names 'paused', but no role that reaches ending 'good' "
                             "is scored on it (role 'caller': hurt-calling-in)")
    assert lines[1].startswith("    hint: Name an item that a role reaching this ending")
