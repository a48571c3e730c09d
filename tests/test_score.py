"""Scoring over small hand-made transcripts: each rubric verdict decided by the
learner's own words, read as the analyzer reads typed replies."""

from __future__ import annotations

import pytest

from simulator.analyze import analyze
from simulator.score import score
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
