"""Can a learner game the menus? Fixed players on every bundled role and difficulty.

    python tools/menu_gaming.py [SEEDS] [--json] [--stories DIR]

For each role and difficulty: the ending reached by a player who always takes
the first, the longest or the shortest reply, in authored order (what lints
CI508 and CI509 check) and in the shuffled order a learner sees (over SEEDS
menu seeds, 20 by default); and the share of the role's nodes where a best
reply (one move nearer its best ending) is the longest on offer. The target:
each kind of player reaches the best ending in at most 20% of combinations.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from simulator import gaming
from simulator.build import load_story
from simulator.model import Story

ROOT = Path(__file__).resolve().parent.parent
PLAYERS: dict[str, gaming.Pick] = {"first": gaming.nth(1), "longest": gaming.longest,
                                   "shortest": gaming.shortest}
TARGET = 0.20


@dataclass
class Row:
    story: str
    role: str
    difficulty: str | None
    authored: dict[str, str] = field(default_factory=dict)  # player -> ending kind reached
    won: dict[str, bool] = field(default_factory=dict)  # authored order
    shuffled: dict[str, float] = field(default_factory=dict)  # share of seeds that won


def rows(story: Story, seeds: int) -> list[Row]:
    found = []
    for role in story.roles.values():
        rank = gaming.best_rank(story, role)
        for difficulty in gaming.difficulties(story):
            row = Row(story.id, role.id, difficulty)
            for name, pick in PLAYERS.items():
                played = gaming.play(story, role.id, difficulty, pick)
                row.authored[name] = _kind(story, played)
                row.won[name] = gaming.wins(story, rank, played)
                won = sum(gaming.wins(story, rank, gaming.play(story, role.id, difficulty,
                                                               pick, seed))
                          for seed in range(seeds))
                row.shuffled[name] = won / seeds
            found.append(row)
    return found


def _kind(story: Story, played: gaming.Played) -> str:
    ending = story.nodes[played.ending].ending if played.ending else None
    return ending.kind if ending else "never ended"


def longest_share(story: Story) -> tuple[int, int]:
    """(nodes where a best reply is the only longest, nodes with a real choice), over
    every role's nodes that can still reach its best ending."""
    hits = total = 0
    for role in story.roles.values():
        far = gaming.distances(story, role)
        for nid in sorted(gaming.reachable(story, role)):
            choices = story.nodes[nid].choices
            best = gaming.best_replies(story, nid, far)
            if len(choices) < 2 or not best:
                continue
            total += 1
            hits += gaming.unique_longest(choices) in best
    return hits, total


def bundled(root: Path = ROOT / "stories") -> list[Story]:
    """Every scenario folder under `root` (the bundled ones by default)."""
    stories = []
    for folder in sorted(p for p in root.iterdir() if any(p.glob("*.yaml"))):
        story, _ = load_story(folder)
        assert story is not None, folder
        stories.append(story)
    return stories


def report(seeds: int, root: Path = ROOT / "stories") -> dict[str, Any]:
    stories = bundled(root)
    table = [row for story in stories for row in rows(story, seeds)]
    hits = [longest_share(story) for story in stories]
    n = len(table)
    return {
        "combinations": n,
        "rows": [vars(r) for r in table],
        "best_ending_authored": {p: sum(r.won[p] for r in table) / n for p in PLAYERS},
        "best_ending_shuffled": {p: sum(r.shuffled[p] for r in table) / n for p in PLAYERS},
        "best_reply_longest": sum(h for h, _ in hits) / max(1, sum(t for _, t in hits)),
        "seeds": seeds,
    }


def print_text(data: dict[str, Any]) -> None:
    print(f"{'story':15} {'role':9} {'difficulty':10} "
          + " ".join(f"{p:>22}" for p in PLAYERS))
    for row in data["rows"]:
        cells = [f"{row['authored'][p]:>12}{'*' if row['won'][p] else ' '} "
                 f"{row['shuffled'][p]:>7.0%}" for p in PLAYERS]
        print(f"{row['story']:15} {row['role']:9} {row['difficulty'] or '-':10} "
              + " ".join(f"{c:>22}" for c in cells))
    print("(ending reached in authored order, * = the best ending; share of "
          f"{data['seeds']} shuffled menus that reach it)")
    for order in ("authored", "shuffled"):
        shares = data[f"best_ending_{order}"]
        said = ", ".join(f"{p} {v:.0%}" for p, v in shares.items())
        print(f"best ending, {order} order, of {data['combinations']} combinations: {said} "
              f"(target: at most {TARGET:.0%} each)")
    print(f"nodes where a best reply is the longest: {data['best_reply_longest']:.0%}")


def main(argv: list[str]) -> int:
    seeds = int(next((a for a in argv if a.isdigit()), "20"))
    root = Path(argv[argv.index("--stories") + 1]) if "--stories" in argv else ROOT / "stories"
    data = report(seeds, root)
    if "--json" in argv:
        print(json.dumps(data, indent=1))
    else:
        print_text(data)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
