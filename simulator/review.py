"""Review: one self-contained HTML page for reading a whole scenario.

The graph (inline SVG) sits beside every node's full text, its choices with
tags, conditions, effects and coaching notes, the briefings, the endings'
debriefs and the diagnostics of `validate`. Clicking a node shows its text.
Nothing is fetched from the network; every piece of story text is escaped,
and a Content-Security-Policy allows only this page's own script and style.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Mapping
from html import escape

from simulator.diagnostics import Diagnostic
from simulator.graph import story_dot
from simulator.model import Choice, Ending, Node, Role, Story
from simulator.render import render

STYLE = """
body { font: 14px/1.45 system-ui, sans-serif; margin: 0; color: #1f2328; }
header { padding: 12px 20px; border-bottom: 1px solid #d0d7de; }
main { display: flex; gap: 16px; padding: 12px 20px; }
#graph { flex: 3; overflow: auto; max-height: 80vh; border: 1px solid #d0d7de; }
#graph svg { max-width: none; }
#graph g.node { cursor: pointer; }
#panel { flex: 2; max-height: 80vh; overflow: auto; border: 1px solid #d0d7de;
         padding: 8px 12px; }
section.node { border-top: 1px solid #eaeef2; padding: 6px 0; }
.speaker { font-weight: 600; }
.tags, .meta { color: #57606a; font-size: 12px; }
.coach { color: #1a7f37; }
.diag.error { color: #cf222e; } .diag.warning { color: #9a6700; }
#nodes { padding: 0 20px 20px; }
"""

SCRIPT = """
document.getElementById('graph').addEventListener('click', function (event) {
  var node = event.target.closest('g.node');
  if (!node) { return; }
  var title = node.querySelector('title');
  var section = title && document.getElementById('node-' + title.textContent);
  var panel = document.getElementById('panel');
  if (!section) { return; }
  panel.replaceChildren(section.cloneNode(true));
  panel.firstChild.removeAttribute('id');
});
"""


def _hash(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()


def review_html(story: Story, diagnostics: list[Diagnostic]) -> str:
    svg = render(story_dot(story), "svg").decode("utf-8")
    svg = svg[svg.index("<svg"):]  # drop the XML prologue and doctype: inline SVG
    policy = (f"default-src 'none'; script-src '{_hash(SCRIPT)}'; "
              f"style-src '{_hash(STYLE)}'; img-src data:")
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">',
        f"<title>Review: {escape(story.title)}</title>",
        f"<style>{STYLE}</style></head><body>",
        f"<header><h1>{escape(story.title)}</h1><p>{escape(story.summary)}</p>",
        _diagnostics(diagnostics), "</header>",
        '<main><div id="graph">', svg, "</div>",
        '<div id="panel"><p>Click a node in the graph to read it here.</p></div></main>',
        '<div id="nodes"><h2>Roles</h2>', *(_role(r) for r in story.roles.values()),
        "<h2>Nodes</h2>", *(_node(n) for n in story.nodes.values()), "</div>",
        f"<script>{SCRIPT}</script></body></html>",
    ]
    return "\n".join(parts) + "\n"


def _diagnostics(found: list[Diagnostic]) -> str:
    if not found:
        return "<p>validate: no problems found.</p>"
    items = "".join(f'<li class="diag {escape(d.severity.value)}">{escape(str(d))}</li>'
                    for d in found)
    return f"<h2>Diagnostics</h2><ul>{items}</ul>"


def _role(role: Role) -> str:
    brief = role.briefing
    reminders = "".join(f"<li>{escape(r)}</li>" for r in brief.reminders)
    return (f"<section class=\"role\"><h3>{escape(role.title)} ({escape(role.side)}, "
            f"starts at {escape(role.start)})</h3><p>{escape(brief.situation)}</p>"
            f"<p><b>You:</b> {escape(brief.you)}</p><p><b>Goal:</b> {escape(brief.goal)}</p>"
            f"<ul>{reminders}</ul></section>")


def _node(node: Node) -> str:
    lines = "".join(f'<p><span class="speaker">{escape(line.speaker)}:</span> '
                    f"{escape(line.text)}</p>" for line in node.lines)
    choices = "".join(_choice(c) for c in node.choices)
    ending = "" if node.ending is None else _ending(node.ending)
    return (f'<section class="node" id="node-{escape(node.id)}"><h3>{escape(node.id)}</h3>'
            f'<p class="meta">{escape(node.loc.path)}:{node.loc.line}</p>{lines}{ending}'
            f"{'<ol>' + choices + '</ol>' if choices else ''}</section>")


def _ending(ending: Ending) -> str:
    """The ending and its whole debrief: each paragraph that depends on what the learner
    did is shown with its condition."""
    sound = ", a sound call" if ending.sound_call else ""
    head = (f"<p><b>Ending ({escape(ending.kind)}{sound}): {escape(ending.title)}</b></p>")
    if not ending.paragraphs:
        return head + f"<p>{escape(ending.debrief)}</p>"
    return head + "".join(f"<p>{_when(p.when)}{escape(p.text)}</p>" for p in ending.paragraphs)


def _when(when: Mapping[str, tuple[str, ...]]) -> str:
    if not when:
        return ""
    said = "; ".join(f"{item} {' or '.join(verdicts)}" for item, verdicts in when.items())
    return f'<span class="meta">[when {escape(said)}]</span> '


def _choice(choice: Choice) -> str:
    said = choice.say if choice.say is not None else f"({choice.silent})"
    meta = []
    if choice.tags:
        meta.append("tags: " + ", ".join(choice.tags))
    if choice.condition is not None:
        meta.append(f"if {choice.condition.source}")
    if choice.effects is not None:
        meta.append(f"do {choice.effects.source}")
    if choice.once:
        meta.append("once only")
    coach = f'<div class="coach">Coach: {escape(choice.coach)}</div>' if choice.coach else ""
    return (f"<li><b>{escape(choice.id)}</b> &rarr; {escape(choice.to)}: {escape(said)}"
            f'<div class="tags">{escape("; ".join(meta))}</div>{coach}</li>')
