"""The player, its two UIs and the menu: driven by scripts, pipes and StringIO consoles."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from rich.console import Console

from simulator.build import load_story
from simulator.cli import main
from simulator.engine import EngineError, Session
from simulator.menu import Setup, choose_setup
from simulator.model import Story
from simulator.player import Player, heat_words, rubric_titles
from simulator.progress import attempts, database_path
from simulator.score import score
from simulator.sessions import latest_unfinished
from simulator.terminal import PlainUI, RichUI, match_answer, wants_plain
from simulator.transcript import TranscriptError, load
from tests.conftest import ROOT, STORIES

BEST_CALLED = ["pause", "acknowledge", "apologise", "ask-need", "commit"]
FREE_CALLER = [
    "Hi Owen. I'd like to talk about something from the dinner, because our friendship "
    "matters to me.",
    "When I mentioned Mum's recipe, you put on an accent to do her, and I felt small.",
    "I'm curious, why that voice?",
    "I know you didn't mean it. It still hurt. How do you think it came across?",
    "Thank you for hearing it. I'd like no more voices or accent jokes about my family.",
    "Could we talk again next week?",
]


@pytest.fixture(scope="module")
def tutorial() -> Story:
    story, _ = load_story(STORIES / "tutorial")
    assert story is not None
    return story


def _plain(answers: list[str]) -> tuple[PlainUI, io.StringIO]:
    out = io.StringIO()
    return PlainUI(io.StringIO("".join(a + "\n" for a in answers)), out), out


def _player(story: Story, tmp_path: Path, role: str, answers: list[str], mode: str = "choice",
            coach: bool = False) -> tuple[Player, io.StringIO]:
    ui, out = _plain(answers)
    session = Session(story, role, "gentle", mode, path=tmp_path / "sessions" / "s.json")
    return Player(ui, session, coach=coach, database=database_path(tmp_path)), out


# A whole conversation, plain --------------------------------------------------------------


def test_choice_mode_from_briefing_to_report(tutorial: Story, tmp_path: Path) -> None:
    player, out = _player(tutorial, tmp_path, "called", [*BEST_CALLED, "3"], coach=True)
    assert player.run() == "quit"
    text = out.getvalue()
    assert text.index("Situation. Last night") < text.index("Who you are. Owen")
    assert "What will be scored (you are being called in):" in text
    assert "  - Apologised without conditions" in text
    assert "  - Pause, listen, acknowledge, reflect, repair." in text
    assert "Linh: Thanks for coming." in text
    assert "You take a breath. You let it land before you answer." in text
    assert "Coach: Your first impulse may be to explain" in text
    assert "Overall: 100/100 (every skill scored was there)" in text
    assert "Ending: Repaired (repaired)" in text
    assert "1. Play the other side: Call Owen in" in text
    assert [a.score for a in attempts(database_path(tmp_path))] == [100]


@pytest.mark.usefixtures("rules_reading")  # the engine's logic, on a fixed reading
def test_free_mode_explains_each_reply(tutorial: Story, tmp_path: Path) -> None:
    player, out = _player(tutorial, tmp_path, "caller", [*FREE_CALLER, "quit"], mode="free")
    assert player.run() == "quit"
    text = out.getvalue()
    assert "(read as: i statement, open question; taken as \"I'm not here to tell you off." \
           in text
    assert "Read it differently? Type undo and say it another way.)" in text
    assert "You: I'm curious, why that voice?" in text
    assert "Ending: A new agreement (repaired)" in text
    assert player.report is not None and player.report.overall > 60


def test_free_mode_reaction_and_empty_line_listens(tutorial: Story, tmp_path: Path) -> None:
    player, out = _player(tutorial, tmp_path, "called", ["", "You're making a fuss.", "quit"],
                          mode="free")
    player.run()
    text = out.getvalue()
    assert "You take a breath. You let it land before you answer." in text  # an action
    assert "no reply here fits that, so they answer it" in text


@pytest.mark.parametrize(("answers", "expected"), [
    (["undo", "quit"], "There is nothing to undo yet."),
    (["1", "undo", "quit"], "Taken back. Here is where you were:"),
    (["1", "restart", "y", "quit"], "Starting again from the top."),
    (["1", "restart", "n", "quit"], "Carrying on where you were."),
    (["1", "restart", "quit"], "Start this conversation again from the top? Your moves so "
                               "far will be gone."),
    (["restart", "quit"], "Starting again from the top."),  # nothing to lose: no question
    (["help", "quit"], "undo: take back your last move"),
    (["?", "quit"], "restart: start this conversation again from the top"),
    (["9", "quit"], "Please type a number from 1 to 4 (or undo, restart, help, quit)."),
    (["quit"], "s.json. Continue it with `callin play --resume`."),
    ([], "Your session is saved in "),  # end of input is quit
])
def test_commands_at_the_prompt(tutorial: Story, tmp_path: Path, answers: list[str],
                                expected: str) -> None:
    player, out = _player(tutorial, tmp_path, "called", answers)
    assert player.run() == "quit"
    assert expected in out.getvalue()


def test_free_mode_says_when_a_move_was_taken_in_but_the_talk_waits(tutorial: Story,
                                                                    tmp_path: Path) -> None:
    player, out = _player(tutorial, tmp_path, "called", ["I'm sorry I did the voice.", "quit"],
                          mode="free")
    player.run()
    text = out.getvalue()
    assert "Linh: Thank you. That means something to me." in text
    assert "so they take it in and wait for you to go on. It counts in your report; say what " \
           "comes next.)" in text


@pytest.mark.parametrize("typed", ["q", "Q", "/quit", "quit "])
def test_free_mode_takes_the_menus_command_letters(tutorial: Story, tmp_path: Path,
                                                   typed: str) -> None:
    player, out = _player(tutorial, tmp_path, "called", [typed], mode="free")
    assert player.run() == "quit"
    assert not [t for t in player.session.turns if t.by_learner]  # never said to Linh
    assert "Continue it with `callin play --resume`." in out.getvalue()


def test_undo_and_restart_change_the_session(tutorial: Story, tmp_path: Path) -> None:
    player, _ = _player(tutorial, tmp_path, "called", ["1", "1", "undo", "quit"])
    player.run()
    assert [t.choice for t in player.session.turns if t.by_learner] == ["d-start.pause"]
    player, _ = _player(tutorial, tmp_path, "called", ["1", "1", "restart", "yes", "quit"])
    player.run()
    assert not [t for t in player.session.turns if t.by_learner]


def test_undo_after_the_end_goes_back_into_the_talk(tutorial: Story, tmp_path: Path) -> None:
    player, out = _player(tutorial, tmp_path, "called", [*BEST_CALLED, "undo", "2", "3"])
    assert player.run() == "quit"
    assert out.getvalue().count("Ending: ") == 2
    assert len(attempts(database_path(tmp_path))) == 1


@pytest.mark.parametrize(("answer", "after"), [("1", "other-side"), ("2", "again")])
def test_what_next(tutorial: Story, tmp_path: Path, answer: str, after: str) -> None:
    player, _ = _player(tutorial, tmp_path, "called", [*BEST_CALLED, answer])
    assert player.run() == after


def test_quit_keeps_the_session_and_resume_continues_exactly(tutorial: Story,
                                                             tmp_path: Path) -> None:
    player, _ = _player(tutorial, tmp_path, "called", ["1", "1", "quit"])
    player.run()
    saved = latest_unfinished(tmp_path / "sessions")
    assert saved is not None
    resumed = Session.resume(saved, tutorial)
    assert resumed.node == player.session.node and resumed.state == player.session.state
    assert len(resumed.turns) == len(player.session.turns)
    ui, out = _plain([*BEST_CALLED[2:], "3"])
    assert Player(ui, resumed).run(resumed=True) == "quit"
    text = out.getvalue()
    assert "Welcome back" in text and "You take a breath." in text
    assert "Overall: 100/100" in text


def test_latest_unfinished_skips_finished_and_broken(tutorial: Story, tmp_path: Path) -> None:
    folder = tmp_path / "sessions"
    done = Session(tutorial, "caller", path=folder / "a.json")
    done.choose("drop-it")
    (folder / "b.json").write_text("{not json")
    unreadable: list[TranscriptError] = []
    assert latest_unfinished(folder, None, unreadable) is None
    assert [e.location.split(":")[0] for e in unreadable] == [str(folder / "b.json")]
    Session(tutorial, "called", path=folder / "c.json")
    assert latest_unfinished(folder) == folder / "c.json"
    assert latest_unfinished(folder, "other") is None
    assert latest_unfinished(tmp_path / "missing") is None


# Pieces ------------------------------------------------------------------------------------


def test_the_cue_shows_talk_share_and_heat(tutorial: Story, tmp_path: Path) -> None:
    player, _ = _player(tutorial, tmp_path, "called", [])
    assert player.cue() == ("You've said 0% of the words (aim: 50% or less); Linh is calm "
                            "(heat 1 of 10)")


def test_the_cue_sets_no_talk_quota_for_the_one_who_was_hurt(tutorial: Story,
                                                             tmp_path: Path) -> None:
    player, _ = _player(tutorial, tmp_path, "caller", [])
    assert player.cue() == "Owen is calm (heat 1 of 10)"
    player.session.choose("blame")
    assert player.cue() == "Owen is uneasy (heat 4 of 10)"


@pytest.mark.parametrize(("heat", "words"), [(0, "calm"), (4, "uneasy"), (6, "heated"),
                                             (9, "close to walking away")])
def test_heat_words(heat: float, words: str) -> None:
    assert heat_words(heat, 0, 10) == words


def test_rubric_titles_match_the_report(tutorial: Story) -> None:
    session = Session(tutorial, "caller", "gentle", "free")
    for line in [*FREE_CALLER[:3], "You always make someone the joke."]:
        session.say(line)
    scored = {i.title for i in score(session.transcript).items}
    titles = rubric_titles("calling-in")
    assert "Stayed steady when they got defensive" in scored
    assert {t.split(" (")[0] for t in titles} >= scored
    assert "Thanked them for raising it" in rubric_titles("called-in")


@pytest.mark.parametrize(("typed", "expected"), [
    ("2", "b"), (" b ", "b"), ("B", "b"), ("undo", "undo"), ("/undo", "undo"), ("?", "help"),
    ("u", "undo"), ("h", "help"),  # a command's first letter, as the full-screen footer says
    ("4", None), ("0", None), ("bee", None), ("restart", None), ("r", None),
])
def test_match_answer(typed: str, expected: str | None) -> None:
    assert match_answer(typed, [("a", "A"), ("b", "B"), ("c", "C")], ("undo", "help")) \
        == expected


def test_yes_and_no_answer_by_letter() -> None:
    assert match_answer("y", [("yes", "Yes"), ("no", "No")], ()) == "yes"
    assert match_answer("n", [("yes", "Yes"), ("no", "No")], ()) == "no"


def test_plain_mode_quits_on_q_as_the_full_screen_footer_offers() -> None:
    ui, out = _plain(["q"])
    assert ui.pick("Which?", [("a", "Alpha")], ("help", "quit")) == "quit"
    assert "Please type" not in out.getvalue()


def test_help_names_only_keys_that_work_in_that_mode(tutorial: Story) -> None:
    ui, out = _plain(["help", "quit"])
    Player(ui, Session(tutorial, "called", "gentle"), coach=False).run()
    assert "arrow" not in out.getvalue().lower()
    assert "type its number" in out.getvalue()


def test_plain_when_asked_or_off_a_terminal_not_for_no_color(
        monkeypatch: pytest.MonkeyPatch) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.delenv("NO_COLOR", raising=False)
    assert not wants_plain(False, Terminal())
    assert wants_plain(True, Terminal())
    assert wants_plain(False, io.StringIO())
    monkeypatch.setenv("NO_COLOR", "1")  # no colour, but the full UI: wrapping, arrow keys
    assert not wants_plain(False, Terminal())


# The menu ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("given", "answers", "expected"), [
    ({}, ["2", "1", "2"], Setup("called", "gentle", "free")),
    ({"role": "caller"}, ["tough", "choice"], Setup("caller", "tough", "choice")),
    ({"role": "caller", "difficulty": "gentle", "mode": "free"}, [],
     Setup("caller", "gentle", "free")),
    ({}, ["help", "1", "quit"], None),
    ({}, [], None),
])
def test_menu_asks_only_what_is_missing(tutorial: Story, given: dict[str, str],
                                        answers: list[str], expected: Setup | None) -> None:
    ui, _ = _plain(answers)
    assert choose_setup(ui, tutorial, **given) == expected


# Rich and prompt-toolkit ---------------------------------------------------------------------


Rich = Callable[[str], tuple[RichUI, io.StringIO]]


@pytest.fixture
def rich() -> Iterator[Rich]:
    """A RichUI reading `keys` from a pipe and writing into a StringIO console."""
    with create_pipe_input() as pipe:
        def make(keys: str) -> tuple[RichUI, io.StringIO]:
            pipe.send_text(keys)
            console_file = io.StringIO()
            console = Console(file=console_file, width=80, color_system=None)
            return RichUI(console, pipe, DummyOutput()), console_file
        yield make


OPTIONS = [("a", "Alpha"), ("b", "Bravo"), ("c", "Charlie")]


@pytest.mark.parametrize(("keys", "expected"), [
    ("\r", "a"), ("\x1b[B\r", "b"), ("\x1b[B\x1b[B\x1b[B\r", "a"), ("\x1b[A\r", "c"),
    ("3", "c"), ("u", "undo"), ("?", "help"), ("q", "quit"), ("\x04", "quit"), ("\x03", "quit"),
])
def test_rich_menu_keys(rich: Rich, keys: str, expected: str) -> None:
    ui, _ = rich(keys)
    assert ui.pick("Which?", OPTIONS, ("undo", "help", "quit")) == expected


@pytest.mark.parametrize(("keys", "expected"), [("y", "yes"), ("n", "no"), ("2", "no")])
def test_rich_yes_no_menu_takes_y_and_n(rich: Rich, keys: str, expected: str) -> None:
    ui, _ = rich(keys)
    assert ui.pick("Is it safe to talk?", [("yes", "Yes"), ("no", "No")], ("help", "quit")) \
        == expected


def test_rich_decide_answers_by_y_and_n(rich: Rich) -> None:
    from simulator.decide import SITUATION
    from simulator.decide_ui import ask_answers

    ui, _ = rich("y" * len(SITUATION) + "n")
    answers = ask_answers(ui)
    assert all(getattr(answers, q.key) for q in SITUATION)


def test_rich_line_editor_keeps_history(rich: Rich) -> None:
    ui, _ = rich("I felt small.\r" "\x04")
    assert ui.ask("What do you say?") == "I felt small."
    assert ui.ask("What do you say?") == "quit"
    assert ui._prompt is not None
    assert list(ui._prompt.history.get_strings()) == ["I felt small."]


def test_rich_player_whole_conversation(rich: Rich, tutorial: Story, tmp_path: Path) -> None:
    ui, console = rich("11121" + "3")  # authored order: the session has no menu seed
    session = Session(tutorial, "called", "gentle", path=tmp_path / "s.json")
    assert Player(ui, session, coach=True).run() == "quit"
    text = console.getvalue()
    assert "The birthday dinner: Be called in by Linh" in text
    assert "You take a breath. You let it land before you answer." in text
    assert "Coach: " in text
    assert "Overall: 100/100" in text and "✔ met" in text
    assert "Talk share: you spoke 37.1% of the words (aim: 50% or less)" in text
    assert text.count("Repaired") == 1  # the ending title, once


def test_rich_report_shows_misses_with_quotes_and_rewrites(rich: Rich, tutorial: Story) -> None:
    session = Session(tutorial, "caller", "gentle")
    session.choose("blame")
    session.choose("insult")
    ui, console = rich("")
    ui.report(score(session.transcript))
    text = console.getvalue()
    assert "✘ missed" in text and "No insults or character judgments" in text
    assert "turn 3: “You were really out of order" in text
    assert "try: Avoid insults" in text
    assert "Ending: " in text


# The command line ------------------------------------------------------------------------------


def _cli(monkeypatch: pytest.MonkeyPatch, stdin: str, *args: str) -> tuple[int, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    out = io.StringIO()
    return main(list(args), out=out), out.getvalue()


def test_play_plain_end_to_end_and_resume(monkeypatch: pytest.MonkeyPatch,
                                          tmp_path: Path) -> None:
    data = ["--data-dir", str(tmp_path)]
    code, out = _cli(monkeypatch, "\n".join(BEST_CALLED[:2]), "play", "tutorial", "--role",
                     "called", "--difficulty", "gentle", "--mode", "choice", *data)
    assert code == 0 and "Your session is saved" in out
    menu_before = _last_menu(out)
    assert len(menu_before) >= 2
    code, out = _cli(monkeypatch, "\n".join([*BEST_CALLED[2:], "3"]), "play", "--resume",
                     *data)
    assert code == 0 and "Welcome back" in out and "Overall: 100/100" in out
    assert _first_menu(out) == menu_before  # the same shuffled order, numbers and all
    code, out = _cli(monkeypatch, "", "play", "--resume", *data)
    assert code == 1


def _menus(out: str) -> list[list[str]]:
    """Each menu of replies shown, as its numbered lines."""
    menus: list[list[str]] = []
    for block in out.split("What do you do?")[1:]:
        menus.append(re.findall(r"^ *\d+\. .*$", block.split("\n\n")[0], re.M))
    return menus


def _first_menu(out: str) -> list[str]:
    return _menus(out)[0]


def _last_menu(out: str) -> list[str]:
    return _menus(out)[-1]


def test_play_shuffles_each_session_with_a_seed_it_keeps(monkeypatch: pytest.MonkeyPatch,
                                                         tmp_path: Path) -> None:
    data = ["--data-dir", str(tmp_path)]
    seeds = set()
    for _ in range(6):
        code, _out = _cli(monkeypatch, "", "play", "tutorial", "--role", "called",
                          "--difficulty", "gentle", "--mode", "choice", *data)
        assert code == 0
    for path in (tmp_path / "sessions").glob("*.json"):
        seed = load(path).menu_seed
        assert isinstance(seed, int)
        seeds.add(seed)
    assert len(seeds) == 6


@pytest.mark.parametrize(("args", "message"), [
    (["play", "tutoral"], "callin: tutoral: no such file, folder or bundled scenario (did you "
                          "mean 'tutorial'?)\n    hint: `callin list`"),
    (["play", "tutorial", "--role", "calller"], "callin: no role 'calller' in 'tutorial' (did "
                                                "you mean 'caller'?)\n    hint: roles: caller"),
    (["play", "tutorial", "--difficulty", "hard"], "callin: no difficulty 'hard' in 'tutorial'"),
    (["play", "--resume"], "callin: no unfinished session to resume in"),
    (["play", "tutorial", "--resume"], "callin: no unfinished session of 'tutorial' to resume"),
])
def test_play_problems_are_one_line_messages(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str],
                                             args: list[str], message: str) -> None:
    code, _ = _cli(monkeypatch, "", *args, "--data-dir", str(tmp_path))
    err = capsys.readouterr().err
    assert code == 1 and err.startswith(message) and "Traceback" not in err


def test_a_resumed_session_of_a_changed_story_is_refused(monkeypatch: pytest.MonkeyPatch,
                                                         tmp_path: Path, tutorial: Story,
                                                         capsys: pytest.CaptureFixture[str]
                                                         ) -> None:
    path = tmp_path / "sessions" / "s.json"
    Session(tutorial, "called", path=path)
    path.write_text(path.read_text().replace('"node": "d-start"', '"node": "d-gone"'))
    code, _ = _cli(monkeypatch, "", "play", "--resume", "--data-dir", str(tmp_path))
    assert code == 1 and "node 'd-gone' is no longer in the story" in capsys.readouterr().err


def test_no_arguments_off_a_terminal_prints_help(monkeypatch: pytest.MonkeyPatch) -> None:
    code, out = _cli(monkeypatch, "")
    assert code == 0 and out.startswith("usage: callin")
    assert "play" in out and "progress" in out and "decide" in out


def test_the_menu_when_no_story_is_given(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    code, out = _cli(monkeypatch, "tutorial\n1\n1\n1\nquit\n", "play", "--plain",
                     "--data-dir", str(tmp_path))
    assert code == 0
    assert "Which scenario would you like to practise?" in out
    assert "The birthday dinner. At Sam's birthday dinner" in out
    assert "Which side will you play?" in out and "How would you like to answer?" in out
    session = load(next((tmp_path / "sessions").glob("*.json")))
    assert (session.role, session.difficulty, session.mode) == ("caller", "gentle", "choice")


def test_free_mode_asks_which_reply_was_meant_when_unsure(tutorial: Story,
                                                          tmp_path: Path) -> None:
    vague = "Can I talk to you about something from last night?"
    player, out = _player(tutorial, tmp_path, "caller", [vague, "none", vague, "1", "quit"],
                          mode="free")
    assert player.confirm == "unsure"
    player.run()
    text = out.getvalue()
    assert "Closest to what you meant?" in text
    assert "None of these: say it another way" in text
    assert "Okay: say it another way." in text
    assert "(read as: no particular move.)" in text  # asking to talk now: rule 20, no label
    assert f"You: {vague}" in text and "you took it as \"" in text
    moves = [t for t in player.session.turns if t.by_learner]
    assert len(moves) == 1 and moves[0].text == vague and moves[0].routing == "confirmed"


def test_free_mode_never_asking_has_them_say_more(tutorial: Story, tmp_path: Path) -> None:
    player, out = _player(tutorial, tmp_path, "caller", ["Okay.", "quit"], mode="free")
    player.confirm = "never"
    player.run()
    text = out.getvalue()
    assert "Closest to what you meant?" not in text
    assert "Owen: Sorry, I'm not sure I follow. Can you say a bit more?" in text
    assert "Nothing was taken: say more, or put it another way.)" in text


def test_resume_says_when_the_newest_session_cannot_be_read(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path, tutorial: Story,
        capsys: pytest.CaptureFixture[str]) -> None:
    sessions = tmp_path / "sessions"
    Session(tutorial, "called", path=sessions / "old.json")
    newest = sessions / "new.json"
    newest.write_text('{"format": "callin-transcript", "version": 1, "turns": 5}')
    os.utime(newest, (time.time() + 10, time.time() + 10))
    code, out = _cli(monkeypatch, "quit\n", "play", "--resume", "--data-dir", str(tmp_path))
    err = capsys.readouterr().err
    assert code == 0 and "Welcome back" in out
    assert f"callin: skipped a session that cannot be read: {newest}: error" in err


# The line, then "1" when asked which reply was meant (free mode asks when unsure).
TYPED_WITH_A_BAD_BYTE = b"I felt \xff hurt when you did the voice at dinner.\n1\n"


@pytest.mark.parametrize("locale", ["C.UTF-8", "C"])
def test_an_invalid_byte_typed_in_plain_free_mode_keeps_the_turn(tmp_path: Path,
                                                                  locale: str) -> None:
    env = {**os.environ, "LANG": locale, "LC_ALL": locale, "PYTHONPATH": str(ROOT)}
    env.pop("PYTHONIOENCODING", None)
    done = subprocess.run(
        [sys.executable, "-m", "simulator", "play", "tutorial", "--role", "caller",
         "--difficulty", "gentle", "--mode", "free", "--plain", "--data-dir", str(tmp_path)],
        input=TYPED_WITH_A_BAD_BYTE, capture_output=True, env=env, timeout=120, check=False)
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    [path] = (tmp_path / "sessions").glob("*.json")
    said = [t.text for t in load(path).turns if t.by_learner]
    assert said == ["I felt \N{REPLACEMENT CHARACTER} hurt when you did the voice at dinner."]


def test_an_invalid_byte_typed_full_screen_keeps_the_turn(tutorial: Story,
                                                           tmp_path: Path) -> None:
    session = Session(tutorial, "caller", "gentle", "free", path=tmp_path / "s.json")
    with create_pipe_input() as pipe:
        pipe.send_bytes(TYPED_WITH_A_BAD_BYTE.replace(b"\n", b"\r"))
        ui = RichUI(Console(file=io.StringIO(), width=80), pipe, DummyOutput())
        typed = ui.ask("What do you say?")
    session.say(typed)
    said = [t.text for t in load(tmp_path / "s.json").turns if t.by_learner]
    assert said == [typed] and typed.startswith("I felt ") and "hurt" in typed


def test_say_saves_text_with_lone_surrogates(tutorial: Story, tmp_path: Path) -> None:
    session = Session(tutorial, "caller", "gentle", "free", path=tmp_path / "s.json")
    session.say("I felt \udcff hurt \ud800 when you did the voice.")
    said = [t.text for t in load(tmp_path / "s.json").turns if t.by_learner]
    assert said == ["I felt \ufffd hurt \ufffd when you did the voice."]


def test_a_pasted_page_is_refused_and_the_talk_goes_on(tutorial: Story, tmp_path: Path) -> None:
    page = "you always do this " * 60_000  # about 1 MB on one line
    player, out = _player(tutorial, tmp_path, "caller",
                          [page, "I felt hurt when you did the voice at dinner.", "1", "q"],
                          mode="free")
    player.run()
    text = out.getvalue()
    assert "longer than one turn can hold (1,140,000 characters; up to 2,000)" in text
    said = [t.text for t in load(tmp_path / "sessions" / "s.json").turns if t.by_learner]
    assert said and said[0].startswith("I felt hurt") and all(len(s) < 100 for s in said)


def test_say_as_refuses_a_turn_too_long_to_be_one(tutorial: Story, tmp_path: Path) -> None:
    session = Session(tutorial, "caller", "gentle", "free", path=tmp_path / "s.json")
    with pytest.raises(EngineError, match="longer than one turn"):
        session.say_as("x" * 2001, 1)
    assert not [t for t in session.turns if t.by_learner]
