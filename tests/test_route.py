"""Honest routing: take a reply only when it clearly fits, never one with a move not made."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from simulator.analyze.result import Evidence
from simulator.build import load_story
from simulator.engine import Session
from simulator.labels import LABELS
from simulator.meaning import closeness
from simulator.model import Choice, Loc, Story
from simulator.route import (
    AHEAD,
    ASK,
    CONFIRMED,
    DEFAULT_HEARD,
    HEARD,
    LEAVES,
    PROBLEM_ORDER,
    REACTION,
    SAY_MORE,
    SAY_MORE_LINES,
    TAKEN,
    Fit,
    _heard_why,
    _kept,
    fit,
    guarded_moves,
    invites_them_on,
    leaves,
    minimal,
    replies_ahead,
    replies_further,
    route,
    similarity,
)
from simulator.tables import tables_for
from simulator.transcript import NARRATOR, PARTNER, from_data, load
from tests.conftest import STORIES, bundled_scenarios

HERE = Loc("test.yaml", 1, 1)


def _choice(cid: str, say: str, tags: tuple[str, ...] = (), also: tuple[str, ...] = (),
            to: str = "next", at: str = "here") -> Choice:
    return Choice(cid, at, to, HERE, say=say, tags=tags, also=also)


ASK_CHOICE = _choice("ask", "What did you mean by that joke?", ("open_question",))
INTENT = _choice("intent", "I'd like to talk about the joke, because I value our friendship.",
                 ("i_statement",), also=("Can I have a word about the meeting?",))
SNAP = _choice("snap", "You're way too sensitive.", ("def_counterattack",))
DROP = _choice("drop", "Forget it. It doesn't matter.", ("def_minimizing",))
OFFERED = [ASK_CHOICE, INTENT, SNAP, DROP]


@pytest.fixture(scope="module")
def tutorial() -> Story:
    story, _ = load_story(STORIES / "tutorial")
    assert story is not None
    return story


# The router alone ------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "taken"), [
    ("What did you mean by the joke?", "ask"),
    ("I'd like to talk about the joke, because our friendship matters to me.", "intent"),
    ("Can I have a word about the meeting?", "intent"),  # an author's phrasing
    ("Honestly, you're way too sensitive.", "snap"),  # the learner makes that move
    ("Forget it, it doesn't matter.", "drop"),  # ... and this one
])
def test_a_clear_fit_is_taken(text: str, taken: str) -> None:
    decision = route(text, OFFERED)
    assert decision.how == TAKEN and decision.choice is not None
    assert decision.choice.id == taken
    assert 0 < decision.sure <= 1


@pytest.mark.parametrize("text", [
    "Okay, love. I hear you.", "Right. Fair enough.", "Are we okay?", "Sure.",
    "Can I talk to you about something from last night?", "sure - I can do 2pm tomorrow",
])
def test_a_move_the_learner_did_not_make_is_never_taken(text: str) -> None:
    for confirm in ("never", "unsure", "always"):
        decision = route(text, OFFERED, confirm=confirm)
        assert decision.choice not in (SNAP, DROP)
        assert SNAP not in decision.candidates and DROP not in decision.candidates


def test_an_exit_by_where_it_leads_needs_leaving_words() -> None:
    chat = _choice("chat", "It was. Anyway, how's the new job going?", (), to="stalled")
    offered = [INTENT, chat]
    text = "Can I talk to you about something from last night? How's the job?"
    assert route(text, offered, exits={chat.key}, confirm="unsure").choice is None
    assert chat not in route(text, offered, exits={chat.key}, confirm="unsure").candidates
    taken = route("Anyway, never mind. How's the new job going?", offered,
                  exits={chat.key}).choice
    assert taken is chat


def test_nothing_clear_asks_or_says_more() -> None:
    text = "About the joke you made."  # the question, or the statement of intent?
    never = route(text, OFFERED)
    assert never.how == SAY_MORE and never.choice is None and not never.candidates
    unsure = route(text, OFFERED, confirm="unsure")
    assert unsure.how == ASK and [c.id for c in unsure.candidates] == ["ask", "intent"]
    assert "closest to what you meant?" in unsure.explanation


@pytest.mark.parametrize("text", ["Hmm, about earlier.", "Okay.", "Right, fair enough."])
def test_nothing_close_or_a_bare_okay_is_not_asked_about(text: str) -> None:
    for confirm in ("unsure", "always"):
        decision = route(text, OFFERED, confirm=confirm)
        assert decision.how == SAY_MORE and not decision.candidates


def test_always_asks_even_when_a_reply_fits_clearly() -> None:
    decision = route("What did you mean by the joke?", OFFERED, confirm="always")
    assert decision.how == ASK and decision.candidates[0] is ASK_CHOICE


def test_an_uncovered_defensive_move_gets_a_reaction_whatever_confirm_says() -> None:
    for confirm in ("never", "unsure", "always"):
        decision = route("Calm down, it was just a joke.", [ASK_CHOICE, INTENT],
                         confirm=confirm)
        assert decision.how == REACTION and decision.problem in PROBLEM_ORDER


def test_a_second_okay_in_a_row_says_more() -> None:
    okay = _choice("okay", "Okay.", (), also=("Okay then.",))
    assert route("Okay.", [okay, ASK_CHOICE]).choice is okay
    again = route("Okay.", [okay, ASK_CHOICE], last_reply="Right, okay.")
    assert again.how == SAY_MORE and again.choice is None


def test_confirm_must_be_known() -> None:
    with pytest.raises(ValueError, match="unsure, never, always"):
        route("Hello", OFFERED, confirm="sometimes")


@pytest.mark.parametrize(("text", "expected"), [
    ("Okay.", True), ("Right. Fair enough.", True), ("yeah ok", True), ("", False),
    ("Okay, love. I hear you.", False), ("Okay, I'll tell Sam today.", False),
])
def test_minimal(text: str, expected: bool) -> None:
    assert minimal(text) is expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Forget it.", True), ("Never mind, it's nothing.", True), ("Maybe another time.", True),
    ("It's good, I'll tell you all about it.", False), ("I'd like to talk.", False),
    ("Okay. That's all.", True), ("Can we talk another time?", True),
    ("Yeah. That's it. Thank you for really hearing it.", False),
    ("Can we talk again on Sunday?", False), ("Let's pick it up tomorrow.", False),
])
def test_leaves(text: str, expected: bool) -> None:
    assert leaves(text) is expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Right. Go on, I'm listening.", True), ("go on then", True), ("Go on, Jess.", True),
    ("take your time, love", True), ("I'm here.", True), ("Mm. Tell me more.", True),
    ("Go on then love, what's on your mind?", False),  # a question: routed as words
    ("Tell me what happened at the match.", False), ("I'm here because you matter.", False),
    ("go on " * 40, False),
    # a pause typed: nothing said in words
    ("...", True), ("…", True), ("-", True), ("... ok", False), ("." * 100, False),
])
def test_invites_them_on(text: str, expected: bool) -> None:
    assert invites_them_on(text) is expected


def test_similarity() -> None:
    assert similarity("I'm sorry I did the voice.", "I'm sorry I did that voice") == 1.0
    assert similarity("Okay.", "okay") == 1.0
    assert similarity("What did you mean?", "Forget it.") == 0.0


# Every bundled node: polite or neutral words never become a move not made ------------------

NEUTRAL = ["Okay.", "Right. Fair enough.", "Okay, love. I hear you.", "Are we okay?",
           "Can I talk to you about something from last night?", "Sure, I can do 2pm.",
           "Thanks for telling me.", "I'm listening.", "What do you mean?"]


@pytest.mark.parametrize("scenario", bundled_scenarios(), ids=lambda p: p.name)
def test_bundled_nodes_never_put_a_move_in_the_learners_mouth(scenario: Path) -> None:
    story, _ = load_story(scenario)
    assert story is not None
    role = next(iter(story.roles.values()))
    exits = tables_for(story, role).exits
    for node in story.nodes.values():
        for text in NEUTRAL:
            decision = route(text, list(node.choices), exits=exits, confirm="unsure")
            for choice in [c for c in (decision.choice,) if c] + decision.candidates:
                moves = [t for t in choice.tags if t in PROBLEM_ORDER]
                exit_move = leaves(choice.say or "") or (
                    choice.key in exits and all(t in PROBLEM_ORDER or t not in LABELS
                                                for t in choice.tags))
                assert not moves and not exit_move, (node.id, text, choice.id)


# In a session ------------------------------------------------------------------------------


def test_repeated_okay_neither_advances_nor_repeats_a_speech(tutorial: Story) -> None:
    session = Session(tutorial, "caller", "gentle", "free")
    node, shown = session.node, len(session.turns)
    for _ in range(12):
        session.say("Okay.")
    assert session.node == node
    said = [t.text for t in session.turns if t.side == PARTNER]
    assert len(said) == len(set(said))  # never the same speech twice
    answers = [t for t in session.turns[shown:] if t.kind == "reaction"]
    assert len(answers) == 12 and [t.text for t in answers[:3]] == list(SAY_MORE_LINES)
    assert answers[-1].side == NARRATOR  # out of words, they wait
    assert all(t.kind in ("free", "reaction") for t in session.turns[shown:])


def test_unsure_asks_and_records_nothing_until_they_pick(tutorial: Story) -> None:
    session = Session(tutorial, "caller", "gentle", "free")
    before = len(session.turns)
    text = "Can I talk to you about something from last night?"
    outcome = session.say(text, confirm="unsure")
    assert outcome.ask and not outcome.turns and len(session.turns) == before
    picked = outcome.ask[0]
    outcome = session.say_as(text, picked.id)
    turn = session.turns[before]
    assert outcome.taken is picked and turn.text == text and turn.choice == picked.key
    assert turn.routing == CONFIRMED and turn.sure == 1.0
    # The learner's own labels (asking to talk now has none: labels.md rule 20), not
    # the tags of the reply they picked.
    assert picked.tags and turn.labels == []


def test_each_free_turn_records_how_it_was_routed(tutorial: Story, tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    session = Session(tutorial, "caller", "gentle", "free", path=path)
    session.say("Hi Owen. I'd like to talk about something from the dinner, because our "
                "friendship matters to me.")
    session.say("Okay.")
    session.say("Okay.")
    routed = [(t.routing, t.sure) for t in load(path).turns if t.kind == "free"]
    assert [how for how, _ in routed] == [TAKEN, SAY_MORE, SAY_MORE]
    assert all(sure is not None and 0 <= sure <= 1 for _, sure in routed)


def test_transcripts_saved_before_routing_was_recorded_still_load(tutorial: Story,
                                                                   tmp_path: Path) -> None:
    session = Session(tutorial, "caller", "gentle", "free")
    session.say("Okay.")
    data = json.loads(session.transcript.to_json())
    for turn in data["turns"]:
        del turn["routing"], turn["sure"]
    old = from_data(data)
    assert old.turns[-2].routing == "" and old.turns[-2].sure is None


def test_the_most_serious_move_made_decides_whether_a_defensive_reply_fits() -> None:
    bully = _choice("bully", "You're a bully, and everyone's too polite to say it.", ("insult",))
    decision = route("You are a bully and everyone is too nice to say it.", [bully, ASK_CHOICE])
    assert decision.how == TAKEN and decision.choice is bully  # insult, and some minimizing
    minimize = _choice("small", "It was only a joke.", ("def_minimizing",))
    decision = route("It was only a joke, and you're a bully.", [minimize, ASK_CHOICE])
    assert decision.how == REACTION and decision.problem == "insult"


def test_a_labelled_reply_that_ends_the_talk_needs_only_its_label() -> None:
    shrink = _choice("shrink", "Yeah. Maybe I'm overreacting.", ("def_minimizing",), to="stalled")
    offered = [shrink, ASK_CHOICE]
    taken = route("Maybe I'm overreacting, yeah.", offered, exits={shrink.key}).choice
    assert taken is shrink


@pytest.mark.usefixtures("rules_reading")
def test_leaving_is_a_move_both_can_share() -> None:
    stay = _choice("stay", "I'm not here to win. I want us still friends in twenty years.",
                   ("i_statement",))
    go = _choice("go", "Okay. I just wanted you to know. Have a think about it.", (),
                 to="door-open")
    decision = route("That's all, I just wanted you to know. Have a think.", [stay, go],
                     exits={go.key})
    assert decision.choice is go


def test_a_move_the_talk_was_coming_to_is_taken_from_ahead() -> None:
    name_it = _choice("name-it", "When you did the accent, I felt my family was the joke.",
                      ("i_statement",))
    text = "When you put on that accent, I felt like my family was the joke."
    decision = route(text, [INTENT, DROP], ahead=[name_it])
    assert decision.how == AHEAD and decision.choice is name_it
    assert "a move the talk was coming to" in decision.explanation
    # ... but not when a reply here fits clearly, nor for a defensive reply ahead
    assert route(text, [INTENT, DROP, name_it], ahead=[]).how == TAKEN
    snap_ahead = _choice("snap", "You're way too sensitive.", ("def_counterattack",))
    assert route("Honestly, you're way too sensitive.", [INTENT],
                 ahead=[snap_ahead]).choice is None


def test_a_move_two_turns_on_is_taken_only_when_nothing_nearer_fits() -> None:
    name_it = _choice("name-it", "When you did the accent, I felt my family was the joke.",
                      ("i_statement",))
    text = "When you put on that accent, I felt like my family was the joke."
    decision = route(text, [DROP], ahead=[ASK_CHOICE], further=[name_it])
    assert decision.how == AHEAD and decision.choice is name_it
    nearer = _choice("near", "When you did that accent I felt my family was the joke.",
                     ("i_statement",))
    assert route(text, [DROP], ahead=[nearer], further=[name_it]).choice is nearer
    assert route(text, [INTENT, DROP], further=[name_it]).choice is INTENT  # fits here


def test_replies_further_are_two_turns_on_and_not_nearer_ones() -> None:
    deeper = _choice("deeper", "Why that voice?", ("open_question",), to="deeper", at="next")
    later = {"next": [deeper],
             "deeper": [_choice("ask-her", "How did it land for you?", ("open_question",),
                                at="deeper"),
                        _choice("again", "What did you mean by that joke?", ("open_question",),
                                at="deeper")]}
    def replies(node: str) -> list[Choice]:
        return later.get(node, [])

    here = [INTENT, ASK_CHOICE]
    first = replies_ahead("here", here, (), replies)
    further = replies_further("here", here, first, (), replies)
    assert [c.id for c in further] == ["ask-her"]  # "again" is on offer here already


@pytest.mark.usefixtures("rules_reading")
@pytest.mark.parametrize(("text", "move"), [
    ("I'm sorry I did that voice about your mum.", "apology"),
    ("Next week I'll tell Sam I was out of order, and I won't do the voice again.",
     "commitment"),
    ("Thank you for telling me.", "gratitude"),
])
def test_a_good_move_no_reply_carries_is_heard_and_the_talk_waits(text: str,
                                                                  move: str) -> None:
    decision = route(text, [ASK_CHOICE, INTENT, SNAP], side="called-in")
    assert decision.how == HEARD and decision.choice is None and decision.problem == move
    assert "so they take it in and wait for you to go on" in decision.explanation
    assert DEFAULT_HEARD["called-in"][move]


@pytest.mark.usefixtures("rules_reading")
def test_a_move_carried_only_by_a_reply_that_also_leaves_is_heard() -> None:
    """"It bothered me" is no "It didn't sit right. Carry on; I'll grab you after",
    which also leaves the talk: the talk waits, and says why."""
    calm = _choice("calm", "It didn't sit right with me, that's all. Carry on; I'll grab "
                   "you after.", ("i_statement", "commitment"))
    assert LEAVES in guarded_moves(calm, exits=False)
    decision = route("ok. it bothered me though.", [calm, SNAP], side="calling-in")
    assert decision.how == HEARD and decision.problem == "i_statement"
    assert "also leaves the talk, which you did not" in decision.explanation
    # ... while words that leave too are taken as it
    assert route("It bothered me, that's all. Carry on, we'll talk after.", [calm, SNAP],
                 side="calling-in").choice is calm


@pytest.mark.parametrize(("label", "rule", "probability", "kept"), [
    ("apology", "apology.own_act", None, True),
    ("apology", "model", 0.9, True),
    ("apology", "model", 0.6, False),
    ("commitment", "commitment.will_do", None, True),
    # the model alone reads promises into past acts ("I'm sorry I set that date")
    ("commitment", "model", 0.92, False),
])
def test_an_apology_or_promise_is_kept_from_being_dropped_only_when_read_firmly(
        label: str, rule: str, probability: float | None, kept: bool) -> None:
    found = Evidence(label, 0, 5, rule, "words", probability)
    assert (label in _kept([found])) is kept


@pytest.mark.parametrize(("blocked", "says"), [
    ([], "no reply here makes that move (apology)"),
    ([LEAVES], "also leaves the talk, which you did not"),
    (["def_minimizing"], "also makes another move (defensive: minimizing), which you did not"),
    (["commitment"], "leaves out your commitment"),
])
def test_why_a_good_move_is_taken_in_names_what_the_reply_would_change(
        blocked: list[str], says: str) -> None:
    sorry = _choice("sorry", "I'm sorry. I made your mum the joke.", ("apology",))
    carriers = [Fit(sorry, 0.5, ["apology"], 0.2, blocked, False)] if blocked else []
    why = _heard_why("apology", ["apology", "commitment"], carriers)
    assert says in why and why.endswith("so they take it in and wait for you to go on")


@pytest.mark.usefixtures("rules_reading")
@pytest.mark.parametrize("text", ["Okay.", "Never mind, forget I said sorry.",
                                  "Got a minute?"])
def test_a_bare_okay_leaving_or_a_yes_no_question_is_never_heard(text: str) -> None:
    assert route(text, [ASK_CHOICE, INTENT, SNAP], side="called-in").how != HEARD


@pytest.mark.usefixtures("rules_reading")
def test_a_move_a_reply_carries_is_not_heard_but_routed() -> None:
    sorry = _choice("sorry", "I'm sorry. I made your mum the joke.", ("apology",))
    decision = route("I'm sorry I did that voice about your mum.", [sorry, INTENT, SNAP],
                     side="called-in")
    assert decision.how != HEARD


@pytest.mark.usefixtures("rules_reading")
def test_an_apology_is_never_put_in_their_mouth_nor_a_promise_dropped() -> None:
    sorry = _choice("sorry", "Thank you, and I'm sorry I came in so hard about the voice.",
                    ("gratitude", "apology"))
    decision = route("Thank you for hearing me about the voice.", [sorry, INTENT])
    assert decision.choice is not sorry
    ask = _choice("ask", "Thanks for hearing it. I'm asking you to stop the voices.",
                  ("gratitude",))
    promise = "Thank you. Can we talk again next week?"
    assert route(promise, [ask]).choice is None  # their promise would be lost
    follow_up = _choice("follow", "Thanks. Can we meet up again next week?",
                        ("gratitude", "follow_up"))  # a proposal to meet again carries it
    assert route(promise, [ask, follow_up]).choice is follow_up


@pytest.mark.parametrize(("text", "labels", "taken"), [
    ("thanks for telling me", ["gratitude"], False),  # thanks is not owning the harm
    ("Thank you for telling me, Jess.", ["gratitude"], False),
    ("I hear it hurt Hodan's family. Thanks for telling me.", ["reflection", "gratitude"],
     True),  # hearing it: a reply that owns it may take the words
    ("you're right, i lumped a lot of people in with a few break-ins. tom heard it from "
     "me. thank you", ["gratitude"], True),  # most of its words: its move, whatever the labels
])
def test_owning_the_harm_is_never_put_in_words_that_only_thank(text: str, labels: list[str],
                                                              taken: bool) -> None:
    own_it = _choice("own-it", "You're right. I lumped a lot of people in with a few "
                     "break-ins, and Tom heard it from me. That's on me. Thank you for "
                     "telling me.", ("acknowledgment", "gratitude"))
    assert (fit(text, labels, own_it).blocked == []) is taken


def test_only_a_promise_read_clearly_keeps_a_reply_from_taking_the_words() -> None:
    apologise = _choice("apologise", "Fair. I apologise for picking the 20th without asking.",
                        ("acknowledgment", "apology"))
    words = "You're right. I'm sorry I set that date and cut Imran off."
    labels = ["acknowledgment", "apology", "commitment"]
    # The model guessed a promise at 36%: too unsure to refuse a reply that fits.
    assert fit(words, labels, apologise, own={"apology"}).blocked == []
    assert fit(words, labels, apologise).blocked == ["commitment"]


def test_replies_ahead_pass_only_calm_replies_and_skip_those_on_offer_here() -> None:
    later = {"next": [ASK_CHOICE, _choice("deeper", "Why that voice?", ("open_question",))],
             "broke": [_choice("after", "Well then.", ())]}
    snap = _choice("snap", "You're way too sensitive.", ("def_counterattack",), to="broke")
    spiral = _choice("spiral", "I'm the worst. Are we okay?", ("shame_spiral",), to="comfort")
    later["comfort"] = [_choice("thanks", "Thank you for being so kind about it.")]
    ahead = replies_ahead("here", [INTENT, snap, spiral, ASK_CHOICE], (),
                          lambda n: later.get(n, []))
    assert [c.id for c in ahead] == ["deeper"]  # never past a defence or a slip
    pause = Choice("pause", "here", "paused", HERE, silent="pause", label="Take a breath.")
    later["paused"] = [_choice("sorry", "I'm sorry. You're right.", ("apology",))]
    past_pause = replies_ahead("here", [pause, snap], (), lambda n: later.get(n, []))
    assert [c.id for c in past_pause] == ["sorry"]  # words can go on past a pause


def test_in_play_a_good_move_out_of_order_is_heard_and_kept_for_the_score() -> None:
    story, _ = load_story(STORIES / "tutorial")
    assert story is not None
    session = Session(story, "called", "gentle", "free")
    node, state = session.node, dict(session.state)
    outcome = session.say("I'm sorry I did the voice.")  # before Linh has finished
    learner, answer = outcome.turns
    assert learner.routing == HEARD and "apology" in learner.labels
    assert answer.text == DEFAULT_HEARD["called-in"]["apology"]
    assert session.node == node and session.state == state  # nothing skipped or taken
    again = session.say("I'm sorry I did the voice.")
    assert again.turns[-1].text != answer.text  # not the same line twice


def test_in_play_the_talk_moves_on_to_where_a_move_is_answered() -> None:
    story, _ = load_story(STORIES / "uncle-bob")
    assert story is not None
    session = Session(story, "caller", "gentle", "free")
    session.say("Thanks for the scone. How did you get into the allotment?")
    session.say("Why did it matter so much to you, having something that stayed the same?")
    assert session.node == "c-smalltalk-2"  # the story expects a statement of intent here
    outcome = session.say("When you said the Somali families were behind the break-ins, I "
                          "felt uncomfortable.")
    assert outcome.taken is not None and outcome.taken.key == "c-invited.name-it"
    turn = session.turns[-len(outcome.turns)]
    assert turn.routing == AHEAD and turn.choice == "c-invited.name-it"
    assert session.node in ("c-minimizing", "c-denial")
    assert "I'm listening" not in " ".join(t.text for t in outcome.turns)  # no skipped speech
    session.undo()
    assert session.node == "c-smalltalk-2"


# Kinds of move: what the analyzer reads least well ---------------------------------------

TURN = _choice("turn", "Don't turn this back on me. This is about you and what you said.",
               ("def_counterattack",))
LECTURE = _choice("lecture", "You should know better. Those jokes put families like mine down.",
                  ("you_blame",))
NAME_CALL = _choice("name-call", "You're a bully.", ("insult",))


@pytest.mark.parametrize(("reply", "labels", "blocked"), [
    (TURN, ["def_tone_policing"], []),  # a defence of another kind is still a defence
    (TURN, ["i_statement"], ["def_counterattack"]),
    (LECTURE, ["def_counterattack"], []),  # a counterattack is blame, only more specific
    (LECTURE, ["insult"], []),
    (NAME_CALL, ["you_blame"], ["insult"]),  # ... but blame is no insult
    (NAME_CALL, ["def_counterattack"], ["insult"]),
])
def test_a_move_counts_as_made_by_its_kind(reply: Choice, labels: list[str],
                                           blocked: list[str]) -> None:
    assert fit("Hey, so this is what I think.", labels, reply).blocked == blocked


# Meaning: the analyzer's encoder beside shared words ---------------------------------------

YOU_KNOW = _choice("you-know", "You know what you said.", ("you_blame",))
THANKS = _choice("thanks", "Yeah. Thank you for really hearing me out. Let's leave it there.",
                 ("gratitude",))


def test_words_that_say_what_a_reply_says_make_its_move() -> None:
    # No label read, and too few words in common alone: the encoder reads the same meaning.
    decision = route("You know full well what you said.", [YOU_KNOW, ASK_CHOICE])
    assert decision.how == TAKEN and decision.choice is YOU_KNOW


def test_meaning_without_enough_shared_words_makes_no_move() -> None:
    # Close in meaning to a reply whose "leave it there" leaves the talk, but it is not that.
    assert leaves(THANKS.say or "")
    assert route("Thanks for telling me.", [THANKS, ASK_CHOICE]).choice is not THANKS


@pytest.mark.usefixtures("rules_reading")
def test_without_the_model_routing_goes_on_words_alone() -> None:
    assert closeness("You know full well what you said.", ["You know what you said."]) is None
    assert route("You know full well what you said.", [YOU_KNOW, ASK_CHOICE]).choice is None
    assert route("What did you mean by the joke?", [YOU_KNOW, ASK_CHOICE]).choice is ASK_CHOICE
    assert route("Can I have a word about the meeting?", OFFERED).choice is INTENT


def test_words_taken_as_a_picked_reply_are_read_as_said_by_the_learners_side(
        tutorial: Story) -> None:
    """The one calling in defends no act of their own: their words are read so when
    they pick the reply they meant, as when the router takes them."""
    session = Session(tutorial, "caller", "gentle", "free")
    text = "I didn't mean anything by it, I was trying to help."
    before = len(session.turns)
    session.say_as(text, session.choices[0].choice.id)
    assert session.turns[before].text == text
    assert "def_intent" not in session.turns[before].labels
