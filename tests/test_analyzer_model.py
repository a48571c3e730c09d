"""The corpus, the shipped model and its fallback: the model is trained on exactly this
corpus, reads with evidence, and callin keeps working on the rules without it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from simulator.analyze import analyze, analyze_rules, model_notice
from simulator.analyze.corpus import SIDES, corpus_hash, load_corpus
from simulator.analyze.model import MODEL_FOLDER, Model, loaded
from simulator.labels import LABELS
from tests.conftest import ROOT

CORPUS = ROOT / "corpus"
META = json.loads((MODEL_FOLDER / "meta.json").read_text(encoding="utf-8"))


@pytest.fixture
def fresh_model_cache() -> object:
    loaded.cache_clear()
    yield
    loaded.cache_clear()


def test_the_shipped_model_was_trained_on_this_corpus() -> None:
    # Fails when the corpus changes without a retrain: python tools/train_analyzer.py ...
    assert META["corpus_hash"] == corpus_hash(CORPUS)
    assert META["corpus_rows"] == len(load_corpus(CORPUS))


def test_the_corpus_is_what_the_model_needs() -> None:
    rows = load_corpus(CORPUS)
    assert len(rows) >= 5_000
    assert len({r.id for r in rows}) == len(rows)
    writers = Counter(r.writer for r in rows)
    assert len(writers) >= 6
    counts = Counter(label for r in rows for label in r.labels)
    assert set(counts) <= set(LABELS)
    assert min(counts[label] for label in LABELS) >= 200
    assert {r.side for r in rows} <= set(SIDES)
    for path in CORPUS.glob("*.jsonl"):
        lines = path.read_text(encoding="utf-8").splitlines()
        assert {json.loads(line)["writer"] for line in lines} == {path.stem}


def test_model_meta_names_its_origin_and_choices() -> None:
    assert META["labels"] == list(LABELS)
    assert META["base_model"] == "sentence-transformers/all-MiniLM-L6-v2"
    assert set(META["thresholds"]) == set(META["combination"]) == set(LABELS)
    assert set(META["combination"].values()) <= {"model", "rules", "union", "both"}
    assert (MODEL_FOLDER / "NOTICE.md").is_file()
    assert (MODEL_FOLDER / "LICENSE-all-MiniLM-L6-v2.txt").read_text().startswith(
        "\n                                 Apache License")


@pytest.mark.parametrize(("text", "side", "policing"), [
    # A calm request from the one calling in is not an objection to tone ...
    ("Can we not use that word here?", "calling-in", False),
    # ... but "calm down" is, whoever says it (a rule reads it for them) ...
    ("Honestly, Bob, you need to calm down.", "calling-in", True),
    # ... and the model still reads it said by the one called in.
    ("Can we not do this right now? You're shouting.", "called-in", True),
])
def test_tone_policing_by_the_one_calling_in_needs_a_rule(text: str, side: str,
                                                          policing: bool) -> None:
    assert ("def_tone_policing" in analyze(text, side=side).labels) is policing


@pytest.mark.parametrize(("text", "side", "label"), [
    ("honestly it was only a bit of banter, nobody batted an eye", "called-in",
     "def_minimizing"),
    ("i've been running this branch thirty years and nobody's ever complained", "called-in",
     "def_credentials"),
    ("ngl that hit different, i felt proper small when u said it", "calling-in",
     "i_statement"),
])
def test_the_model_reads_implied_moves_with_its_evidence(text: str, side: str,
                                                         label: str) -> None:
    found = analyze(text, side=side, explain=True)
    assert label in found.labels
    for evidence in (e for e in found.evidence if e.label == label and e.rule == "model"):
        assert evidence.quote == text and 0.0 < (evidence.probability or 0) <= 1.0
        assert evidence.words and all(w in text for w in evidence.words)
        assert evidence.examples and all(e != text for e in evidence.examples)


def test_explained_model_evidence_spans_the_sentence_that_decided_it() -> None:
    text = "We had a good time at the dance. Don't try and turn this on me."
    [evidence] = [e for e in analyze(text, explain=True).evidence
                  if e.label == "def_tone_policing" and e.rule == "model"]
    assert evidence.quote == "Don't try and turn this on me." == text[evidence.start:evidence.end]
    assert evidence.words[0] in evidence.quote


@pytest.mark.parametrize(("text", "at", "sentence"), [
    ("One. Two three! Four?", 6, "Two three!"),
    ("One. Two three! Four?", 0, "One."),
    ("  no stop at all  ", 5, "no stop at all"),
    ("Wait... what?", 10, "what?"),
    ("first line\nsecond line", 13, "second line"),
])
def test_the_sentence_around_a_word(text: str, at: int, sentence: str) -> None:
    from simulator.analyze import _sentence_around

    start, end = _sentence_around(text, at)
    assert text[start:end] == sentence


def test_without_explain_there_is_no_occlusion_work() -> None:
    found = analyze("it was only banter", side="called-in")
    assert all(not e.words and not e.examples for e in found.evidence)


def test_a_damaged_model_falls_back_to_the_rules_and_says_so(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_model_cache: object) -> None:
    broken = tmp_path / "model"
    shutil.copytree(MODEL_FOLDER, broken)
    (broken / "analyzer.onnx").write_bytes(b"not a model at all")
    real_load = Model.load.__func__  # type: ignore[attr-defined]
    monkeypatch.setattr(Model, "load", classmethod(
        lambda cls, folder=broken, **options: real_load(cls, broken, **options)))
    text = "It was just a joke, calm down."
    assert analyze(text) == analyze_rules(text)
    notice = model_notice()
    assert notice is not None and "rules alone" in notice and "could not be read" in notice


def test_without_onnxruntime_callin_still_reads(monkeypatch: pytest.MonkeyPatch,
                                                fresh_model_cache: object) -> None:
    monkeypatch.setitem(sys.modules, "onnxruntime", None)
    assert analyze("Thank you for telling me.").labels == ("gratitude",)
    assert "onnxruntime is not installed" in (model_notice() or "")


def test_the_command_says_it_once(tmp_path: Path) -> None:
    lines = tmp_path / "lines.txt"
    lines.write_text("it was a joke\nthank you\nI felt small\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "simulator", "analyze", "--jsonl",
                             str(lines)], capture_output=True, text=True, timeout=60,
                            env=os.environ | {"CALLIN_ANALYZER": "rules"})
    assert result.returncode == 0
    assert result.stderr.count("rules alone") == 1
    assert len(result.stdout.splitlines()) == 3


def test_a_model_label_is_explained_in_plain_words() -> None:
    from simulator.analyze import Evidence, reason

    found = Evidence("def_minimizing", 0, 18, "model", "only a bit of fun", 0.87, ("only",),
                     ("It was a laugh, that's all.",))
    assert reason(found) == ("the trained model, 87% sure; the words that weighed most: "
                             "'only'; like: \"It was a laugh, that's all.\"")
    assert reason(found._asdict()) == reason(found)  # as saved in a transcript
    assert reason({"rule": "def_minimizing.just_a_joke"}).startswith("shrinks it")


@pytest.mark.parametrize(("text", "side", "absent", "kept"), [
    ("that's not our culture here", "calling-in", "def_denial", None),
    ("It wasn't meant like that at all, I'm not that kind of person.", "calling-in",
     "def_intent", None),
    ("Honestly, it's not a big deal. Forget it.", "calling-in", None, "def_minimizing"),
    ("It wasn't meant like that at all, I'm not that kind of person.", "called-in", None,
     "def_intent"),
])
def test_the_one_calling_in_defends_no_act_of_their_own(text: str, side: str,
                                                          absent: str | None,
                                                          kept: str | None) -> None:
    """Denial, credentials, intent, victimhood and counterattack defend one's own act:
    read for the one called in, never for the one calling in (backing down on one's own
    concern is still minimizing)."""
    found = analyze(text, side=side)
    assert absent is None or absent not in found.labels
    assert absent is None or all(e.label != absent for e in found.evidence)
    assert kept is None or kept in found.labels


@pytest.mark.parametrize(("text", "found", "not_found"), [
    # The model reads these as an apology of some kind, and as thanks; the rules know
    # the first for sarcasm (labels.md rule 6), the second for small talk (rule 32),
    # the condolence for sympathy (rule 25).
    ("ok wow sorry for having a sense of humour", {"def_victimhood"},
     {"apology", "non_apology"}),
    ("sorry for existing I guess", {"def_victimhood"}, {"apology", "non_apology"}),
    ("thanks for the coffee", set(), {"gratitude"}),
    ("Thanks for the coffee. And thank you for telling me.", {"gratitude"}, set()),
    ("I'm sorry for your trouble, Pádraig. She was a great woman, your mother.", set(),
     {"apology"}),
    ("I'm sorry to hear that. And I'm sorry I said it.", {"apology"}, set()),
    # "I'm sorry I <did it>" stands whatever the model says (it reads these at 33-61%)
    ("I hear you. I'm sorry I hurt you.", {"apology"}, set()),
    ("It sounds like you felt pushed aside. I'm sorry I did that.", {"apology", "reflection"},
     set()),
    ("Sorry I hurt you.", {"apology"}, set()),
    ("Ooh, sorry I spoke.", {"def_victimhood"}, {"apology"}),
])
def test_the_rules_overrule_the_model_where_they_know_better(
        text: str, found: set[str], not_found: set[str]) -> None:
    labels = set(analyze(text, side="called-in").labels)
    assert found <= labels and not labels & not_found
