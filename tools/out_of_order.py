"""Learners do not follow the author's order: what does free mode make of a good move
typed a turn or more before the story offers it?

    python tools/out_of_order.py [--json] [--verbose]

For every bundled role and difficulty, the best path is walked (the replies on a
cheapest way to the role's best ending). At each of its nodes, the example
phrasings (`also:`) of the best replies one, two and three turns further on are
typed with `--confirm never`, and each outcome is counted as one of:

- moved on: the talk went to where that move is answered (the reply itself taken);
- heard: the other person took the move in, briefly, and waited (nothing skipped);
- say more: they asked the learner to say more, as if not understood;
- answered: they reacted to it as a defensive or harmful move (wrong: it was a good one);
- other reply: another reply was taken (listed with --verbose, to judge by eye).

Good moves should be moved on or heard, never answered as harm, and rarely met
with "say more".
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from simulator.build import load_story
from simulator.engine import EngineError, Session
from simulator.gaming import best_path, difficulties
from simulator.model import Choice, Story
from simulator.stories import bundled_ids, bundled_root

KINDS = ("moved on", "heard", "say more", "answered", "other reply")
FURTHEST = 3  # turns ahead


def outcomes(story: Story, role: str, difficulty: str | None,
             verbose: bool = False) -> Counter[tuple[int, str]]:
    """(turns early, kind) -> how many phrasings."""
    path = best_path(story, story.roles[role])
    counts: Counter[tuple[int, str]] = Counter()
    for at in range(len(path)):
        for early, later in enumerate(path[at + 1: at + 1 + FURTHEST], 1):
            if later.silent:
                continue
            for phrasing in later.also or (later.say or "",):
                kind, said = _typed_early(story, role, difficulty, path[:at], phrasing, later)
                if kind is None:
                    break  # this difficulty's path differs here: nothing to measure
                counts[early, kind] += 1
                if verbose and kind != "moved on":
                    print(f"  {story.id}/{role}/{difficulty} at {path[at].node_id} "
                          f"({early} early): "
                          f"{phrasing!r} -> {kind}: {said}")
    return counts


def _typed_early(story: Story, role: str, difficulty: str | None, before: list[Choice],
                 phrasing: str, meant: Choice) -> tuple[str | None, str]:
    session = Session(story, role, difficulty, "free", record=True)
    try:
        for choice in before:
            session.choose(choice.id)
    except EngineError:
        return None, ""
    if session.ended:
        return None, ""
    outcome = session.say(phrasing, confirm="never")
    routed = next(t for t in reversed(session.turns) if t.by_learner)
    answer = " | ".join(t.text for t in outcome.turns if not t.by_learner)[:100]
    if outcome.taken is not None:
        return ("moved on" if outcome.taken.key == meant.key else "other reply",
                f"{outcome.taken.short} / {answer}")
    kind = {"heard": "heard", "say-more": "say more", "reaction": "answered"}
    return kind.get(routed.routing or "", "other reply"), answer


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    rows: list[dict[str, Any]] = []
    for sid in bundled_ids():
        story, _ = load_story(bundled_root() / sid)
        assert story is not None, sid
        for role in story.roles:
            for difficulty in difficulties(story):
                counts = outcomes(story, role, difficulty, args.verbose)
                rows.append({"story": story.id, "role": role, "difficulty": difficulty,
                             **{k: sum(n for (_, kind), n in counts.items() if kind == k)
                                for k in KINDS},
                             "by_turns_early": {str(e): {k: counts[e, k] for k in KINDS}
                                                for e in range(1, FURTHEST + 1)}})
    if args.json:
        print(json.dumps(rows, indent=2))
        return 0
    print(f"{'story':<15} {'role':<9} {'difficulty':<10} "
          + " ".join(f"{k:>11}" for k in KINDS))
    for row in rows:
        print(f"{row['story']:<15} {row['role']:<9} {row['difficulty'] or '-':<10} "
              + " ".join(f"{row[k]:>11}" for k in KINDS))
    total = Counter({k: sum(r[k] for r in rows) for k in KINDS})
    typed = sum(total.values())
    print(f"\nof {typed} good moves typed one to {FURTHEST} turns early: "
          + ", ".join(f"{k} {total[k] / typed:.0%}" for k in KINDS))
    for early in range(1, FURTHEST + 1):
        these = Counter({k: sum(r["by_turns_early"][str(early)][k] for r in rows)
                         for k in KINDS})
        n = sum(these.values())
        print(f"  {early} turn{'s' if early > 1 else ''} early ({n}): "
              + ", ".join(f"{k} {these[k] / n:.0%}" for k in KINDS))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
