"""Labelled-utterance files that are not what they should be get a located CI701 error
from every tool that reads them, never a traceback (broken inputs: tests/data/utterances)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from simulator.analyze.corpus import CorpusError, load_corpus, utterance_rows
from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import analyzer_eval
import corpus_report

BROKEN = ROOT / "tests" / "data" / "utterances"


@pytest.mark.parametrize(("name", "where", "says"), [
    ("not-json.jsonl", ":2:1:", "not JSON"),
    ("no-text.jsonl", ":1:1:", "no `text` string"),
    ("unknown-label.jsonl", ":1:1:", "unknown label 'tone_policing'"),
    ("labels-not-list.jsonl", ":1:1:", "`labels` is not a list"),
    ("not-object.jsonl", ":1:1:", "a JSON object"),
    ("not-utf8.jsonl", ": error", "not UTF-8"),
])
def test_a_broken_row_is_named_where_it_is(name: str, where: str, says: str) -> None:
    with pytest.raises(CorpusError) as raised:
        list(utterance_rows(BROKEN / name))
    found = str(raised.value.found)
    assert found.startswith(f"{BROKEN / name}{where}") and "CI701" in found and says in found


@pytest.mark.parametrize("name", ["not-json.jsonl", "unknown-label.jsonl", "not-utf8.jsonl"])
def test_the_evaluation_tool_says_where_and_exits_non_zero(
        name: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert analyzer_eval.main([str(BROKEN / name), "--rules"]) == 1
    err = capsys.readouterr().err
    assert "error CI701" in err and "hint:" in err and "Traceback" not in err


def test_the_corpus_report_says_where_a_writer_file_is_broken(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "w1.jsonl").write_bytes((BROKEN / "no-text.jsonl").read_bytes())
    monkeypatch.setattr(sys, "argv", ["corpus_report.py", "--corpus", str(tmp_path)])
    assert corpus_report.main() == 1
    assert f"{tmp_path / 'w1.jsonl'}:1:1: error CI701" in capsys.readouterr().err


def test_missing_files_are_named(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert analyzer_eval.main([str(tmp_path / "nowhere.jsonl")]) == 1
    assert "error CI100 no such file" in capsys.readouterr().err


def test_the_corpus_itself_reads_cleanly() -> None:
    rows = load_corpus(ROOT / "corpus")
    assert rows and all(row.id and row.writer for row in rows)
