"""Hand-made learners, one table per rubric profile: exemplary, middling, polite but
empty, defensive and silent. The score must put them in the order a trainer would:
exemplary far above middling, and middling above the other three."""

from __future__ import annotations

import pytest

from simulator.analyze import analyze
from simulator.rubrics import PROFILES
from simulator.score import NOTHING_SAID_CAP, score
from simulator.transcript import PARTNER, PLAYER, Transcript, Turn

SILENT = ""  # a listening move: zero words

# (what the partner says, what the learner answers, the skill tags of that answer)
Exchange = tuple[str, str, tuple[str, ...]]

CALLER_LINES = (
    "Hey, good to see you. What's up?",
    "Oh. Right. It was only a joke, you know that.",
    "I suppose I didn't think about how it sounded.",
    "Okay. So what do you want me to do?",
)
CALLED_LINES = (
    "Can I bring something up? It's about Friday.",
    "When you left me standing there, I felt like I didn't matter.",
    "It's been on my mind all week.",
    "Thank you for hearing me.",
)

LEARNERS: dict[str, dict[str, tuple[str, list[str]]]] = {
    # profile -> learner -> (ending kind, replies, in order, to the partner's lines)
    "hurt-calling-in": {
        "exemplary": ("repaired", [
            "I'd like to talk about something from dinner, because you matter to me.",
            "When you did the accent at dinner, I felt like my family was the joke.",
            "I hear that it was meant as a joke. Can you help me understand why that voice?",
            "I'm asking you not to do the accent again. Can we check in next week?"]),
        "middling": ("door-open", [
            "I'd like to talk about dinner.",
            "I didn't like the accent you did at dinner.",
            "Okay.",
            "Just think about it."]),
        "polite but empty": ("stalled", [
            "Hi! Yeah, all good.", "Okay.", "Sure, no worries.", "Anyway, never mind."]),
        "defensive": ("broke-down", [
            "You were out of order at dinner.", "You always have to make someone the joke.",
            "You're such a bully.", "Forget it, you're hopeless."]),
        "silent": ("stalled", [SILENT, SILENT, SILENT, SILENT]),
    },
    "ally-one-to-one": {
        "exemplary": ("repaired", [
            "How's the allotment doing this year?",
            "I'd like to talk about Sunday, because I value our time together. When you "
            "said those families ruined the high street, I felt uneasy.",
            "Can I tell you what it was like for me at school? How did you come to see it "
            "that way?",
            "I'm asking you not to talk about whole groups like that. Can we meet again in "
            "two weeks?"]),
        "middling": ("door-open", [
            "I wanted to talk about Sunday.",
            "What you said about those families wasn't fair.",
            "Do you really believe that?",
            "Okay, let's leave it there."]),
        "polite but empty": ("stalled", [
            "Lovely scones.", "Okay.", "Sure.", "Anyway, how's the knee?"]),
        "defensive": ("broke-down", [
            "You were bang out of order on Sunday.", "You're a racist, plain and simple.",
            "You always do this.", "I'm done talking to you."]),
        "silent": ("stalled", [SILENT, SILENT, SILENT, SILENT]),
    },
    "calling-out": {
        "exemplary": ("repaired", [
            "I can't let that go. That's not our culture here.",
            "When you joked about Polish workers, it landed badly on the whole table.",
            "Can you help me understand what you meant by it?",
            "I'm asking you not to make that joke again. Can we talk after the meeting?"]),
        "middling": ("door-open", [
            "Right, next item.",
            "Mark, I felt uneasy about that joke earlier.",
            "Okay.",
            "Let's leave it."]),
        "polite but empty": ("stalled", [
            "Ha. Okay.", "Sure.", "No worries.", "Next item, then."]),
        "defensive": ("broke-down", [
            "You're a disgrace.", "You always do this, you idiot.",
            "You should be ashamed of yourself.", "Get out."]),
        "silent": ("stalled", [SILENT, SILENT, SILENT, SILENT]),
    },
    "called-in": {
        "exemplary": ("repaired", [
            SILENT,
            "Thank you for telling me. You're right, that hurt you, and it's on me.",
            "It sounds like you felt I chose him over you. I'm sorry I did that.",
            "Next time I'll tell him I came to see you. Can we talk again next week?"]),
        "middling": ("door-open", [
            "Sure, what is it?",
            "I didn't mean anything by it.",
            "I see. Sorry.",
            "I'll try to be better."]),
        "polite but empty": ("stalled", [
            "Okay.", "Okay. Thanks for letting me know.", "Right.", "Sure."]),
        "defensive": ("broke-down", [
            "What now?", "It was just a dance. You're being dramatic.",
            "I'm not the bad guy here. You're the one with the problem.",
            "Sorry if you were offended."]),
        "silent": ("stalled", [SILENT, SILENT, SILENT, SILENT]),
    },
}

# Skill tags an author would give these replies in choice mode.
_SKILLS = {
    "I'd like to talk": ("states_intent",), "I wanted to talk": ("states_intent",),
    "When you": ("names_specifics",), "help me understand": ("invites_clarification",),
    "I'm asking you": ("specific_request", "follow_up"),
    "How's the allotment": ("small_talk",), "how's the knee": ("small_talk",),
    "Can I tell you": ("shares_experience",),
    "I can't let that go": ("affirms_values",), "Next time I'll": ("repair",),
}


def _skills(reply: str) -> list[str]:
    return sorted({s for key, tags in _SKILLS.items() if key in reply for s in tags})


def _learner(profile: str, ending: str, replies: list[str]) -> Transcript:
    side = "called-in" if profile == "called-in" else "calling-in"
    target = 0.5 if side == "called-in" else 0.3
    transcript = Transcript("s", "h", "r", side, None, "choice", target, {}, partner="sam",
                            rubric=dict(PROFILES[profile]), profile=profile)
    lines = CALLED_LINES if side == "called-in" else CALLER_LINES
    for number, (line, reply) in enumerate(zip(lines, replies, strict=True)):
        transcript.turns.append(Turn("sam", PARTNER, "line", line, "n", len(line.split())))
        kind = "silent" if reply == SILENT else "choice"
        transcript.turns.append(Turn(
            "you", PLAYER, kind, reply or "listen", "n", len(reply.split()), f"n.c{number}",
            list(analyze(reply).labels) if reply else [], skills=_skills(reply)))
    transcript.ending = {"node": "end", "kind": ending, "title": "The end", "debrief": "."}
    return transcript


def overall_table() -> dict[str, dict[str, int]]:
    """The overall score of every hand-made learner, by profile (also for the report)."""
    table: dict[str, dict[str, int]] = {}
    for profile, learners in LEARNERS.items():
        table[profile] = {}
        for name, (ending, replies) in learners.items():
            overall = score(_learner(profile, ending, replies)).overall
            assert overall is not None
            table[profile][name] = overall
    return table


@pytest.mark.parametrize("profile", list(LEARNERS))
def test_learners_are_ordered_as_a_trainer_would(profile: str) -> None:
    row = overall_table()[profile]
    assert row["exemplary"] >= row["middling"] + 20, row
    for weaker in ("polite but empty", "defensive", "silent"):
        assert row["middling"] > row[weaker], row
    assert row["silent"] <= NOTHING_SAID_CAP and row["polite but empty"] <= NOTHING_SAID_CAP


def test_every_profile_has_a_table() -> None:
    assert set(LEARNERS) == set(PROFILES)


if __name__ == "__main__":  # print the table: python -m tests.test_learners
    for profile, row in overall_table().items():
        print(f"{profile:<17}", "  ".join(f"{name}: {value}" for name, value in row.items()))
