"""One saved session as something to keep: plain text, Markdown or a self-contained page.

Every turn is numbered as the report numbers it (turn 1 is the first line of
the transcript, whoever said it), so "turn 7" in the report is "7" here. Story
and transcript text is untrusted: the terminal text is made printable by the
caller's stream, Markdown is escaped so no text becomes a link, a heading or
HTML, and the page escapes everything and may load nothing (strict CSP).
"""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass
from datetime import datetime
from html import escape as _escape_html
from typing import TYPE_CHECKING

from simulator.safety import printable
from simulator.score.text import overall_line, padded_reasons, report_text
from simulator.speech import on_screen
from simulator.transcript import NARRATOR, Transcript

if TYPE_CHECKING:
    from simulator.model import Story
    from simulator.score import Item, Report

_SIDE = {"calling-in": "calling in", "called-in": "being called in"}
_VERDICT = {"met": "met", "partly": "partly met", "missed": "missed"}


@dataclass(frozen=True)
class Shown:
    """What a view of one session needs: its transcript, report, story (for names)."""

    transcript: Transcript
    report: Report
    story: Story | None
    saved: datetime | None = None
    where: str = ""  # the file, as the learner would type it

    @property
    def title(self) -> str:
        story = self.story
        scenario = story.title if story is not None else self.transcript.scenario
        role = story.roles.get(self.transcript.role) if story is not None else None
        return f"{scenario}: {role.title}" if role is not None else scenario

    def setup(self) -> str:
        """'being called in · gentle · choose replies · 7 Dec 2026, 05:12'"""
        parts = setup_words(self.transcript)
        if self.saved is not None:
            parts.append(when(self.saved))
        return " · ".join(parts)

    def turns(self) -> list[tuple[int, str, str, str]]:
        """(number, who, text on one line, side) for every turn, numbered from 1."""
        return [(number, *on_screen(turn, self._name))
                for number, turn in enumerate(self.transcript.turns, 1)]

    def _name(self, speaker: str) -> str:
        found = self.story.characters.get(speaker) if self.story is not None else None
        return found.name if found is not None else speaker


def setup_words(transcript: Transcript) -> list[str]:
    """How a session was played, in words: side, difficulty, how the learner answered."""
    mode = "typed replies" if transcript.mode == "free" else "chosen replies"
    return [_SIDE.get(transcript.side, transcript.side),
            *([transcript.difficulty] if transcript.difficulty else []), mode]


def when(moment: datetime) -> str:
    """A moment in the learner's own time zone, as a person writes it."""
    local = moment.astimezone()
    return f"{local.day} {local:%b %Y}, {local:%H:%M}"


# Plain text: `callin show` -----------------------------------------------------------------


def as_text(shown: Shown) -> str:
    lines = [shown.title, shown.setup()]
    if shown.where:
        lines.append(f"Saved in {shown.where}")
    lines += ["", "The conversation"]
    for number, who, text, _ in shown.turns():
        lines.append(f"{number:>4}  {who + ': ' if who else ''}{text}")
    if not shown.transcript.finished:
        lines.append("      (unfinished: `callin play --resume` continues it)")
    lines += ["", "Your report", report_text(shown.report)]
    return "\n".join(lines)


# Markdown --------------------------------------------------------------------------------

# Characters that could turn text into markup: emphasis, links, code, HTML, tables.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+\-.!|~&])")


def md(text: str) -> str:
    """Text that Markdown shows as itself, on one line, with no control characters."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", printable(" ".join(text.split())))


def as_markdown(shown: Shown) -> str:
    report = shown.report
    lines = [f"# {md(shown.title)}", "", f"*{md(shown.setup())}*", "",
             f"**{md(overall_line(report))}**", ""]
    lines += _markdown_ending(report)
    lines += ["## The conversation", ""]
    for number, who, text, side in shown.turns():
        said = f"*{md(text)}*" if side == NARRATOR else f"**{md(who)}:** {md(text)}"
        lines.append(f"{number}\\. {said}  ")
    if not shown.transcript.finished:
        lines.append("*(unfinished)*")
    lines += ["", "## Your report", "",
              md(f"Talk share: you spoke {report.talk_share:.1%} of the words (aim: "
                 f"{report.talk_share_target:.0%} or less)"), ""]
    for item in report.items:
        lines.append(f"- **{md(item.title)}** ({_VERDICT[item.verdict]}): {md(item.detail)}")
        for number, quote, why in zip(item.turns, item.quotes, padded_reasons(item),
                                      strict=False):
            lines.append(f"  - turn {number}: “{md(quote)}”" + (f" ({md(why)})" if why else ""))
        if item.rewrite:
            lines.append(f"  - try: {md(item.rewrite)}")
    return "\n".join(lines) + "\n"


def _markdown_ending(report: Report) -> list[str]:
    if not report.ending:
        return []
    ending = report.ending
    return [f"**Ending: {md(ending['title'])}** ({md(ending['kind'])})", "",
            md(ending["debrief"]), "", md(report.outcome), ""]


# A self-contained page -------------------------------------------------------------------

STYLE = """
body { font: 16px/1.5 system-ui, sans-serif; max-width: 46em; margin: 2em auto;
       padding: 0 1em; color: #1f2328; }
.setup, .num, .why { color: #57606a; }
.score { font-size: 1.2em; font-weight: 600; }
ol.talk { list-style: none; padding: 0; }
ol.talk li { display: flex; gap: .75em; padding: .15em 0; }
.num { min-width: 2.5em; text-align: right; font-variant-numeric: tabular-nums; }
.narrator { font-style: italic; }
.player .who { color: #0969da; }
.who { font-weight: 600; }
.met { color: #1a7f37; } .partly { color: #9a6700; } .missed { color: #cf222e; }
ul.items > li { margin-bottom: .6em; }
"""


def escape(text: str) -> str:
    """Text for HTML: escaped, quotes included, and no control characters."""
    return _escape_html(printable(text))


def _hash(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()


def as_html(shown: Shown) -> str:
    """One page, no network, no script: it can be kept, mailed or opened anywhere."""
    policy = f"default-src 'none'; style-src '{_hash(STYLE)}'; base-uri 'none'; form-action 'none'"
    report = shown.report
    parts = [
        "<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(shown.title)}</title>", f"<style>{STYLE}</style></head><body>",
        f"<h1>{escape(shown.title)}</h1>", f'<p class="setup">{escape(shown.setup())}</p>',
        f'<p class="score">{escape(overall_line(report))}</p>', *_html_ending(report),
        "<h2>The conversation</h2>", '<ol class="talk">',
        *(_html_turn(number, who, text, side) for number, who, text, side in shown.turns()),
        "</ol>", *(["<p><em>(unfinished)</em></p>"] if not shown.transcript.finished else []),
        "<h2>Your report</h2>",
        f"<p>Talk share: you spoke {report.talk_share:.1%} of the words (aim: "
        f"{report.talk_share_target:.0%} or less)</p>",
        '<ul class="items">', *(_html_item(item) for item in report.items), "</ul>",
        "</body></html>",
    ]
    return "\n".join(parts) + "\n"


def _html_ending(report: Report) -> list[str]:
    if not report.ending:
        return []
    ending = report.ending
    return [f"<p><strong>Ending: {escape(ending['title'])}</strong> "
            f"({escape(ending['kind'])})</p>", f"<p>{escape(ending['debrief'])}</p>",
            f"<p>{escape(report.outcome)}</p>"]


def _html_turn(number: int, who: str, text: str, side: str) -> str:
    speaker = f'<span class="who">{escape(who)}:</span> ' if who else ""
    return (f'<li class="{escape(side)}"><span class="num">{number}</span>'
            f"<span>{speaker}{escape(text)}</span></li>")


def _html_item(item: Item) -> str:
    lines = [f'<li><strong>{escape(item.title)}</strong> <span class="{item.verdict}">'
             f"({_VERDICT[item.verdict]})</span>: {escape(item.detail)}<ul>"]
    for number, quote, why in zip(item.turns, item.quotes, padded_reasons(item), strict=False):
        reason = f' <span class="why">({escape(why)})</span>' if why else ""
        lines.append(f"<li>turn {number}: “{escape(quote)}”{reason}</li>")
    if item.rewrite:
        lines.append(f"<li>try: {escape(item.rewrite)}</li>")
    return "".join(lines) + "</ul></li>"
