"""Every bundled scenario: strict validation, exhaustive play, its golden plans,
and what the scenario brief asks of each role (the tutorial is the short one)."""

from __future__ import annotations

import random
from collections import defaultdict
from functools import cache
from pathlib import Path

import pytest

from simulator.analyze import analyze
from simulator.build import load_story
from simulator.check import StoryGraph, validate
from simulator.engine import Offered, Session
from simulator.labels import DEFENSIVE_LABELS
from simulator.model import Story
from simulator.plans import endings_without_plans, run_plans
from simulator.playtest import exhaustive_test, random_test
from simulator.score import BROKE_DOWN_CAP, MET, score
from simulator.transcript import PARTNER
from tests.conftest import bundled_scenarios

SCENARIOS = bundled_scenarios()
FULL = [p for p in SCENARIOS if p.name != "tutorial"]  # the tutorial is a short first play
MIN_NODES, MIN_ENDINGS = 30, 4


@cache
def _story(folder: Path) -> Story:
    story, found = load_story(folder)
    assert story is not None, found
    return story


def _roles(folders: list[Path]) -> list[tuple[Path, str]]:
    return [(folder, role) for folder in folders for role in _story(folder).roles]


@pytest.mark.parametrize(("folder", "role"), _roles(SCENARIOS), ids=lambda x: getattr(x, "name", x))
def test_loops_never_repeat_a_speech(folder: Path, role: str) -> None:
    """Random play round every loop: no character says the same thing twice."""
    story, rng = _story(folder), random.Random(7)
    difficulties = [None, *story.difficulties]
    for run in range(60):
        session = Session(story, role, difficulties[run % len(difficulties)])
        while not session.ended:
            session.choose(rng.choice(session.choices).number)
        said = [t.text for t in session.turns if t.side == PARTNER]
        assert len(said) == len(set(said)), [s for s in said if said.count(s) > 1]


@pytest.mark.parametrize("folder", SCENARIOS, ids=lambda p: p.name)
def test_validates_strictly(folder: Path) -> None:
    _, found = validate(folder)
    assert found == [], "\n".join(map(str, found))


@pytest.mark.parametrize("folder", SCENARIOS, ids=lambda p: p.name)
def test_exhaustive_play_reaches_everything(folder: Path) -> None:
    report = exhaustive_test(_story(folder))
    assert report["complete"], "exhaustive play stopped at its state limit"
    assert report["unreached"] == {"nodes": [], "choices": [], "endings": []}


@pytest.mark.parametrize("folder", SCENARIOS, ids=lambda p: p.name)
def test_plans_pass_and_reach_every_ending(folder: Path) -> None:
    story = _story(folder)
    results, problems = run_plans(story, folder)
    problems += [p for r in results for p in r.problems]
    assert results, "no plans"
    assert problems == [], "\n".join(map(str, problems))
    missing = endings_without_plans(story, results)
    assert missing == [], "\n".join(map(str, missing))


@pytest.mark.parametrize(("folder", "role"), _roles(FULL), ids=lambda x: getattr(x, "name", x))
def test_role_has_the_size_and_endings_asked_for(folder: Path, role: str) -> None:
    story = _story(folder)
    reachable = StoryGraph(story).reachable(story.roles[role])
    endings = {story.nodes[n].ending.kind for n in reachable if story.nodes[n].ending}
    ending_nodes = [n for n in reachable if story.nodes[n].ending]
    assert len(reachable) >= MIN_NODES
    assert len(ending_nodes) >= MIN_ENDINGS and {"repaired", "broke-down"} <= endings
    assert {"gentle", "tough"} <= set(story.difficulties)


@pytest.mark.parametrize(("folder", "role"), _roles(SCENARIOS),
                         ids=lambda x: getattr(x, "name", x))
def test_every_choice_coaches_and_listening_is_offered(folder: Path, role: str) -> None:
    story = _story(folder)
    reachable = StoryGraph(story).reachable(story.roles[role])
    choices = [c for n in reachable for c in story.nodes[n].choices]
    assert all(c.coach for c in choices), [c.key for c in choices if not c.coach]
    assert any(c.silent for c in choices), "no silent listen / wait move"


@pytest.mark.parametrize(("folder", "role"), _roles(FULL), ids=lambda x: getattr(x, "name", x))
def test_every_defensive_type_is_met(folder: Path, role: str) -> None:
    """Called in: each defence is a tempting choice. Calling in: the other person
    voices each defence (read by the analyzer), and each has a reaction."""
    story = _story(folder)
    the_role = story.roles[role]
    reachable = StoryGraph(story).reachable(the_role)
    if the_role.side == "called-in":
        tagged = {t for n in reachable for c in story.nodes[n].choices for t in c.tags}
        assert set(DEFENSIVE_LABELS) <= tagged, set(DEFENSIVE_LABELS) - tagged
    else:
        voiced = {label for n in reachable for line in story.nodes[n].lines
                  if line.speaker == the_role.partner for label in analyze(line.text).labels}
        assert set(DEFENSIVE_LABELS) <= voiced, set(DEFENSIVE_LABELS) - voiced
    assert set(DEFENSIVE_LABELS) <= set(the_role.reactions)


# Three kinds of random learner, so rare verdicts are not left to luck: one who
# picks anything, one who never picks a defensive or blaming reply, and one who
# usually picks the wordiest reply.
_PROBLEMS = {*DEFENSIVE_LABELS, "insult", "you_blame", "non_apology"}


def _anything(offered: list[Offered], rng: random.Random) -> Offered:
    return rng.choice(offered)


def _never_defensive(offered: list[Offered], rng: random.Random) -> Offered:
    calm = [o for o in offered if not _PROBLEMS & set(o.choice.tags)]
    return rng.choice(calm or offered)


def _wordiest(offered: list[Offered], rng: random.Random) -> Offered:
    if rng.random() < 0.3:
        return rng.choice(offered)
    return max(offered, key=lambda o: len((o.choice.say or "").split()))


_ONLY_CREDITED = {"self_care"}  # stepping back is credited when it happens, never missed


@pytest.mark.parametrize(("folder", "role"), _roles(FULL), ids=lambda x: getattr(x, "name", x))
def test_choices_show_and_miss_every_rubric_item(folder: Path, role: str) -> None:
    """Seeded random play, scored: every rubric item is met in some conversation
    and falls short in another, so the choices really show and really miss it."""
    story, rng = _story(folder), random.Random(7)
    verdicts: dict[str, set[bool]] = defaultdict(set)
    for difficulty in sorted(story.difficulties):
        for pick in (_anything, _never_defensive, _wordiest):
            for _ in range(60):
                session = Session(story, role, difficulty)
                while session.choices:
                    session.choose(pick(session.choices, rng).number)
                for item in score(session.transcript).items:
                    verdicts[item.id].add(item.verdict == MET)
    one_sided = {item: seen for item, seen in verdicts.items() if seen != {True, False}
                 and item not in _ONLY_CREDITED}
    assert one_sided == {}, f"only ever met (True) or only ever short (False): {one_sided}"


_KIND_ORDER = ("repaired", "door-open", "stalled", "broke-down")


@pytest.mark.parametrize(("folder", "role"), _roles(SCENARIOS),
                         ids=lambda x: getattr(x, "name", x))
def test_every_role_declares_its_rubric(folder: Path, role: str) -> None:
    the_role = _story(folder).roles[role]
    assert the_role.rubric is not None
    assert (the_role.rubric.profile == "called-in") == (the_role.side == "called-in")


@pytest.mark.parametrize(("folder", "role"), _roles(SCENARIOS),
                         ids=lambda x: getattr(x, "name", x))
def test_what_came_of_it_orders_random_play(folder: Path, role: str) -> None:
    """`callin test`'s random play: a talk that broke down never scores above 50,
    and mean scores fall from repaired to door-open to stalled to broke-down."""
    story = _story(folder)
    endings = random_test(story, runs=1500, seed=11, roles=[role])["endings"]
    totals: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0])  # kind: score x share, share
    for ending in endings.values():
        if ending["score"] is None:
            continue
        if ending["kind"] == "broke-down":
            assert ending["score"]["max"] <= BROKE_DOWN_CAP, ending
        totals[ending["kind"]][0] += ending["score"]["mean"] * ending["share"]
        totals[ending["kind"]][1] += ending["share"]
    means = {kind: totals[kind][0] / totals[kind][1] for kind in _KIND_ORDER if kind in totals}
    assert len(means) >= 3, means
    assert list(means.values()) == sorted(means.values(), reverse=True), means


def _quoted(rewrite: str) -> set[str]:
    """A rewrite's example: from its first double quote to its last."""
    return {rewrite.split("\"", 1)[1].rsplit("\"", 1)[0]} if rewrite.count("\"") >= 2 else set()


def _said(story: Story) -> set[str]:
    """Every authored reply of a story, and its roles' rubric examples, one line each."""
    replies = {c.say for node in story.nodes.values() for c in node.choices if c.say}
    examples = {text for role in story.roles.values() if role.rubric
                for text in role.rubric.examples.values()}
    return {" ".join(text.split()) for text in replies | examples}


def _rewrites(story: Story, role: str, with_story: bool) -> set[str]:
    """What the rewrites of seeded random play quote."""
    rng, quoted = random.Random(5), set()
    for difficulty in sorted(story.difficulties):
        for pick in (_anything, _never_defensive, _wordiest):
            for _ in range(15):
                session = Session(story, role, difficulty)
                while session.choices:
                    session.choose(pick(session.choices, rng).number)
                report = score(session.transcript, story if with_story else None)
                quoted |= {q for i in report.items for q in _quoted(i.rewrite)}
    return quoted


@pytest.mark.parametrize(("folder", "role"), _roles(SCENARIOS),
                         ids=lambda x: getattr(x, "name", x))
def test_rewrites_quote_only_this_story(folder: Path, role: str) -> None:
    """A rewrite quotes a reply this story offered or an example its author wrote, or
    the scorer's own example in the seeds' words; never text from another scenario."""
    story = _story(folder)
    others = set().union(*(_said(_story(f)) for f in SCENARIOS if f != folder))
    generic = _rewrites(story, role, with_story=False)
    quoted = _rewrites(story, role, with_story=True)
    assert quoted - generic <= _said(story), quoted - generic - _said(story)
    assert quoted & others == set()
    assert quoted - generic, "no rewrite was taken from the story"
