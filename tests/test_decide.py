"""`callin decide`: the decision table, every combination of answers, and the plain UI."""

from __future__ import annotations

import io
import itertools
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from simulator.cli import main
from simulator.decide import (
    CALL_IN,
    CALL_OUT,
    FIND_ALLY,
    SEEDS,
    SITUATION,
    TITLES,
    WAIT,
    WHEN_NOT,
    Answers,
    decide,
)
from simulator.decide_ui import practice_scenario

# (answers, recommendation, the scenario suggested first)
TABLE: list[tuple[dict[str, Any], str, str]] = [
    ({"influence": True, "open": True}, CALL_IN, "uncle-bob"),
    ({"influence": True}, CALL_IN, "uncle-bob"),
    ({"influence": True, "tried": True, "open": True}, CALL_IN, "uncle-bob"),
    ({"power": True, "influence": True}, CALL_IN, "upward"),
    ({"power": True}, CALL_IN, "upward"),
    ({"urgent": True}, CALL_OUT, "workplace-joke"),
    ({"urgent": True, "influence": True, "power": True}, CALL_OUT, "workplace-joke"),
    ({"influence": True, "tried": True}, CALL_OUT, "workplace-joke"),
    ({}, FIND_ALLY, "workplace-joke"),  # no relationship, no urgency
    ({"influence": True, "safe": False}, FIND_ALLY, "workplace-joke"),
    ({"power": True, "safe": False}, FIND_ALLY, "upward"),
    ({"influence": True, "unsafe": True}, FIND_ALLY, "workplace-joke"),
    ({"urgent": True, "unsafe": True}, FIND_ALLY, "workplace-joke"),
    ({"urgent": True, "out_of_control": True}, FIND_ALLY, "workplace-joke"),
    ({"influence": True, "out_of_control": True}, WAIT, "uncle-bob"),
    ({"influence": True, "take_down": True}, WAIT, "uncle-bob"),
    ({"power": True, "projecting": True}, WAIT, "upward"),
    ({"influence": True, "petty": True}, WAIT, "tutorial"),
    ({"urgent": True, "costly": True}, WAIT, "tutorial"),
]


@pytest.mark.parametrize(("given_answers", "kind", "first"), TABLE)
def test_decision_table(given_answers: dict[str, Any], kind: str, first: str) -> None:
    recommendation = decide(Answers(**given_answers))
    assert recommendation.kind == kind
    assert recommendation.practise[0] == first
    assert recommendation.title == TITLES[kind]


def _check(answers: Answers) -> None:
    recommendation = decide(answers)
    assert recommendation.kind in TITLES
    assert recommendation.reasons, answers
    assert all(r.text and r.seeds and set(r.seeds) <= set(SEEDS)
               for r in recommendation.reasons)
    assert recommendation.practise


@given(st.builds(Answers, **{key: st.booleans() for key in Answers.names()}))
def test_any_answers_give_one_recommendation_with_reasons(answers: Answers) -> None:
    _check(answers)


def test_every_combination_gives_one_recommendation() -> None:
    for values in itertools.product((False, True), repeat=len(Answers.names())):
        _check(Answers(**dict(zip(Answers.names(), values, strict=True))))


def test_questions_cover_every_answer() -> None:
    assert {q.key for q in SITUATION + WHEN_NOT} == set(Answers.names())


def test_safety_comes_before_everything() -> None:
    everything = dict.fromkeys(Answers.names(), True)
    assert decide(Answers(**everything)).kind == FIND_ALLY


@pytest.mark.parametrize(("bundled", "expected"), [
    (["tutorial", "uncle-bob", "upward"], "uncle-bob"),
    (["tutorial"], "tutorial"),
    ([], None),
])
def test_practice_scenario_is_a_bundled_one(bundled: list[str], expected: str | None) -> None:
    recommendation = decide(Answers(influence=True))
    assert practice_scenario(recommendation, bundled) == expected


# The command, driven from standard input as a script would ------------------------------

def _decide(stdin: str, monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[int, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    out = io.StringIO()
    code = main(["decide", "--plain", *args], out=out)
    return code, out.getvalue()


def test_plain_decide_recommends_calling_in(monkeypatch: pytest.MonkeyPatch) -> None:
    # urgent, influence, power, safe, open, tried; none of the when-nots; no practice
    code, out = _decide("n\ny\nn\ny\ny\nn\nn\nn\n", monkeypatch)
    assert code == 0
    assert TITLES[CALL_IN] in out
    assert "You have a relationship with them" in out
    assert "[000" not in out and "Sources" not in out  # sources are for authors
    assert "Would you like to practise now" in out
    assert "Whenever you're ready: callin play" in out


def test_plain_decide_asks_the_when_not_list_one_by_one(monkeypatch: pytest.MonkeyPatch) -> None:
    answers = "n\ny\nn\ny\ny\nn\n" + "y\n" + "y\nn\nn\nn\nn\nn\n" + "no\n"
    code, out = _decide(answers, monkeypatch)
    assert code == 0
    assert TITLES[WAIT] in out and "out of control" in out


def test_numbers_and_words_both_answer(monkeypatch: pytest.MonkeyPatch) -> None:
    code, out = _decide("2\nyes\n2\n1\nYES\nno\n2\n2\n", monkeypatch)
    assert code == 0 and TITLES[CALL_IN] in out


def test_end_of_input_quits_quietly(monkeypatch: pytest.MonkeyPatch) -> None:
    code, out = _decide("y\n", monkeypatch)
    assert code == 0
    assert not any(title in out for title in TITLES.values())


def test_a_wrong_answer_is_asked_again(monkeypatch: pytest.MonkeyPatch) -> None:
    code, out = _decide("maybe\n", monkeypatch)
    assert code == 0 and "Please type a number from 1 to 2" in out


def test_practising_goes_on_to_play(monkeypatch: pytest.MonkeyPatch, tmp_path: Any) -> None:
    answers = "n\ny\nn\ny\ny\nn\nn\n" + "y\n" + "1\n1\n1\n" + "quit\n"
    code, out = _decide(answers, monkeypatch, "--data-dir", str(tmp_path))
    assert code == 0
    assert "What will be scored" in out
    assert "Your session is saved" in out
