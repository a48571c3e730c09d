"""Untrusted text where it leaves callin: file names, terminals, spreadsheets."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from rich.console import Console

from simulator.build import load_story
from simulator.cli import main
from simulator.engine import Session
from simulator.progress import Attempt, export
from simulator.safety import csv_cell, file_stem, printable
from simulator.terminal import PlainUI, RichUI
from tests.conftest import CHECKS, STORIES

# What an audit found reaching the terminal raw, one of each kind.
HOSTILE = {
    "osc52-clipboard": "\x1b]52;c;cm0gLXJmIH4=\x07",
    "window-title": "\x1b]0;pwned\x07",
    "clear-screen": "\x1b[2J",
    "alternate-screen": "\x1b[?1049h",
    "reset": "\x1bc",
    "dcs": "\x1bP+q544e\x1b\\",
    "c1-csi": "\x9b2J",
    "c1-osc": "\x9d0;t\x9c",
}


@pytest.mark.parametrize(("parts", "stem"), [
    (("tutorial", "caller"), "tutorial-caller"),
    (("../../../../x/pwned",), "x-pwned"),
    (("/etc/passwd",), "etc-passwd"),
    (("mini\n", ""), "mini"),
    (("..", "."), "story"),
    (("Ünïcode Story",), "n-code-story"),
    (("a" * 300,), "a" * 100),
])
def test_file_stem_is_a_plain_name(parts: tuple[str, ...], stem: str) -> None:
    assert file_stem(*parts) == stem


@pytest.mark.parametrize("sequence", HOSTILE.values(), ids=list(HOSTILE))
def test_printable_leaves_no_control_character(sequence: str) -> None:
    shown = printable(f"Hi {sequence} there\tand\nbye")
    assert not any((ord(c) < 32 and c not in "\t\n") or 0x7F <= ord(c) <= 0x9F for c in shown)
    assert shown.startswith("Hi ") and shown.endswith(" there\tand\nbye")


@pytest.mark.parametrize(("value", "cell"), [
    ('=HYPERLINK("http://x","y")', '\'=HYPERLINK("http://x","y")'),
    ("+1+1", "'+1+1"),
    ("-2+3", "'-2+3"),
    ("@SUM(A1)", "'@SUM(A1)"),
    ("\tx", "'\tx"),
    ("plain title", "plain title"),
    (-5, -5),
    (None, None),
])
def test_csv_cells_are_never_formulas(value: object, cell: object) -> None:
    assert csv_cell(value) == cell


@pytest.mark.parametrize("name", ["CI208_osc52_in_a_line.yaml", "CI208_c1_csi_in_a_title.yaml"])
def test_validate_refuses_and_never_echoes_control_characters(
        name: str, capsys: pytest.CaptureFixture[str]) -> None:
    out = io.StringIO()
    assert main(["validate", str(CHECKS / name)], out=out) == 1
    shown = out.getvalue() + capsys.readouterr().err
    assert "CI208" in shown and "\x1b" not in shown and "\x9b" not in shown


def test_a_bad_value_in_a_message_is_shown_neutralised(tmp_path: Path) -> None:
    text = (CHECKS.parent / "base.yaml").read_text(encoding="utf-8")
    path = tmp_path / "s.yaml"
    path.write_text(text.replace("kind: repaired", 'kind: "re\\e[2Jpaired"'), encoding="utf-8")
    out = io.StringIO()
    assert main(["validate", str(path)], out=out) == 1
    assert "CI204" in out.getvalue() and "\x1b" not in out.getvalue()


def _hostile_transcript(tmp_path: Path) -> Path:
    """A finished tutorial session whose texts were edited to hold escapes."""
    story, _ = load_story(STORIES / "tutorial")
    assert story is not None
    path = tmp_path / "s.json"
    session = Session(story, "caller", "gentle", path=path)
    session.choose("drop-it")
    data = json.loads(path.read_text(encoding="utf-8"))
    data["ending"]["title"] += "".join(HOSTILE.values())
    for turn in data["turns"]:
        turn["text"] += HOSTILE["window-title"]
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_score_shows_transcript_text_neutralised(tmp_path: Path) -> None:
    out = io.StringIO()
    assert main(["score", str(_hostile_transcript(tmp_path))], out=out) == 0
    assert "\x1b" not in out.getvalue() and "\x9b" not in out.getvalue()


@pytest.mark.parametrize("plain", [True, False], ids=["plain", "full-screen"])
def test_play_output_is_neutralised(plain: bool) -> None:
    out = io.StringIO()
    ui = PlainUI(io.StringIO(), out) if plain else RichUI(Console(file=out, width=80))
    for sequence in HOSTILE.values():
        ui.heading(f"Title {sequence}")
        ui.para(f"Para {sequence}", "coach")
        ui.bullets([f"Bullet {sequence}"])
        ui.speech(f"Ben{sequence}", f"Says {sequence}", "partner")
        ui.speech("", f"Narrates {sequence}", "narrator")
    shown = out.getvalue()
    assert "Says" in shown and "\x1b" not in shown and "\x9b" not in shown and "\x07" not in shown


def test_csv_export_escapes_formulas_and_controls() -> None:
    attempt = Attempt("2026-01-01", "=HYPERLINK(\"http://x\",\"y\")", "caller", "calling-in",
                      None, "choice", 50, 0.3, "stalled", "@cmd\x1b[2J", {}, {})
    row = next(csv.DictReader(io.StringIO(export([attempt], "csv"))))
    assert row["scenario"] == "'=HYPERLINK(\"http://x\",\"y\")"
    assert row["ending"].startswith("'@cmd") and "\x1b" not in row["ending"]
