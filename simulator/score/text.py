"""The report as plain text: readable on any terminal and by a screen reader."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from simulator.score import Item, Report

_MARK = {"met": "met", "partly": "partly", "missed": "missed"}


def report_text(report: Report) -> str:
    """The report as plain text: readable on any terminal and by a screen reader."""
    side = "calling in" if report.side == "calling-in" else "being called in"
    lines = [f"{report.scenario}, {side} (role '{report.role}')", overall_line(report), ""]
    if report.ending:
        lines.append(f"Ending: {report.ending['title']} ({report.ending['kind']})")
        lines += [f"  {p}" for p in report.ending["debrief"].split("\n\n") if p]
        lines += [f"  {report.outcome}", ""]
    for item in report.items:
        lines.append(f"[{_MARK[item.verdict]:>6}] {item.title}: {item.detail}")
        for number, quote, why in zip(item.turns, item.quotes, padded_reasons(item),
                                      strict=False):
            lines.append(f"         turn {number}: \"{quote}\"")
            if why:
                lines.append(f"           {why}")
        if item.rewrite:
            lines.append(f"         try: {item.rewrite}")
    return "\n".join(lines)


def padded_reasons(item: Item) -> tuple[str, ...]:
    """The reasons beside the quotes (reports saved before reasons existed have none)."""
    return item.reasons + ("",) * (len(item.quotes) - len(item.reasons))


def overall_line(report: Report) -> str:
    if report.overall is None:
        return (f"Overall: none yet. The conversation is unfinished ({report.moves} "
                f"move{'s' if report.moves != 1 else ''} so far); below is what was seen so far.")
    return f"Overall: {report.overall}/100 ({report.reason})"
