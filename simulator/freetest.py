"""`callin test --free`: how well typed words find the reply they were written for.

Each `also:` phrasing of a reply is typed into the router at its node, with
that phrasing left out of the reply's own list, so it must be found from the
reply's text, tags and remaining phrasings, as a learner's new words would.
The report gives, per role and node, the share routed to the intended reply,
the replies confused with each other, how often the router was unsure or
answered a defensive move instead, how often a reply was taken that makes a
move the words did not (which must stay 0), and the replies with no phrasings.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from typing import Any

from simulator.analyze import analyze
from simulator.check import StoryGraph
from simulator.model import Choice, Node, Story
from simulator.route import (
    LEAVES,
    REACTION,
    guarded_moves,
    leaves,
    replies_ahead,
    replies_further,
    route,
)
from simulator.tables import tables_for

RIGHT, CONFUSED, UNSURE, ANSWERED = "right", "confused", "unsure", "answered"


def free_test(story: Story, roles: list[str] | None = None) -> dict[str, Any]:
    """The report for every role (or those named), as plain data for JSON."""
    graph = StoryGraph(story)
    report: dict[str, Any] = {"mode": "free", "scenario": story.id, "roles": {}}
    for rid, role in story.roles.items():
        if roles and rid not in roles:
            continue
        nodes = [story.nodes[n] for n in sorted(graph.reachable(role))
                 if story.nodes[n].choices]
        exits = tables_for(story, role).exits
        report["roles"][rid] = _role_report([
            _node_report(n, exits, *_ahead(story, n, exits)) for n in nodes])
    return report


def _role_report(nodes: list[dict[str, Any]]) -> dict[str, Any]:
    totals: Counter[str] = Counter()
    for node in nodes:
        totals.update({k: node[k] for k in ("phrasings", RIGHT, CONFUSED, UNSURE, ANSWERED,
                                            "wrong_move")})
    return {"phrasings": totals["phrasings"], "share": _share(totals[RIGHT],
                                                              totals["phrasings"]),
            RIGHT: totals[RIGHT], CONFUSED: totals[CONFUSED], UNSURE: totals[UNSURE],
            ANSWERED: totals[ANSWERED], "wrong_move": totals["wrong_move"],
            "without_phrasings": [c for n in nodes for c in n["without_phrasings"]],
            "nodes": nodes}


def _ahead(story: Story, node: Node, exits: frozenset[str]
           ) -> tuple[list[Choice], list[Choice]]:
    """The replies a turn and two turns on, as in play but whatever the state (every
    condition holds)."""
    def replies(via: str) -> tuple[Choice, ...]:
        return story.nodes[via].choices if via in story.nodes else ()

    first = replies_ahead(node.id, node.choices, exits, replies)
    return first, replies_further(node.id, node.choices, first, exits, replies)


def _node_report(node: Node, exits: frozenset[str], ahead: list[Choice],
                 further: list[Choice]) -> dict[str, Any]:
    spoken = [c for c in node.choices if c.say]
    outcomes: Counter[str] = Counter()
    confusions: Counter[tuple[str, str]] = Counter()
    misses: list[dict[str, Any]] = []
    wrong = 0
    for choice in spoken:
        for phrasing in choice.also:
            # Its twins (the same words under another condition) are never offered
            # beside it; the phrasing is left out wherever it is written, as new
            # words would be.
            offered = [_without(c, phrasing) for c in node.choices
                       if c is choice or c.say != choice.say]
            decision = route(phrasing, offered, exits=exits,
                             ahead=[_without(c, phrasing) for c in ahead],
                             further=[_without(c, phrasing) for c in further])
            taken = decision.choice
            outcome = _outcome(choice, taken, decision.how)
            outcomes[outcome] += 1
            if outcome == CONFUSED and taken is not None:
                confusions[(choice.id, _name(taken, node))] += 1
            if outcome != RIGHT:
                misses.append({"intended": choice.id, "phrasing": phrasing,
                               "outcome": outcome, "taken": _name(taken, node) if taken else None,
                               "read_as": decision.labels})
            if taken is not None and _makes_unmade_move(phrasing, choice, taken, exits):
                wrong += 1
    phrasings = sum(len(c.also) for c in spoken)
    return {"node": node.id, "phrasings": phrasings,
            "share": _share(outcomes[RIGHT], phrasings), RIGHT: outcomes[RIGHT],
            CONFUSED: outcomes[CONFUSED], UNSURE: outcomes[UNSURE],
            ANSWERED: outcomes[ANSWERED], "wrong_move": wrong,
            "confusions": [{"intended": a, "taken": b, "times": n}
                           for (a, b), n in sorted(confusions.items())],
            "without_phrasings": [c.key for c in spoken if not c.also], "misses": misses}


def _without(choice: Choice, phrasing: str) -> Choice:
    if phrasing not in choice.also:
        return choice
    return replace(choice, also=tuple(p for p in choice.also if p != phrasing))


def _name(choice: Choice, node: Node) -> str:
    """A reply's id in its node's report; `node.id` when it is one a turn ahead."""
    return choice.id if choice.node_id == node.id else choice.key


def _outcome(intended: Choice, taken: Choice | None, how: str) -> str:
    if taken is not None:
        return RIGHT if taken.key == intended.key else CONFUSED
    return ANSWERED if how == REACTION else UNSURE


def _makes_unmade_move(phrasing: str, intended: Choice, taken: Choice,
                       exits: frozenset[str]) -> bool:
    """True when the reply taken makes a move neither the words nor the reply they
    were written for make: the one thing routing must never do."""
    if taken.key == intended.key:
        return False
    made = set(analyze(phrasing).labels) | set(guarded_moves(intended, intended.key in exits))
    if leaves(phrasing):
        made.add(LEAVES)
    return bool(set(guarded_moves(taken, taken.key in exits)) - made)


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 3) if whole else None


def free_text(report: dict[str, Any]) -> str:
    """The report for people: a line per role, then the nodes that need work."""
    lines = [f"{report['scenario']}: free text, each phrasing typed at its node "
             f"({report['seconds']} s)"]
    for rid, role in report["roles"].items():
        lines.append(f"  {rid}: {_percent(role['share'])} of {role['phrasings']} phrasings "
                     f"reach their reply; {role[CONFUSED]} confused, {role[UNSURE]} unsure, "
                     f"{role[ANSWERED]} answered as a defence; {role['wrong_move']} onto "
                     f"a move not made; {_count(len(role['without_phrasings']), 'reply')} "
                     "without phrasings")
        for node in role["nodes"]:
            lines += _node_lines(node)
    return "\n".join(lines)


def _node_lines(node: dict[str, Any]) -> list[str]:
    out = []
    if node["phrasings"] and node[RIGHT] < node["phrasings"]:
        mixed = ", ".join(f"{c['intended']} -> {c['taken']} x{c['times']}"
                          for c in node["confusions"])
        out.append(f"    {node['node']}: {_percent(node['share'])} of {node['phrasings']}"
                   f"{'; ' + mixed if mixed else ''}"
                   f"{f'; {node[UNSURE]} unsure' if node[UNSURE] else ''}")
    if node["without_phrasings"]:
        ids = ", ".join(k.split(".", 1)[1] for k in node["without_phrasings"])
        out.append(f"    {node['node']}: no phrasings for {ids}")
    for miss in node["misses"]:
        went = miss["taken"] or miss["outcome"]
        out.append(f"      {miss['intended']} -> {went}: \"{_clip(miss['phrasing'])}\" "
                   f"(read as: {', '.join(miss['read_as']) or 'no particular move'})")
    return out


def _clip(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 3].rstrip() + "..."


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun[:-1]}ies" if noun.endswith("y") \
        else f"{n} {noun}s"


def _percent(share: float | None) -> str:
    return "n/a" if share is None else f"{share:.0%}"
