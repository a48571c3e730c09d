"""Score: a transcript -> an honest, specific report.

Computed from the transcript alone, so any saved session can be scored again.
Each rubric item is met, partly met or missed, quotes the turns that decided
it, and for anything short of met offers a concrete rewrite in the language of
the seeds. Credit is for what the learner did: an item about not doing
something (no insults, no defensiveness) is credited only where the situation
tested it and the learner answered with substance; otherwise it is left out
rather than given away. A failure always counts.

Which items count, and how much, is the role's rubric profile (`rubrics.py`,
recorded in the transcript); what came of the conversation weighs in too
(`outcome.py`), and an unfinished conversation gets no overall score. With the
story at hand, rewrites are its own replies (`rewrite.py`). The items for being
called in are in `called_in.py`.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from dataclasses import asdict, dataclass, field, replace
from functools import lru_cache
from typing import Any

from simulator.labels import DEFENSIVE_LABELS, FAULT_LABELS, read_clearly
from simulator.model import Story
from simulator.rubrics import default_items
from simulator.score.outcome import BROKE_DOWN_CAP as BROKE_DOWN_CAP
from simulator.score.outcome import with_outcome
from simulator.score.quote import cited as _cited
from simulator.score.text import overall_line as overall_line
from simulator.score.text import padded_reasons as padded_reasons
from simulator.score.text import report_text as report_text
from simulator.transcript import PARTNER, PLAYER, Transcript, Turn, talk_share, talk_words

MET, PARTLY, MISSED = "met", "partly", "missed"
_VALUE = {MET: 1.0, PARTLY: 0.5, MISSED: 0.0}


@dataclass(frozen=True)
class Item:
    id: str
    title: str
    verdict: str  # met / partly / missed
    detail: str  # what was seen
    turns: tuple[int, ...] = ()  # 1-based turn numbers in the transcript
    quotes: tuple[str, ...] = ()
    reasons: tuple[str, ...] = ()  # how a typed reply was read, one per quote
    rewrite: str = ""  # what to try instead, for partly and missed
    weight: float = 1.0


@dataclass(frozen=True)
class Report:
    scenario: str
    role: str
    side: str
    overall: int | None  # None: the conversation is unfinished
    reason: str
    talk_share: float
    talk_share_target: float
    longest_monologue: int
    items: tuple[Item, ...]
    ending: dict[str, Any] | None = None
    moves: int = 0
    skills: int = 0  # the rubric alone, before what came of it
    outcome: str = ""  # how the ending weighed in the overall score

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["talk_share"] = round(self.talk_share, 4)
        return data


@dataclass
class _Moves:
    """The learner's moves of a transcript, with their 1-based turn numbers."""

    transcript: Transcript
    moves: list[tuple[int, Turn]] = field(default_factory=list)
    assume_tested: bool = False  # to list every item a side can be scored on

    def __post_init__(self) -> None:
        self.moves = [(i + 1, t) for i, t in enumerate(self.transcript.turns)
                      if t.side == PLAYER and t.kind != "line"]

    def with_label(self, *labels: str) -> list[tuple[int, Turn]]:
        return [(n, t) for n, t in self.moves if set(labels) & set(t.labels)]

    def with_fault(self, *labels: str) -> list[tuple[int, Turn]]:
        """`with_label` for something not to do: a mark against the learner rests only
        on a clear reading of their words (see `clear_labels`)."""
        return [(n, t) for n, t in self.moves if set(labels) & clear_labels(t)]

    def with_skill(self, *skills: str) -> list[tuple[int, Turn]]:
        # Typed words are scored on what they say, never on the skills of the authored
        # reply they were routed to; choices and silent moves keep their authored skills.
        return [(n, t) for n, t in self.moves if t.kind != "free" and set(skills) & set(t.skills)]

    def matching(self, pattern: re.Pattern[str]) -> list[tuple[int, Turn]]:
        return [(n, t) for n, t in self.moves if t.kind != "silent" and _says(pattern, t.text)]

    def silent(self) -> list[tuple[int, Turn]]:
        return [(n, t) for n, t in self.moves if t.kind == "silent"]

    def substantive(self) -> list[tuple[int, Turn]]:
        return [(n, t) for n, t in self.moves if _substantive(t)]

    def said_something(self) -> bool:
        """Did the learner say anything of substance (an absence item's test)?"""
        return self.assume_tested or any(_substantive(t) for _, t in self.moves)

    def by_partner(self, turn: Turn) -> bool:
        """A line by the one being talked with: pushback or a defence from an ally or a
        bystander ("Graham can be prickly") is not theirs. Older transcripts name no
        partner: anyone's line counts."""
        partner = self.transcript.partner
        return turn.side == PARTNER and (not partner or turn.speaker == partner)

    def answers_to(self, labels: frozenset[str] | None) -> list[tuple[int, Turn]]:
        """The learner's next move after each partner line carrying one of `labels`
        (after every partner line for None)."""
        found: dict[int, Turn] = {}
        for index, turn in enumerate(self.transcript.turns):
            if self.by_partner(turn) and (labels is None or _partner_labels(turn.text) & labels):
                reply = next(((n, t) for n, t in self.moves if n > index + 1), None)
                if reply is not None:
                    found.setdefault(*reply)
        return sorted(found.items())

    def tested(self, labels: frozenset[str] | None) -> bool:
        """Did the partner say something that tested the learner (a line carrying one
        of `labels`), and did the learner answer it with substance?"""
        return self.assume_tested or any(_substantive(t) for _, t in self.answers_to(labels))


# The moves that are something done, not something avoided: the rubric's skills.
# Thanks alone, a yes/no question or silence is not yet substance.
_SUBSTANCE_LABELS = frozenset({"i_statement", "open_question", "reflection", "acknowledgment",
                               "apology", "commitment"})
_SUBSTANCE_SKILLS = frozenset({"states_intent", "names_specifics", "invites_clarification",
                               "specific_request", "follow_up", "shares_experience", "repair"})
NOTHING_SAID_CAP = 30  # the most a learner who said nothing of substance can score


def clear_labels(turn: Turn) -> set[str]:
    """The labels of a move read clearly: all of an authored reply's; of typed words,
    those a rule found or the model read well above its threshold (a label with no
    evidence kept, as older transcripts have, counts as clear)."""
    if turn.kind != "free":
        return set(turn.labels)
    clear = {e["label"] for e in turn.evidence if read_clearly(e.get("probability"))}
    evidenced = {e["label"] for e in turn.evidence}
    return {label for label in turn.labels if label in clear or label not in evidenced}


def _substantive(turn: Turn) -> bool:
    skills = set(turn.skills) if turn.kind != "free" else set()  # see `with_skill`
    if turn.kind == "silent" or _small_talk(turn):  # kind, but not yet the talk
        return False
    return bool(_SUBSTANCE_LABELS & set(turn.labels) or _SUBSTANCE_SKILLS & skills)


# Small talk typed in free mode: "How was your weekend?" asks, but not about the harm.
_SMALL_TALK = re.compile(r"^\W*(\w+[,.!]?\s+){0,3}(how('?s| is| was| are| were| have)"
                         r"( you| your| the| things| it| work)\b[^.?!]{0,30}\?\W*$"
                         r"|nice (weather|day|to see you)|good to see you)", re.I)


def _small_talk(turn: Turn) -> bool:
    if turn.kind != "free":
        return "small_talk" in turn.skills
    return bool(_SMALL_TALK.search(turn.text)) and not (
        set(turn.labels) - {"open_question", "closed_question", "gratitude"})


# What a partner says that tests the learner: defensiveness or provocation tests
# whether the one calling in stays respectful; for the one called in, every line
# of being told about the harm tests whether they stay open (seed 000:
# defensiveness is the common reply), so `_TELLING` is any partner line.
_PROVOKING = frozenset({*DEFENSIVE_LABELS, "insult", "you_blame"})
_TELLING = None


@lru_cache(maxsize=16_384)  # partner lines are authored: the same few, in every transcript
def _partner_labels(line: str) -> frozenset[str]:
    from simulator.analyze import analyze

    return frozenset(analyze(line).labels)


def _if_tested(item: Item, tested: bool) -> Item | None:
    """Credit for an absence only where it was tested; a failure always counts."""
    return item if item.verdict != MET or tested else None


@lru_cache(maxsize=65_536)  # authored replies recur in every transcript that takes them
def _says(pattern: re.Pattern[str], text: str) -> bool:
    return pattern.search(text) is not None


def _union(*groups: list[tuple[int, Turn]]) -> list[tuple[int, Turn]]:
    seen: dict[int, Turn] = {}
    for group in groups:
        for number, turn in group:
            seen.setdefault(number, turn)
    return sorted(seen.items())


# Phrasings that show the calling-in tools of seed 000 in free text.
_INTENT = re.compile(r"\b(i( want| wanted| need| would like|'d like) to (talk|bring|raise|chat)"
                     r"|i'?m (raising|bringing|coming to you)|because i (value|care)"
                     r"|i value (you|our|this|the)|matters to me"
                     # Seed 000's own opening: "Can I bring something up to you?"
                     r"|(can|could|may) (i|we) (bring|raise|talk|have a word))", re.I)
_SPECIFIC = re.compile(r"(\bwhen you (said|did|called|made|put|told|left|joked|do)\b|[\"“].+?[\"”]"
                       r"|\bthe (joke|comment|nickname|word|voice|accent|impression)\b"
                       # "On Monday you made the 20th mandatory": a time, then the act.
                       r"|\b(on|at|in|during|last|yesterday|earlier)\b[^.?!]{0,30}\byou "
                       r"(said|did|called|made|put|told|left|joked|asked)\b)", re.I)
_INVITE = re.compile(r"\b(help me understand|what did you (mean|intend)|what was your intent"
                     r"|how (might|did|do) (it|that|this|someone)|tell me (more|why))", re.I)
_REQUEST = re.compile(r"\b(i'?m asking you to|i('d| would) like you to|i need you to"
                      r"|(could|can|would) you (please )?(stop|not|avoid|drop)|please (don't|stop)"
                      r"|no more\b)", re.I)
_FOLLOW_UP = re.compile(r"\b(talk again|check in|meet again|catch up again|next (week|time)"
                        r"|follow up|come back to this|in (a|two|a couple of) weeks?)", re.I)



def score(transcript: Transcript, story: Story | None = None) -> Report:
    """The report for one transcript: deterministic, from the transcript alone. With
    the transcript's story, each rewrite is a reply that story offered at that point."""
    moves = _Moves(transcript)
    share = _talk_share(transcript)
    longest = max((t.words for _, t in moves.moves), default=0)
    items = _rubric(moves, transcript.rubric or default_items(transcript.side))
    if story is not None and story.id == transcript.scenario:
        from simulator.score.rewrite import from_story

        items = from_story(items, transcript, story)
    skills, reason = _skills(items, moves)
    overall, outcome = with_outcome(skills, transcript.ending)
    if overall is None:
        reason = "unfinished: there is no overall score until the conversation ends"
    elif moves.moves and not moves.substantive() and overall > NOTHING_SAID_CAP:
        overall = NOTHING_SAID_CAP
        reason = (f"nothing of substance said yet, so {NOTHING_SAID_CAP} at most; "
                  f"{reason}")
    return Report(transcript.scenario, transcript.role, transcript.side, overall, reason, share,
                  transcript.talk_share_target, longest, items,
                  _debriefed(transcript.ending, items),
                  len(moves.moves), round(100 * skills), outcome)


def _debriefed(ending: dict[str, Any] | None, items: tuple[Item, ...]) -> dict[str, Any] | None:
    """The ending with its debrief made of the paragraphs that hold for these verdicts, so
    no sentence of it contradicts the checklist below it."""
    if ending is None or not ending.get("paragraphs"):
        return ending
    verdicts = {item.id: item.verdict for item in items}
    shown = [p["text"] for p in ending["paragraphs"]
             if all(verdicts.get(i, "unscored") in allowed for i, allowed in p["when"].items())]
    return {**ending, "debrief": " ".join(shown)}  # read as one flowing debrief


def _rubric(m: _Moves, weights: dict[str, float]) -> tuple[Item, ...]:
    """The role's items, in its rubric's order and weights; those not tested left out."""
    found = {item.id: item for item in _catalogue(m) if item is not None}
    return tuple(replace(found[i], weight=w) for i, w in weights.items() if i in found)


def _catalogue(m: _Moves) -> Iterator[Item | None]:
    """Every item any profile can score (see `simulator.rubrics`)."""
    yield _talk_share_check(m)
    yield from _calling_in(m)
    yield from _calling_out(m)
    from simulator.score.called_in import called_in  # by now this package is loaded

    yield from called_in(m)


# Shown before play: items scored only when the conversation tests them.
_IF_TESTED = {"no_insults": " (if they push back)", "no_lecture": " (when you speak up)"}
_ONLY_IF = {"stayed_steady": "Stayed steady when they got defensive (if they do)",
            "self_care": "Looked after yourself (if you need to step back)"}


def rubric_titles(side: str, weights: dict[str, float] | None = None) -> list[str]:
    """Every item a role is scored on (its rubric's, or its side's default), by title,
    in the report's order."""
    blank = Transcript(scenario="", story_hash="", role="", side=side, difficulty=None,
                       mode="choice", talk_share_target=0.0, start_state={})
    found = {i.id: i.title + _IF_TESTED.get(i.id, "")
             for i in _catalogue(_Moves(blank, assume_tested=True)) if i is not None}
    return [found.get(item) or _ONLY_IF[item] for item in weights or default_items(side)]


def _talk_share_check(m: _Moves) -> Item | None:
    # Tested only when the learner said something of substance, and said it to the
    # partner (not only to an ally or a bystander).
    transcript = m.transcript
    longest = max((t.words for _, t in m.moves), default=0)
    item = _talk_share_item(transcript, m, _talk_share(transcript), longest)
    spoke_to_partner = talk_words(transcript)[0] > 0
    return _if_tested(item, m.said_something() and (spoke_to_partner or m.assume_tested))


def _talk_share(transcript: Transcript) -> float:
    # Rounded as shown (one decimal of a percentage), so the verdict agrees with the text.
    return round(talk_share(transcript), 3)


def _talk_share_item(transcript: Transcript, moves: _Moves, share: float,
                     longest: int) -> Item:
    target = transcript.talk_share_target
    wordiest = sorted(moves.moves, key=lambda m: -m[1].words)[:1]
    detail = (f"you spoke {share:.1%} of the words between you (aim: {target:.0%} or less); "
              f"your longest turn was {longest} words")
    side = talk_words(transcript)[2]
    if side:
        detail += f"; {side} words of side talk with others are not counted"
    verdict = MET if share <= target else PARTLY if share <= target + 0.15 else MISSED
    rewrite = "" if verdict == MET else (
        "Say less and leave room: one short question, then let them answer. "
        "Silence is a move too.")
    if transcript.side == "calling-in":
        title = "Talk share: the 30/70 rule"
    else:
        title = "Talk share: listening more than speaking"
    return Item("talk_share", title, verdict, detail, rewrite=rewrite, weight=1.5,
                **(_cited(wordiest) if verdict != MET else {}))


# Calling in -------------------------------------------------------------------------


def _calling_in(m: _Moves) -> Iterator[Item | None]:
    yield _i_statements(m)
    yield _questions(m)
    yield _skilled(m, "states_intent", _INTENT, "stated_intent", "Stated your intent",
        "you said why you were raising it", "you did not say why you were raising it",
        "Open with your intent: \"I want to talk with you about something you said. I'm "
        "raising it because I value our relationship.\"")
    yield _skilled(m, "names_specifics", _SPECIFIC, "named_specifics",
        "Named the concrete words or actions", "you named what was said or done",
        "you did not name what was actually said or done",
        "Focus on concrete words and actions: \"When you said …, the message I received "
        "was …\"")
    yield _invited(m)
    yield _if_tested(_no_insults(m), m.tested(_PROVOKING))
    yield _skilled(m, "specific_request", _REQUEST, "specific_request",
        "Made a specific request", "you asked for a specific change",
        "you did not ask for a specific change",
        "Be specific in your request: \"Here's the change I need to see going forward: …\"",
        weight=1.5)
    yield _skilled(m, "follow_up", _FOLLOW_UP, "follow_up", "Planned a follow-up",
        "you made a plan to talk again", "you left without a plan to follow up",
        "Create a plan for follow-up: \"Can we check in about this next week?\"")
    yield _steady(m)
    yield _found("shared_story", "Shared your own story", m.with_skill("shares_experience"),
                 "you shared your own experience, not only questions",
                 "you asked for their story without sharing yours",
                 "Share yours as well: \"Can I tell you what it was like for me?\"")
    yield _icebreakers(m)
    yield _self_care(m)


def _icebreakers(m: _Moves) -> Item:
    """Seed 002: the one-to-one starts light, with icebreakers, before the reason for it."""
    light = m.with_skill("small_talk")
    asides = m.transcript.asides  # a word with someone else is not how this talk began
    first = next((n for n, t in m.substantive() if (t.choice or "") not in asides), None)
    title = "Started light"
    if light and (first is None or light[0][0] <= first):
        return Item("icebreakers", title, MET, "you began with an icebreaker",
                    **_cited(light[:1]))
    return Item("icebreakers", title, MISSED, "you went straight to the reason you met",
                rewrite="Start light, with an icebreaker, before the reason you met: "
                "\"How are things with you these days?\"")


def _self_care(m: _Moves) -> Item | None:
    """Seeds 000, 001: stepping back for safety or self-care is credited, never penalised;
    only ever met (when it happened), so it can only add."""
    ending = m.transcript.ending or {}
    stepped = m.with_skill("self_care")
    if not stepped and not ending.get("sound_call"):
        return None
    return Item("self_care", "Looked after yourself", MET, "you stepped back when you "
                "needed to, which is a sound call", **_cited(stepped))


# Calling out in the moment --------------------------------------------------------------

# Seeds 001, 003: "That's not our culture here. Those aren't our values."
_VALUES = re.compile(r"\b(not our culture|aren'?t our values|not (who|what) we (are|stand for)"
                     r"|our values)\b", re.I)
# Seeds 000, 001, 003: ways of interrupting it in the moment.
_INTERRUPT = re.compile(r"\b(can'?t let that (go|slide|pass)|not (an? )?(okay|ok|appropriate)"
                        r"|don'?t find that funny|landed on me|hold on|push back)\b", re.I)
_LECTURE_WORDS = 35  # a turn longer than this, in the moment, is a speech


def _calling_out(m: _Moves) -> Iterator[Item | None]:
    yield _spoke_up(m)
    yield _skilled(m, "affirms_values", _VALUES, "affirmed_values", "Said what we stand for",
        "you named the values at stake", "you did not name the values at stake",
        "Affirm values and standards to the group: \"That's not our culture here. Those "
        "aren't our values.\"")
    yield _if_tested(_no_lecture(m), m.said_something())


def _spoke_up(m: _Moves) -> Item:
    """Seed 000: speak up when words need to be interrupted to prevent further harm."""
    spoke = _union(m.with_skill("names_specifics", "affirms_values", "steady"),
                   m.matching(_INTERRUPT), [(n, t) for n, t in m.substantive()
                                            if "i_statement" in t.labels])
    title = "Spoke up in the moment"
    rewrite = ("Interrupt it then and there, briefly: \"I can't let that go. It's not an "
               "appropriate thing to say.\"")
    if spoke and m.moves and spoke[0][0] == m.moves[0][0]:
        return Item("spoke_up", title, MET, "you interrupted it when it happened",
                    **_cited(spoke[:1], _INTERRUPT, {"i_statement"}))
    if spoke:
        return Item("spoke_up", title, PARTLY, "you spoke up, but not at the time",
                    rewrite=rewrite, **_cited(spoke[:1], _INTERRUPT, {"i_statement"}))
    return Item("spoke_up", title, MISSED, "you let it pass", rewrite=rewrite)


def _no_lecture(m: _Moves) -> Item:
    lectured = _union(m.with_skill("lecturing"),
                      [(n, t) for n, t in m.moves if t.words > _LECTURE_WORDS])
    return _avoided("no_lecture", "Named it briefly, no lecture", lectured,
                    "you said it briefly and let it land",
                    "you explained at length what they should know",
                    "Name it in a sentence, then stop: the lesson can wait for a private talk.")


def _found(item_id: str, title: str, found: list[tuple[int, Turn]], seen: str, unseen: str,
           rewrite: str, weight: float = 1.0, pattern: re.Pattern[str] | None = None,
           labels: Collection[str] = ()) -> Item:
    """Met when `found` holds a move, quoted on the phrase or label that decided it."""
    if found:
        return Item(item_id, title, MET, seen, weight=weight,
                    **_cited(found, pattern, labels))
    return Item(item_id, title, MISSED, unseen, rewrite=rewrite, weight=weight)


def _skilled(m: _Moves, skill: str, phrase: re.Pattern[str], item_id: str, title: str,
             seen: str, unseen: str, rewrite: str, weight: float = 1.0) -> Item:
    """Met by a move tagged `skill` or words saying `phrase`, quoted on the phrase."""
    return _found(item_id, title, _union(m.with_skill(skill), m.matching(phrase)), seen,
                  unseen, rewrite, weight, pattern=phrase)


def _avoided(item_id: str, title: str, slips: list[tuple[int, Turn]], kept: str, slipped: str,
             rewrite: str, pattern: re.Pattern[str] | None = None) -> Item:
    """`_found`'s mirror, for something not to do: met unless it was done (quoted)."""
    if not slips:
        return Item(item_id, title, MET, kept)
    return Item(item_id, title, MISSED, slipped, rewrite=rewrite, **_cited(slips, pattern))


def _i_statements(m: _Moves) -> Item:
    owned, blamed = m.with_label("i_statement"), m.with_fault("you_blame")
    detail = f"{len(owned)} I-statement(s), {len(blamed)} you-blame(s)"
    rewrite = ("Turn the blame into an I-statement about impact: \"I felt … when you …\"")
    if owned and not blamed:
        return Item("i_statements", "\"I\" statements, not \"you\" blame", MET, detail,
                    **_cited(owned, labels={"i_statement"}))
    verdict = PARTLY if owned and len(owned) >= len(blamed) else MISSED
    return Item("i_statements", "\"I\" statements, not \"you\" blame", verdict, detail,
                rewrite=rewrite, **_cited(blamed or owned, labels={"you_blame", "i_statement"}))


def _questions(m: _Moves) -> Item:
    open_, closed = m.with_label("open_question"), m.with_label("closed_question")
    asked = len(open_) + len(closed)
    title = "Open questions: how and why"
    rewrite = "Ask how or why, with a genuine wish to hear: \"What did you mean by that?\""
    if not asked:
        return Item("questions", title, MISSED, "you asked no questions: curiosity comes "
                    "before conclusions", rewrite=rewrite, weight=1.5)
    share = len(open_) / asked
    verdict = MET if share >= 0.7 else PARTLY if share >= 0.5 else MISSED
    detail = f"{share:.0%} of your questions were open ({len(open_)} of {asked})"
    return Item("questions", title, verdict, detail, weight=1.5,
                rewrite="" if verdict == MET else rewrite,
                **_cited(open_ if verdict == MET else closed,
                         labels={"open_question", "closed_question"}))


def _invited(m: _Moves) -> Item:
    strong = _union(m.with_skill("invites_clarification"), m.matching(_INVITE))
    title = "Invited them to explain"
    if strong:
        return Item("invited_clarification", title, MET, "you asked them to help you "
                    "understand", **_cited(strong, _INVITE))
    asked = m.with_label("open_question")
    rewrite = "Invite clarification: \"Can you help me understand what you meant?\""
    if asked:
        return Item("invited_clarification", title, PARTLY, "you asked open questions, but "
                    "not what they meant or intended", rewrite=rewrite,
                    **_cited(asked, labels={"open_question"}))
    return Item("invited_clarification", title, MISSED, "you did not ask for their side",
                rewrite=rewrite)


def _no_insults(m: _Moves) -> Item:
    insults, judged = m.with_fault("insult"), m.with_fault("you_blame")
    title = "No insults or character judgments"
    if insults:
        return Item("no_insults", title, MISSED, "you attacked their character", weight=1.5,
                    rewrite="Avoid insults and character judgments; describe the act and its "
                    "impact instead.", **_cited(insults, labels={"insult"}))
    if judged:
        return Item("no_insults", title, PARTLY, "no insults, but some blame of the person",
                    weight=1.5, rewrite="Keep to the words and actions, not who they are.",
                    **_cited(judged, labels={"you_blame"}))
    return Item("no_insults", title, MET, "they pushed back, and you kept to the act, not "
                "the person", weight=1.5, **_cited(m.answers_to(_PROVOKING)))


def _steady(m: _Moves) -> Item | None:
    """After each defensive line from the partner, was the learner's next move calm?"""
    answers = [(n, t, not clear_labels(t) & _HEATED)
               for n, t in m.answers_to(frozenset(DEFENSIVE_LABELS))]
    if not answers:
        return None
    shaky = [(n, t) for n, t, calm in answers if not calm]
    title = "Stayed steady when they got defensive"
    detail = f"calm after {len(answers) - len(shaky)} of {len(answers)} defensive replies"
    if not shaky:
        return Item("stayed_steady", title, MET, detail, weight=1.5,
                    **_cited([(n, t) for n, t, _ in answers]))
    verdict = PARTLY if len(shaky) < len(answers) else MISSED
    return Item("stayed_steady", title, verdict, detail, weight=1.5, rewrite=(
        "Breathe, speak softly, and come back to the purpose: \"I hear that it wasn't meant "
        "that way. I'm telling you how it landed.\""), **_cited(shaky, labels=_HEATED))


# A fault that is heat: everything counted against a learner but a non-apology.
_HEATED = FAULT_LABELS - {"non_apology"}


# The overall score ---------------------------------------------------------------------


def _skills(items: tuple[Item, ...], m: _Moves) -> tuple[float, str]:
    """The rubric's weighted share met (0..1), and the one-line reason."""
    if not m.moves:
        return 0.0, "no moves yet: there is nothing to score"
    if not items:  # every item of the rubric waits for something that never came up
        return 0.0, "nothing this rubric scores came up in the talk"
    total = sum(i.weight for i in items)
    value = sum(_VALUE[i.verdict] * i.weight for i in items) / total
    strong = [i.title for i in items if i.verdict == MET]
    weak = sorted((i for i in items if i.verdict != MET), key=lambda i: (-i.weight, i.verdict))
    if not weak:
        return value, "every skill scored was there"
    if not strong:
        return value, f"start with: {weak[0].title.lower()}"
    return value, (f"strong on {strong[0].lower()}; work on {weak[0].title.lower()}")
