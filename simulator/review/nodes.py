"""The review page's node details: a node's lines, its choices with everything
an author wrote on them, where it is reached from, its diagnostics, and how
often `callin test` reached it. One hidden <section> per node; the page's
script shows the one clicked. All story text is escaped here."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from html import escape

from simulator.diagnostics import Diagnostic
from simulator.model import Choice, Ending, Node, Story


def go(node_id: str, text: str | None = None) -> str:
    """A link that selects `node_id` in the graph (the script follows data-go)."""
    return (f'<a href="#" class="go" data-go="{escape(node_id)}">'
            f"{escape(text if text is not None else node_id)}</a>")


def percent(share: float | None) -> str:
    return "" if share is None else f"{share:.0%}"


def node_section(story: Story, node: Node, into: Iterable[Choice],
                 found: list[Diagnostic], coverage: Mapping[str, Mapping[str, float]]) -> str:
    """Everything about one node, for the side panel."""
    reached = coverage.get("nodes", {}).get(node.id)
    parts = [f'<section class="node" id="node-{escape(node.id)}" data-node="{escape(node.id)}">',
             f"<h3>{escape(node.id)}</h3>",
             f'<p class="meta">{escape(str(node.loc))}'
             + (f" · reached in {percent(reached)} of test runs" if reached is not None else "")
             + "</p>",
             _problems(found),
             *(f'<p class="line"><span class="speaker">{escape(line.speaker)}:</span> '
               f"{escape(line.text)}</p>" for line in node.lines)]
    if node.ending is not None:
        parts.append(ending_html(node.ending))
    if node.choices:
        shares = coverage.get("choices", {})
        parts.append("<h4>Choices</h4><ol class=\"choices\">"
                     + "".join(choice_html(c, shares.get(c.key), story) for c in node.choices)
                     + "</ol>")
    parts.append(_incoming(list(into)))
    parts.append("</section>")
    return "".join(parts)


def _problems(found: list[Diagnostic]) -> str:
    if not found:
        return ""
    items = "".join(f'<li class="diag {escape(d.severity.value)}">{escape(d.severity.value)} '
                    f"{escape(d.code)}: {escape(d.message)}"
                    + (f'<div class="hint">hint: {escape(d.hint)}</div>' if d.hint else "")
                    + "</li>" for d in found)
    return f'<ul class="problems">{items}</ul>'


def _incoming(into: list[Choice]) -> str:
    if not into:
        return '<p class="meta">No choice leads here.</p>'
    items = "".join(f"<li>{go(c.node_id)} · {escape(c.id)}: {escape(c.short)}</li>"
                    for c in into)
    return f'<h4>Reached from</h4><ul class="into">{items}</ul>'


def choice_html(choice: Choice, share: float | None, story: Story) -> str:
    said = (escape(choice.say) if choice.say is not None
            else f"<i>({escape(choice.silent or '')})</i>")
    target = (go(choice.to, f"→ {choice.to}") if choice.to in story.nodes
              else f'<span class="broken">→ {escape(choice.to)} (missing)</span>')
    meta = [f"<b>{escape(choice.id)}</b>", target]
    if share is not None:
        meta.append(f"taken in {percent(share)} of runs")
    rows = [f'<div class="said">{said}</div>', f'<div class="meta">{" · ".join(meta)}</div>']
    rows += [f'<div class="{kind}">{escape(f"{label} {text}".strip())}</div>'
             for kind, label, text in _facts(choice)]
    rows += [f'<div class="also">also: “{escape(text)}”</div>' for text in choice.also]
    if choice.coach:
        rows.append(f'<div class="coach">Coach: {escape(choice.coach)}</div>')
    return f'<li data-choice="{escape(choice.key)}">{"".join(rows)}</li>'


def _facts(choice: Choice) -> list[tuple[str, str, str]]:
    """(class, label, text) for each thing the author set on a choice."""
    facts = []
    if choice.label:
        facts.append(("tags", "menu label:", choice.label))
    if choice.tags:
        facts.append(("tags", "tags:", ", ".join(choice.tags)))
    if choice.condition is not None:
        facts.append(("cond", "if", choice.condition.source))
    if choice.effects is not None:
        facts.append(("effect", "do", choice.effects.source))
    if choice.once:
        facts.append(("tags", "once only", ""))
    if choice.talking_to:
        facts.append(("tags", "said to", choice.talking_to))
    return facts


def ending_html(ending: Ending) -> str:
    """The ending and its whole debrief: each paragraph that depends on what the learner
    did is shown with its condition."""
    sound = ", a sound call" if ending.sound_call else ""
    head = (f'<p class="ending {escape(ending.kind)}"><b>Ending ({escape(ending.kind)}{sound}): '
            f"{escape(ending.title)}</b></p>")
    if not ending.paragraphs:
        return head + f"<p>{escape(ending.debrief)}</p>"
    return head + "".join(f"<p>{_when(p.when)}{escape(p.text)}</p>" for p in ending.paragraphs)


def _when(when: Mapping[str, tuple[str, ...]]) -> str:
    if not when:
        return ""
    said = "; ".join(f"{item} {' or '.join(verdicts)}" for item, verdicts in when.items())
    return f'<span class="meta">[when {escape(said)}]</span> '


def by_node(story: Story, found: list[Diagnostic]) -> dict[str, list[Diagnostic]]:
    """Each diagnostic under the node whose YAML holds its line (a node runs from its
    own line to the next node's in the same file); the rest under ""."""
    starts: dict[str, list[tuple[int, str]]] = {}
    for node in story.nodes.values():
        starts.setdefault(node.loc.path, []).append((node.loc.line, node.id))
    for rows in starts.values():
        rows.sort()
    out: dict[str, list[Diagnostic]] = {}
    for diag in found:
        owner = ""
        for line, node_id in starts.get(diag.path, []):
            if diag.line and line <= diag.line:
                owner = node_id
        out.setdefault(owner, []).append(diag)
    return out


def incoming(story: Story) -> dict[str, list[Choice]]:
    """The choices that lead to each node."""
    into: dict[str, list[Choice]] = {}
    for node in story.nodes.values():
        for choice in node.choices:
            into.setdefault(choice.to, []).append(choice)
    return into
