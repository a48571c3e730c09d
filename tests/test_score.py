"""Scoring over small hand-made transcripts: each rubric verdict decided by the
learner's own words, read as the analyzer reads typed replies."""

from __future__ import annotations

import pytest

from simulator.analyze import analyze
from simulator.score import BROKE_DOWN_CAP, NOTHING_SAID_CAP, report_text, score
from simulator.transcript import PARTNER, PLAYER, Transcript, Turn


def _called_in(*replies: str, skills: tuple[str, ...] = ()) -> Transcript:
    transcript = Transcript("s", "h", "called", "called-in", None, "free", 0.5, {})
    for reply in replies:
        transcript.turns.append(Turn("jess", PARTNER, "line", "It hurt when you said it.", "n",
                                     words=6))
        transcript.turns.append(Turn("bob", PLAYER, "free", reply, "n",
                                     words=len(reply.split()), skills=list(skills),
                                     labels=list(analyze(reply).labels)))
    return transcript


def _verdict(transcript: Transcript, item: str) -> str:
    return next(i.verdict for i in score(transcript).items if i.id == item)


@pytest.mark.parametrize(("promise", "verdict"), [
    ("Next time I'll tell him I came to see you.", "met"),
    ("I'll stop using that voice, and I'll ask Sam to call me on it.", "met"),
    ("Can we talk again next week?", "met"),
    ("I'll watch what I say.", "partly"),
    ("I'll try to be more careful.", "partly"),
    ("I'll do better, I promise.", "partly"),
    ("Thanks for telling me.", "missed"),
])
def test_commitment_must_name_what_changes(promise: str, verdict: str) -> None:
    assert _verdict(_called_in(promise), "commitment") == verdict


@pytest.mark.parametrize(("reply", "skills", "verdict"), [
    ("What was it like for you, hearing that?", (), "met"),
    ("How was your weekend?", ("small_talk",), "missed"),
    ("I didn't mean it.", (), "missed"),
])
def test_listening_is_asking_to_learn_not_small_talk(reply: str, skills: tuple[str, ...],
                                                     verdict: str) -> None:
    assert _verdict(_called_in(reply, skills=skills), "listened") == verdict


_ALL_MET = ("Thank you for telling me. You're right, that hurt you, and it's on me.",
            "It sounds like you felt pushed aside. I'm sorry I did that.",
            "Next time I'll tell him I came to see you.")


def _ended(kind: str, *, sound_call: bool = False) -> Transcript:
    transcript = _called_in(*_ALL_MET, skills=("pause",))
    for turn in transcript.turns:  # they did most of the talking, as the one who was hurt
        if turn.side == PARTNER:
            turn.words = 40
    transcript.ending = {"node": "end", "kind": kind, "title": "The end", "debrief": "Done.",
                         "sound_call": sound_call}
    return transcript


def test_what_came_of_it_weighs_in_the_overall_score() -> None:
    overall = {kind: score(_ended(kind)).overall
               for kind in ("repaired", "door-open", "stalled", "broke-down")}
    assert overall["repaired"] > overall["door-open"] > overall["stalled"] \
        > overall["broke-down"]
    assert overall["broke-down"] <= BROKE_DOWN_CAP
    assert len({score(_ended(kind)).skills for kind in overall}) == 1  # the rubric is the same


def test_a_sound_call_is_not_punished() -> None:
    stepped_back = score(_ended("door-open", sound_call=True))
    assert stepped_back.overall == score(_ended("repaired")).overall
    assert "sound call" in report_text(stepped_back)


def test_a_skilled_talk_that_broke_down_says_why_it_is_capped() -> None:
    report = score(_ended("broke-down"))
    assert report.skills > BROKE_DOWN_CAP and report.overall == BROKE_DOWN_CAP
    assert f"scores {BROKE_DOWN_CAP} at most" in report_text(report)


def _items(transcript: Transcript) -> dict[str, str]:
    return {i.id: i.verdict for i in score(transcript).items}


def test_an_unfinished_session_has_no_overall_score() -> None:
    report = score(_called_in(*_ALL_MET))
    assert report.overall is None and report.items
    assert "Overall: none yet. The conversation is unfinished (3 moves so far)" \
        in report_text(report)


@pytest.mark.parametrize("replies", [
    (),  # silent throughout
    ("Okay.", "Thanks for letting me know."),  # polite but empty
    ("Did you mean at the party?", "Okay."),  # a yes/no question is not yet substance
])
def test_nothing_of_substance_scores_thirty_at_most(replies: tuple[str, ...]) -> None:
    transcript = _called_in(*replies) if replies else _called_in("")
    if not replies:
        transcript.turns[-1].kind, transcript.turns[-1].text = "silent", "listen"
    transcript.ending = {"node": "end", "kind": "door-open", "title": "T", "debrief": "D",
                         "sound_call": True}
    report = score(transcript)
    assert report.overall is not None and report.overall <= NOTHING_SAID_CAP
    assert "nothing of substance" in report.reason


@pytest.mark.parametrize(("replies", "verdicts"), [
    # Told of the harm, answered with substance: not being defensive is credit.
    (("You're right, that hurt you.",), {"no_defensiveness": "met", "no_caretaking": "met"}),
    # Only empty answers: nothing was done, so nothing is given away.
    (("Okay.",), {"no_defensiveness": None, "no_caretaking": None, "talk_share": None}),
    # A failure always counts, substance or not.
    (("It was just a joke.",), {"no_defensiveness": "partly"}),
    (("Please don't be mad at me.",), {"no_caretaking": "missed"}),
])
def test_absence_is_credited_only_where_it_was_tested(
        replies: tuple[str, ...], verdicts: dict[str, str | None]) -> None:
    found = _items(_called_in(*replies))
    assert {item: found.get(item) for item in verdicts} == verdicts


def _calling_in(partner: str, reply: str) -> Transcript:
    transcript = Transcript("s", "h", "caller", "calling-in", None, "free", 0.3, {})
    transcript.turns += [
        Turn("jess", PLAYER, "free", "I'd like to talk about the joke.", "n", words=7,
             labels=list(analyze("I'd like to talk about the joke.").labels)),
        Turn("bob", PARTNER, "line", partner, "n", words=len(partner.split())),
        Turn("jess", PLAYER, "free", reply, "n", words=len(reply.split()),
             labels=list(analyze(reply).labels))]
    return transcript


@pytest.mark.parametrize(("partner", "reply", "verdict"), [
    ("It was just a joke, lighten up.", "I hear that. I felt small when everyone laughed.",
     "met"),
    ("Sure, go on.", "I felt small when everyone laughed.", None),  # never pushed back
    ("It was just a joke, lighten up.", "Okay.", None),  # pushed, but nothing was done
    ("Sure, go on.", "You're a bigot.", "missed"),  # an insult counts, tested or not
])
def test_no_insults_counts_when_they_pushed_back(partner: str, reply: str,
                                                 verdict: str | None) -> None:
    assert _items(_calling_in(partner, reply)).get("no_insults") == verdict
