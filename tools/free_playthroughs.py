"""Replay free-mode playthroughs written as learners type, and judge the router by them.

    python tools/free_playthroughs.py [--set measure|tune|all] [--verbose]

Each playthrough in tools/data/free_playthroughs.yaml is typed line by line
with `--confirm never` (an empty line stays quiet). It agrees with the fair
observer's expectation written beside it when the ending family matches
("unfinished" when the lines run out first) and, for a finished talk with a
score band, the overall score falls inside it. Each line is also offered once
with `--confirm unsure`, to count how often a learner would be asked which
reply they meant. Prints one row per playthrough, then the agreement and the
asking rate per role.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from simulator.build import load_story
from simulator.engine import Session
from simulator.model import Story
from simulator.score import score
from simulator.stories import bundled_root

DATA = Path(__file__).resolve().parent / "data" / "free_playthroughs.yaml"


def replay(story: Story, play: dict[str, Any]) -> dict[str, Any]:
    session = Session(story, play["role"], play.get("difficulty"), "free")
    asked = typed = 0
    for text in play["say"]:
        if session.ended:
            break
        typed += bool(text.strip())
        # As `unsure` would: a question records nothing, so `never` then moves.
        if session.say(text, confirm="unsure").ask:
            asked += 1
            session.say(text, confirm="never")
    ending = session.transcript.ending
    kind = ending["kind"] if ending else "unfinished"
    overall = score(session.transcript).overall if ending else None
    return {"ending": kind, "score": overall, "asked": asked, "typed": typed,
            "agrees": _agrees(play["expect"], kind, overall)}


def _agrees(expect: dict[str, Any], kind: str, overall: int | None) -> bool:
    if kind not in expect["ending"]:
        return False
    band = expect.get("score")
    return band is None or overall is None or band[0] <= overall <= band[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", choices=("measure", "tune", "all"), default="all")
    args = parser.parse_args()
    plays = [p for p in yaml.safe_load(DATA.read_text(encoding="utf-8"))
             if args.set in ("all", p["set"])]
    stories: dict[str, Story] = {}
    by_role: dict[str, list[dict[str, Any]]] = defaultdict(list)
    print(f"{'playthrough':<40} {'set':<8} {'ending':<11} {'score':>5} {'asked':>6}  agrees")
    for play in plays:
        sid = play["scenario"]
        if sid not in stories:
            built, _ = load_story(bundled_root() / sid)
            assert built is not None, sid
            stories[sid] = built
        result = replay(stories[sid], play)
        by_role[f"{sid}/{play['role']}"].append(result)
        shown = "-" if result["score"] is None else str(result["score"])
        print(f"{play['id']:<40} {play['set']:<8} {result['ending']:<11} {shown:>5} "
              f"{result['asked']:>2}/{result['typed']:<3}  {'yes' if result['agrees'] else 'NO'}")
    results = [r for rs in by_role.values() for r in rs]
    agree = sum(r["agrees"] for r in results)
    print(f"\n{agree} of {len(results)} agree with the observer "
          f"({agree / len(results):.0%}); asked, per role:")
    for role, rs in sorted(by_role.items()):
        asked, typed = sum(r["asked"] for r in rs), sum(r["typed"] for r in rs)
        print(f"  {role:<28} {asked}/{typed} lines ({asked / typed:.0%})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
