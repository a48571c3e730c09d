"""The rules: clause logic for the hard cases of docs/labels.md, then the labels
with the span and rule that earned each."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable

from simulator.analyze.fragments import (
    _NEGLECTED,
    EMB,
    MINE,
    NEG,
    OWN,
    REFL,
    SMALL_THANKS_FOR,
    START,
    SUB,
    THANKS,
    YOU,
)
from simulator.analyze.matcher import (
    _ANY_WORD,
    _ANYWHERE,
    _COMPILED,
    _GROUP_NAMES,
    _OPENINGS,
    _RULES_BY_GROUP,
    _STARTS,
    _TABLE,
    _compile,
    _compile_plan,
    _Hit,
)
from simulator.analyze.matcher import RULES as RULES
from simulator.analyze.result import Analysis, Evidence
from simulator.labels import DEFENSIVE_LABELS, LABELS
from simulator.words import count_words

_NORMALISE = str.maketrans({
    "\u2019": "'", "\u2018": "'", "\u201b": "'", "\u02bc": "'", "\u2032": "'", "`": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00a0": " ", "\u2009": " ", "\u202f": " ",
    "\t": " ",
})
# Quoted words are someone's words being mentioned, not the speaker's move.
_QUOTE = re.compile(r"'(?<![\w']')(?=[^\s'])(?:[^'\n]|'(?=\w)){0,200}?'(?!\w)|\"[^\"\n]{0,200}\"")
_REPORTED = _compile(
    r"\b(?:he|she|(?-i:(?!I\b|You\b|Everyone\b|Everybody\b|Nobody\b|People\b|They\b)[A-Z][a-z]+)"
    r"|(?:my|his|her|their|our) \w+)\s+(?:said|says|told (?:me|her|him|them|us|everyone)"
    r"|asked|goes|went|was like|kept saying|would say|yelled|shouted|called (?:her|him|them"
    r"|me|us|it))\b([^.!?;\n]{0,200})", re.IGNORECASE)  # names need the original case
_REPORTING_HINT = re.compile(r" (?:said|says|saying|told|called|asked|goes|went|was like|yelled"
                             r"|shouted)\b")
_SENTENCE_END = re.compile(r"[.!?\u2026\n](?:(?<=\n)|[.!?\u2026]*['\")\]]*(?=\s|$))")
# Where a clause ends: punctuation, a dash, or " but/and/or". One leading
# character class lets `re` skip ahead in C; run on the lowercased text.
_CLAUSE_BREAK = re.compile(r"[,;:\n\u2014\u2013.!?\u2026 ](?:(?<=[,;:\n\u2014\u2013])"
                           r"|(?<=[.!?\u2026])[.!?\u2026]*['\")\]]*(?=\s|$)"
                           r"|(?<= )(?:-(?= )|(?:but|and|or)(?![a-z0-9])))")

# Guards, read on the clause (or sentence) before a match.
_NEG_BEFORE = _compile(r"\b(?:not|never|no|nothing|hardly)\b|n't\b|\b(?:dont|didnt|isnt"
                       r"|wasnt|cant|wont|doesnt|arent|werent|couldnt|wouldnt)\b")
_SUB_BEFORE = _compile(r"\b(?:when|whenever|if|after|before|since|because|while|that|how|what"
                       r"|why|where|who|which|until|once|as)\b")
_FILLERS_ONLY = _compile(r"\W*(?:(?:and|but|so|honestly|look|listen|yeah|well|oh|plus|also"
                         r"|then|i mean|seriously|frankly|come on|okay|ok|like)\b\W*)*")
_YOU_CLAUSE = _compile(r"\W*(?:(?:and|but|so|honestly|look|listen|yeah|well|oh|plus|also|then"
                       r"|i mean|seriously|frankly|come on|okay|ok)\b\W*)*you\b(?!'d)"
                       r"(?:(?!\bi\b)[^.?!;,])*$")
_EMB_BEFORE = _compile(r"\b(?:tell|told|telling|say|said|saying|admit|admitted|admitting"
                       r"|pretend|pretending)\b")
# The speaker owning the act just before what followed it: "i did that and
# everyone laughed" tells what happened; it does not plead that it was fine.
_OWN_BEFORE = _compile(r"\bi (?:did|said|made|told|posted|sent|wrote|shared|put) "
                       r"(?:it|that|this|those|them|the \w+)\b[^,;]*\band (?:then )?$")
_REFL_AFTER = _compile(r"[^\w.?!]*(?:to|for) you\b")
_REFL_BEFORE = _compile(r"\b(?:for|to) you,|\byou(?:'re| are) saying\b|\bsounds like\b"
                        r"|\bin your (?:eyes|view|mind)\b")

# Reflections: how the sentence opens, or a "what I'm hearing" anywhere.
_REFLECT_START = _compile(
    r"(?P<sounds_like>(?:(?:so|okay|ok|right|and)\W+)*(?:it )?(?:sounds|seems) like\b"
    r"(?=[^.?!]{0,80}\b(?:you|your|felt|feels?|was|were)\b))"
    r"|(?P<so_you>(?:(?:okay|ok|right|and)\W+)?so\W+(?!then\b)(?:what (?:you're|you are)"
    r" saying is\W+)?(?:(?:for|to) you\b|(?:from|in) your (?:view|eyes|side|perspective)\b"
    r"|you(?!'re the one| are the one)\b|(?:it|that|this|the \w+)\b[^.?!]{0,60}\b(?:to|for)"
    r" you\b))")
_REFLECT_CUES = ("hear", "saying", "underst", "must have felt", "i know")  # cheap pre-check
_REFLECT_ANY = _compile(
    r"\bi(?:'m| am)? hear(?:ing)? (?:that )?you(?:'re| are| were| felt| feel| want| wanted"
    r"| need| needed| didn't| don't| say| said|'d)\b|\bwhat i(?:'m| am) hearing\b"
    r"|\bif i (?:understand|hear|heard|understood) you (?:right|correctly)\b"
    r"|\byou(?:'re| are) saying\b|\b(?:you|it) must have felt\b"
    r"|\bi know (?:that )?(?:it|this|that) (?:was|wasn't|felt|seemed|didn't)\b[^.?!,]{0,40}"
    r"\b(?:to|for) you\b")

# Apologies.
_APOLOGY_CUE = _compile(r"\b(?:sorry|apologi[sz]e|apologies|i owe (?:you|\w+) an apology)\b")
_APOLOGY_SUBJECT = _compile(
    r"\W*(?:(?:and|but|so|well|oh|look|listen|okay|ok|honestly|hey|yeah|again|also|first|wow"
    r"|ugh|fine|alright|jeez|geez)"
    r"\b\W*)*(?:(?:i'm|i am|i really am|i truly am|i do|i|my|i(?:'d| would) like to"
    r"|i (?:just )?want(?:ed)? to|let me)\s+)?(?:(?:so|really|truly|very|deeply|terribly"
    r"|just|genuinely|sincerely|also|do|am|awfully|incredibly|honestly)\s+)*")
_HAS_SUBJECT = _compile(r"\bi\b|\bi'm\b|\bmy\b|\blet me\b")
_APOLOGY_REPAIR = _compile(r"\W*(?:\?|what\b|quick (?:one|question)|(?:can|could) you (?:say"
                           r"|repeat)|say (?:that|it)"
                           r" again|come again|pardon|i didn't (?:catch|hear)|to (?:interrupt"
                           r"|bother|cut in|jump in|keep you)|to hear\b|(?:my )?english\b"
                           r"|wrong (?:chat|group|thread|person|number)\b)")
_APOLOGY_CONDITIONAL = _compile(
    r"\W*(?:(?:that|for) )?(?:(?P<condition>if\b)|you\b(?!(?:'re| are) (?:so |quite "
    r"|absolutely |totally )?(?:right|correct)\b)|(?:anyone|anybody|some people|people|some of you"
    r"|they|he|she|others|everyone) (?:was|were|felt|feel|took|got|found|is|are|might)\b"
    r"|(?:she|he|they|it)(?:'s|'re| is| are| was| were| got)? (?:so |really )?(?:upset|hurt"
    r"|offended|bothered|annoyed)\b|(?:it|this|that)(?:'s| is)? (?:feels|felt|came across"
    r"|comes across|landing|landed|seems|seemed|sounded|upset|hurt|offended|bothered)\b"
    r"|for (?:how you feel|your feelings|any (?:offen[cs]e|misunderstanding|confusion)"
    r"|whatever)|about your feelings)")
_BUT = _compile(r"\bbut\b")
_THANKS_FOR_SMALL_THINGS = _compile(r"\b(?:" + THANKS + r"|ty|cheers|ta)\b" + SMALL_THANKS_FOR)
# "Sorry for your trouble", "sorry to hear that": sympathy, no apology for an act of
# one's own (labels.md rule 25); the model reads the "sorry" in them as one.
_FOR_SYMPATHY = (
    r"\W*(?:for your (?:loss|trouble)s?\b|to hear (?:that|this|it|about|of)\b"
    r"|about your (?:loss|mum|mam|mom|ma|dad|da|mother|father|gran|granny|nan|grandad"
    r"|grandma|grandpa|wife|husband|brother|sister|son|daughter)(?=\W*(?:x+\W*)?$))")
_SYMPATHY_AFTER = _compile(_FOR_SYMPATHY)
_SYMPATHY = _compile(r"\bsorry" + _FOR_SYMPATHY)
# "I'm sorry I hurt you": sorry for an act of one's own, named: 134 of 138 such lines in
# the corpus are apologies (the rest sarcasm or a "but", which the rules read apart).
_I_DID = _compile(
    r" (?:that )?i (?:\w+ed|did|didn't|did not|said|made|hurt|was|wasn't|went|took|put|let"
    r"|left|got|brought|told|forgot|missed|cut|set|gave|ran|sent|kept|shut|threw|wrote"
    r"|thought|called|came|felt|snapped|shouted|yelled)\b")
# "Sorry for existing": sarcasm, labelled by what it means (labels.md rule 6), their
# own hurt put at the centre, never an apology.
_APOLOGY_MOCK = _compile(
    r"\W*(?:for |that )?(?:existing|breathing|living|being (?:alive|born|me|human|honest|nice"
    r"|friendly|a person)|having (?:an? )?(?:opinions?|sense of humou?r|personality|feelings"
    r"|voice|life)|caring|trying to (?:help|be nice|be friendly)|i (?:exist|breathed?|'?m alive"
    r"|said anything|spoke|opened my mouth|was born))\b"
    r"(?=\W*(?:(?:i guess|then|apparently|lol|jeez|huh|eh|mate)\b\W*)*(?:[.!?,;]|$))")

# Questions.
_LEAD = _compile(r"\s*(?:(?:so|okay|ok|well|and|but|hey|hi|look|listen|honestly|right|um+|uh+"
                 r"|oh|yeah|alright|then|also|now|just|quick question|one more thing|wait"
                 r"|sorry|actually)\b[\s,!:.-]*)*")
_NOT_A_QUESTION = _compile(
    r"(?:what|huh|come again|say (?:that|it) again|what was that|what did you (?:just )?say"
    r"|i didn't (?:catch|hear) (?:that|you|what you said)|(?:can|could) you (?:say|repeat)"
    r" (?:that|it)(?: again)?|pardon(?: me)?|excuse me|you know(?: what| that)?|right|isn't it"
    r"|see|really|seriously|okay|ok|yeah|no|sorry)?\W*")
_INVITE = (r"help me understand|tell me (?:more|why|what|how|about)|walk me through"
           r"|talk me through|say more|(?:can|could|would) you (?:please )?(?:tell me|explain"
           r"|say more|walk me through|help me understand|share|describe)"
           r"|i(?:'m| am) (?:really |genuinely |so )?curious (?:about )?(?:what|how|why)"
           r"|i wonder (?:what|how|why)")
# A cheap pre-check: without one of these, _INVITE cannot match.
_INVITE_CUES = (" me ", "say more", "curious", "wonder", "explain", "share", "describe")
_QUESTION_START = _compile(
    r"(?P<one_fact>how (?:many|much|long|often|old|far|soon|big)|what (?:time|day|date|year"
    r"|month|colou?r|number|size|age)|which|who|whom|whose|when|where)\b"
    r"|(?P<invite>" + _INVITE + r")\b"
    r"|(?P<wh>why|how|what|in what way|to what extent)\b"
    r"|(?P<request>(?:please,? )?(?:(?:can|could|would|will) you (?:please |maybe |just "
    r"|kindly )?(?!tell\b|explain\b|say more|walk me|help me|share\b|describe\b|see\b"
    r"|understand\b|imagine\b|remember\b|think\b|believe\b|know\b|be\b|feel\b|agree\b"
    r"|clarify\b|recall\b|rather\b|like\b|want\b|have\b|say\b)\w+|would you mind"
    r"|(?:would|could|will) you be (?:willing|able|prepared) to|(?:can|could)"
    r" we (?:please )?(?:not|stop|avoid|leave|keep|skip|drop)|can i ask you (?:not )?to"
    r"|let's not))"
    r"|(?P<yes_no>(?:do|does|did|are|is|was|were|have|has|had|can|could|would|will|should"
    r"|shall|may|might|am|got|any|anything|ever|isn't|aren't|don't|didn't|wasn't|weren't"
    r"|haven't|hasn't|won't|wouldn't|couldn't|can't|shouldn't)\b)")
_QUESTION_RULES = {"one_fact": ("closed_question", "closed_question.one_fact"),
                   "wh": ("open_question", "open_question.wh"),
                   "invite": ("open_question", "open_question.invite"),
                   "yes_no": ("closed_question", "closed_question.yes_no")}
# A question typed without its "?" (as in a text message): it opens the way
# only a question does, and its sentence ends with no punctuation at all.
_TEXTED_QUESTION = _compile(
    r"\W*(?:(?:so|and|but|hey|ok|okay)\W+)?(?:(?:what|why|how) (?:made|did|do|does|were|was"
    r"|are|is|have|has|would|could|can)|(?:did|do|does|were|was|are|have|has|can|could|would"
    r"|will) you)\b")
# A summary that accuses rather than mirrors ("so you saw me and carried on").
_ACCUSING = _compile(r"\b" + _NEGLECTED + r"\b")
# Sarcasm turns thanks into something else ("oh great, thanks for the lecture").
_SARCASM = _compile(r"(?:^|[.!?]\s+)\W*(?:oh|wow),? (?:great|thanks|perfect|wonderful|lovely"
                    r"|brilliant|fantastic|fabulous|nice)\b")

# A more specific move wins over a general one in the same clause (labels.md,
# conventions 2 and 4): loser label -> the labels it yields to.
_DEFENSIVE = frozenset(DEFENSIVE_LABELS)
_YIELDS_TO: tuple[tuple[str, frozenset[str]], ...] = (
    ("reflection", _DEFENSIVE | {"insult"}),
    ("acknowledgment", _DEFENSIVE | {"apology", "non_apology"}),
    ("you_blame", _DEFENSIVE | {"insult", "reflection", "acknowledgment"}),
    ("gratitude", _DEFENSIVE | {"you_blame"}),
    ("commitment", _DEFENSIVE),
    ("i_statement", _DEFENSIVE | {"you_blame", "insult", "acknowledgment", "reflection"}),
)
# Moves that make a question rhetorical, a request or a proposal: no question label.
_NOT_ASKING = _DEFENSIVE | {"you_blame", "insult", "reflection", "commitment", "non_apology"}
_MINE_ONLY = frozenset(rule for rule, _, guards, _, _ in _TABLE if guards & MINE)
_ORDER = {label: index for index, label in enumerate(LABELS)}


# ---------------------------------------------------------------------------
# The text as the rules see it.

class _View:
    """Normalised text (same length as the original) with quotes and reports masked,
    and where its sentences and clauses start."""

    __slots__ = ("_breaks", "_ends", "lower", "sentences", "text")

    def __init__(self, raw: str) -> None:
        text = raw if raw.isascii() and "`" not in raw and "\t" not in raw \
            else raw.translate(_NORMALISE)
        if "'" in text or '"' in text:
            text = _mask_quotes(text)
        if _REPORTING_HINT.search(text):
            text = _mask_reports(text)
        self.text = text
        lower = text.lower()
        if len(lower) != len(text):  # a few letters grow when lowercased ("İ")
            lower = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
        self.lower = lower
        self.sentences = _spans(text, _SENTENCE_END) or [(0, len(text))]
        self._ends = [end for _, end in self.sentences]
        self._breaks: list[int] | None = None

    def _clause_starts(self) -> list[int]:
        """Where clauses start; worked out on first need (once some rule fired)."""
        if self._breaks is None:
            self._breaks = [0, *[m.end() for m in _CLAUSE_BREAK.finditer(self.lower)]]
        return self._breaks

    def clause(self, pos: int) -> int:
        """Start of the clause holding `pos`."""
        starts = self._breaks or self._clause_starts()
        return starts[bisect_right(starts, pos) - 1]

    def clause_end(self, pos: int, limit: int) -> int:
        """End of the clause holding `pos`, at most `limit`."""
        starts = self._clause_starts()
        index = bisect_right(starts, pos)
        end = starts[index] if index < len(starts) else limit
        return _trim(self.text, pos, min(end, limit))[1]

    def sentence(self, pos: int) -> tuple[int, int]:
        """The sentence holding `pos` (or the next one, or the last)."""
        index = bisect_right(self._ends, pos)
        return self.sentences[min(index, len(self.sentences) - 1)]


def _mask_quotes(text: str) -> str:
    first, last = len(text) - len(text.lstrip()), len(text.rstrip())

    def mask(m: re.Match[str]) -> str:
        quote = m.group()
        if m.start() == first and m.end() == last:  # the whole utterance in quotes
            return quote
        return quote[0] + "_" * (len(quote) - 2) + quote[-1]

    return _QUOTE.sub(mask, text)


def _mask_reports(text: str) -> str:
    def mask(m: re.Match[str]) -> str:
        said = m.start(1) - m.start()
        return m.group()[:said] + "_" * (m.end(1) - m.start(1))

    return _REPORTED.sub(mask, text)


def _spans(text: str, breaks: re.Pattern[str]) -> list[tuple[int, int]]:
    ends = [m.end() for m in breaks.finditer(text)]
    ends.append(len(text))
    spans, start = [], 0
    for end in ends:
        if start < end:
            edge, last = text[start], text[end - 1]
            span = (_trim(text, start, end) if edge.isspace() or edge == "_" or last.isspace()
                    else (start, end))  # most sentences need no trimming
            if span[0] < span[1]:
                spans.append(span)
        start = end
    return spans


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] == "_"):
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


# ---------------------------------------------------------------------------
# Finding moves.

# Guards read the words just before a match. Reading the whole clause would make a
# long clause with many matches quadratic ('you always ' * 3000 took seconds); a
# clause that starts further back than this is read as not starting with fillers.
_GUARD_WINDOW = 200


def _guarded(view: _View, guards: int, start: int, end: int) -> bool:
    """True when the clause before the match says the move is not the speaker's own."""
    text = view.lower
    clause = view.clause(start)
    far = start - clause > _GUARD_WINDOW
    before = text[max(clause, start - _GUARD_WINDOW):start]
    if guards & NEG and _NEG_BEFORE.search(before):
        return True
    if guards & SUB and _SUB_BEFORE.search(before):
        return True
    if guards & START and (far or not _FILLERS_ONLY.fullmatch(before)):
        return True
    if guards & EMB and _EMB_BEFORE.search(before):
        return True
    if guards & YOU and (far or not _YOU_CLAUSE.match(before)):
        return True
    if not guards & (OWN | REFL):
        return False
    opening = view.sentence(start)[0]  # these two read the sentence, not the clause
    window = max(opening, start - _GUARD_WINDOW)
    if guards & OWN and _OWN_BEFORE.search(text, window, start):
        return True
    return bool(guards & REFL) and bool(
        _REFLECT_START.match(text, opening) or _REFL_AFTER.match(text, end)
        or _REFL_BEFORE.search(text, window, start))


_Step = tuple["re.Pattern[str] | None", tuple[tuple[str, str, int], ...]]
# (first word, next word) -> the pattern to try there and (rule, label, guards)
# per group: one lookup per word read instead of three. Bounded: cleared when
# it grows past what any story's vocabulary needs.
_STEPS: dict[tuple[str, ...], _Step] = {}
_MAX_STEPS = 50_000


def _step_at(first: str, second: str) -> _Step:
    entry = _OPENINGS.get(first)
    plan = _ANYWHERE if entry is None else entry[0].get(second, entry[1])
    if not plan:
        return None, ()
    pattern = _COMPILED.get(id(plan)) or _compile_plan(plan)
    groups = tuple(_RULES_BY_GROUP[_GROUP_NAMES[number]][:3] for number, _ in plan)
    return pattern, groups


def _table_hits(view: _View) -> list[_Hit]:
    hits: list[_Hit] = []
    lower, steps = view.lower, _STEPS
    for token in (_STARTS if not _ANYWHERE else _ANY_WORD).finditer(lower):
        pair = token.groups()
        step = steps.get(pair)
        if step is None:
            if len(steps) > _MAX_STEPS:
                steps.clear()
            step = steps[pair] = _step_at(*pair)
        pattern, groups = step
        if pattern is None:
            continue
        fired = pattern.match(lower, token.start())
        if fired is None or fired.lastindex is None:
            continue  # no rule fired here
        for (rule, label, guards), (begin, end) in zip(groups, fired.regs[1:], strict=False):
            if begin < 0:
                continue
            if guards & ~MINE and _guarded(view, guards, begin, end):
                continue
            hits.append((label, begin, end, rule))
    return hits


def _reflection_hits(view: _View) -> list[_Hit]:
    hits: list[_Hit] = []
    lower = view.lower
    heard = any(cue in lower for cue in _REFLECT_CUES)
    for start, end in view.sentences:
        opening = _REFLECT_START.match(lower, start, end) if lower[start] in "sioar" else None
        if opening is not None and _ACCUSING.search(lower, start, end):
            continue  # "so you knew, and you pretended..." accuses; it does not mirror
        if opening is not None:
            hits.append(("reflection", start, end, f"reflection.{opening.lastgroup}"))
        elif heard and _REFLECT_ANY.search(lower, start, end):
            hits.append(("reflection", start, end, "reflection.i_hear"))
    return hits


def _apology_hits(view: _View, found: list[_Hit]) -> list[_Hit]:
    """"I'm sorry I..." is an apology; "sorry if you..." or "sorry, but <defence>" is not."""
    text, hits = view.lower, []
    last_defence = max((h[1] for h in found if h[0] in _DEFENSIVE), default=-1)
    for cue in _APOLOGY_CUE.finditer(text):
        end = view.sentence(cue.start())[1]
        before = text[view.clause(cue.start()):cue.start()]
        if not _APOLOGY_SUBJECT.fullmatch(before):
            continue  # "I'm not sorry", "say sorry to him", "I feel sorry for..."
        if cue.group().lower().startswith("apologi") and cue.group().lower() != "apologies" \
                and not _HAS_SUBJECT.search(before):
            continue  # "...and apologise" is a plan, not an apology
        after = text[cue.end():end]
        if _APOLOGY_REPAIR.match(after) or (text[end - 1] == "?" and not before.strip()):
            continue  # "Sorry, what did you say?"
        if _SYMPATHY_AFTER.match(after):
            continue  # "sorry for your trouble": sympathy, rule 25
        if _APOLOGY_MOCK.match(after):
            hits.append(("def_victimhood", cue.start(), view.clause_end(cue.start(), end),
                         "def_victimhood.mock_apology"))
            continue
        conditional = _APOLOGY_CONDITIONAL.match(after)
        if conditional:
            rule = ("non_apology.conditional" if conditional.group("condition")
                    else "non_apology.their_feelings")
            hits.append(("non_apology", cue.start(), end, rule))
            continue
        but = _BUT.search(after)
        if but is None:
            rule = "apology.i_did" if _I_DID.match(after) else "apology.own_act"
            hits.append(("apology", cue.start(), view.clause_end(cue.start(), end), rule))
        elif last_defence >= cue.end() + but.start():
            hits.append(("non_apology", cue.start(), cue.end() + but.end(),
                         "non_apology.sorry_but"))
    return hits


def _question_hits(view: _View, found: list[_Hit]) -> list[_Hit]:
    hits: list[_Hit] = []
    text = view.lower
    if "?" not in text and not any(cue in text for cue in _INVITE_CUES) \
            and not text[-1:].isalnum() and "\n" not in text:
        return hits
    moved = {view.sentence(h[1]) for h in found if h[0] in _NOT_ASKING}
    for start, end in view.sentences:
        asks = text[end - 1] == "?" or (text[end - 1].isalnum()
                                        and _TEXTED_QUESTION.match(text, start) is not None)
        if (start, end) in moved:
            continue  # rhetorical, a proposal or a reflection: labelled by its move
        kind = _question_kind(text, start, end, asks)
        if kind is not None:
            label, rule = _QUESTION_RULES[kind]
            hits.append((label, start, end, rule))
    return hits


def _question_kind(text: str, start: int, end: int, asks: bool) -> str | None:
    body = _LEAD.match(text, start, end).end()  # type: ignore[union-attr]
    if asks and _NOT_A_QUESTION.fullmatch(text, body, end):
        return None  # "Sorry, what did you say?", "You know what?"
    found = _QUESTION_START.match(text, body, end)
    comma = text.find(",", body, end)
    if found is None and 0 <= comma - body <= 30:  # "Uncle Ray, what did you mean?"
        found = _QUESTION_START.match(text, _LEAD.match(text, comma + 1, end).end(),  # type: ignore[union-attr]
                                      end)
    kind = found.lastgroup if found is not None else None
    if kind == "invite":
        return kind
    if not asks or kind == "request":
        return None
    if kind is None:  # a statement said as a question: "You were there?"
        return "yes_no" if count_words(text[body:end]) >= 2 else None
    return kind


# ---------------------------------------------------------------------------
# Settling the labels.

def _resolve(view: _View, hits: list[_Hit]) -> list[_Hit]:
    labels = {h[0] for h in hits}
    if len(labels) < 2 and "gratitude" not in labels \
            and not any(h[3] in _MINE_ONLY for h in hits):
        return hits  # one move, nothing to settle (the common case)
    for loser, winners in _YIELDS_TO:
        if loser in labels and not labels.isdisjoint(winners):
            beaten = _beaten_by(view, [h for h in hits if h[0] in winners])
            hits = [h for h in hits if h[0] != loser or not beaten(h)]
            labels = {h[0] for h in hits}
    drop: set[str] = set()
    if "def_victimhood" in labels:
        drop.add("i_statement")  # their "I feel..." recentres their hurt too
    if any(h[3] in ("def_tone_policing.sarcasm", "you_blame.sarcastic_thanks") for h in hits) \
            or (("oh" in view.lower or "wow" in view.lower) and _SARCASM.search(view.lower)):
        drop.add("gratitude")
    hits = [h for h in hits if h[0] not in drop
            and (h[3] not in _MINE_ONLY or "apology" in labels)]
    if labels & (_DEFENSIVE | {"non_apology"}):  # blame while defending turns it back
        hits = [("def_counterattack", h[1], h[2], "def_counterattack.blame_in_defence")
                if h[0] == "you_blame" else h for h in hits]
    return hits


def _beaten_by(view: _View, rivals: list[_Hit]) -> Callable[[_Hit], bool]:
    """A test: is a hit in the same clause as a rival, or does a rival start inside it?"""
    clauses = {view.clause(r[1]) for r in rivals}
    starts = sorted(r[1] for r in rivals)

    def beaten(hit: _Hit) -> bool:
        if view.clause(hit[1]) in clauses:
            return True
        index = bisect_left(starts, hit[1])
        return index < len(starts) and starts[index] < hit[2]

    return beaten


def _evidence(raw: str, view: _View, hits: list[_Hit]) -> tuple[Evidence, ...]:
    unique: dict[tuple[int, int, str], Evidence] = {}
    for label, start, end, rule in hits:
        start, end = _trim(view.text, start, end)
        while end > start and view.text[end - 1] in ",;:":
            end -= 1
        if start < end and (start, end, label) not in unique:
            unique[(start, end, label)] = Evidence(label, start, end, rule, raw[start:end])
    return tuple(sorted(unique.values(), key=lambda e: (e.start, _ORDER[e.label], e.end)))


def thanks_for_small_things(text: str) -> bool:
    """Does `text` thank someone for a coffee, a lift, a meal (labels.md rule 32)?"""
    return _THANKS_FOR_SMALL_THINGS.search(text.lower()) is not None


def offers_sympathy(text: str) -> bool:
    """Is the "sorry" in `text` sympathy for a loss or news ("sorry for your trouble")?"""
    return _SYMPATHY.search(text.lower()) is not None


def analyze_rules(text: str) -> Analysis:
    """Label one utterance by the rules alone; deterministic, and never raises on a str."""
    if not text or text.isspace():
        return Analysis(text, (), (), 0)
    view = _View(text)
    hits = _table_hits(view) + _reflection_hits(view)
    if "sorr" in view.lower or "apolog" in view.lower:
        hits += _apology_hits(view, hits)
    hits = _resolve(view, hits)
    hits += _question_hits(view, hits)
    evidence = _evidence(text, view, hits)
    labels = tuple(sorted({e.label for e in evidence}, key=_ORDER.__getitem__))
    return Analysis(text, labels, evidence, count_words(text))


def rule_labels(text: str) -> tuple[str, ...]:
    """The labels the rules alone find (for training and evaluation)."""
    return analyze_rules(text).labels
