"""The rule tables compiled: which rules to try where, as few patterns as possible."""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterable
from typing import Any

from simulator.analyze.table_blame import BLAMING
from simulator.analyze.table_defences import DEFENDING
from simulator.analyze.table_own import OWNING

_TABLE = OWNING + BLAMING + DEFENDING

# Rules applied by code rather than by the table.
_CODE_RULES: dict[str, str] = {
    "reflection.sounds_like": "mirrors back what the other felt ('it sounds like you...')",
    "reflection.so_you": "sums up the other's view in their terms ('so you expected...')",
    "reflection.i_hear": "says back what they heard ('I hear that you felt...')",
    "apology.own_act": "apologises for their own act, without conditions ('I'm sorry I...')",
    "apology.i_did": "apologises for something they did, named after the sorry ('I'm sorry "
                     "I hurt you')",
    "non_apology.conditional": "apologises on a condition ('sorry if you were...')",
    "non_apology.their_feelings": "apologises for the other's reaction, not their own act "
                                  "('sorry you feel...', 'sorry it came across...')",
    "non_apology.sorry_but": "an apology taken back by the 'but' that follows it",
    "def_victimhood.mock_apology": "a sarcastic apology that recentres their own hurt "
                                   "('sorry for existing')",
    "open_question.wh": "asks a why/how/what question that invites a full answer",
    "open_question.invite": "invites the other to explain ('help me understand...')",
    "closed_question.yes_no": "asks a yes/no question",
    "closed_question.one_fact": "asks for one fact (when, where, who, how many...)",
    "def_counterattack.blame_in_defence": "while defending, turns blame back on the listener",
}

RULES: dict[str, str] = {rule: text for rule, _, _, _, text in _TABLE} | _CODE_RULES



# ---------------------------------------------------------------------------
# Compiled patterns.

_Hit = tuple[str, int, int, str]  # (label, start, end, rule)


_YOU = re.compile(r"(?<![_<])you")  # not inside a group name


def _loosen(pattern: str) -> str:
    """Accept the way people type: "dont", "youre", "im", "thats", "u", "ur"."""
    for contraction in ("'t", "'re", "'m", "'ve", "'s"):
        pattern = pattern.replace(contraction, "'?" + contraction[1:])
    return _YOU.sub("(?:you|u)", pattern)


def _compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """Helper patterns run on the lowercased text, like the rules."""
    return re.compile(_loosen(pattern), flags)


def _group(rule: str) -> str:
    return rule.replace(".", "__")


def _rule_patterns() -> dict[str, tuple[str, str, int, str]]:
    """group name -> (rule, label, guards, loosened pattern)."""
    return {_group(rule): (rule, label, guards, _loosen(pattern))
            for rule, label, guards, pattern, _ in _TABLE}


# --- Which words can a rule's match start with? -----------------------------
# Trying every rule at every word is too slow, so each rule is only tried where
# the utterance's next two words are ones its pattern can begin with, read off
# the stdlib's own parse of the pattern. What the walk cannot read makes the
# rule fall back to its first word, or to "try everywhere": slower, never wrong.

class _Unreadable(Exception):
    pass


def _sre_parser() -> Any:
    try:
        return importlib.import_module("re._parser")  # Python 3.11+
    except ImportError:  # pragma: no cover - Python 3.10
        return importlib.import_module("sre_parse")


_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")
_State = tuple[tuple[str, ...], str]  # (words read, word being spelled)


def _openings(pattern: str) -> set[tuple[str, ...]] | None:
    """Every pair of words a match can begin with (a single word when that is all
    that can be read, or when the match can end after it); None if unreadable."""
    parser = _sre_parser()
    return _read(parser, list(parser.parse(pattern, re.IGNORECASE)))


def _read(parser: Any, items: list[Any], size: int = 2) -> set[tuple[str, ...]] | None:
    try:
        done, still = _walk(parser, items, {((), "")}, size)
    except (_Unreadable, RecursionError):
        # Read each alternative on its own, so one vague alternative does not
        # make the whole rule fall back to its first word (or to every word).
        split = _split_alternatives(parser, items)
        if split is None:
            return _read(parser, items, 1) if size == 2 else None
        union: set[tuple[str, ...]] = set()
        for alternative in split:
            found = _read(parser, alternative, size)
            if found is None:
                return None
            union |= found
        return union
    openings = done | {(*words, part) if part else words for words, part in still}
    return None if () in openings or len(openings) > 500 else openings


def _split_alternatives(parser: Any, items: list[Any]) -> list[list[Any]] | None:
    simple = (parser.AT, parser.ASSERT, parser.ASSERT_NOT, parser.LITERAL, parser.IN)
    lead = 0
    while lead < len(items) and items[lead][0] in simple:  # sre factors out "\\bi" etc.
        lead += 1
    if lead == len(items) or items[lead][0] is not parser.BRANCH:
        return None
    return [[*items[:lead], *branch, *items[lead + 1:]] for branch in items[lead][1][1]]


def _walk(parser: Any, items: Any, states: set[_State], size: int
          ) -> tuple[set[tuple[str, ...]], set[_State]]:
    done: set[tuple[str, ...]] = set()
    for op, av in items:
        if not states:
            break
        finished, states = _step(parser, op, av, states, size)
        done |= finished
        if len(states) > 500:
            raise _Unreadable
    return done, states


def _step(parser: Any, op: Any, av: Any, states: set[_State], size: int
          ) -> tuple[set[tuple[str, ...]], set[_State]]:
    if op is parser.LITERAL:
        return _spell(states, {av}, size)
    if op is parser.IN:
        return _spell(states, _class_codes(parser, av), size)
    if op is parser.AT:  # a word boundary ends the word being spelled, if any
        if av is not parser.AT_BOUNDARY or all(not part for _, part in states):
            return set(), states
        return _spell({state for state in states if state[1]}, {ord(" ")}, size)
    if op in (parser.ASSERT, parser.ASSERT_NOT):
        return set(), states
    if op is parser.SUBPATTERN:
        return _walk(parser, av[-1], states, size)
    if op is parser.BRANCH:
        done: set[tuple[str, ...]] = set()
        after: set[_State] = set()
        for branch in av[1]:
            finished, still = _walk(parser, branch, states, size)
            done |= finished
            after |= still
        return done, after
    if op in (parser.MAX_REPEAT, parser.MIN_REPEAT):
        return _repeat(parser, av, states, size)
    raise _Unreadable


def _repeat(parser: Any, av: Any, states: set[_State], size: int
            ) -> tuple[set[tuple[str, ...]], set[_State]]:
    low, high, item = av
    done: set[tuple[str, ...]] = set()
    after = set(states) if low == 0 else set()
    current, seen = states, set(states)
    for count in range(1, min(high, 8) + 1):
        finished, current = _walk(parser, item, current, size)
        done |= finished
        if count >= low:
            after |= current
        current -= seen  # more rounds of separators spell nothing new
        seen |= current
        if not current:
            return done, after
    if high > 8:
        raise _Unreadable  # still spelling after many rounds: no fixed words
    return done, after


def _spell(states: set[_State], codes: set[int], size: int
           ) -> tuple[set[tuple[str, ...]], set[_State]]:
    """Read one character (any of `codes`): a letter extends the word, anything
    else (a space, an apostrophe, a word boundary) ends it."""
    letters = {c for c in map(chr, codes) if c in _LETTERS}
    done: set[tuple[str, ...]] = set()
    after = {(words, part + c) for words, part in states for c in letters}
    if len(letters) < len(codes):
        for words, part in states:
            if not part and not words:
                raise _Unreadable  # the match could start on a non-letter
            closed = (*words, part) if part else words
            if len(closed) >= size:
                done.add(closed)
            else:
                after.add((closed, ""))
    return done, after


def _class_codes(parser: Any, items: Any) -> set[int]:
    codes: set[int] = set()
    for op, av in items:
        if op is parser.LITERAL:
            codes.add(av)
        elif op is parser.RANGE and av[1] - av[0] < 40:
            codes.update(range(av[0], av[1] + 1))
        elif op is parser.CATEGORY and av in (parser.CATEGORY_SPACE, parser.CATEGORY_NOT_WORD):
            codes.add(ord(" "))
        else:
            raise _Unreadable
    return codes


_RULES_BY_GROUP = _rule_patterns()
_GROUP_NAMES = tuple(_RULES_BY_GROUP)
def _alternatives(source: str) -> list[str]:
    """Split a pattern at its top-level "|" (the rule table uses no "[]...]")."""
    parts, depth, start, index, in_class = [], 0, 0, 0, False
    while index < len(source):
        char = source[index]
        if char == "\\":
            index += 1
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char in "()":
            depth += 1 if char == "(" else -1
        elif char == "|" and depth == 0:
            parts.append(source[start:index])
            start = index + 1
        index += 1
    return [*parts, source[start:]]


_ALTERNATIVES = tuple(tuple(_alternatives(_RULES_BY_GROUP[g][3])) for g in _GROUP_NAMES)
# Which rules to try at one place, and which of their alternatives:
# ((index into _GROUP_NAMES, (index into its _ALTERNATIVES, ...)), ...)
_Plan = tuple[tuple[int, tuple[int, ...]], ...]
_Pick = dict[int, set[int]]


_INTERNED: dict[_Plan, _Plan] = {}


def _plan(*picks: _Pick) -> _Plan:
    merged: _Pick = {}
    for pick in picks:
        for rule, alternatives in pick.items():
            merged.setdefault(rule, set()).update(alternatives)
    plan = tuple((rule, tuple(sorted(merged[rule]))) for rule in sorted(merged))
    return _INTERNED.setdefault(plan, plan)  # one object per plan: see _COMPILED


def _opening_index() -> tuple[dict[str, tuple[dict[str, _Plan], _Plan]], _Plan]:
    """first word -> (second word -> what to try where a match may start with both
    words, what to try after the first word alone); and what to try anywhere."""
    pairs: dict[str, dict[str, _Pick]] = {}
    singles: dict[str, _Pick] = {}
    anywhere: _Pick = {}
    for rule, alternatives in enumerate(_ALTERNATIVES):
        for number, source in enumerate(alternatives):
            openings = _openings(source)
            if openings is None:
                anywhere.setdefault(rule, set()).add(number)
            for opening in openings or ():
                pick = (pairs.setdefault(opening[0], {}).setdefault(opening[1], {})
                        if len(opening) == 2 else singles.setdefault(opening[0], {}))
                pick.setdefault(rule, set()).add(number)
    index = {}
    for first in pairs.keys() | singles.keys():
        alone = (singles.get(first, {}), anywhere)
        index[first] = ({second: _plan(pick, *alone) for second, pick in
                         pairs.get(first, {}).items()}, _plan(*alone))
    return index, _plan(anywhere)


_OPENINGS, _ANYWHERE = _opening_index()
# Keyed by the (interned, never freed) plan's id: hashing a nested tuple for
# every word read would cost more than the match itself.
_COMPILED: dict[int, re.Pattern[str]] = {}


def _compile_plan(plan: _Plan) -> re.Pattern[str]:
    """One pattern trying these rules at one place, each as an optional lookahead
    with its own group, so a single match() reports every rule that fires.
    Compiled on first use, so importing stays cheap."""
    source = "".join(  # "(?:...|)" rather than "(?:...)?": no repeat, no saved marks
        f"(?:(?=(?P<{_GROUP_NAMES[rule]}>"
        + "|".join(_ALTERNATIVES[rule][n] for n in alternatives) + "))|)"
        for rule, alternatives in plan)
    pattern = _COMPILED[id(plan)] = re.compile(source)  # run on the lowercased text
    return pattern


def _trie(words: Iterable[str], then: dict[str, str] | None = None) -> str:
    """A regex alternation of `words` shaped as a trie, so `re` walks it letter by
    letter instead of trying every word in turn; `then[word]`, if given, is the
    pattern that must follow that word."""
    tree: dict[str, Any] = {}
    for word in words:
        node = tree
        for letter in word:
            node = node.setdefault(letter, {})
        node[""] = (then or {}).get(word, "")
    return _trie_source(tree)


def _trie_source(node: dict[str, Any]) -> str:
    branches = [re.escape(letter) + _trie_source(child)
                for letter, child in sorted(node.items()) if letter]
    if node.get(""):
        branches.append(node[""])  # a word ends here, and what must follow it
    elif "" in node:
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?"
    if not branches:
        return ""
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


# A word that can start some rule, with the word after it (zero-width, so the
# next word can itself be a start).
_ANY_WORD = re.compile(r"(?<![a-z0-9])([a-z0-9]+)(?=[^a-z0-9]*([a-z0-9]*))")


def _starts() -> re.Pattern[str]:
    """Where some rule may start: a first word that can start a rule on its own,
    or one followed by a second word it can start a rule with. Checking the pair
    inside the regex (one trie of first words, each leaf holding what may follow)
    spares Python a loop turn for about half the words read."""
    after: dict[str, str] = {}
    for first, (by_second, fallback) in _OPENINGS.items():
        seconds = [s for s, plan in by_second.items() if plan]
        if fallback:
            after[first] = r"(?![a-z0-9])"
        elif seconds:
            after[first] = r"(?![a-z0-9])[^a-z0-9]*" + _trie(seconds) + r"(?![a-z0-9])"
    return re.compile(r"(?<![a-z0-9])(?=" + _trie(after, after) + r")([a-z0-9]+)"
                      r"(?=[^a-z0-9]*([a-z0-9]*))")


_STARTS = _starts()
