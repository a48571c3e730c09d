"""The README's quick start stays true: two commands, and CI runs the same test command."""

from __future__ import annotations

import re

from tests.conftest import ROOT


def _quick_start_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.+?)\n```", section)


def test_quick_start_has_exactly_two_commands() -> None:
    commands = _quick_start_commands()
    assert len(commands) == 2
    assert all("\n" not in c for c in commands)
    assert "pytest" in commands[1]


def test_ci_runs_the_readmes_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert _quick_start_commands()[1] in ci.splitlines()


def test_quick_start_plays_the_tutorial() -> None:
    assert _quick_start_commands()[0] == (
        "python3 -m venv .venv && .venv/bin/pip install -q -c constraints/pinned.txt -e . "
        "&& .venv/bin/callin play tutorial")


def test_both_commands_install_the_pins() -> None:
    assert all("-c constraints/pinned.txt" in c for c in _quick_start_commands())


def test_docs_labels_defines_exactly_the_labels_callin_uses() -> None:
    from simulator.labels import LABELS

    text = (ROOT / "docs" / "labels.md").read_text(encoding="utf-8")
    defined = re.findall(r"^\| `([a-z_]+)` \|", text, flags=re.MULTILINE)
    assert sorted(defined) == sorted(LABELS)


def test_every_pointer_to_labels_md_resolves() -> None:
    from simulator.cli import build_parser

    analyze_help = build_parser()._subparsers._group_actions[0].choices["analyze"].format_help()
    assert "docs/labels.md" in analyze_help and "--labels" in analyze_help
    for doc in (ROOT / "docs").glob("*.md"):
        for target in re.findall(r"\]\(([^)#:]+\.md)\)", doc.read_text(encoding="utf-8")):
            assert (doc.parent / target).is_file(), f"{doc.name} links to missing {target}"
