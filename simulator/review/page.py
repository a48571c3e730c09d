"""The review page's frame: toolbar, graphs, side panel, policy; its parts come
from `nodes` and `roles`, its script and style from the files beside this one."""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Mapping
from html import escape
from importlib.resources import files
from typing import Any

from simulator.diagnostics import Diagnostic
from simulator.graph import Overlay, drawn, shown_nodes, story_dot
from simulator.model import Story
from simulator.overview import overview_dot
from simulator.review.nodes import by_node, incoming, node_section
from simulator.review.roles import (
    coverage_section,
    problems_section,
    role_section,
    story_section,
)


def _asset(name: str) -> str:
    return files("simulator.review").joinpath(name).read_text(encoding="utf-8")


def _hash(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()


def review_html(story: Story, diagnostics: list[Diagnostic],
                coverage: Mapping[str, Any] | None = None, role: str | None = None) -> str:
    """The page. `coverage` is the JSON of `callin test --json` for this story;
    `role` the one shown first (default: the story's first)."""
    script, style = _asset("review.js"), _asset("review.css")
    policy = (f"default-src 'none'; script-src '{_hash(script)}'; "
              f"style-src '{_hash(style)}'; img-src data:")
    first = role if role is not None and role in story.roles else next(iter(story.roles), "")
    shares = (coverage or {}).get("coverage", {})
    owners = by_node(story, diagnostics)
    into = incoming(story)
    tabs = [("role", "Role"), ("node", "Node"), ("story", "Story"),
            ("problems", f"Problems ({len(diagnostics)})")]
    if coverage:
        tabs.append(("coverage", "Coverage"))
    tabs.append(("search", "Search"))
    return "\n".join([
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">',
        f"<title>Review: {escape(story.title)}</title>",
        f"<style>{style}</style></head>",
        f'<body data-role="{escape(first)}">',
        _toolbar(story),
        '<main><div id="view">', *_graphs(story, shares),
        '<p id="hint">drag to pan · wheel, + and &minus; to zoom · 0 fits · 1 reads at 100% · '
        "o: overview · / searches · click a node to read it</p></div>",
        '<aside id="side"><nav id="tabs">',
        *(f'<button data-tab="{key}">{escape(name)}</button>' for key, name in tabs),
        "</nav>",
        '<div class="tab" id="tab-role">',
        *(role_section(story, r, _reached(story, r.id)) for r in story.roles.values()),
        "</div>",
        '<div class="tab" id="tab-node" hidden><p class="meta">Click a node in the graph, '
        "or search, to read it here.</p></div>",
        f'<div class="tab" id="tab-story" hidden>{story_section(story)}</div>',
        f'<div class="tab" id="tab-problems" hidden>{problems_section(diagnostics, owners)}</div>',
        (f'<div class="tab" id="tab-coverage" hidden>{coverage_section(coverage, story)}</div>'
         if coverage else ""),
        '<div class="tab" id="tab-search" hidden><h3>Search</h3>'
        '<p class="meta">Enter: next match · Shift+Enter: previous · Esc: clear</p>'
        '<ol id="hit-list"></ol></div>',
        "</aside></main>",
        '<div id="nodes" hidden>',
        *(node_section(story, n, into.get(n.id, ()), owners.get(n.id, []), shares)
          for n in story.nodes.values()),
        "</div>",
        f"<script>{script}</script></body></html>",
    ]) + "\n"


def _toolbar(story: Story) -> str:
    # Role ids are short and meant to be read (caller, joker); titles are sentences.
    roles = "".join(f'<button data-role="{escape(r.id)}" title="{escape(r.title)}">'
                    f"{escape(r.id)}</button>" for r in story.roles.values())
    return (f'<header id="bar"><h1 title="{escape(story.title)}">{escape(story.title)}</h1>'
            f'<nav id="roles">{roles}</nav>'
            '<input id="search" type="search" placeholder="Search text or id (/)" '
            'aria-label="Search the nodes by text or id"><span id="hits"></span>'
            '<span class="zoom"><span id="zoom"></span>'
            '<button data-zoom="out" title="Zoom out ( - )">&minus;</button>'
            '<button data-zoom="in" title="Zoom in ( + )">+</button>'
            '<button data-zoom="fit" title="Fit the whole graph ( 0 )">Fit</button>'
            '<button data-zoom="read" title="Actual size, for reading ( 1 )">100%</button>'
            '<button id="overview" data-view="overview" title="The shape only: endings, main '
            'path, loops ( o )">Overview</button>'
            "</span></header>")


def _graphs(story: Story, shares: Mapping[str, Any]) -> list[str]:
    """Two inline SVGs per role: the full graph, shaded by coverage when there is
    some, and the overview."""
    overlay = Overlay(node_coverage=shares.get("nodes", {}),
                      choice_coverage=shares.get("choices", {}))
    out = []
    for role_id in story.roles:
        for kind, dot in (("full", story_dot(story, role_id, overlay)),
                          ("overview", overview_dot(story, role_id))):
            svg = drawn(dot, "svg").decode("utf-8")
            svg = svg[svg.index("<svg"):]  # drop the XML prologue and doctype: inline SVG
            out.append(f'<div class="drawing" data-role="{escape(role_id)}" data-kind="{kind}" '
                       f"hidden>{svg}</div>")
    return out


def _reached(story: Story, role: str) -> set[str]:
    return set(shown_nodes(story, role)[0])
