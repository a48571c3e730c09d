"""The items for being called in (seeds 000, 001, 003): pause, listen,
acknowledge, reflect, stay open, apologise without "but", thank, commit to
something specific, and do not make them your emotional caretaker."""

from __future__ import annotations

import re
from collections.abc import Iterator

from simulator.score import (
    _FOLLOW_UP,
    _TELLING,
    MET,
    MISSED,
    PARTLY,
    Item,
    _avoided,
    _found,
    _if_tested,
    _Moves,
    _small_talk,
    _union,
    clear_labels,
)
from simulator.score.quote import cited as _cited
from simulator.transcript import Turn

_SPECIFIC_COMMITMENT = re.compile(r"\b(i'?ll|i will|i'm going to|from now on|next time|starting)"
                                  r"\b.*\b(stop|not|never|ask|tell|check|say|speak|call|talk)\b",
                                  re.I)
# Promises too general to check: "I'll watch what I say" names no act to stop or start.
_VAGUE_COMMITMENT = re.compile(r"\b(watch (what|how) i (say|speak|talk)"
                               r"|be (a bit |a lot )?(more )?(careful|thoughtful|mindful|aware"
                               r"|considerate|sensitive)( (about|of|with) (what|how) i (say|speak"
                               r"|talk|do))?"
                               r"|(do|be) better|try (harder|my best)"
                               r"|think (more )?(before|about what) i (say|speak|talk))\b", re.I)
_CARETAKING = re.compile(r"\b(tell me (we're|we are|you're) (ok|okay|fine)|you don't hate me"
                         r"|i'?m (a|an) (terrible|awful|horrible|bad) (person|friend)"
                         r"|i'?m (the worst|so ashamed)|please (don't|do not) be (mad|angry))",
                         re.I)


DEFENCE_REWRITES = {
    "def_denial": "Instead of denying it, ask: \"Can you tell me what you saw?\"",
    "def_minimizing": "Instead of shrinking it, take in how big it was: \"It wasn't small "
                      "for you.\"",
    "def_counterattack": "Instead of turning it around, let them go on: \"Go on, I'm "
                         "listening.\"",
    "def_tone_policing": "Instead of the tone, hear the content: \"What you're saying "
                         "matters.\"",
    "def_victimhood": "Instead of centring your hurt, centre theirs: \"This is about how it "
                      "landed for you.\"",
    "def_credentials": "Instead of your record, own the act: \"Whatever I meant, that "
                       "was hurtful.\"",
    "def_intent": "Intention is not an excuse for impact: \"I didn't mean it, and it still "
                  "hurt you. I'm sorry.\"",
}


def called_in(m: _Moves) -> Iterator[Item | None]:
    yield _paused(m)
    yield _found("listened", "Listened to learn", _union(
        m.with_skill("listen"), [(n, t) for n, t in m.silent() if "listen" in t.text.lower()
                                 or "listen" in t.skills], _asked_to_learn(m)),
        "you listened and asked to understand", "you did not stop to listen or ask",
        "Listen with the intent of learning: \"Can you tell me more about how it felt?\"",
        labels={"open_question"})
    yield _found("acknowledged", "Acknowledged the impact", m.with_label("acknowledgment"),
                 "you took responsibility for the impact", "you did not own the impact",
                 "Acknowledge: \"You're right, that hurt you, and it's on me.\"", weight=1.5,
                 labels={"acknowledgment"})
    yield _found("reflected", "Reflected back what you heard", m.with_label("reflection"),
                 "you mirrored what they told you", "you did not reflect what you heard",
                 "Reflect: \"It sounds like you felt pushed aside.\"", labels={"reflection"})
    yield _if_tested(_defences(m), m.tested(_TELLING))
    yield _apology(m)
    yield _found("gratitude", "Thanked them for raising it", m.with_label("gratitude"),
                 "you thanked them", "you did not thank them for raising it",
                 "\"Thank you for telling me. I know that wasn't easy.\"", labels={"gratitude"})
    yield _commitment(m)
    yield _if_tested(_caretaking(m), m.tested(_TELLING))


def _asked_to_learn(m: _Moves) -> list[tuple[int, Turn]]:
    """Open questions, except small talk: "how was your weekend?" is kind, not listening."""
    return [(n, t) for n, t in m.with_label("open_question") if not _small_talk(t)]


def _paused(m: _Moves) -> Item:
    paused = _union(m.with_skill("pause"), m.silent())
    title = "Paused before answering"
    early = [p for p in paused if m.moves and p[0] <= m.moves[min(1, len(m.moves) - 1)][0]]
    if early:
        return Item("paused", title, MET, "you took a breath before you answered",
                    **_cited(early))
    rewrite = "Pause: take a breath and ground yourself before you answer."
    if paused:
        return Item("paused", title, PARTLY, "you paused, but only later on", rewrite=rewrite,
                    **_cited(paused))
    return Item("paused", title, MISSED, "you answered straight away", rewrite=rewrite)


def _defences(m: _Moves) -> Item:
    found = m.with_fault(*DEFENCE_REWRITES)
    title = "Stayed open, not defensive"
    if not found:
        return Item("no_defensiveness", title, MET, "you answered what they told you without "
                    "defending yourself", weight=2.0, **_cited(m.answers_to(_TELLING)))
    shown = [(n, _defences_read(t)) for n, t in found]
    named = [f"turn {n}: {', '.join(lab[4:] for lab in defences)}" for n, defences in shown]
    first = shown[0][1][0]
    verdict = PARTLY if len(found) == 1 else MISSED
    return Item("no_defensiveness", title, verdict, "defensive replies: " + "; ".join(named),
                rewrite=DEFENCE_REWRITES[first], weight=2.0,
                **_cited(found, labels=set(DEFENCE_REWRITES)))


def _defences_read(turn: Turn) -> list[str]:
    """The defences a move was clearly read as, in the order of labels.md."""
    clear = clear_labels(turn)
    return [label for label in turn.labels if label in DEFENCE_REWRITES and label in clear]


def _apology(m: _Moves) -> Item:
    real, non = m.with_label("apology"), m.with_fault("non_apology")
    title = "Apologised without conditions"
    rewrite = "Apologise for your act, not their feelings: \"I'm sorry I did that.\""
    if real and not non:
        return Item("apology", title, MET, "you apologised for what you did",
                    **_cited(real, labels={"apology"}))
    if real:
        return Item("apology", title, PARTLY, "a real apology, but also a conditional one",
                    rewrite=rewrite, **_cited(non, labels={"non_apology"}))
    if non:
        return Item("apology", title, MISSED, "only a non-apology (sorry if / sorry you feel)",
                    rewrite=rewrite, **_cited(non, labels={"non_apology"}))
    return Item("apology", title, MISSED, "you did not apologise", rewrite=rewrite)


def _commitment(m: _Moves) -> Item:
    committed = m.with_label("commitment")
    specific = _union(m.with_skill("repair", "follow_up"),
                      [(n, t) for n, t in committed if _is_specific(t.text)])
    title = "Committed to a specific change"
    rewrite = ("Be specific with what and how: \"From now on I'll …, and I'd like you to tell "
               "me if I slip.\"")
    if specific:
        return Item("commitment", title, MET, "you committed to something specific",
                    weight=1.5, **_cited(specific, _SPECIFIC_COMMITMENT, {"commitment"}))
    if committed:
        return Item("commitment", title, PARTLY, "a commitment, but a vague one", weight=1.5,
                    rewrite=rewrite, **_cited(committed, labels={"commitment"}))
    return Item("commitment", title, MISSED, "no commitment to change", weight=1.5,
                rewrite=rewrite)


def _is_specific(promise: str) -> bool:
    concrete = _VAGUE_COMMITMENT.sub("", promise)
    return bool(_SPECIFIC_COMMITMENT.search(concrete) or _FOLLOW_UP.search(concrete))


def _caretaking(m: _Moves) -> Item:
    leaned = _union(m.with_skill("caretaking", "shame_spiral"), m.matching(_CARETAKING))
    return _avoided("no_caretaking", "Did not make them your emotional caretaker", leaned,
                    "you kept the focus on them", "you asked them to look after your feelings",
                    "Be kind to yourself, and take your feelings to someone else later; here, "
                    "keep the focus on them.", pattern=_CARETAKING)
