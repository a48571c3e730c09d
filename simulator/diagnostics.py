"""Diagnostics: located, sortable problem reports with stable codes.

Every stage reports problems as `Diagnostic` values, never as exceptions. A
diagnostic prints as `path:line:col: severity CODE message`. Codes come from
one registry, `CODES`; they never change meaning, and docs/diagnostics.md is
generated from it (`python -m simulator.diagnostics`).
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Code:
    code: str
    name: str
    severity: Severity
    summary: str
    hint: str


def _registry(*codes: Code) -> dict[str, Code]:
    return {c.code: c for c in codes}


E, W = Severity.ERROR, Severity.WARNING

CODES: dict[str, Code] = _registry(
    # Reading files: nothing here ever reaches a user as a traceback.
    Code("CI100", "missing-file", E, "A named file or folder does not exist.",
         "Check the path, or give a bundled scenario id (`callin list` shows them)."),
    Code("CI101", "no-stories", E, "A folder holds no story files (*.yaml, *.yml).",
         "Point at a scenario folder such as stories/tutorial/."),
    Code("CI102", "file-too-large", E, "A story file is larger than the size limit.",
         "Split the scenario over several files in one folder."),
    Code("CI103", "binary-file", E, "A story file is binary, not text.",
         "Story files are UTF-8 YAML text."),
    Code("CI104", "invalid-utf8", E, "A story file is not valid UTF-8.",
         "Save the file as UTF-8."),
    Code("CI105", "empty-file", E, "A story file is empty.",
         "Start the file with `callin: 1`, or delete it."),
    Code("CI106", "yaml-syntax", E, "The file is not well-formed YAML.",
         "Check indentation and quoting near the position given."),
    Code("CI107", "unsafe-tag", E, "A YAML tag other than the plain core ones is used.",
         "Remove the tag: story files hold only plain text, numbers, lists and mappings."),
    Code("CI108", "alias-limit", E, "YAML aliases expand beyond the limit.",
         "Write the repeated content out, or use fewer aliases."),
    Code("CI109", "too-deep", E, "YAML nesting is deeper than any story needs.",
         "Flatten the structure."),
    Code("CI110", "duplicate-key", E, "A mapping has the same key twice.",
         "Remove or rename one of them: YAML would silently keep only the last."),
    Code("CI111", "unreadable", E, "A file could not be read.",
         "Check that the file exists and that you may read it."),
    Code("CI112", "multiple-documents", E, "A file holds more than one YAML document.",
         "Keep one document per file; put a new branch in a new file."),
    # The shape of a story file (the JSON Schema in simulator/schema/).
    Code("CI200", "format-version", E, "`callin:` is missing or names an unknown format version.",
         "Begin every story file with `callin: 1`."),
    Code("CI201", "unknown-key", E, "A mapping has a key the story format does not know.",
         "Fix the spelling, or see docs/format.md for the keys allowed here."),
    Code("CI202", "missing-key", E, "A required key is missing.",
         "Add the key; docs/format.md shows a complete example."),
    Code("CI203", "wrong-type", E, "A value has the wrong type.",
         "See docs/format.md for what each key holds."),
    Code("CI204", "bad-value", E, "A value is out of range, malformed, or not one of the choices.",
         "See docs/format.md for the values allowed here."),
    Code("CI205", "empty-text", E, "A text that a learner reads is empty.",
         "Write the line, or remove it."),
    Code("CI206", "no-scenario", E, "No file of the story has a `scenario:` section.",
         "Add `scenario:` with id, title and summary to the story's main file."),
    Code("CI207", "duplicate-section", E, "A section that a story has once appears in two files.",
         "Keep `scenario`, `dynamics` and `roles` for the same id in one file."),
    Code("CI208", "control-character", E, "A text holds a control character, such as the "
         "start of a terminal escape sequence.",
         "Delete it: story text is shown in terminals, where such characters take control. "
         "Tabs and line breaks are fine."),
    # References and the shape of the graph.
    Code("CI301", "unknown-node", E, "A reference names a node that does not exist.",
         "Fix the id, or add the node."),
    Code("CI302", "duplicate-id", E, "Two definitions share one id.",
         "Ids are stable keys for transcripts and saves: give each a unique one."),
    Code("CI303", "unknown-character", E, "A line or role names a character that is not declared.",
         "Declare the character under `characters:`, or fix the name."),
    Code("CI304", "unknown-tag", E, "A tag is neither an utterance label, a built-in skill, "
         "nor declared under `skills:`.",
         "Use a label from docs/labels.md, or declare the tag under `skills:`."),
    Code("CI305", "unreachable-node", W, "No role can reach this node from its start.",
         "Link to it from a choice, or remove it."),
    Code("CI306", "trap", E, "No ending can be reached from this node.",
         "Give the loop a way out towards an ending."),
    Code("CI307", "dead-end", E, "A node has no choices and is not an ending.",
         "Add choices, or make it an ending with `ending:`."),
    Code("CI308", "role-without-ending", E, "A role cannot reach any ending from its start.",
         "Link the role's nodes to at least one ending."),
    Code("CI309", "wrong-ending", E, "A role's breakdown node is not a broke-down ending.",
         "Point `breakdown:` at a node whose ending kind is broke-down."),
    Code("CI310", "broken-sound-call", E, "A broke-down ending is marked as a sound call.",
         "Use `sound_call: true` for stepping back or leaving both thinking, on an ending "
         "of kind door-open or stalled; a conversation that broke down is never one."),
    Code("CI311", "when-item-not-scored", E, "A debrief's `when:` names an item that no role "
         "reaching that ending is scored on: not a rubric item, or one of another profile.",
         "Name an item that a role reaching this ending is scored on (docs/format.md lists "
         "each profile's items; a role's `rubric: add:` adds one), or drop the condition."),
    Code("CI312", "unknown-role", E, "A difficulty's `for:` names a role the story does not "
         "have.", "Name one of the roles under `roles:` (their ids), or drop the entry."),
    # State and the expression language.
    Code("CI401", "expression-syntax", E, "A condition or effect is not valid.",
         "Conditions look like `trust >= 3 and heat < 5`; effects like `trust += 1; heat -= 1`."),
    Code("CI402", "unknown-variable", E, "An expression or preset names an undeclared variable.",
         "Declare it under `state:`, or fix the name."),
    Code("CI403", "unused-variable", W, "A declared variable is never read or changed.",
         "Use it in a condition or effect, or remove it."),
    Code("CI404", "never-holds", W, "A condition can never hold given the declared ranges.",
         "Check the comparison against the variable's min and max."),
    Code("CI405", "bad-range", E, "A variable's range or value does not fit.",
         "Keep min <= initial <= max, and preset values inside the range."),
    # Lints for calling in, which no narrative engine has.
    Code("CI501", "missing-reaction", W, "A role has no reaction for a defensive label or insult.",
         "Add one under the role's `reactions:` so free-text play never dead-ends."),
    Code("CI502", "unearned-ending", W, "A role's best ending can be reached without one "
         "acknowledgment, I-statement or open question.",
         "Make the way to the best ending need the skills the seeds teach."),
    Code("CI503", "missing-coach", W, "A choice has no coaching note.",
         "Add `coach:` saying why the move helps or hurts, in the seeds' words."),
    Code("CI504", "unused-character", W, "A declared character never speaks or plays.",
         "Give them a line or a role, or remove them."),
    Code("CI505", "unused-rubric-item", W, "A role drops or weights a rubric item it is not "
         "scored on.",
         "Add the item under `add:` first, or remove it from `drop:` / `weights:`."),
    Code("CI506", "seed-id-shown", W, "Text a learner sees names the source texts: a seed "
         "by its id (\"seed 002\") or as \"the seeds\".",
         "Say it in your own words; sources belong in `sources:` and comments."),
    Code("CI507", "debrief-claim-not-gated", W, "A debrief paragraph speaks of a rubric item "
         "(credits it, or asks for more of it) without a `when:` that keeps it from "
         "contradicting the checklist.",
         "Give the paragraph `when: {item: met}` if it credits the item, or `when: {item: "
         "[partly, missed]}` if it asks for more; split a paragraph that does both."),
    Code("CI508", "longest-reply-wins", W, "On a role's best path the right reply is the "
         "longest on offer at more than half of its choices (three or more).",
         "Shorten the right replies, or lengthen a tempting wrong one, so that length gives "
         "nothing away."),
    Code("CI509", "fixed-position-wins", W, "A player who always takes the reply in one "
         "place as written (always the first, say) reaches the role's best ending, over "
         "three choices or more.",
         "Put the right reply in different places, so that where it is gives nothing away "
         "(learners see the replies shuffled, but a fixed place is easy to copy)."),
    Code("CI510", "no-again-lines", W, "A node the talk can come back to (a loop, a detour "
         "that returns) has no `again:` lines, so its speech would be said twice; a stock "
         "line is said instead.",
         "Add `again:` with a shorter line in the character's voice for the second time."),
    Code("CI511", "blurb-for-one-side", W, "A story played from both sides has a difficulty "
         "whose blurb does not speak to each side: a learner reads how the other person "
         "behaves, and the other person is someone else on each side.",
         "Give the difficulty a `for:` map, one blurb per role id, each written to the one "
         "playing it."),
    # `callin test`: plans (golden play-throughs) and runtime errors.
    Code("CI601", "plan-syntax", E, "A plan file has a line that is not a step.",
         "Steps look like `choose: ID`, `say: TEXT`, `expect ending: KIND` (see docs/format.md)."),
    Code("CI602", "plan-expectation", E, "A plan's expectation did not hold.",
         "The story changed, or the plan is wrong: play it with `callin play` to see."),
    Code("CI603", "plan-step-failed", E, "A plan's move could not be made.",
         "Check the choice id against the node's choices at that point."),
    Code("CI604", "ending-without-plan", W, "No passing plan reaches an ending for a role and "
         "difficulty.", "Add a plan under the scenario's plans/ folder that reaches it."),
    Code("CI605", "runtime-error", E, "Random play hit an error in the engine or story.",
         "Replay it with `callin test STORY --seed SEED --runs 1`."),
    # Labelled utterances (corpus/, the analyzer's test sets) ------------------
    Code("CI701", "utterance-row", E, "A line of a labelled-utterance file is not one "
         "utterance: a JSON object with `text` and a list of known `labels`.",
         'Write each line as {"id": ..., "text": "...", "labels": ["i_statement"], ...}; '
         "the labels are those of docs/labels.md (corpus/README.md has the schema)."),
)


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem, located in a file. Sorts by file, then position, then code."""

    path: str
    line: int  # 1-based; 0 when the problem has no position in the file
    col: int
    code: str
    message: str
    hint: str = ""

    @property
    def severity(self) -> Severity:
        return CODES[self.code].severity

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def location(self) -> str:
        return f"{self.path}:{self.line}:{self.col}" if self.line else self.path

    def __str__(self) -> str:
        return f"{self.location()}: {self.severity.value} {self.code} {self.message}"

    def to_dict(self) -> dict[str, object]:
        return {
            "path": self.path,
            "line": self.line,
            "col": self.col,
            "severity": self.severity.value,
            "code": self.code,
            "name": CODES[self.code].name,
            "message": self.message,
            "hint": self.hint or CODES[self.code].hint,
        }


def diagnostic(
    code: str, path: str, pos: tuple[int, int] | None, message: str, hint: str = ""
) -> Diagnostic:
    """Make a diagnostic; `pos` is a 1-based (line, col) or None for the whole file."""
    if code not in CODES:
        raise KeyError(f"unregistered diagnostic code {code}")
    line, col = pos if pos else (0, 0)
    return Diagnostic(path, line, col, code, message, hint)


def did_you_mean(name: str, candidates: Iterable[str]) -> str:
    """' (did you mean 'x'?)' when a candidate is close to `name`, else ''."""
    close = difflib.get_close_matches(name, list(candidates), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def has_errors(diagnostics: Iterable[Diagnostic]) -> bool:
    return any(d.is_error for d in diagnostics)


# Output formats -----------------------------------------------------------


def unreadable_first(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """Sorted, with files that could not be read at all (CI1xx) before the rest:
    the first thing to fix is said first."""
    return sorted(diagnostics, key=lambda d: (not d.code.startswith("CI1"), d))


def format_text(diagnostics: list[Diagnostic], *, hints: bool = True) -> str:
    lines = []
    for d in diagnostics:
        lines.append(str(d))
        if hints:
            lines.append(f"    hint: {d.hint or CODES[d.code].hint}")
    return "\n".join(lines)


def format_json(diagnostics: list[Diagnostic]) -> str:
    return json.dumps([d.to_dict() for d in diagnostics], indent=2, ensure_ascii=False)


def _github_escape(text: str, *, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if prop else text


def format_github(diagnostics: list[Diagnostic]) -> str:
    """GitHub Actions workflow commands: one annotation per diagnostic."""
    out = []
    for d in diagnostics:
        kind = "error" if d.is_error else "warning"
        props = [f"file={_github_escape(d.path, prop=True)}"]
        if d.line:
            props += [f"line={d.line}", f"col={d.col}"]
        props.append(f"title={d.code} {CODES[d.code].name}")
        out.append(f"::{kind} {','.join(props)}::{_github_escape(d.message)}")
    return "\n".join(out)


def summary_line(diagnostics: list[Diagnostic], files: int) -> str:
    errors = sum(d.is_error for d in diagnostics)
    warnings = len(diagnostics) - errors
    checked = f"{files} file{'s' if files != 1 else ''} checked"
    if not diagnostics:
        return f"{checked}: no problems found."
    return f"{checked}: {_plural(errors, 'error')}, {_plural(warnings, 'warning')}."


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n != 1 else ''}"


# The reference page ------------------------------------------------------


def docs_markdown() -> str:
    """docs/diagnostics.md, generated from CODES so it can never drift."""
    out = [
        "# Diagnostics",
        "",
        "<!-- Generated by `python -m simulator.diagnostics > docs/diagnostics.md`. "
        "Do not edit. -->",
        "",
        "`callin validate` prints each problem as `path:line:col: severity CODE message`,",
        "followed by a hint. Codes are stable: a code never changes meaning.",
        "`--strict` makes warnings fail too.",
        "",
        "| code | name | severity | what it means | how to fix it |",
        "|---|---|---|---|---|",
    ]
    for c in CODES.values():
        out.append(f"| {c.code} | `{c.name}` | {c.severity.value} | {c.summary} | {c.hint} |")
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    print(docs_markdown(), end="")
