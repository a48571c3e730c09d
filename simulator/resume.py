"""Resuming a saved session: which story it belongs to, and whether it still fits.

The engine calls these when `Session.resume` reads a transcript; they live apart
so that the engine module stays about playing.
"""

from __future__ import annotations

from simulator import transcript as transcripts
from simulator.model import Story
from simulator.transcript import Transcript


def incompatibility(saved: Transcript, story: Story) -> str:
    """Why a saved session cannot continue on this story ('' when it can)."""
    if saved.scenario != story.id:
        return f"this session is of scenario '{saved.scenario}', not '{story.id}'"
    if saved.role not in story.roles:
        return f"role '{saved.role}' is no longer in the story"
    if saved.difficulty is not None and saved.difficulty not in story.difficulties:
        return f"difficulty '{saved.difficulty}' is no longer in the story"
    last = saved.turns[-1].after if saved.turns else saved.start_state
    if last.get("node") not in story.nodes:
        return f"node '{last.get('node')}' is no longer in the story"
    missing = sorted(set(last.get("vars", {})) ^ set(story.state))
    if missing:
        return f"the story's variables changed ({', '.join(missing)})"
    return ""


def bundled_story(scenario: str, location: str) -> Story:
    """A bundled scenario by id, for a saved session that names it."""
    from simulator.build import load_story
    from simulator.diagnostics import has_errors
    from simulator.stories import bundled_ids, bundled_root

    if scenario not in bundled_ids():
        raise transcripts.TranscriptError(location, f"scenario '{scenario}' is not bundled",
                                          "pass the story's folder as well")
    story, found = load_story(bundled_root() / scenario)
    if story is None or has_errors(found):
        raise transcripts.TranscriptError(location, f"scenario '{scenario}' has errors",
                                          f"run `callin validate {scenario}`")
    return story

