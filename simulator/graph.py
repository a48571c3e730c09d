"""Graph: a story as Graphviz DOT, for trainers and reviewers to see its shape.

Pure text in, text out (no Graphviz needed here; `render.py` runs `dot`):

- nodes: a rounded box for lines by other characters, a note for narration
  only, an octagon for endings (filled by the ending's kind);
- edges: the choice in short, with marks for its tags ([I] I-statement, [?] open
  question, [def: type] a defence, [insult]), its condition and once-only;
- one cluster per source file, so a trainer's branch file shows as its own box;
- what must not be missed in red: nodes no role can reach, and choices whose
  target does not exist (drawn to a placeholder node);
- overlays: a learner's path from a transcript (numbered turns), the coverage
  of `callin test --json` (shading), and a focus on one node's neighbourhood.

All story text is escaped for DOT's quoted strings, so nothing in a story can
break the graph; Graphviz escapes it again for SVG.
"""

from __future__ import annotations

import re
import textwrap
from collections import deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from simulator.labels import DEFENSIVE_LABELS
from simulator.model import Choice, Node, Story

ENDING_COLOURS = {"repaired": "#b7e4c7", "door-open": "#bde0fe", "stalled": "#fde68a",
                  "broke-down": "#f4a5a5"}
BROKEN = "#d00000"
PATH_COLOUR = "#1d4ed8"
SPEAKER_COLOUR = "#6e3b00"
# Text is wrapped, never cut mid-word: a node shows up to NODE_LINES lines of
# NODE_WRAP characters, a choice EDGE_LINES of EDGE_WRAP; the rest ends in "…"
# and the whole text is the element's <title> (the browser's tooltip).
NODE_WRAP, NODE_LINES = 36, 6
EDGE_WRAP, EDGE_LINES = 26, 2
# Past this many nodes, bound dot's crossing minimisation: a 1,000-node story
# lays out in ~12 s instead of ~45, with a few more crossings.
BIG = 300
_BIG_GRAPH = "mclimit=0.3, nslimit=2, nslimit1=2, remincross=false, "

_TAG_MARKS = {"i_statement": "[I]", "open_question": "[?]", "insult": "[insult]"}
_TAG_MARKS.update({label: f"[def: {label[4:].replace('_', ' ')}]"
                   for label in DEFENSIVE_LABELS})


@dataclass
class Overlay:
    """What to draw over the story: a learner's path, coverage, a focus."""

    path: list[str] = field(default_factory=list)  # `node.choice` keys, in turn order
    node_coverage: Mapping[str, float] = field(default_factory=dict)
    choice_coverage: Mapping[str, float] = field(default_factory=dict)
    focus: str | None = None
    depth: int = 2


def _clean(text: str) -> str:
    """`text` without control characters (Graphviz would choke on them)."""
    return "".join(" " if (ord(c) < 32 and c != "\n") else c for c in text)


def quote(text: str) -> str:
    """A DOT quoted string that shows `text` as written (no escapes, no markup)."""
    escaped = _clean(text).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def wrap(text: str, width: int = NODE_WRAP, most: int = NODE_LINES) -> str:
    """`text` broken at spaces into lines of `width`; past `most` lines, "…"."""
    return "\n".join(_cap(_rows(text, width), most))


def _rows(text: str, width: int) -> list[str]:
    return textwrap.wrap(" ".join(_clean(text).split()), width, break_on_hyphens=False) or [""]


def _cap(rows: list[str], most: int) -> list[str]:
    if len(rows) <= most:
        return rows
    return [*rows[: most - 1], rows[most - 1].rstrip(".,;:") + " …"]


def dom_id(kind: str, key: str) -> str:
    """The id an SVG element gets: `n-` + a node id, `e-` + a choice key. The review
    page finds the story's parts by these, whatever the element's tooltip says."""
    return f"{kind}-{key}"


def story_dot(story: Story, role: str | None = None, overlay: Overlay | None = None) -> str:
    """The DOT source of `story` (or of one role's part of it)."""
    overlay = overlay or Overlay()
    shown, anyone = shown_nodes(story, role)
    if overlay.focus is not None:
        near = _neighbourhood(story, overlay.focus, overlay.depth)
        shown = [n for n in shown if n in near]
    keep = set(shown)
    # Top to bottom: wrapped text makes nodes tall and narrow, so a conversation
    # reads down the page instead of 8,000 points across.
    lines = header(story, role, "rankdir=TB, newrank=true, nodesep=0.25, ranksep=0.35, "
                   f"{_BIG_GRAPH if len(shown) > BIG else ''}",
                   legend_label(title(story, role)))
    visited = {key.split(".", 1)[0] for key in overlay.path}  # the nodes of the path
    for index, (file, members) in enumerate(_by_file(story, shown)):
        lines.append(f"  subgraph cluster_{index} {{")
        lines.append(f'    label={quote(Path(file).name)}; style="dashed"; color="#888888";')
        lines += [f"    {_node(story.nodes[n], n not in anyone, overlay, visited)}"
                  for n in members]
        lines.append("  }")
    taken = {key: number for number, key in enumerate(overlay.path, 1)}
    missing: set[str] = set()
    for node_id in shown:
        for choice in story.nodes[node_id].choices:
            if choice.to not in story.nodes:
                missing.add(choice.to)
            elif choice.to not in keep:
                continue
            lines.append(f"  {_edge(choice, taken, overlay, story.nodes)}")
    lines += [f"  {quote('missing:' + m)} [label={quote('missing node: ' + m)}, shape=box, "
              f'style="filled,bold", fillcolor="#ffe5e5", color="{BROKEN}", '
              f'fontcolor="{BROKEN}"];' for m in sorted(missing)]
    lines.append("}")
    return "\n".join(lines) + "\n"


def shown_nodes(story: Story, role: str | None) -> tuple[list[str], set[str]]:
    """The nodes to draw for `role` (all for None, and always those no role can
    reach, so they are not missed), and the set of nodes some role can reach."""
    from simulator.check import StoryGraph

    reached = StoryGraph(story).reachable_by_role
    anyone = set().union(*reached.values()) if reached else set()
    shown = [n for n in story.nodes if role is None or n in reached.get(role, set())
             or n not in anyone]
    return shown, anyone


def header(story: Story, role: str | None, layout: str, label: str) -> list[str]:
    """The first lines of a drawing: its name, layout, HTML `label` and fonts."""
    return [f"digraph {quote(story.id + (f' / {role}' if role else ''))} {{",
            f'  graph [{layout}fontname="Helvetica", fontsize=11, labelloc=t, labeljust=l, '
            f"label=<{label}>];",
            '  node [fontname="Helvetica", fontsize=10, style="rounded,filled", '
            'fillcolor="#ffffff", margin="0.1,0.05"];',
            '  edge [fontname="Helvetica", fontsize=9, color="#555555"];']


def drawn(dot_source: str, fmt: str) -> bytes:
    """`render`, and in SVG each node's and choice's whole text as its <title>,
    which browsers show on hover (Graphviz puts the bare DOT name there)."""
    from simulator.render import render

    data = render(dot_source, fmt)
    return _TITLED.sub(rb"\1\3\2", data) if fmt == "svg" else data


_TITLED = re.compile(rb'(<g id="[^"]*" class="(?:node|edge)">\n<title>)[^<]*'
                     rb'(</title>\n<g id="[^"]*"><a xlink:title="([^"]*)")')


def title(story: Story, role: str | None) -> str:
    if role is None:
        return story.title
    return f"{story.title}: {story.roles[role].title}"


def _by_file(story: Story, shown: Iterable[str]) -> list[tuple[str, list[str]]]:
    groups: dict[str, list[str]] = {}
    for node_id in shown:
        groups.setdefault(story.nodes[node_id].file, []).append(node_id)
    return list(groups.items())


def _node(node: Node, unreachable: bool, overlay: Overlay, visited: set[str]) -> str:
    rows = [f"<b>{html_text(node.id)}</b>", *_node_rows(node)]
    attrs = {"tooltip": node_text(node), "id": dom_id("n", node.id)}
    if node.ending is not None:
        attrs.update(shape="octagon", fillcolor=ENDING_COLOURS.get(node.ending.kind, "#eeeeee"))
    elif node.lines and all(line.speaker == "narrator" for line in node.lines):
        attrs.update(shape="note", fillcolor="#f5f5f5")
    else:
        attrs.update(shape="box")
    if overlay.node_coverage:
        share = overlay.node_coverage.get(node.id, 0.0)
        attrs["fillcolor"] = _shade(share) if node.ending is None else attrs["fillcolor"]
        rows.append(f"reached {share:.0%}")
    if node.id in visited:
        attrs.update(color=PATH_COLOUR, penwidth="2.5")
    if unreachable:
        attrs.update(color=BROKEN, fontcolor=BROKEN, penwidth="3", style="filled,dashed,bold")
        rows.insert(0, "<b>UNREACHABLE</b>")
    label = "".join(f'{row}<br align="left"/>' for row in rows)  # left-aligned lines
    return f"{quote(node.id)} [label=<{label}>, {dot_attrs(attrs)}];"


def _node_rows(node: Node) -> list[str]:
    """A node's text as HTML-label rows: each line wrapped, its speaker in colour,
    NODE_LINES rows at most; an ending shows its kind and title."""
    if node.ending is not None:
        return [f"ending: {html_text(node.ending.kind)}",
                *(escape(row) for row in _rows(node.ending.title, NODE_WRAP))]
    rows: list[tuple[str, int]] = []  # (text, how many of its first characters name a speaker)
    for line in node.lines:
        wrapped = _rows(f"{line.speaker}: {line.text}", NODE_WRAP)
        rows += [(wrapped[0], len(line.speaker) + 1), *((row, 0) for row in wrapped[1:])]
    kept = _cap([text for text, _ in rows], NODE_LINES)
    # The speaker in colour, not bold: Graphviz overestimates bold text's width,
    # which would leave a gap after every name.
    return [f'<font color="{SPEAKER_COLOUR}">{escape(text[:named])}</font>{escape(text[named:])}'
            if named else escape(text) for text, (_, named) in zip(kept, rows, strict=False)]


def node_text(node: Node) -> str:
    """Everything a node says, for its tooltip."""
    lines = [f"{line.speaker}: {line.text}" for line in node.lines]
    if node.ending is not None:
        lines.insert(0, f"ending ({node.ending.kind}): {node.ending.title}")
    return "\n".join([node.id, *lines])


def _edge(choice: Choice, taken: Mapping[str, int], overlay: Overlay,
          known: Mapping[str, Node]) -> str:
    text = wrap(choice.short, EDGE_WRAP, EDGE_LINES)
    marks = [_TAG_MARKS[t] for t in choice.tags if t in _TAG_MARKS]
    extra = []
    if choice.condition is not None:
        extra.append(f"if {choice.condition.source}")
    if choice.once:
        extra.append("once")
    label = "\n".join(part for part in (text, " ".join(marks), ", ".join(extra)) if part)
    attrs: dict[str, str] = {"label": label, "tooltip": f"{choice.key}: {choice.short}",
                             "id": dom_id("e", choice.key)}
    if any(t in DEFENSIVE_LABELS or t in ("insult", "you_blame") for t in choice.tags):
        attrs["color"] = "#b45309"
    if choice.silent:
        attrs["style"] = "dashed"
    if overlay.choice_coverage:
        share = overlay.choice_coverage.get(choice.key, 0.0)
        attrs["penwidth"] = f"{0.5 + 4 * share:.2f}"
        attrs["label"] += f"\n{share:.0%}"
    if choice.key in taken:
        attrs.update(color=PATH_COLOUR, penwidth="3", fontcolor=PATH_COLOUR)
        attrs["label"] = f"#{taken[choice.key]} " + attrs["label"]
    broken = choice.to not in known
    head = quote("missing:" + choice.to if broken else choice.to)
    if broken:
        attrs.update(color=BROKEN, fontcolor=BROKEN, style="bold")
    return f"{quote(choice.node_id)} -> {head} [{dot_attrs(attrs)}];"


def dot_attrs(attrs: Mapping[str, str]) -> str:
    return ", ".join(f"{key}={quote(value)}" for key, value in attrs.items())


def _shade(share: float) -> str:
    """White for never reached, deepening blue for often reached."""
    level = round(255 - 150 * max(0.0, min(share, 1.0)))
    return f"#{level:02x}{level:02x}ff"


def legend_label(title: str) -> str:
    """The graph's title with a one-row legend under it (a Graphviz HTML label), so
    the legend no longer takes the first screen of a drawing."""
    cells = [_cell("line by another character", "#ffffff"), _cell("narration only", "#f5f5f5")]
    cells += [_cell(f"ending: {kind}", colour) for kind, colour in ENDING_COLOURS.items()]
    cells.append(f'<td border="1" color="{BROKEN}"><font color="{BROKEN}">UNREACHABLE / '
                 "missing node</font></td>")
    return ('<table border="0" cellspacing="3" cellpadding="3">'
            f'<tr><td colspan="{len(cells)}"><b>{html_text(title)}</b></td></tr>'
            f"<tr>{''.join(cells)}</tr>"
            f'<tr><td colspan="{len(cells)}">{escape(_MARKS_HELP)}</td></tr></table>')


def _cell(text: str, colour: str) -> str:
    return f'<td border="1" bgcolor="{colour}">{escape(text)}</td>'


def html_text(text: str) -> str:
    """`text` for a Graphviz HTML label: one line, markup escaped."""
    return escape(" ".join(_clean(text).split()))


_MARKS_HELP = ("edge marks: [I] I-statement, [?] open question, [def: type] defensive, "
               "[insult], if: condition, once: once only; dashed: a silent move; "
               "hover for the whole text")


def _neighbourhood(story: Story, centre: str, depth: int) -> set[str]:
    """Nodes within `depth` choices of `centre`, either way."""
    links: dict[str, set[str]] = {n: set() for n in story.nodes}
    for node in story.nodes.values():
        for choice in node.choices:
            if choice.to in links:
                links[node.id].add(choice.to)
                links[choice.to].add(node.id)
    seen, queue = {centre}, deque([(centre, 0)])
    while queue:
        here, distance = queue.popleft()
        if distance < depth:
            for near in sorted(links.get(here, ())):
                if near not in seen:
                    seen.add(near)
                    queue.append((near, distance + 1))
    return seen
