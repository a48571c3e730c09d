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

from collections import deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from simulator.labels import DEFENSIVE_LABELS
from simulator.model import Choice, Node, Story

ENDING_COLOURS = {"repaired": "#b7e4c7", "door-open": "#bde0fe", "stalled": "#fde68a",
                  "broke-down": "#f4a5a5"}
BROKEN = "#d00000"
PATH_COLOUR = "#1d4ed8"
LABEL_WIDTH = 34  # characters of a line or choice shown before "..."
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


def quote(text: str) -> str:
    """A DOT quoted string that shows `text` as written (no escapes, no markup)."""
    cleaned = "".join(" " if (ord(c) < 32 and c != "\n") else c for c in text)
    escaped = cleaned.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def shorten(text: str, width: int = LABEL_WIDTH) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 3].rstrip() + "..."


def story_dot(story: Story, role: str | None = None, overlay: Overlay | None = None) -> str:
    """The DOT source of `story` (or of one role's part of it)."""
    overlay = overlay or Overlay()
    from simulator.check import StoryGraph

    graph = StoryGraph(story)
    reached = graph.reachable_by_role
    anyone = set().union(*reached.values()) if reached else set()
    shown = [n for n in story.nodes if role is None or n in reached.get(role, set())
             or n not in anyone]
    if overlay.focus is not None:
        near = _neighbourhood(story, overlay.focus, overlay.depth)
        shown = [n for n in shown if n in near]
    keep = set(shown)
    lines = [f"digraph {quote(story.id + (f' / {role}' if role else ''))} {{",
             '  graph [rankdir=LR, fontname="Helvetica", fontsize=11, nodesep=0.3, '
             f'{_BIG_GRAPH if len(shown) > BIG else ""}'
             f'labelloc=t, label={quote(_title(story, role))}];',
             '  node [fontname="Helvetica", fontsize=10, style="rounded,filled", '
             'fillcolor="#ffffff"];',
             '  edge [fontname="Helvetica", fontsize=9, color="#555555"];']
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
    lines += _legend()
    lines.append("}")
    return "\n".join(lines) + "\n"


def _title(story: Story, role: str | None) -> str:
    if role is None:
        return story.title
    return f"{story.title}: {story.roles[role].title}"


def _by_file(story: Story, shown: Iterable[str]) -> list[tuple[str, list[str]]]:
    groups: dict[str, list[str]] = {}
    for node_id in shown:
        groups.setdefault(story.nodes[node_id].file, []).append(node_id)
    return list(groups.items())


def _node(node: Node, unreachable: bool, overlay: Overlay, visited: set[str]) -> str:
    attrs = {"label": _node_label(node), "tooltip": _tooltip(node)}
    if node.ending is not None:
        attrs.update(shape="octagon", fillcolor=ENDING_COLOURS.get(node.ending.kind, "#eeeeee"))
    elif node.lines and all(line.speaker == "narrator" for line in node.lines):
        attrs.update(shape="note", fillcolor="#f5f5f5")
    else:
        attrs.update(shape="box")
    if overlay.node_coverage:
        share = overlay.node_coverage.get(node.id, 0.0)
        attrs["fillcolor"] = _shade(share) if node.ending is None else attrs["fillcolor"]
        attrs["label"] += f"\nreached {share:.0%}"
    if node.id in visited:
        attrs.update(color=PATH_COLOUR, penwidth="2.5")
    if unreachable:
        attrs.update(color=BROKEN, fontcolor=BROKEN, penwidth="3", style="filled,dashed,bold")
        attrs["label"] = "UNREACHABLE\n" + attrs["label"]
    return f"{quote(node.id)} [{_attrs(attrs)}];"


def _node_label(node: Node) -> str:
    if node.ending is not None:
        return f"{node.id}\nending: {node.ending.kind}\n{shorten(node.ending.title)}"
    first = node.lines[0] if node.lines else None
    said = f"{first.speaker}: {shorten(first.text)}" if first else ""
    return f"{node.id}\n{said}" if said else node.id


def _tooltip(node: Node) -> str:
    return " / ".join(f"{line.speaker}: {line.text}" for line in node.lines)[:500]


def _edge(choice: Choice, taken: Mapping[str, int], overlay: Overlay,
          known: Mapping[str, Node]) -> str:
    text = shorten(choice.label or choice.say or f"({choice.silent})", 28)
    marks = [_TAG_MARKS[t] for t in choice.tags if t in _TAG_MARKS]
    extra = []
    if choice.condition is not None:
        extra.append(f"if {choice.condition.source}")
    if choice.once:
        extra.append("once")
    label = "\n".join(part for part in (text, " ".join(marks), ", ".join(extra)) if part)
    attrs: dict[str, str] = {"label": label, "tooltip": choice.key}
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
    return f"{quote(choice.node_id)} -> {head} [{_attrs(attrs)}];"


def _attrs(attrs: Mapping[str, str]) -> str:
    return ", ".join(f"{key}={quote(value)}" for key, value in attrs.items())


def _shade(share: float) -> str:
    """White for never reached, deepening blue for often reached."""
    level = round(255 - 150 * max(0.0, min(share, 1.0)))
    return f"#{level:02x}{level:02x}ff"


def _legend() -> list[str]:
    entries = [("line by another character", "box", "#ffffff"),
               ("narration only", "note", "#f5f5f5"),
               *((f"ending: {kind}", "octagon", colour) for kind, colour in ENDING_COLOURS.items())]
    out = ["  subgraph cluster_legend {", '    label="Legend"; style="solid"; color="#cccccc";']
    out += [f"    {quote('legend:' + text)} [label={quote(text)}, shape={shape}, "
            f"fillcolor={quote(colour)}];" for text, shape, colour in entries]
    out.append(f"    {quote('legend:unreachable')} [label=\"UNREACHABLE / missing node\", "
               f'shape=box, color="{BROKEN}", fontcolor="{BROKEN}", style="filled,dashed,bold"];')
    out.append(f"    {quote('legend:marks')} [label={quote(_MARKS_HELP)}, shape=plaintext];")
    out.append("  }")
    return out


_MARKS_HELP = ("edge marks: [I] I-statement, [?] open question,\n[def: type] defensive, "
               "[insult], if: condition, once: once only;\ndashed: a silent move")


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
