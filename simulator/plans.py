"""Plans: golden play-throughs kept next to a scenario, in `plans/*.plan`.

A plan is plain text, one step per line (`#` starts a comment):

    role: caller                    # the header: role (required),
    difficulty: gentle              # difficulty and mode (choice or free)
    choose: intent                  # take a choice by id
    say: What did you mean by it?   # free mode: the learner's own words
    listen                          # the silent move (`wait` and `pause` too)
    undo                            # rewind one move
    expect line: I'm listening      # a line since the last move contains this
    expect node: c-invited          # where the conversation is now
    expect offered: curious, wait   # the choices on offer now (by id, any order)
    expect state: trust >= 6        # a condition, in the story's expression language
    expect taken: curious           # free mode: the choice the words were taken for
    expect reaction: def_minimizing # free mode: the words got a reaction to this label
    expect ending: repaired         # the ending reached (kind or node id)
    expect score: stated_intent met # a rubric item's verdict (met, partly, missed)
    expect score: no_insults unscored   # ... or left out: the talk never tested it
    expect overall: >= 70           # the overall score

A failed step is a located diagnostic (`path:line:col: error CI602 ...`), so a
trainer sees exactly which step of which plan went wrong.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from simulator.diagnostics import Diagnostic, diagnostic
from simulator.engine import EngineError, Outcome, Session
from simulator.expr import ExprError, holds, parse_condition
from simulator.files import FileProblem, read_text, shown
from simulator.model import Story

PLAN_FOLDER = "plans"
MAX_PLAN_BYTES = 1024 * 1024
HEADER_KEYS = ("role", "difficulty", "mode")
SILENT_STEPS = ("listen", "wait", "pause")  # all take the node's silent move
STEP = re.compile(r"^(?P<verb>choose|say|listen|wait|pause|undo"
                  r"|expect (?:line|node|offered|state|taken|reaction|ending|score|overall))"
                  r"\s*(?::\s*(?P<arg>.*))?$")
_COMPARE = re.compile(r"^(>=|<=|==|>|<)\s*(\d+)$")


@dataclass
class Step:
    verb: str
    argument: str
    line: int
    col: int


@dataclass
class Plan:
    path: str
    role: str = ""
    difficulty: str | None = None
    mode: str = "choice"
    steps: list[Step] = field(default_factory=list)


@dataclass
class PlanResult:
    plan: Plan
    problems: list[Diagnostic]
    ending: str | None = None  # the ending node reached, if any

    @property
    def passed(self) -> bool:
        return not self.problems


def plan_files(scenario: Path) -> list[Path]:
    folder = scenario / PLAN_FOLDER if scenario.is_dir() else scenario.parent / PLAN_FOLDER
    return sorted(folder.glob("*.plan")) if folder.is_dir() else []


def parse_plan(text: str, path: str) -> tuple[Plan, list[Diagnostic]]:
    plan, problems = Plan(path), []
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        col = len(line) - len(line.lstrip()) + 1
        line = line.strip()
        key, _, value = line.partition(":")
        if key in HEADER_KEYS and not plan.steps:
            setattr(plan, key, value.strip() or None)
            continue
        match = STEP.match(line)
        if match is None:
            problems.append(diagnostic("CI601", path, (number, col), f"cannot read step "
                                       f"'{line}'", "see the plan format in docs/format.md"))
            continue
        argument = (match.group("arg") or "").strip()
        verb = "listen" if match.group("verb") in SILENT_STEPS else match.group("verb")
        if verb not in ("listen", "undo") and not argument:
            problems.append(diagnostic("CI601", path, (number, col),
                                       f"step '{verb}' needs a value after ':'"))
            continue
        plan.steps.append(Step(verb, argument, number, col))
    if not plan.role:
        problems.append(diagnostic("CI601", path, (1, 1), "the plan does not say its role",
                                   "begin the plan with `role: ROLE`"))
    return plan, problems


def run_plan(story: Story, plan: Plan) -> PlanResult:
    try:
        session = Session(story, plan.role, plan.difficulty, plan.mode)
    except EngineError as error:
        return PlanResult(plan, [diagnostic("CI603", plan.path, (1, 1), str(error))])
    runner = _Runner(session, plan)
    for step in plan.steps:
        problem = runner.run(step)
        if problem:
            failed = diagnostic("CI603" if problem.startswith("!") else "CI602", plan.path,
                                (step.line, step.col), problem.lstrip("!"))
            return PlanResult(plan, [failed], _ending_node(session))
    return PlanResult(plan, [], _ending_node(session))


def _ending_node(session: Session) -> str | None:
    ending = session.transcript.ending
    return ending["node"] if ending else None


class _Runner:
    """Runs steps; returns '' when a step passes, else what went wrong
    ('!' first when the move itself could not be made)."""

    def __init__(self, session: Session, plan: Plan) -> None:
        self.session = session
        self.plan = plan
        self.since = len(session.turns)  # lines shown since the last move start here
        self.last: Outcome | None = None

    def run(self, step: Step) -> str:
        verb, argument = step.verb, step.argument
        if verb in ("choose", "say", "listen", "undo"):
            return self.move(verb, argument)
        expect: Callable[[str], str] = getattr(self, "expect_" + verb.split()[1])
        return expect(argument)

    def move(self, verb: str, argument: str) -> str:
        self.since = len(self.session.turns)
        try:
            if verb == "choose":
                self.last = self.session.choose(argument)
            elif verb == "say":
                self.last = self.session.say(argument)
            elif verb == "listen":
                self.last = self.session.listen()
            elif not self.session.undo():
                return "!there is no move to undo"
        except EngineError as error:
            return f"!cannot {verb} '{argument}': {error}" if argument else f"!{error}"
        if verb == "undo":
            self.since = len(self.session.turns)
        return ""

    def expect_line(self, text: str) -> str:
        shown = [t.text for t in self.session.turns[self.since:] if not t.by_learner
                 or t.kind == "line"]
        if any(text.lower() in line.lower() for line in shown):
            return ""
        said = " / ".join(shown) or "nothing"
        return f"expected a line containing '{text}'; the lines were: {said}"

    def expect_node(self, node: str) -> str:
        here = self.session.node
        return "" if here == node else f"expected to be at node '{node}', but at '{here}'"

    def expect_offered(self, ids: str) -> str:
        offered = [o.id for o in self.session.choices]
        wanted = [i.strip() for i in ids.split(",") if i.strip()]
        if sorted(offered) == sorted(wanted):
            return ""
        return f"expected {', '.join(wanted)} on offer; on offer: {', '.join(offered) or 'nothing'}"

    def expect_state(self, condition: str) -> str:
        try:
            expr = parse_condition(condition)
            ok = holds(expr, self.session.state)
        except (ExprError, KeyError) as error:
            return f"!cannot check `{condition}`: {error}"
        state = ", ".join(f"{k}={v:g}" for k, v in self.session.state.items())
        return "" if ok else f"expected `{condition}`, but {state}"

    def expect_taken(self, choice_id: str) -> str:
        taken = self.last.taken.id if self.last and self.last.taken else None
        if taken == choice_id:
            return ""
        how = self.last.explanation if self.last else "no move yet"
        return f"expected the words to be taken as '{choice_id}', got {taken!r} ({how})"

    def expect_reaction(self, label: str) -> str:
        got = self.last.reaction.label if self.last and self.last.reaction else None
        if self.last and self.last.taken is None and label in self.last.labels and \
                (got == label or got is None):
            return ""
        how = self.last.explanation if self.last else "no move yet"
        return f"expected a reaction to {label}; {how}"

    def expect_ending(self, wanted: str) -> str:
        ending = self.session.transcript.ending
        if ending and wanted in (ending["kind"], ending["node"]):
            return ""
        got = f"'{ending['node']}' ({ending['kind']})" if ending else "no ending yet"
        return f"expected ending '{wanted}', got {got}"

    def expect_score(self, argument: str) -> str:
        from simulator.score import score

        item_id, _, verdict = argument.partition(" ")
        items = {item.id: item for item in score(self.session.transcript).items}
        item = items.get(item_id)
        if verdict.strip() == "unscored":  # an item the conversation never tested
            return "" if item is None else f"expected {item_id} unscored, got {item.verdict}"
        if item is None:
            return f"!no score item '{item_id}' here; items: {', '.join(items)}"
        if item.verdict == verdict.strip():
            return ""
        return f"expected {item_id} {verdict.strip()}, got {item.verdict} ({item.detail})"

    def expect_overall(self, argument: str) -> str:
        from simulator.score import score

        match = _COMPARE.match(argument.strip())
        if match is None:
            return "!write the overall check as e.g. `>= 70`"
        overall = score(self.session.transcript).overall
        if overall is None:
            return (f"expected overall {argument.strip()}, got none: the conversation is "
                    "unfinished")
        ok = parse_condition(f"{overall} {match.group(1)} {match.group(2)}")
        return "" if holds(ok, {}) else f"expected overall {argument.strip()}, got {overall}"


def run_plans(story: Story, scenario: Path) -> tuple[list[PlanResult], list[Diagnostic]]:
    """Run every plan of a scenario; also the syntax problems of unreadable plans."""
    results, problems = [], []
    for path in plan_files(scenario):
        try:
            text = read_text(path, limit=MAX_PLAN_BYTES)
        except FileProblem as problem:
            at = (problem.line, 1) if problem.line else None
            problems.append(diagnostic("CI601", problem.path, at, problem.message, problem.hint))
            continue
        plan, found = parse_plan(text, shown(path))
        if found:
            problems.extend(found)
            continue
        results.append(run_plan(story, plan))
    return results, problems


def endings_without_plans(story: Story, results: list[PlanResult]) -> list[Diagnostic]:
    """A CI604 warning, at the ending, for each role and difficulty no passing plan ends on."""
    from simulator.check import StoryGraph

    graph = StoryGraph(story)
    reached = {(r.plan.role, r.plan.difficulty, r.ending) for r in results if r.passed}
    missing = []
    for role_id, role in story.roles.items():
        endings = sorted(n for n in graph.reachable(role) if story.nodes[n].ending)
        difficulties: list[str | None] = [*story.difficulties] or [None]
        for difficulty in difficulties:
            setup = f"{role_id}/{difficulty}" if difficulty else role_id
            missing += [
                diagnostic("CI604", story.nodes[node].loc.path, story.nodes[node].loc.pos,
                           f"no passing plan reaches ending '{node}' as {setup}",
                           "add a plan under plans/; `python tools/draft_plans.py DIR` drafts "
                           "one per ending to review")
                for node in endings if (role_id, difficulty, node) not in reached]
    return missing
