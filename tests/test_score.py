"""Scoring over small hand-made transcripts: each rubric verdict decided by the
learner's own words, read as the analyzer reads typed replies."""

from __future__ import annotations

import pytest

from simulator.analyze import analyze
from simulator.score import BROKE_DOWN_CAP, report_text, score
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
