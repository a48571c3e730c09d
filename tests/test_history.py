"""Looking back: `callin history`, `callin show` and its exports, the home menu, resuming
one of several sessions, and the status line of long commands."""

from __future__ import annotations

import io
import json
import re
import shutil
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest

from simulator.build import load_story
from simulator.cli import main
from simulator.export import Shown, as_html, as_markdown, as_text, md
from simulator.model import Story
from simulator.player import PlayError
from simulator.progress import database_path
from simulator.score import score
from simulator.sessions import find_session, saved_sessions, unfinished_sessions
from simulator.status import Status
from simulator.transcript import load
from tests.conftest import DATA, STORIES
from tests.helpers import saved_at, three_sessions

TRANSCRIPTS = DATA / "transcripts"


@pytest.fixture(scope="module")
def tutorial() -> Story:
    story, _ = load_story(STORIES / "tutorial")
    assert story is not None
    return story


@pytest.fixture
def data(tutorial: Story, tmp_path: Path) -> Path:
    """A data folder: a finished session (recorded), two unfinished, one damaged (newest)."""
    three_sessions(tutorial, tmp_path)
    broken = tmp_path / "sessions" / "20260104-broken.json"
    shutil.copy(TRANSCRIPTS / "cut_short.json", broken)
    saved_at(broken, 0)
    return tmp_path


def _cli(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    return main(list(args), out=out), out.getvalue()


# Listing and finding -------------------------------------------------------------------------


def test_sessions_are_listed_newest_first_with_the_damaged_one_located(data: Path) -> None:
    found = saved_sessions(data / "sessions", database_path(data))
    assert [s.number for s in found] == [1, 2, 3, 4]
    assert [s.id for s in found] == ["20260104-broken", "20260103-tutorial-caller",
                                     "20260102-tutorial-caller", "20260101-tutorial-called"]
    assert found[0].transcript is None
    assert found[0].problem == (f"{data / 'sessions' / '20260104-broken.json'}:1:57: "
                                "the transcript is not valid JSON: Expecting value")
    assert [s.finished for s in found[1:]] == [False, False, True]
    assert found[3].score == 100 and found[1].score is None


@pytest.mark.parametrize(("argument", "expected"), [
    ("1", "20260104-broken"), ("4", "20260101-tutorial-called"),
    ("20260102", "20260102-tutorial-caller"),
    ("20260101-tutorial-called", "20260101-tutorial-called"),
])
def test_find_a_session_by_number_or_id(data: Path, argument: str, expected: str) -> None:
    assert find_session(argument, data / "sessions").id == expected


@pytest.mark.parametrize(("argument", "message"), [
    ("5", "there is no session 5: you have 4"),
    ("2026010", "'2026010' could be 4 sessions"),
    ("nothing", "no session 'nothing' in "),
])
def test_a_session_not_found_says_why(data: Path, argument: str, message: str) -> None:
    with pytest.raises(PlayError) as raised:
        find_session(argument, data / "sessions")
    assert str(raised.value).startswith(f"callin: {message}")
    assert "\n    hint: " in str(raised.value)


def test_find_a_session_by_path_anywhere(data: Path, tmp_path: Path) -> None:
    copy = tmp_path / "kept.json"
    shutil.copy(data / "sessions" / "20260101-tutorial-called.json", copy)
    found = find_session(str(copy), data / "sessions", database_path(data))
    assert found.transcript is not None and found.score == 100


def test_unfinished_sessions_newest_first_and_the_damaged_newer_one_said(data: Path) -> None:
    said: list[object] = []
    found = unfinished_sessions(data / "sessions", "tutorial", said)
    assert [s.id for s in found] == ["20260103-tutorial-caller", "20260102-tutorial-caller"]
    assert len(said) == 1
    assert unfinished_sessions(data / "sessions", "upward") == []


# `callin history` ------------------------------------------------------------------------------


def test_history_table(data: Path) -> None:
    code, out = _cli("history", "--data-dir", str(data))
    lines = out.splitlines()
    assert code == 0 and lines[0].startswith("Your sessions, the most recent first")
    assert lines[2].split() == ["when", "scenario", "side", "level", "mode", "score", "ending"]
    assert re.match(r"1  \d\d \w{3} \S+  cannot be read: .*20260104-broken.json:1:57: the "
                    r"transcript is not valid JSON", lines[3])
    assert lines[4].endswith("tutorial  calling in  gentle  free        -  unfinished, 0 moves")
    assert lines[5].endswith("tutorial  calling in  tough   choice      -  unfinished, 1 move")
    assert lines[6].endswith("tutorial  called in   gentle  choice    100  Repaired")
    assert len({line.index("tutorial") for line in lines[4:7]}) == 1  # columns line up
    assert "`callin show 1`" in lines[-1]


def test_history_json(data: Path) -> None:
    code, out = _cli("history", "--json", "--data-dir", str(data))
    rows = json.loads(out)
    assert code == 0 and [r["number"] for r in rows] == [1, 2, 3, 4]
    assert rows[0]["damaged"] and "not valid JSON" in rows[0]["problem"]
    assert {k: rows[3][k] for k in ("scenario", "role", "side", "difficulty", "mode", "ending",
                                    "ending_kind", "score", "finished", "moves")} == {
        "scenario": "tutorial", "role": "called", "side": "called-in", "difficulty": "gentle",
        "mode": "choice", "ending": "Repaired", "ending_kind": "repaired", "score": 100,
        "finished": True, "moves": 5}


def test_history_without_sessions(tmp_path: Path) -> None:
    code, out = _cli("history", "--data-dir", str(tmp_path))
    assert code == 0 and out.startswith("No sessions yet") and "callin play tutorial" in out


@pytest.mark.parametrize("name", sorted(p.name for p in TRANSCRIPTS.glob("*.json")
                                        if p.name != "hostile_text.json"))
def test_every_damaged_transcript_is_one_located_line(tmp_path: Path, name: str) -> None:
    sessions = tmp_path / "sessions"
    sessions.mkdir()
    shutil.copy(TRANSCRIPTS / name, sessions / name)
    code, out = _cli("history", "--data-dir", str(tmp_path))
    [line] = [ln for ln in out.splitlines() if "cannot be read" in ln]
    assert code == 0 and f"cannot be read: {sessions / name}" in line
    assert "Traceback" not in out


# `callin show` ---------------------------------------------------------------------------------


def test_show_numbers_turns_as_the_report_does(data: Path) -> None:
    code, out = _cli("show", "4", "--data-dir", str(data))
    assert code == 0
    assert out.startswith("The birthday dinner: Be called in by Linh\n"
                          "being called in · gentle · chosen replies · ")
    numbered = dict(re.findall(r"^ {0,3}(\d+)  (.+)$", out, flags=re.MULTILINE))
    cited = re.findall(r"turn (\d+): \"(.+)\"$", out, flags=re.MULTILINE)
    assert cited and all(q.strip("…")[:20] in numbered[n] for n, q in cited)  # quoted there
    assert numbered["2"].startswith("Linh: Thanks for coming.")
    assert "Overall: 100/100" in out and out.index("The conversation") < out.index("Your report")


def test_show_an_unfinished_session_says_how_to_continue(data: Path) -> None:
    code, out = _cli("show", "3", "--data-dir", str(data))
    assert code == 0 and "(unfinished: `callin play --resume` continues it)" in out
    assert "Overall: none yet" in out


@pytest.mark.parametrize(("argument", "message"), [
    ("1", "20260104-broken.json:1:57: the transcript is not valid JSON"),
    ("9", "callin: there is no session 9: you have 4"),
    (str(TRANSCRIPTS / "not_utf8.json"), "not_utf8.json: error the transcript is not UTF-8"),
    ("no/such.json", "no/such.json: error no such transcript"),
])
def test_show_problems_are_one_located_line(data: Path, capsys: pytest.CaptureFixture[str],
                                            argument: str, message: str) -> None:
    code, _ = _cli("show", argument, "--data-dir", str(data))
    err = capsys.readouterr().err
    assert code == 1 and message in err.splitlines()[0] and "Traceback" not in err


@pytest.mark.parametrize(("flag", "start"), [("--markdown", "# The birthday dinner"),
                                             ("--html", "<!DOCTYPE html>"),
                                             (None, "The birthday dinner")])
def test_show_writes_a_file(data: Path, tmp_path: Path, flag: str | None, start: str) -> None:
    target = tmp_path / "kept"
    code, out = _cli("show", "4", *([flag] if flag else []), "-o", str(target),
                     "--data-dir", str(data))
    assert code == 0 and out == f"Saved to {target}\n"
    assert target.read_text(encoding="utf-8").startswith(start)


def test_show_to_a_folder_that_cannot_be_written(data: Path, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    code, _ = _cli("show", "4", "--html", "-o", str(tmp_path), "--data-dir", str(data))
    err = capsys.readouterr().err
    assert code == 1 and err.startswith(f"callin: {tmp_path}: cannot write it") and "hint" in err


# Exports of untrusted text ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def hostile() -> Shown:
    transcript = load(TRANSCRIPTS / "hostile_text.json")
    return Shown(transcript, score(transcript), None)


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.csp = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        found = dict(attrs)
        if found.get("http-equiv") == "Content-Security-Policy":
            self.csp = found.get("content") or ""


def test_the_page_escapes_everything_and_loads_nothing(hostile: Shown) -> None:
    page = as_html(hostile)
    parser = _Page()
    parser.feed(page)
    assert "script" not in parser.tags and "img" not in parser.tags and "a" not in parser.tags
    assert "b" not in parser.tags  # a speaker's name is text too
    assert parser.csp.startswith("default-src 'none'; style-src 'sha256-")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "\x1b" not in page and "http://" not in page.replace("http://example.com", "")
    assert "<link" not in page and "src=" not in page.replace("src=x", "")


def test_markdown_shows_text_as_itself(hostile: Shown) -> None:
    text = as_markdown(hostile)
    assert "\x1b" not in text
    assert "\\<script\\>" in text and "\\[a link\\]\\(http://example\\.com\\)" in text
    assert "\\*stars\\*" in text and "\\`code\\`" in text and "\\| pipe" in text
    assert not re.search(r"(?<!\\)<", text)


@pytest.mark.parametrize(("raw", "shown"), [
    ("# heading", "\\# heading"), ("1. list", "1\\. list"), ("a_b*c", "a\\_b\\*c"),
    ("line\nbreak", "line break"), ("<b>", "\\<b\\>"), ("a & b", "a \\& b"),
])
def test_md(raw: str, shown: str) -> None:
    assert md(raw) == shown


def test_plain_show_of_hostile_text_reaches_no_terminal_control(hostile: Shown) -> None:
    out = io.StringIO()
    from simulator.safety import printable_stream

    printable_stream(out).write(as_text(hostile))
    assert "\x1b" not in out.getvalue() and "You: You said <script>" in out.getvalue()


# The home menu and resuming one of several --------------------------------------------------------


@pytest.fixture
def at_a_terminal(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """`callin play` as if a person were at a terminal, read through the plain UI."""
    monkeypatch.setattr("simulator.play_cli._interactive", lambda out: True)
    yield


def _play(monkeypatch: pytest.MonkeyPatch, answers: list[str], *args: str) -> tuple[int, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO("".join(a + "\n" for a in answers)))
    return _cli("play", "--plain", *args)


@pytest.mark.usefixtures("at_a_terminal")
@pytest.mark.parametrize(("answers", "expected", "menus"), [
    (["history", "1", "4", "quit"], ["Your sessions, the most recent first",
                                     "That session cannot be read: ",
                                "Which conversation would you like to see?",
                                "   2  Linh: Thanks for coming.", "Overall: 100/100"], 2),
    (["progress", "quit"], ["1 finished session", "Skills over time", "Being called in"], 2),
    (["resume", "1", "quit"], ["Which conversation would you like to carry on?",
                               "tutorial, calling in, gentle, typed replies: 0 moves so far",
                               "Welcome back", "20260103-tutorial-caller.json. Continue it"], 1),
    (["decide", "quit", "quit"], ["Call in, call out, or not now?"], 2),
    (["new", "quit", "quit"], ["Which scenario would you like to practise?"], 2),
])
def test_the_home_menu(monkeypatch: pytest.MonkeyPatch, data: Path, answers: list[str],
                       expected: list[str], menus: int) -> None:
    code, out = _play(monkeypatch, answers, "--data-dir", str(data))
    assert code == 0
    assert "Carry on where you stopped (2 unfinished conversations)" in out
    for needle in expected:
        assert needle in out
    assert out.count("What would you like to do?") == menus  # back to it, until quit


def test_off_a_terminal_play_asks_the_scenario_first_as_before(
        monkeypatch: pytest.MonkeyPatch, data: Path) -> None:
    code, out = _play(monkeypatch, ["quit"], "--data-dir", str(data))
    assert code == 0 and "What would you like to do?" not in out
    assert "Which scenario would you like to practise?" in out


@pytest.mark.parametrize(("interactive", "answers", "resumed"), [
    (True, ["2", "quit"], "20260102-tutorial-caller"),
    (True, ["1", "quit"], "20260103-tutorial-caller"),
    (False, ["quit"], "20260103-tutorial-caller"),  # a script: the latest, as documented
])
def test_resume_chooses_among_several_on_a_terminal(monkeypatch: pytest.MonkeyPatch, data: Path,
                                                    interactive: bool, answers: list[str],
                                                    resumed: str) -> None:
    monkeypatch.setattr("simulator.play_cli._interactive", lambda out: interactive)
    code, out = _play(monkeypatch, answers, "--resume", "--data-dir", str(data))
    assert code == 0 and f"{resumed}.json. Continue it" in out
    assert ("Which conversation would you like to carry on?" in out) == interactive


# The status line of long commands --------------------------------------------------------------


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(("stream", "shown"), [(_Terminal(), True), (io.StringIO(), False)])
def test_callin_test_shows_progress_only_on_a_terminal(stream: io.StringIO, shown: bool) -> None:
    from simulator.playtest_cli import run_test

    out = io.StringIO()
    code = run_test(["tutorial"], mode="random", runs=300, seed=1, roles=None,
                    difficulties=None, as_json=False, out=out, status=Status(stream))
    assert code == 0 and out.getvalue().startswith("tutorial: 1200 random runs")
    written = stream.getvalue()
    assert ("callin test: " in written) == shown and (written == "") == (not shown)
    if shown:
        assert written.endswith("\r")  # rubbed out: the results stand alone
