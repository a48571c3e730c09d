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


def _with_evidence(transcript: Transcript) -> Transcript:
    for turn in transcript.turns:
        if turn.kind == "free":
            turn.evidence = analyze(turn.text).to_dict()["evidence"]
    return transcript


def test_the_report_says_how_each_quoted_reply_was_read() -> None:
    from simulator.score import report_text

    report = score(_with_evidence(_called_in("It was only a joke, you need to lighten up.")))
    text = report_text(report)
    quoted = text.index('turn 2: "It was only a joke, you need to lighten up."')
    after = text[quoted:].splitlines()[1]
    assert after.strip().startswith("read as def minimizing (")
    assert "lighten up" in after or "only a joke" in after


def test_a_chosen_reply_is_quoted_without_a_reading() -> None:
    transcript = _called_in("I didn't mean it.")
    transcript.turns[-1].kind = "choice"
    assert all(not reason for item in score(transcript).items for reason in item.reasons)


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
