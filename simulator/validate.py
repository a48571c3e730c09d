"""`callin validate`: check scenarios named on the command line and report."""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from simulator.check import validate
from simulator.diagnostics import (
    Diagnostic,
    diagnostic,
    format_github,
    format_json,
    format_text,
    has_errors,
    summary_line,
    unreadable_first,
)
from simulator.stories import NotFound, resolve, story_files


def collect(arguments: list[str]) -> tuple[list[Diagnostic], int]:
    """Every diagnostic for the named scenarios, sorted, and how many files were read."""
    found: list[Diagnostic] = []
    files = 0
    for argument in arguments:
        try:
            targets = resolve(argument)
        except NotFound as missing:
            code = "CI101" if Path(argument).is_dir() else "CI100"
            found.append(diagnostic(code, argument, None, missing.message))
            continue
        for target in targets:
            _story, diagnostics = validate(target.scenario)
            if target.only_file is not None:
                files += 1
            else:
                scenario = Path(target.scenario)
                files += len(story_files(scenario)) if scenario.is_dir() else 1
            if target.only_file is not None:
                wanted = str(target.only_file)
                diagnostics = [d for d in diagnostics if d.path == wanted]
            found.extend(diagnostics)
    return unreadable_first(list(set(found))), files


def run_validate(arguments: list[str], *, strict: bool, output: str, hints: bool,
                 out: TextIO) -> int:
    found, files = collect(arguments)
    if output == "json":
        print(format_json(found), file=out)
    elif output == "github":
        if found:
            print(format_github(found), file=out)
        print(summary_line(found, files), file=out)
    else:
        if found:
            print(format_text(found, hints=hints), file=out)
        print(summary_line(found, files), file=out)
    failed = has_errors(found) or (strict and bool(found))
    return 1 if failed else 0
