"""The review page's role, story, problems and coverage tabs: what a trainer
checks beside the graph (briefing, difficulties, rubric, endings, free mode)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from html import escape
from typing import Any

from simulator.diagnostics import Diagnostic
from simulator.model import Role, Story
from simulator.review.nodes import ending_html, go, percent
from simulator.route import DEFAULT_REACTIONS, PROBLEM_ORDER, SAY_MORE_LINES


def _list(items: Iterable[str], cls: str = "") -> str:
    rows = "".join(f"<li>{item}</li>" for item in items)
    return f'<ul class="{cls}">{rows}</ul>' if rows else '<p class="meta">None.</p>'


def role_section(story: Story, role: Role, reached: set[str]) -> str:
    """Everything a trainer checks about one role, in the order a learner meets it."""
    brief = role.briefing
    partner = story.characters.get(role.partner)
    player = story.characters.get(role.player)
    return "".join([
        f'<section class="role" data-role="{escape(role.id)}">',
        f"<h3>{escape(role.title)}</h3>",
        f'<p class="meta">{escape(role.side)} · plays '
        f"{escape(player.name if player else role.player)} with "
        f"{escape(partner.name if partner else role.partner)} · starts at {go(role.start)}"
        f" · talk-share target {role.talk_share:.0%} · {escape(str(role.loc))}</p>",
        "<h4>Briefing</h4>",
        f"<p>{escape(brief.situation)}</p><p><b>You:</b> {escape(brief.you)}</p>",
        f"<p><b>Goal:</b> {escape(brief.goal)}</p>",
        _list(escape(r) for r in brief.reminders),
        "<h4>Difficulties</h4>", _difficulties(story, role.id),
        "<h4>Rubric</h4>", _rubric(role),
        "<h4>Endings</h4>", _endings(story, reached),
        "<h4>Free mode</h4>", _free_mode(story, role),
        "</section>"])


def _difficulties(story: Story, role: str) -> str:
    def one(d: Any) -> str:
        state = ", ".join(f"{k} {v:g}" for k, v in d.state.items()) or "the story's start values"
        blurb = d.about_for(role)
        about = f" {escape(blurb)}" if blurb else ""
        return f"<b>{escape(d.title)}</b> ({escape(d.id)}):{about} <span class=\"meta\">" \
               f"state: {escape(state)}</span>"

    start = ", ".join(f"{v.name} {v.initial:g} ({v.min:g} to {v.max:g})"
                      for v in story.state.values())
    return (_list(one(d) for d in story.difficulties.values())
            + (f'<p class="meta">State at the start: {escape(start)}</p>' if start else ""))


def _rubric(role: Role) -> str:
    spec = role.rubric
    profile = spec.profile if spec else f"the {role.side} default"
    examples = spec.examples if spec else {}
    items = (f"{escape(item)} <span class=\"meta\">weight {weight:g}</span>"
             + (f'<div class="also">rewrite: “{escape(examples[item])}”</div>'
                if item in examples else "")
             for item, weight in role.rubric_items().items())
    return f'<p class="meta">profile: {escape(profile)}</p>' + _list(items)


def _endings(story: Story, reached: set[str]) -> str:
    rows = []
    for node_id, ending in story.endings().items():
        if node_id in reached:
            rows.append(f'<div class="ending-row">{go(node_id)}{ending_html(ending)}</div>')
    return "".join(rows) or '<p class="meta">This role reaches no ending.</p>'


def _free_mode(story: Story, role: Role) -> str:
    """How the partner answers words no authored reply fits: the role's reactions by
    label (or callin's defaults), what each label does to the state, and the lines
    that ask the learner to say more."""
    rows = []
    for label in PROBLEM_ORDER:
        authored = role.reactions.get(label, ())
        effect = story.dynamics.effects.get(label)
        change = f' <span class="effect">do {escape(effect.source)}</span>' if effect else ""
        if authored:
            said = "".join(f"<div>“{escape(r.text)}”"
                           + (f' <span class="effect">do {escape(r.effects.source)}</span>'
                              if r.effects else "")
                           + (f' <span class="meta">({escape(r.speaker)})</span>'
                              if r.speaker else "") + "</div>" for r in authored)
        else:
            default = DEFAULT_REACTIONS.get(role.side, {}).get(label)
            said = (f'<div>“{escape(default)}” <span class="meta">(callin\'s default)</span>'
                    "</div>" if default else '<div class="meta">no reaction: the move is '
                    "routed like any other</div>")
        rows.append(f"<b>{escape(label)}</b>{change}{said}")
    breakdown = story.dynamics.breakdown
    end = (f" → {go(role.breakdown)}" if role.breakdown else "")
    return (_list(rows, "reactions")
            + (f'<p>Breaks down when <span class="cond">{escape(breakdown.source)}</span>{end}'
               "</p>" if breakdown else "")
            + "<p>When no reply clearly fits, the partner asks the learner to say more:</p>"
            + _list(f"“{escape(line)}”" for line in SAY_MORE_LINES))


def story_section(story: Story) -> str:
    people = (f"<b>{escape(c.name)}</b> ({escape(c.id)}"
              + (f", {escape(c.pronouns)}" if c.pronouns else "") + ")"
              + (f": {escape(c.about)}" if c.about else "") for c in story.characters.values())
    variables = (f"<b>{escape(v.name)}</b> starts at {v.initial:g}, {v.min:g} to {v.max:g}"
                 + (f": {escape(v.about)}" if v.about else "") for v in story.state.values())
    skills = (f"<b>{escape(k)}</b>: {escape(v)}" for k, v in story.skills.items())
    return "".join([
        f"<p>{escape(story.summary)}</p>",
        "<h4>Characters</h4>", _list(people),
        "<h4>State</h4>", _list(variables),
        "<h4>Skills</h4>", _list(skills),
        "<h4>Sources</h4>", _list(escape(s) for s in story.sources),
        "<h4>Files</h4>", _list(escape(f) for f in story.files)])


def problems_section(found: list[Diagnostic], owners: Mapping[str, list[Diagnostic]]) -> str:
    if not found:
        return "<p>validate: no problems found.</p>"
    node_of = {id(d): node for node, ds in owners.items() for d in ds}
    rows = []
    for diag in found:
        node = node_of.get(id(diag), "")
        where = f" {go(node)}" if node else ""
        hint = f'<div class="hint">hint: {escape(diag.hint)}</div>' if diag.hint else ""
        rows.append(f'<span class="diag {escape(diag.severity.value)}">{escape(str(diag))}</span>'
                    f"{where}{hint}")
    return _list(rows, "problems")


def coverage_section(report: Mapping[str, Any], story: Story) -> str:
    """`callin test --json`: how much random play reached, and the score range per ending."""
    cover = report.get("coverage", {})
    shares = ", ".join(f"{kind} {_reached(cover[kind])}" for kind in ("nodes", "choices", "endings")
                       if kind in cover)
    rows = []
    for node_id, ending in report.get("endings", {}).items():
        spread = ending.get("score")
        scores = (f"score {spread['min']:g} to {spread['max']:g} (mean {spread['mean']:g})"
                  if spread else "never reached")
        shortest = ending.get("shortest")
        moves = f", shortest {len(shortest)} moves" if shortest else ""
        rows.append(f"{go(node_id) if node_id in story.nodes else escape(node_id)} "
                    f'<span class="meta">{escape(str(ending.get("kind", "")))}</span> '
                    f"{percent(ending.get('share', 0.0))} of runs · {escape(scores)}{moves}")
    unreached = report.get("unreached", {})
    missing = [go(n) for n in unreached.get("nodes", []) if n in story.nodes]
    return "".join([
        f"<p>{report.get('runs', '?')} random runs from seed {escape(str(report.get('seed')))} "
        f"(over the roles and difficulties tested): reached {escape(shares)}. Shares are of all "
        "the runs.</p>",
        "<h4>Endings</h4>", _list(rows),
        "<h4>Never reached</h4>", _list(missing),
        f'<p class="meta">{len(unreached.get("choices", []))} choices never taken.</p>'])


def _reached(values: Mapping[str, float]) -> str:
    if not values:
        return "n/a"
    return f"{sum(1 for v in values.values() if v > 0) / len(values):.0%}"
