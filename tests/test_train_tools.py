"""The pure parts of tools/train_analyzer.py: folds never split a writer, and the
per-label choice of threshold and combination is the best one on the data given."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from simulator.analyze.corpus import Row, corpus_hash
from simulator.analyze.scoring import combine_label, macro_f1, per_label_f1
from tools.train_analyzer import (
    FIXED_COMBINATION,
    FIXED_THRESHOLD,
    LABEL_NAMES,
    apply,
    as_said,
    choose,
    folds,
    overruled_matrix,
    planned_folds,
    rules_matrix,
    update_choices,
)


def _row(writer: str, number: int) -> Row:
    return Row(f"{writer}-{number}", "text", (), "", writer, "other", "")


def test_folds_leave_whole_writers_out_and_score_every_writer_once() -> None:
    rows = [_row(f"w{n}", i) for n in range(1, 10) for i in range(3)]
    found = folds(rows)
    assert found[0] == ("w1+w2", {"w1", "w2"})  # ../shared/data's two writers together
    held = [w for _, group in found for w in group]
    assert sorted(held) == sorted({r.writer for r in rows})


def test_the_corpus_folds_hold_out_every_writer_once_and_match_the_shipped_model() -> None:
    from simulator.analyze.corpus import load_corpus
    from simulator.analyze.model import MODEL_FOLDER

    corpus = Path(__file__).resolve().parent.parent / "corpus"
    planned = planned_folds(corpus)
    held = [w for fold in planned for w in fold.split("+")]
    assert sorted(held) == sorted({r.writer for r in load_corpus(corpus)})
    assert "w1+w2" in " ".join(planned)  # ../shared/data's two writers together
    meta = json.loads((MODEL_FOLDER / "meta.json").read_text(encoding="utf-8"))
    assert sorted(meta["measured"]["folds"]) == sorted(planned)


def test_choose_finds_the_threshold_and_the_combination_that_score_best() -> None:
    rng = np.random.default_rng(3)
    gold = rng.random((400, len(LABEL_NAMES))) < 0.2
    probs = np.where(gold, 0.7, 0.3) + rng.normal(0, 0.05, gold.shape)
    rules = np.zeros_like(gold)  # rules that never fire: the model alone must win
    thresholds, ways = choose(probs, rules, gold)
    assert all(0.35 <= t <= 0.65 for t in thresholds)
    assert set(ways) <= {"model", "union"}
    chosen = apply(probs, rules, thresholds, ways)
    free = [j for j, name in enumerate(LABEL_NAMES) if name not in FIXED_THRESHOLD]
    assert macro_f1(gold[:, free], chosen[:, free]) == 1.0
    assert all(thresholds[LABEL_NAMES.index(n)] == t for n, t in FIXED_THRESHOLD.items())


def test_perfect_rules_win_over_a_useless_model() -> None:
    gold = np.eye(len(LABEL_NAMES), dtype=bool).repeat(5, axis=0)
    probs = np.full(gold.shape, 0.5)
    _, ways = choose(probs, gold.copy(), gold)
    chosen = dict(zip(LABEL_NAMES, ways, strict=True))
    assert {w for n, w in chosen.items() if n not in FIXED_COMBINATION} <= {"rules", "both"}
    assert all(chosen[n] == way for n, way in FIXED_COMBINATION.items())


def test_combinations_and_f1_on_single_values_and_arrays() -> None:
    assert combine_label("union", False, True) is True
    assert combine_label("both", True, False) is False
    yes, no = np.array([True, True, False]), np.array([True, False, False])
    assert per_label_f1(yes, no) == 2 / 3
    assert per_label_f1(np.zeros(3, bool), np.zeros(3, bool)) == 1.0


def test_choosing_again_rewrites_only_the_choices_of_a_model_of_the_same_corpus(
        tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "w1.jsonl").write_text('{"id": "w1-1", "text": "hi", "labels": []}\n')
    model = tmp_path / "model"
    model.mkdir()
    meta = {"corpus_hash": corpus_hash(corpus), "settings": {"epochs": 4}, "base_model": "b",
            "thresholds": {"apology": 0.5}, "combination": {"apology": "rules"}, "measured": {}}
    (model / "meta.json").write_text(json.dumps(meta))
    selection = {"epochs": 4, "thresholds": {"apology": 0.3}, "combination": {"apology": "union"},
                 "folds": ["w1"], "held_out": {"w1": {}}, "per_label_f1": {}}
    update_choices(model, selection, corpus)
    written = json.loads((model / "meta.json").read_text())
    assert written["thresholds"] == {"apology": 0.3} and written["base_model"] == "b"
    assert written["measured"]["folds"] == ["w1"]
    with pytest.raises(SystemExit, match="chose 3 epochs, the model has 4"):
        update_choices(model, selection | {"epochs": 3}, corpus)
    (corpus / "w1.jsonl").write_text('{"id": "w1-1", "text": "hi", "labels": ["gratitude"]}\n')
    with pytest.raises(SystemExit, match="another corpus"):
        update_choices(model, selection, corpus)


def test_scores_read_callers_as_callin_does() -> None:
    from simulator.analyze import CALLERS_DO_NOT_DEFEND, CALLERS_TONE_BY_RULES

    guess = np.ones((2, len(LABEL_NAMES)), dtype=bool)
    rules = np.zeros_like(guess)
    unruled = np.zeros_like(guess)
    said = as_said(guess, np.array([True, False]), rules, unruled)
    assert guess.all()  # not changed in place
    assert {LABEL_NAMES[j] for j in np.where(~said[0])[0]} == (
        set(CALLERS_DO_NOT_DEFEND) | set(CALLERS_TONE_BY_RULES))
    assert said[1].all()
    rules[:, LABEL_NAMES.index("def_tone_policing")] = True
    assert as_said(guess, np.array([True, False]), rules, unruled)[0, LABEL_NAMES.index(
        "def_tone_policing")]


def test_scores_keep_off_what_the_rules_overrule_as_callin_does() -> None:
    """"thanks for the coffee" is small talk: `analyze` drops the model's gratitude, and
    so must the scores that choose and measure it; thanks the rules find still count."""
    rows = [Row("a", "thanks for the coffee", (), "", "w1", "called-in", ""),
            Row("b", "Thanks for the coffee, and thank you for telling me.", ("gratitude",), "",
                "w1", "called-in", "")]
    overruled = overruled_matrix(rows)
    guess = np.ones((2, len(LABEL_NAMES)), dtype=bool)
    said = as_said(guess, np.array([False, False]), rules_matrix(rows), overruled)
    gratitude = LABEL_NAMES.index("gratitude")
    assert not said[0, gratitude] and said[1, gratitude]


def test_scores_drop_what_a_caller_describes_as_callin_does() -> None:
    """"...and everyone laughed" from the one calling in is the harm they saw: `analyze`
    gives no minimizing whatever the model thinks, and the scores agree."""
    from simulator.analyze import analyze

    text = "You did the accent and everyone laughed."
    rows = [Row("a", text, (), "", "w1", "calling-in", ""),
            Row("b", text, ("def_minimizing",), "", "w1", "called-in", "")]
    guess = np.ones((2, len(LABEL_NAMES)), dtype=bool)
    said = as_said(guess, np.array([True, False]), rules_matrix(rows), overruled_matrix(rows))
    minimizing = LABEL_NAMES.index("def_minimizing")
    assert not said[0, minimizing] and said[1, minimizing]
    assert "def_minimizing" not in analyze(text, side="calling-in").labels
