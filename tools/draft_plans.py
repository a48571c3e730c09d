"""Draft golden plans for a scenario: the shortest path to every ending.

    python tools/draft_plans.py stories/tutorial        # writes stories/tutorial/plans/

For each role, difficulty and ending it writes a plan that takes the shortest
path there, expects the first line after each move, the ending, and every
rubric item's verdict as it stands. Read the drafts before committing them:
they record what the story does now, so check that it is what it should do.
Existing plans are never overwritten.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from simulator.build import load_story
from simulator.engine import Session
from simulator.plans import PLAN_FOLDER
from simulator.playtest import shortest_paths
from simulator.score import score


def draft(story_dir: Path) -> list[Path]:
    story, _ = load_story(story_dir)
    assert story is not None, f"{story_dir} does not load"
    folder = story_dir / PLAN_FOLDER
    folder.mkdir(exist_ok=True)
    written = []
    for role in story.roles:
        for difficulty in list(story.difficulties) or [None]:
            for ending, path in sorted(shortest_paths(story, role, difficulty).items()):
                target = folder / f"{role}-{difficulty}-{ending}.plan"
                if target.exists():
                    continue
                target.write_text(_plan_text(story, role, difficulty, ending, path))
                written.append(target)
    return written


def _plan_text(story: object, role: str, difficulty: str | None, ending: str,
               path: list[str]) -> str:
    session = Session(story, role, difficulty)  # type: ignore[arg-type]
    lines = [f"# {role} on {difficulty}: the shortest way to '{ending}'.",
             f"role: {role}"] + ([f"difficulty: {difficulty}"] if difficulty else []) + [""]
    for key in path:
        outcome = session.choose(key)
        lines.append(f"choose: {key.split('.', 1)[1]}")
        heard = [t.text for t in outcome.turns if not t.by_learner and t.kind == "line"]
        if heard:
            lines.append(f"expect line: {_excerpt(heard[0])}")
    assert session.transcript.ending is not None
    lines += [f"expect ending: {session.transcript.ending['kind']}", ""]
    report = score(session.transcript)
    lines += [f"expect score: {item.id} {item.verdict}" for item in report.items]
    lines.append(f"expect overall: >= {report.overall}")
    return "\n".join(lines) + "\n"


def _excerpt(text: str, words: int = 8) -> str:
    return " ".join(text.replace("#", "").split()[:words])


if __name__ == "__main__":
    for made in draft(Path(sys.argv[1])):
        print(f"wrote {made}")
