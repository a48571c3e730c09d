"""Overview: a role's whole shape on one screen, as Graphviz DOT.

Where the full graph (`graph.py`) shows every line, the overview shows only
node ids, so that a 50-node role fits a screen: its start, every ending with
its kind and title, the main path (the fewest moves from the start to the best
ending the role can reach, conditions aside) in blue, and the loops (choices
that can lead back to where the conversation has been) in purple.
"""

from __future__ import annotations

from itertools import pairwise
from typing import Any

import networkx as nx

from simulator.graph import (
    ENDING_COLOURS,
    PATH_COLOUR,
    dom_id,
    dot_attrs,
    header,
    html_text,
    quote,
    shown_nodes,
)
from simulator.graph import title as graph_title
from simulator.model import ENDING_RANK, Node, Story

LOOP_COLOUR = "#7c3aed"


def overview_dot(story: Story, role: str | None = None) -> str:
    """The DOT source of the overview of `role` (of every role for None)."""
    shown, _ = shown_nodes(story, role)
    graph = _graph(story, shown)
    starts = [r.start for rid, r in story.roles.items()
              if (role is None or rid == role) and r.start in graph]
    path = main_path(story, graph, starts)
    looping = {(a, b) for a, b in graph.edges if a == b or nx.has_path(graph, b, a)}
    lines = header(story, role, "rankdir=TB, nodesep=0.12, ranksep=0.3, ",
                   _label(story, role, graph, path, looping))
    on_path = set(pairwise(path))
    lines += [f"  {_node(story.nodes[n], n in starts, n in path)}" for n in graph.nodes]
    lines += [f"  {_edge(a, b, data['count'], (a, b) in on_path, (a, b) in looping)}"
              for a, b, data in graph.edges(data=True)]
    lines.append("}")
    return "\n".join(lines) + "\n"


def _graph(story: Story, shown: list[str]) -> Any:
    """The shown nodes and, once per pair, the choices between them (with a count)."""
    graph: nx.DiGraph[str] = nx.DiGraph()
    graph.add_nodes_from(shown)
    for node_id in shown:
        for choice in story.nodes[node_id].choices:
            if choice.to in graph:
                count = graph.get_edge_data(node_id, choice.to, {"count": 0})["count"]
                graph.add_edge(node_id, choice.to, count=count + 1)
    return graph


def main_path(story: Story, graph: Any, starts: list[str]) -> list[str]:
    """The fewest moves from a start to the best ending reachable (ties: the shorter)."""
    best: tuple[int, int] | None = None
    found: list[str] = []
    for start in starts:
        lengths = nx.single_source_shortest_path(graph, start)
        for node_id, path in lengths.items():
            ending = story.nodes[node_id].ending
            if ending is None:
                continue
            rank = (-ENDING_RANK.get(ending.kind, -1), len(path))
            if best is None or rank < best:
                best, found = rank, path
    return found


def _label(story: Story, role: str | None, graph: Any, path: list[str],
           looping: set[tuple[str, str]]) -> str:
    endings = [n for n in graph.nodes if story.nodes[n].ending]
    choices = sum(data["count"] for _, _, data in graph.edges(data=True))
    facts = (f"{graph.number_of_nodes()} nodes, {choices} choices, {len(endings)} endings, "
             f"{len(looping)} links in loops")
    route = " → ".join(path) if path else "no ending can be reached"
    rows = [f"<b>Overview: {html_text(graph_title(story, role))}</b>", html_text(facts),
            f'<font color="{PATH_COLOUR}">blue, the main path ({max(len(path) - 1, 0)} moves): '
            f"{html_text(route)}</font>",
            f'<font color="{LOOP_COLOUR}">purple, dashed: a loop (the talk can come back)</font>',
            "&#215;N: N choices lead the same way"]
    return ('<table border="0" cellspacing="1">'
            + "".join(f'<tr><td align="left">{row}</td></tr>' for row in rows) + "</table>")


def _node(node: Node, start: bool, on_path: bool) -> str:
    attrs = {"id": dom_id("n", node.id), "tooltip": node.id, "fontsize": "9",
             "height": "0.2", "margin": "0.06,0.02", "shape": "box"}
    label = html_text(node.id)
    if node.ending is not None:
        attrs.update(shape="octagon", fillcolor=ENDING_COLOURS.get(node.ending.kind, "#eeeeee"))
        label += f"<br/>{html_text(node.ending.kind)}: {html_text(node.ending.title)}"
    if start:
        label = f"<b>START</b> {label}"
    if on_path:
        attrs.update(color=PATH_COLOUR, penwidth="2")
    return f"{quote(node.id)} [label=<{label}>, {dot_attrs(attrs)}];"


def _edge(a: str, b: str, count: int, on_path: bool, looping: bool) -> str:
    attrs = {"arrowsize": "0.6"}
    if count > 1:
        attrs["label"] = f"x{count}"
    if looping:
        attrs.update(color=LOOP_COLOUR, style="dashed")
    if on_path:
        attrs.update(color=PATH_COLOUR, penwidth="2.5")
    return f"{quote(a)} -> {quote(b)} [{dot_attrs(attrs)}];"
