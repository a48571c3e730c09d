"""The engine, run twice: straight through, and saving then resuming after every move."""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from simulator.build import load_story
from simulator.engine import EngineError, Session
from simulator.model import Story
from simulator.speech import BRIEF_LINES, as_action
from simulator.transcript import NARRATOR, PARTNER, TranscriptError
from simulator.transcript import load as load_transcript
from tests.conftest import DATA


@pytest.fixture(scope="module")
def story() -> Story:
    built, found = load_story(DATA / "engine.yaml")
    assert built is not None and not found
    return built


class Driver:
    """Drives a session; when `resumed`, reloads it from disk after every move."""

    def __init__(self, story: Story, path: Path, resumed: bool, **options: Any) -> None:
        self.story, self.path, self.resumed = story, path, resumed
        self.session = Session(story, "caller", path=path, **options)

    def __getattr__(self, name: str) -> Any:
        attribute = getattr(self.session, name)
        if name in ("choose", "say", "listen", "undo", "restart") and callable(attribute):
            return self._then_resume(attribute)
        return attribute

    def _then_resume(self, move: Callable[..., Any]) -> Callable[..., Any]:
        def wrapped(*args: Any) -> Any:
            result = move(*args)
            if self.resumed:
                self.session = Session.resume(self.path, self.story)
            return result
        return wrapped


@pytest.fixture(params=[False, True], ids=["straight", "resume-each-turn"])
def play(request: pytest.FixtureRequest, story: Story, tmp_path: Path) -> Callable[..., Driver]:
    def start(**options: Any) -> Driver:
        return Driver(story, tmp_path / "session.json", request.param, **options)
    return start


def _ids(driver: Driver) -> list[str]:
    return [o.id for o in driver.choices]


def test_start_shows_lines_and_choices(play: Callable[..., Driver]) -> None:
    s = play()
    assert [(t.speaker, t.text) for t in s.turns] == [
        ("narrator", "The room is quiet."), ("ben", "Hi. What's up?")]
    assert _ids(s) == ["intent", "blame"]
    assert s.state == {"heat": 2.0, "trust": 5.0}


@pytest.mark.parametrize("how", ["intent", 1, "1", "start.intent"])
def test_choose_by_id_number_or_key(play: Callable[..., Driver], how: object) -> None:
    s = play()
    s.choose(how)
    assert s.node == "hub" and s.state["trust"] == 6.0


def test_unknown_choice_is_a_clear_error(play: Callable[..., Driver]) -> None:
    s = play()
    with pytest.raises(EngineError, match=r"no choice 'nope' on offer here; on offer: "
                                          r"1=intent, 2=blame"):
        s.choose("nope")


def test_conditions_once_only_and_silent_moves(play: Callable[..., Driver]) -> None:
    s = play()
    s.choose("blame")  # no authored effects: the built-in dynamics for you_blame apply
    assert s.state == {"heat": 4.0, "trust": 4.0}
    assert _ids(s) == ["ask", "wait", "leave"]  # request needs trust >= 6
    s.choose("ask")
    assert _ids(s) == ["wait", "leave"]  # once-only
    s.listen()
    assert _ids(s) == ["leave"]
    assert s.turns[-2].kind == "silent" and s.turns[-2].words == 0
    with pytest.raises(EngineError, match="no silent move here"):
        s.listen()


def test_reaching_an_ending(play: Callable[..., Driver]) -> None:
    s = play(difficulty="gentle")
    s.choose("intent")
    s.choose("request")
    assert s.ended and s.transcript.ending is not None
    assert s.transcript.ending["kind"] == "repaired"
    assert s.turns[-1].text == "Fair. I'll stop. Next week works."
    assert s.choices == []
    with pytest.raises(EngineError, match="the conversation has ended"):
        s.choose("leave")


def test_undo_rewinds_one_move(play: Callable[..., Driver]) -> None:
    s = play()
    assert s.undo() is False
    s.choose("intent")
    s.choose("ask")
    before = (s.node, s.state, _ids(s), len(s.turns))
    s.choose("leave")
    assert s.ended
    assert s.undo() is True
    assert (s.node, s.state, _ids(s), len(s.turns)) == before
    assert not s.ended


def test_restart(play: Callable[..., Driver]) -> None:
    s = play(difficulty="tough")
    s.choose("blame")
    s.restart()
    assert s.node == "start" and s.state == {"heat": 8.0, "trust": 2.0} and len(s.turns) == 2


def test_heat_past_the_threshold_breaks_down(play: Callable[..., Driver]) -> None:
    s = play(difficulty="tough")  # heat starts at 8; blame adds 2
    s.choose("blame")
    assert s.ended and s.node == "broke"
    assert s.transcript.ending is not None and s.transcript.ending["kind"] == "broke-down"
    assert s.turns[-1].text == "I'm done with this."


def test_free_mode_routes_to_the_best_fitting_choice(play: Callable[..., Driver]) -> None:
    s = play(mode="free")
    outcome = s.say("I'd like to talk about your joke, because I really value our friendship.")
    assert outcome.taken is not None and outcome.taken.id == "intent"
    assert "i statement" in outcome.explanation and "taken as" in outcome.explanation
    assert s.node == "hub"
    assert s.turns[-2].kind == "free" and s.turns[-2].choice == "start.intent"


@pytest.mark.usefixtures("rules_reading")
def test_words_that_only_invite_them_on_are_the_silent_move(play: Callable[..., Driver]) -> None:
    s = play(mode="free")
    s.say("You always make everything about you.")  # to the hub, where one can wait
    assert "wait" in _ids(s)
    outcome = s.say("Go on, I'm listening.")
    assert outcome.taken is not None and outcome.taken.id == "wait"
    assert "taken as listening" in outcome.explanation
    said, waited = s.turns[-2], s.story.nodes["hub"].choices
    silent = next(c for c in waited if c.id == "wait")
    assert (said.kind, said.text, said.words) == ("silent", silent.say or silent.short, 0)
    assert "Go on, I'm listening." in said.note  # their words are kept
    assert "wait" not in _ids(s)  # as after any silent move
    outcome = s.say("Go on, I'm listening.")  # no silent move left: routed as words are
    assert outcome.taken is None or outcome.taken.id != "wait"


def test_free_mode_reacts_to_an_uncovered_defensive_move(play: Callable[..., Driver]) -> None:
    s = play(mode="free")
    s.say("I want to talk about the joke, because I value our friendship.")
    heat = s.state["heat"]
    outcome = s.say("You're an idiot.")
    assert outcome.taken is None and outcome.reaction is not None
    assert s.node == "hub"  # the talk stays where it is
    assert s.turns[-1].text == "That's out of line." and s.turns[-1].kind == "reaction"
    assert s.state["heat"] == heat + 3  # the reaction's own effects


@pytest.mark.usefixtures("rules_reading")  # the engine's logic, on a fixed reading
def test_reaction_variants_take_turns(play: Callable[..., Driver]) -> None:
    s = play(mode="free")
    s.say("You always make everything about you.")  # the authored `blame` choice fits
    s.say("You never listen to anyone.")  # at the hub nothing fits: reactions, in turn
    s.say("You always twist my words.")
    reactions = [t.text for t in s.turns if t.kind == "reaction"]
    assert reactions == ["Hey, don't put it all on me.", "Again with the blame?"]


def test_say_is_for_free_mode(play: Callable[..., Driver]) -> None:
    s = play()
    with pytest.raises(EngineError, match="free mode"):
        s.say("Hello")


def test_talk_share_counts_words_not_narration(play: Callable[..., Driver]) -> None:
    s = play()
    s.choose("blame")  # "You always humiliate people." = 4 words; Ben: 3 + 3
    assert s.talk_share() == pytest.approx(4 / 10)


def test_every_turn_is_on_disk(story: Story, tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    s = Session(story, "caller", path=path)
    for move in ("intent", "ask", "wait"):
        s.choose(move)
        assert load_transcript(path).turns == s.turns


def test_resume_refuses_a_changed_story(story: Story, tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    Session(story, "caller", path=path).choose("intent")
    changed = (DATA / "engine.yaml").read_text().replace("  hub:\n", "  centre:\n").replace(
        "to: hub", "to: centre")
    (tmp_path / "changed.yaml").write_text(changed)
    other, _ = load_story(tmp_path / "changed.yaml")
    assert other is not None
    with pytest.raises(TranscriptError, match="node 'hub' is no longer in the story"):
        Session.resume(path, other)


@pytest.mark.parametrize(("role", "difficulty", "mode", "message"), [
    ("nobody", None, "choice", "no role 'nobody' in 'engine-test'; roles: caller"),
    ("caller", "brutal", "choice", "no difficulty 'brutal'"),
    ("caller", None, "voice", "mode is 'choice' or 'free'"),
])
def test_bad_session_options(story: Story, role: str, difficulty: str | None, mode: str,
                             message: str) -> None:
    with pytest.raises(EngineError, match=message):
        Session(story, role, difficulty=difficulty, mode=mode)


def test_resume_after_moving_to_a_node_without_lines(story: Story, tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    session = Session(story, "caller", path=path)
    session.choose("intent")
    session.choose("leave")  # 'meh' is an ending with no lines
    resumed = Session.resume(path, story)
    assert resumed.node == "meh" and resumed.ended and resumed.choices == []
    assert resumed.undo() and resumed.node == "hub"


@pytest.fixture(scope="module")
def tutorial() -> Story:
    built, _ = load_story(DATA.parent.parent / "stories" / "tutorial")
    assert built is not None
    return built


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 10_000), role=st.sampled_from(["caller", "called"]),
       difficulty=st.sampled_from(["gentle", "tough"]))
def test_scoring_off_plays_exactly_like_recording(tutorial: Story, seed: int, role: str,
                                                  difficulty: str) -> None:
    """`record=False` keeps no turns, but every move lands where a recorded one does."""
    rng = random.Random(seed)
    lean, full = (Session(tutorial, role, difficulty, record=r) for r in (False, True))
    while full.choices:
        pick = rng.randrange(len(full.choices)) + 1
        assert [o.id for o in lean.choices] == [o.id for o in full.choices]
        lean.choose(pick)
        full.choose(pick)
        assert (lean.node, lean.state) == (full.node, full.state)
    assert lean.transcript.ending == full.transcript.ending
    assert lean.moves == full.moves == [t.choice for t in full.turns if t.choice]
    assert lean.turns == []


def test_scoring_off_cannot_undo_or_save(story: Story, tmp_path: Path) -> None:
    lean = Session(story, "caller", record=False)
    lean.choose("intent")
    with pytest.raises(EngineError, match="undo needs the turns"):
        lean.undo()
    with pytest.raises(EngineError, match="must record"):
        Session(story, "caller", path=tmp_path / "s.json", record=False)


def test_a_large_heat_max_without_a_breakdown_rule_plays(tmp_path: Path) -> None:
    """The default breakdown test is built as a tree: `1e+06` is not a literal."""
    text = (DATA / "engine.yaml").read_text(encoding="utf-8")
    text = text.replace("heat: {initial: 2, min: 0, max: 10}",
                        "heat: {initial: 999990, min: 0, max: 1000000}")
    text = text.replace("dynamics:\n  breakdown: heat >= 10\n", "")
    text = text.replace("tough: {title: Tough, state: {heat: 8, trust: 2}}",
                        "tough: {title: Tough, state: {heat: 999998, trust: 2}}")
    path = tmp_path / "big-heat.yaml"
    path.write_text(text, encoding="utf-8")
    built, found = load_story(path)
    assert built is not None and not [d for d in found if d.severity == "error"]
    session = Session(built, "caller", path=tmp_path / "s.json", difficulty="tough")
    session.choose("blame")
    assert session.ended and session.node == "broke"


# Loops: no speech said twice, no question asked again once answered ------------------------


@pytest.fixture(scope="module")
def loops() -> Story:
    built, found = load_story(DATA / "loops.yaml")
    assert built is not None and not found
    return built


def _partner_lines(session: Session) -> list[str]:
    return [t.text for t in session.turns if t.side == PARTNER]


def test_coming_back_says_the_again_lines_then_something_not_yet_said(loops: Story) -> None:
    session = Session(loops, "caller")
    for _ in range(4):
        session.choose("wait")
    said = _partner_lines(session)
    assert said[:2] == ["It was only a joke, you know.", "Like I said, it was a joke."]
    assert said[2:] == list(BRIEF_LINES)
    assert len(set(said)) == len(said)
    assert [t.text for t in session.turns if t.side == NARRATOR] == ["Ben leans back."]
    session.choose("wait")  # out of fresh words: a stage direction, not a repeat
    assert session.turns[-1].side == NARRATOR and "Ben waits" in session.turns[-1].text


def test_a_question_answered_is_not_offered_again(loops: Story) -> None:
    session = Session(loops, "caller")
    assert [o.id for o in session.choices] == ["why", "how", "wait", "stop"]
    session.choose("why")
    session.choose("back")
    assert [o.id for o in session.choices] == ["how", "wait", "stop"]
    session.choose("how")  # `once: false`: its author lets it be asked again
    assert [o.id for o in session.choices] == ["how", "wait", "stop"]


def test_a_question_answered_stays_answered_after_resuming(loops: Story, tmp_path: Path) -> None:
    session = Session(loops, "caller", path=tmp_path / "s.json")
    session.choose("why")
    session.choose("back")
    resumed = Session.resume(tmp_path / "s.json", loops)
    assert [o.id for o in resumed.choices] == ["how", "wait", "stop"]
    resumed.choose("wait")
    assert _partner_lines(resumed).count("Like I said, it was a joke.") == 1


@pytest.mark.parametrize(("label", "shown"), [
    ("Take a breath. Let it land.", "You take a breath. You let it land."),
    ("Breathe, and wait.", "You breathe, and wait."),
    ("Don't reply yet. Let her finish.", "You don't reply yet. You let her finish."),
    ("Say nothing in the chat. You'll message him later.",
     "You say nothing in the chat. You'll message him later."),
    ("You asked for it. Take a breath now, and let it land.",
     "You asked for it. You take a breath now, and let it land."),
    ("Just listen.", "You just listen."),
    ("  Open Maya's message and read it through.  ",
     "You open Maya's message and read it through."),
])
def test_a_silent_move_is_told_as_what_the_learner_does(label: str, shown: str) -> None:
    assert as_action(label) == shown


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=80))
def test_as_action_keeps_every_word_of_the_instruction(label: str) -> None:
    told, words = as_action(label).lower().split(), label.lower().split()
    rest = iter(told)
    assert all(any(w == t for t in rest) for w in words)  # in order, none lost
    added = len(told) - len(words)
    assert 0 <= added <= label.count(".") + label.count("!") + label.count("?") + 1
    assert added == 0 or told[0] == "you"
