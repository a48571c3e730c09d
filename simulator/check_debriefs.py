"""Checks on debriefs: each sentence that speaks of something the learner did or
should do stands on the verdict it speaks of, so the report never contradicts
its own checklist. Registered with the other checks by `simulator.check`."""

from __future__ import annotations

from collections.abc import Iterator

from simulator.check import StoryGraph, at, check
from simulator.claims import CREDIT, Claim, claims
from simulator.diagnostics import Diagnostic, did_you_mean
from simulator.model import Ending, Paragraph, Role
from simulator.rubrics import ITEMS


def roles_reaching(g: StoryGraph, nid: str) -> list[Role]:
    """The roles that can reach a node; every role when none can (CI305 says so), so that
    an unreachable ending's conditions are still checked."""
    reaching = [g.story.roles[r] for r, nodes in g.reachable_by_role.items() if nid in nodes]
    return reaching or list(g.story.roles.values())


def scored_items(roles: list[Role]) -> set[str]:
    return {item for role in roles for item in role.rubric_items()}


def endings(g: StoryGraph) -> Iterator[tuple[str, Ending]]:
    for nid, node in g.story.nodes.items():
        if node.ending is not None:
            yield nid, node.ending


@check
def when_items_not_scored(g: StoryGraph) -> Iterator[Diagnostic]:
    """A `when:` on an item no reaching role is scored on never decides anything: the
    paragraph always or never shows, whatever the learner did."""
    for nid, ending in endings(g):
        roles = roles_reaching(g, nid)
        scored = scored_items(roles)
        for paragraph in ending.paragraphs:
            for item, loc in paragraph.named.items():
                if item not in scored:
                    yield at("CI311", loc, _not_scored(item, nid, roles))


def _not_scored(item: str, nid: str, roles: list[Role]) -> str:
    if item not in ITEMS:
        return (f"debrief `when:` names '{item}', which is not a rubric item"
                f"{did_you_mean(item, ITEMS)}")
    who = "; ".join(f"role '{r.id}': {r.rubric.profile if r.rubric else 'its side default'}"
                    for r in roles)
    return (f"debrief `when:` names '{item}', but no role that reaches ending '{nid}' is "
            f"scored on it ({who})")


def paragraphs(ending: Ending) -> tuple[Paragraph, ...]:
    """Every paragraph of a debrief, an unconditional one as one paragraph."""
    return ending.paragraphs or (Paragraph(ending.debrief, loc=ending.loc),)


@check
def debrief_claims_not_gated(g: StoryGraph) -> Iterator[Diagnostic]:
    """A paragraph that speaks of an item the learner is scored on shows only with the
    verdicts it agrees with: credit never beside a miss, advice never beside a met."""
    for nid, ending in endings(g):
        scored = scored_items(roles_reaching(g, nid))
        for paragraph in paragraphs(ending):
            for claim in claims(paragraph.text, scored):
                problem = _ungated(claim, paragraph.when.get(claim.item))
                if problem:
                    yield at("CI507", paragraph.loc or ending.loc, problem)


def _ungated(claim: Claim, verdicts: tuple[str, ...] | None) -> str:
    said = _excerpt(claim.sentence)
    if verdicts is None:
        return (f"\"{said}\" speaks of '{claim.item}' but has no `when:` on it, so it would "
                "show whatever the checklist says")
    wrong = "missed" if claim.says == CREDIT else "met"
    if wrong in verdicts:
        return (f"\"{said}\" {'credits' if claim.says == CREDIT else 'asks for more of'} "
                f"'{claim.item}' but shows when it is {wrong}")
    return ""


def _excerpt(sentence: str, limit: int = 60) -> str:
    return sentence if len(sentence) <= limit else sentence[: limit - 1].rstrip() + "…"
