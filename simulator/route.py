"""Route: a learner's own words -> the authored reply they fit, or an honest "not sure".

Each offered reply is scored against what was typed: the analyzer's labels
against the reply's tags, and the wording against the reply's text and its
author's example phrasings (`also:`). A reply is taken only when it clearly
fits (a good score, well ahead of the next), and never when it makes a move
the learner did not make: a defence, an insult, blame, a non-apology, or
leaving the talk. Words that say what one of the reply's phrasings says (close
in meaning by the analyzer's encoder, and sharing words) make its move; and a
defence counts for a defence of another kind, the distinction the analyzer
reads least well. When no reply here fits but the words clearly make a move
the talk offers a turn later, that reply is taken: learners do not follow the
author's order. Otherwise the other person answers a defensive move in
character (as before); takes in a good move they clearly made that no reply here
or a turn on carries ("heard": an apology, a reflection, a commitment made
before the story asks for it is not "unclear"); or the learner is asked which
reply they meant, or asked to say more. In all of these the talk stays where
it is.

The decision always says what was understood, so a learner can disagree.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from simulator.analyze import analyze
from simulator.labels import DEFENSIVE_LABELS, LABELS, UNKIND_SKILLS, read_clearly
from simulator.meaning import closeness
from simulator.model import Choice

Near = dict[str, float] | None  # closeness in meaning to each authored phrasing

# The moves the other person answers in character, most serious first. A reply
# carrying one of them is never taken unless the learner's words make it too.
PROBLEM_ORDER = ("insult", "def_counterattack", "def_denial", "def_minimizing",
                 "def_tone_policing", "def_victimhood", "def_credentials", "def_intent",
                 "you_blame", "non_apology")
# Blame of a more specific kind (docs/labels.md, rule 2): each counts as blame made.
BLAME_KINDS = frozenset(("insult", "def_counterattack", "def_tone_policing", "def_victimhood"))
LEAVES = "leaves the talk"  # the move of a reply that drops or ends the conversation
# Moves that speak for the learner's own acts, past and to come: an apology or a
# promise is never put in their mouth either ("thanks, coffee Thursday?" is not "I'm
# sorry I left you alone"), unless their words make it.
OWN_MOVES = ("apology", "commitment")
UNSAID_OWN = ("apology",)  # a promise is only kept from being dropped (see `fit`)
# Moves that hear or own what was raised: words making one of them may be taken as a
# reply that owns it ("I'm sorry, my bad" for "You're right, that's on me. Sorry").
HEARING_MOVES = frozenset(("acknowledgment", "apology", "reflection", "commitment"))
# A skill that is a commitment in labels.md's sense ("Can we talk again next week?").
_PROMISING_SKILLS = frozenset(("follow_up",))

CONFIRM = ("unsure", "never", "always")

# How a decision was reached; transcripts keep it beside the reply routed to.
TAKEN, CONFIRMED, ASK, REACTION, SAY_MORE = "clear", "confirmed", "ask", "reaction", "say-more"
AHEAD = "ahead"  # taken from the replies a turn further on
HEARD = "heard"  # a good move no reply carries: taken in, and the talk waits

# Good moves the other person can take in without a reply to carry them, the most
# telling first, when read clearly (`read_clearly`): being thanked for an apology
# you did not make is worse than being asked to say more.
GOOD_MOVES = ("apology", "commitment", "reflection", "acknowledgment", "gratitude",
              "open_question", "i_statement")  # "got a minute?" wants an answer, not a pause

# Tuned with `callin test --free` on three bundled scenarios (tutorial,
# blues-dance, uncle-bob) and checked on the other two: labels are a coarse
# signal (many replies share an I-statement), wording against the author's
# phrasings a finer one.
LABEL_WEIGHT, WORDING_WEIGHT = 0.35, 0.65
CLEAR_FIT = 0.3  # the least score a reply needs to be taken without asking
CLEAR_MARGIN = 0.1  # ... how far ahead of the next reply it must be
CLEAR_SUM = 0.5  # ... and the two together: a low score must be far ahead
# ... with some words in common: more than a name alone (0.16 let "Kasia, thanks for
# offering" take "Kasia, have you got five minutes?"); 0.2 and 0.3 chosen with
# `callin test --free` and tools/out_of_order.py on every bundled story.
CLEAR_WORDING = 0.2
AHEAD_WORDING = 0.3  # ... and for a reply further on, which skips a turn or two
SAME_WORDS = 0.72  # wording this close to a reply's text or phrasing is that reply's move
# ... and so is a cosine this close in meaning (the analyzer's encoder) holding more
# than this share of the phrasing's words. Chosen with `callin test --free` on
# tutorial, blues-dance and uncle-bob; measured on upward, workplace-joke and the
# held-out playthroughs.
SAME_MEANING, SAME_MEANING_WORDS = 0.8, 0.5
MEANING_AT_MOST = 4  # phrasings compared in meaning a turn (each costs a model run)
ASK_AT_MOST = 3
ASK_FLOOR = 0.15  # below this even the closest reply is too far off to ask about

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_STOP = frozenset((
    "a", "about", "am", "an", "and", "are", "as", "at", "be", "been", "but", "by", "can",
    "could", "did", "do", "does", "for", "from", "had", "has", "have", "he", "her", "him",
    "his", "how", "i", "if", "in", "into", "is", "it", "its", "just", "me", "my", "of",
    "on", "or", "our", "she", "so", "than", "that", "the", "their", "them", "then",
    "there", "they", "this", "to", "up", "us", "was", "we", "were", "what", "when",
    "which", "who", "will", "with", "would", "you", "your", "yours", "i'm", "it's",
    "that's", "you're", "we're", "i've", "i'd", "i'll", "you've", "don't",
))
# Replies that say no more than "okay": a repeated one never moves the talk on.
_MINIMAL = frozenset((
    "ok", "okay", "k", "kk", "right", "sure", "yeah", "yes", "yep", "yup", "ya", "fine",
    "fair", "enough", "alright", "mm", "mhm", "hm", "hmm", "uh", "um", "huh", "oh", "ah",
    "cool", "got", "it", "i", "see", "well", "love", "mate", "so", "and", "then", "no",
    "nope", "true", "good", "understood", "noted",
))
# Words that drop or end the conversation.
_EXIT = re.compile(
    r"\b(forget (it|i said|about it|i mentioned)|never ?mind|(doesn'?t|does not) matter"
    r"|drop it|leave it|let it (go|drop)|another (time|day)|some other time|stop (here|there)"
    r"|(that'?s|that was) all\b|whatever|(have|need|got) to go|gotta go|\bbye\b"
    r"|move on|not worth|it'?s nothing|nothing,? really"
    r"|talk another|that'?ll do|blown over|get back to work)", re.IGNORECASE)
# Words that only invite the other to go on: listening, said aloud ("Go on, I'm
# listening", "take your time, love"), with fillers and a name around them.
_GO_ON = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|right|sure|yeah|yes|mm+|hm+|oh|alright|well|so|love|mate|pet|hun)"
    r"[\s,.!]+)*(?:(?:go on|go ahead|carry on|keep going|i'?m listening|i'?m all ears"
    r"|i'?m here|tell me(?: more)?|take your time|let'?s hear it)[\s,.!]*){1,3}(?:\w+[\s.!]*)?$",
    re.IGNORECASE)
_GO_ON_AT_MOST = 80  # characters
# Not leaving: "yeah, that's it" confirms a reflection; "can we talk again on Sunday?"
# and "let's pick it up tomorrow" propose a next talk (a commitment).

# What the other person says when no reply clearly fits: an invitation to say
# more that does not move the talk on, taken in turn.
SAY_MORE_LINES = ("Sorry, I'm not sure I follow. Can you say a bit more?",
                  "Mm. Go on, what do you mean?",
                  "I want to get this right. Can you put it another way?")

# What the partner says when a story has no reaction for a label, by the side
# the learner plays. Plain and in character for anyone; stories should do better.
DEFAULT_REACTIONS: dict[str, dict[str, str]] = {
    "calling-in": {
        "insult": "Whoa. I'm not going to keep talking if it's like that.",
        "you_blame": "Hang on, that feels like an accusation.",
        "non_apology": "Okay... I'm not sure what you want me to say.",
    },
    "called-in": {
        "insult": "I'm going to stop here. That isn't okay.",
        "you_blame": "I'm not here to fight. I'm telling you how it landed.",
        "non_apology": "I'm not asking you to be sorry that I feel this way. I'm asking you "
                       "to hear what happened.",
        "def_denial": "It did happen. I'm asking you to hear how it landed.",
        "def_minimizing": "It isn't small to me. That's why I'm raising it.",
        "def_counterattack": "This isn't about me. I'm telling you how it felt.",
        "def_tone_policing": "I'm calm. I'm saying it because it matters.",
        "def_victimhood": "I'm not saying you're a bad person. I'm asking you to listen.",
        "def_credentials": "This isn't about who you are. It's about what happened.",
        "def_intent": "I believe you didn't mean it. It still hurt.",
    },
}
FALLBACK_REACTION = "Hm. I'm not sure what to say to that."

# What the other person says on taking in a good move no reply carries, by the side
# the learner plays: brief, warm, and never more than the move itself (it does not
# answer a question it cannot know the answer to; a story's own reaction for the
# label, when it has one, is said instead).
DEFAULT_HEARD: dict[str, dict[str, str]] = {
    "calling-in": {  # said by the one called in: taking it in, agreeing to nothing yet
        "apology": "Oh. Okay. Thanks.",
        "commitment": "Okay. I hear you.",
        "reflection": "Yeah. That's about it.",
        "acknowledgment": "Right. I'm listening.",
        "gratitude": "Sure.",
        "open_question": "Hm. Let me think about that for a second.",
        "i_statement": "Okay. I'm listening.",
    },
    "called-in": {
        "apology": "Thank you. That means something to me.",
        "commitment": "Okay. I'd like that.",
        "reflection": "Yes. That's it.",
        "acknowledgment": "Thank you for hearing that.",
        "gratitude": "Of course.",
        "open_question": "Let me think about that for a second.",
        "i_statement": "Okay. I hear you.",
    },
}


@dataclass
class Fit:
    """How well one offered reply fits what was typed."""

    choice: Choice
    score: float
    labels: list[str]  # the utterance labels both share
    wording: float
    blocked: list[str]  # moves the reply makes that the learner did not, or drops
    same: bool  # the words say what the reply's own text or a phrasing of it says


@dataclass
class Decision:
    choice: Choice | None
    labels: list[str]
    evidence: list[dict[str, Any]] = field(default_factory=list)
    problem: str | None = None  # the label reacted to, when no choice is taken
    explanation: str = ""
    how: str = TAKEN  # clear, ahead, ask, reaction, heard or say-more
    sure: float = 0.0  # the score of the reply taken (or the best offered), 0..1
    candidates: list[Choice] = field(default_factory=list)  # to ask about, best first


def route(text: str, offered: Sequence[Choice], *, side: str | None = None,
          previous: str | None = None, confirm: str = "never",
          exits: Collection[str] = (), last_reply: str | None = None,
          ahead: Sequence[Choice] = (), further: Sequence[Choice] = ()) -> Decision:
    """Route `text` among `offered` replies. `exits`: keys of replies that end the
    talk unrepaired; `last_reply`: the learner's reply before this one; `ahead` and
    `further`: replies the talk offers a turn and two turns later, taken when the
    words clearly make one of those moves already (the nearer first). `side` and
    `previous` (the line answered) are for the analyzer."""
    if confirm not in CONFIRM:
        raise ValueError(f"confirm is one of {', '.join(CONFIRM)}, not '{confirm}'")
    analysis = analyze(text, side=side, previous=previous)
    labels = list(analysis.labels)
    near = closeness(text, _worth_comparing(text, labels, (*offered, *ahead, *further),
                                            exits))
    sure = _sure(analysis.evidence)
    own = _kept(analysis.evidence)
    here = _fits(text, labels, offered, exits, near, own)
    usable = _unblocked(here)
    best = usable[0] if usable else None
    clear = best is not None and _clear(best, usable[1] if len(usable) > 1 else None)
    later = _later(text, labels, ahead, exits, usable, near, own)
    if later is None and further and not clear:  # two turns on: only when nothing nearer fits
        nearer = [*usable, *_usable(text, labels, ahead, exits, near, own)]
        later = _later(text, labels, further, exits, nearer, near, own)
    move = _heard(text, sure, [f.choice for f in usable])
    heard = None if move is None else \
        (move, _heard_why(move, labels, [f for f in here if move in f.choice.tags]))
    how, chosen, problem, asked, why = _decide(text, labels, usable, clear, later, confirm,
                                               last_reply, heard)
    shown = chosen or best
    read = f"read as: {', '.join(pretty(labels)) or 'no particular move'}"
    return Decision(chosen.choice if chosen and how in (TAKEN, AHEAD) else None, labels,
                    [e._asdict() for e in analysis.evidence], problem, f"{read}; {why}", how,
                    round(shown.score, 2) if shown else 0.0, [f.choice for f in asked])


_Decided = tuple[str, Fit | None, str | None, list[Fit], str]


def _decide(text: str, labels: Sequence[str], usable: list[Fit], clear: bool,
            later: Fit | None, confirm: str, last_reply: str | None,
            heard: tuple[str, str] | None) -> _Decided:
    """How to answer: take a reply (here or a turn ahead), react, take a good move in
    (`heard`: the move, and why no reply takes it), ask, or ask for more."""
    best = usable[0] if usable else None
    problem = _uncovered_problem(labels, best if clear else None)
    if problem is not None:
        return REACTION, None, problem, [], "no reply here fits that, so they answer it"
    if minimal(text) and last_reply is not None and minimal(last_reply):
        return SAY_MORE, None, None, [], "a short reply again, so they wait for more"
    if later is not None and confirm != "always":  # clearly ahead of every reply here
        return AHEAD, later, None, [], (f"taken as \"{later.choice.short}\", a move the "
                                        f"talk was coming to ({_why(later)})")
    if clear and best is not None and confirm != "always":
        return TAKEN, best, None, [], f"taken as \"{best.choice.short}\" ({_why(best)})"
    if heard is not None:  # asking which reply they meant would offer none that makes it
        return HEARD, None, heard[0], [], heard[1]
    if confirm != "never" and best is not None and _worth_asking(text, best, clear):
        return ASK, best, None, _closest(usable), "closest to what you meant?"
    return SAY_MORE, None, None, [], "no reply here clearly fits that, so they ask for more"


def _heard(text: str, sure: set[str], replies: Sequence[Choice]) -> str | None:
    """The good move the words clearly make (`sure`: the labels read clearly) that no
    reply they could be taken as (`replies`: those not blocked) carries, by its tags,
    most telling first; None for a bare "okay" or words that leave. A reply that
    carries the move but makes another the words do not ("It didn't sit right. Carry
    on; I'll grab you after" leaves the talk) does not make "it bothered me" unclear.
    (A reply further on may carry it: when the words did not clearly make that one,
    the move is still theirs, and the talk waits for the rest.)"""
    if minimal(text) or leaves(text):
        return None
    carried = {t for c in replies for t in c.tags}
    return next((m for m in GOOD_MOVES if m in sure and m not in carried), None)


def _heard_why(move: str, labels: Sequence[str], carriers: Sequence[Fit]) -> str:
    """Why a good move was taken in rather than taken as a reply: none here makes it,
    or the one that does makes another move the words do not, or drops one they do."""
    after = ", so they take it in and wait for you to go on"
    named = pretty([move])[0]
    if not carriers:
        return f"no reply here makes that move ({named}){after}"
    closest = max(carriers, key=lambda f: f.score)
    unmade = [m for m in closest.blocked if m not in labels]
    dropped = [m for m in closest.blocked if m in labels]
    if unmade:
        doing = " and ".join(m if m == LEAVES else f"makes another move ({pretty([m])[0]})"
                             for m in unmade)
        return f"the reply here that makes that move ({named}) also {doing}, " \
            f"which you did not{after}"
    return (f"the reply here that makes that move ({named}) leaves out your "
            f"{' and '.join(pretty(dropped))}{after}")


def _kept(evidence: Sequence[Any]) -> set[str]:
    """The apology or promise never to be dropped by the reply taken: an apology read
    clearly, a promise only where a rule found its words ("I'll...", "next time...").
    The model alone reads promises into plain past acts often enough ("I'm sorry I
    set that date" at 0.92) that trusting it would turn their apology away."""
    return {e.label for e in evidence if e.label in OWN_MOVES
            and (e.probability is None if e.label == "commitment" else read_clearly(e.probability))}


def _sure(evidence: Sequence[Any]) -> set[str]:
    """The labels read clearly: a rule found the words, or the model is well above its
    threshold."""
    return {e.label for e in evidence if read_clearly(e.probability)}


def _usable(text: str, labels: Sequence[str], replies: Sequence[Choice],
            exits: Collection[str], near: Near = None,
            own: Collection[str] = OWN_MOVES) -> list[Fit]:
    """The spoken replies that make no move the words do not, best first."""
    return _unblocked(_fits(text, labels, replies, exits, near, own))


def _fits(text: str, labels: Sequence[str], replies: Sequence[Choice],
          exits: Collection[str], near: Near, own: Collection[str]) -> list[Fit]:
    """Every spoken reply, scored against the words (`fit`)."""
    return [fit(text, labels, c, c.key in exits, near, own) for c in replies if not c.silent]


def _unblocked(fits: Sequence[Fit]) -> list[Fit]:
    return sorted((f for f in fits if not f.blocked), key=lambda f: -f.score)


def _later(text: str, labels: Sequence[str], ahead: Sequence[Choice],
           exits: Collection[str], here: list[Fit], near: Near = None,
           own: Collection[str] = OWN_MOVES) -> Fit | None:
    """A reply a turn ahead that the words clearly make, ahead of every reply here
    and there; never a defensive, harmful or leaving one or a reflection, nor for
    a bare "okay"."""
    if not ahead or minimal(text):
        return None
    # A reflection mirrors what the other person says on the way there: unsaid yet.
    # A slip (a shame spiral) is no move to jump ahead to: nothing in the words shows it.
    calm = [c for c in ahead if "reflection" not in c.tags
            and not guarded_moves(c, c.key in exits) and UNKIND_SKILLS.isdisjoint(c.tags)]
    later = _usable(text, labels, calm, exits, near, own)
    if not later:
        return None
    rivals = sorted([*here, *later[1:]], key=lambda f: -f.score)
    best = later[0]
    # Going on skips what the other person would say on the way: words in common
    # must be more than a name and a word or two, or say what a phrasing says.
    close = best.wording >= AHEAD_WORDING or best.same
    return best if close and _clear(best, rivals[0] if rivals else None) else None


def fit(text: str, labels: Sequence[str], choice: Choice, exits: bool = False,
        near: Near = None, own: Collection[str] = OWN_MOVES) -> Fit:
    """Score one reply: shared labels and closeness of wording, 0..1. `near` (closeness
    in meaning to each phrasing) decides, with the words, whether they are the reply's;
    `own`: the apology or promise the words clearly make, never to be dropped."""
    guarded = [*guarded_moves(choice, exits), *(t for t in choice.tags if t in UNSAID_OWN)]
    made = _moves_made(text, labels) | {label for label in labels if label in OWN_MOVES}
    # Leaving the talk counts as a move both can make, like a label.
    tags = [t for t in choice.tags if t in LABELS] + [LEAVES] * (LEAVES in guarded)
    moves = [*labels, LEAVES] if LEAVES in made else list(labels)
    shared = [t for t in tags if t in moves]
    # Half for how much of the reply's move they made, half for how much of
    # their move the reply carries.
    label_fit = (len(shared) / len(tags) + len(shared) / len(moves)) / 2 if shared else 0.0
    wording = max((similarity(text, p) for p in phrasings(choice)), default=0.0)
    same = wording >= SAME_WORDS or _same_meaning(text, choice, near)
    # ... nor one dropped: their apology or promise taken as a reply without it is lost
    # (and the story asks them for what they just said).
    dropped = [m for m in OWN_MOVES if m in labels and m in own and m not in _carried(choice)]
    blocked = [] if same else [m for m in guarded if not _made(m, made)] + dropped \
        + _unowned(text, labels, choice)
    score = LABEL_WEIGHT * label_fit + WORDING_WEIGHT * wording
    return Fit(choice, round(score, 4), shared, wording, blocked, same)


def _unowned(text: str, labels: Sequence[str], choice: Choice) -> list[str]:
    """Owning the harm ("you're right, that's on me"), when the words make no move of
    hearing or owning it (`HEARING_MOVES`) and hold too little of what one of the
    reply's phrasings says: "thanks for telling me" is not "You're right... That's on
    me. Thank you for telling me"."""
    if "acknowledgment" not in choice.tags or not HEARING_MOVES.isdisjoint(labels):
        return []
    said = max((_held(text, p) for p in phrasings(choice)), default=0.0)
    return [] if said > SAME_MEANING_WORDS else ["acknowledgment"]


def _same_meaning(text: str, choice: Choice, near: Near) -> bool:
    """Their words say what one of the author's phrasings of the reply says: close in
    meaning, and holding more than half of that phrasing's words (meaning alone is too
    loose to put a move in their mouth, and a phrasing that says more makes more moves)."""
    if not near:
        return False
    return any(near.get(p, 0.0) >= SAME_MEANING and _held(text, p) > SAME_MEANING_WORDS
               for p in phrasings(choice))


def _worth_comparing(text: str, labels: Sequence[str], replies: Sequence[Choice],
                     exits: Collection[str]) -> list[str]:
    """The phrasings to compare in meaning, each a model run: only where meaning can
    change the decision (a reply whose guarded move the labels do not make, or any
    reply when a problem move was made: `fit`, `_uncovered_problem`), only phrasings
    whose words the text mostly holds (the rest can never be its move), the few it
    holds most."""
    made = _moves_made(text, labels)
    problem = any(label in PROBLEM_ORDER for label in labels)
    held = {p: _held(text, p) for c in replies
            if problem or any(not _made(m, made) for m in guarded_moves(c, c.key in exits))
            for p in phrasings(c)}
    worth = [p for p, share in held.items() if share > SAME_MEANING_WORDS]
    return sorted(worth, key=lambda p: -held[p])[:MEANING_AT_MOST]


def _held(text: str, phrasing: str) -> float:
    """The share of a phrasing's content words that `text` holds, fillers ("okay",
    "fair enough") aside: they say too little to make anyone's move."""
    wanted = content_words(phrasing) - _MINIMAL
    return len(content_words(text) & wanted) / len(wanted) if wanted else 0.0


def replies_ahead(node: str, here: Sequence[Choice], exits: Collection[str],
                  later: Callable[[str], Iterable[Choice]]) -> list[Choice]:
    """The replies a turn from now, past each calm reply `here` (`later(node)` gives a
    node's replies): what the talk is coming to. Not those a learner can make here.
    A jump there takes the reply on the way as made, so none on the way may be a
    slip either (a shame spiral the other person then comforts). A silent move is a
    way on too: words that already make the move the story waits for after a pause
    go on to it (the pause itself is not credited: it was not taken)."""
    said_here = {c.say for c in here}
    calm = dict.fromkeys(c.to for c in here
                         if not guarded_moves(c, c.key in exits)
                         and UNKIND_SKILLS.isdisjoint(c.tags))
    return [c for via in calm if via != node for c in later(via)
            if c.say and c.say not in said_here]


def replies_further(node: str, here: Sequence[Choice], first: Sequence[Choice],
                    exits: Collection[str],
                    later: Callable[[str], Iterable[Choice]]) -> list[Choice]:
    """The replies two turns from now, past the calm replies a turn from now (`first`,
    as `replies_ahead` gives them): not those a learner can make here or a turn on, nor
    back where the talk is."""
    nearer = {c.say for c in (*here, *first)}
    seen = {node, *(c.node_id for c in first)}
    return [c for via in dict.fromkeys(c.node_id for c in first)
            for c in replies_ahead(via, list(later(via)), exits, later)
            if c.node_id not in seen and c.say not in nearer]


def phrasings(choice: Choice) -> list[str]:
    """A reply's text and its author's example phrasings."""
    return [p for p in (choice.say, *choice.also) if p]


def similarity(a: str, b: str) -> float:
    """How alike two utterances are in wording, 0..1 (Dice over content words)."""
    words_a, words_b = content_words(a), content_words(b)
    if not words_a or not words_b:
        return 1.0 if a.strip().lower() == b.strip().lower() and a.strip() else 0.0
    return 2 * len(words_a & words_b) / (len(words_a) + len(words_b))


@lru_cache(maxsize=8192)  # authored replies and phrasings are read again every turn
def content_words(text: str) -> frozenset[str]:
    words = _WORD.findall(text.lower().replace("\u2019", "'"))
    return frozenset(_stem(w) for w in words if w not in _STOP)


def minimal(text: str) -> bool:
    """True for a reply that says no more than "okay", "right, fair enough"..."""
    words = _WORD.findall(text.lower().replace("\u2019", "'"))
    return bool(words) and all(w in _MINIMAL for w in words)


def invites_them_on(text: str) -> bool:
    """Do the words only invite the other person to go on (a listening move), or say
    nothing in words at all ("...", a pause typed)? Such words are short; the bound
    also keeps the pattern's backtracking small."""
    if len(text) >= _GO_ON_AT_MOST:
        return False
    return not any(c.isalnum() for c in text) or _GO_ON.match(text) is not None


def leaves(text: str) -> bool:
    """True when the words drop or end the conversation ("forget it", "another time")."""
    return _EXIT.search(text) is not None


def default_reaction(side: str, label: str | None) -> str:
    return DEFAULT_REACTIONS.get(side, {}).get(label or "", FALLBACK_REACTION)


def default_heard(side: str, label: str) -> str:
    return DEFAULT_HEARD.get(side, {}).get(label, "Okay. I'm listening.")


def pretty(labels: Sequence[str]) -> list[str]:
    return [label.replace("def_", "defensive: ").replace("_", " ") for label in labels]


def _stem(word: str) -> str:
    word = word.split("'")[0] if word.endswith(("'s", "'re", "'ll", "'ve", "'d", "'m")) \
        else word
    for suffix in ("ing", "ed", "es", "ly", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def guarded_moves(choice: Choice, exits: bool) -> list[str]:
    """The moves of a reply that must never be put in a learner's mouth. `exits`:
    it ends the talk unrepaired, which is leaving when it makes no labelled move."""
    tags = [t for t in choice.tags if t in LABELS]
    moves = [t for t in tags if t in PROBLEM_ORDER]
    if leaves(choice.say or "") or (exits and not tags):
        moves.append(LEAVES)
    return moves


def _carried(choice: Choice) -> set[str]:
    """The apology or promise a reply carries, by its tags: a proposal to meet again
    (`follow_up`) carries a learner's "can we talk again Thursday?". (It is not put in
    anyone's mouth as a promise, though: an invitation to talk is mild, and the
    analyzer often reads one as no commitment.)"""
    carried = {t for t in choice.tags if t in OWN_MOVES}
    return carried | {"commitment"} if not _PROMISING_SKILLS.isdisjoint(choice.tags) \
        else carried


def _moves_made(text: str, labels: Sequence[str]) -> set[str]:
    made = {label for label in labels if label in PROBLEM_ORDER}
    return made | {LEAVES} if leaves(text) else made


def _clear(best: Fit, second: Fit | None) -> bool:
    """A good score well ahead of the next (a lower one only far ahead of it), and
    some words in common: a shared label alone is too coarse to go on."""
    margin = best.score - (second.score if second is not None else 0.0)
    return best.score >= CLEAR_FIT and margin >= CLEAR_MARGIN and \
        best.score + margin >= CLEAR_SUM and best.wording >= CLEAR_WORDING


def _worth_asking(text: str, best: Fit, clear: bool) -> bool:
    """Ask only about replies close to what was typed: not for a bare "okay", nor
    when even the closest reply is far off (then they are asked to say more)."""
    return clear or (not minimal(text) and best.score >= ASK_FLOOR)


def _closest(usable: Sequence[Fit]) -> list[Fit]:
    """The two or three replies to ask about: the best, and those not far behind it."""
    top = usable[0].score
    close = [f for f in usable[:ASK_AT_MOST] if f.score >= top / 2 or f.score > 0.15]
    return close if len(close) >= 2 else list(usable[:2])


def _uncovered_problem(labels: Sequence[str], taken: Fit | None) -> str | None:
    """The most serious defensive or harmful move made, unless the reply taken makes
    it too (then the story's own next lines answer it): by its tags, by a move of
    the same kind, or because the words say what the reply says (then the reply's
    move is theirs, whatever the analyzer makes of it). An insult is always answered."""
    worst = next((label for label in PROBLEM_ORDER if label in labels), None)
    if worst is None or taken is None:
        return worst
    if worst in taken.choice.tags:
        return None
    if worst == "insult":  # answered unless the reply taken is one, whatever else it says
        return worst
    kin = any(_made(t, (worst,)) or _made(worst, (t,)) for t in taken.choice.tags)
    return None if taken.same or kin else worst


def _made(move: str, moves: Collection[str]) -> bool:
    """Whether `moves` include `move`. Any defence counts for any other, since which
    kind it is, is what the analyzer reads least well; and an insult, a counterattack,
    tone policing or victimhood are each blame of the listener, only more specific
    (docs/labels.md, rule 2). The reply taken must still clearly fit the words."""
    if move in moves:
        return True
    if move in DEFENSIVE_LABELS:
        return any(m in DEFENSIVE_LABELS for m in moves)
    return move == "you_blame" and any(m in BLAME_KINDS for m in moves)


def _why(best: Fit) -> str:
    reasons = []
    if best.labels:
        reasons.append(f"both {', '.join(pretty(best.labels))}")
    if best.wording >= 0.3 or not best.labels:
        reasons.append("close in wording")
    return "; ".join(reasons)
