"""Small helpers shared by tests."""

from __future__ import annotations

import os
import re
import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from simulator.build import load_story
from simulator.model import Story
from tests.conftest import DOCS, ROOT


def format_example() -> str:
    """The YAML of the worked example at the end of docs/format.md."""
    text = (DOCS / "format.md").read_text(encoding="utf-8")
    section = text.split("## A complete worked example", 1)[1]
    match = re.search(r"```yaml\n(.*?)```", section, re.DOTALL)
    assert match, "docs/format.md has no worked example"
    return match.group(1)


def located(diagnostics: list) -> list[str]:  # type: ignore[type-arg]
    """'line:col CODE' for each diagnostic, the form the tables use."""
    return [f"{d.line}:{d.col} {d.code}" for d in diagnostics]


def built(path: Path) -> Story:
    """A story file or folder that must load without a problem."""
    story, found = load_story(path)
    assert story is not None and not found, found
    return story


REPAIRED = ["pause", "acknowledge", "apologise", "ask-need", "commit"]  # tutorial, called


def saved_at(path: Path, age: int) -> None:
    """Saved `age` minutes before a fixed moment: the order history sorts by."""
    moment = 1_800_000_000 - 60 * age
    os.utime(path, (moment, moment))


def three_sessions(story: Story, data_dir: Path) -> list[Path]:
    """In `data_dir`: a finished session (recorded), then two unfinished ones, one with a
    move and one without; oldest first, a minute apart."""
    from simulator.engine import Session
    from simulator.progress import database_path, record
    from simulator.score import score

    folder = data_dir / "sessions"
    done = Session(story, "called", "gentle", path=folder / "20260101-tutorial-called.json")
    for move in REPAIRED:
        done.choose(move)
    assert done.path is not None
    record(database_path(data_dir), done.transcript, score(done.transcript), done.path)
    Session(story, "caller", "tough", path=folder / "20260102-tutorial-caller.json") \
        .choose("intent-t")  # tough: Owen is braced from the first reply
    Session(story, "caller", "gentle", "free", path=folder / "20260103-tutorial-caller.json")
    paths = sorted(folder.glob("*.json"))
    for age, path in enumerate(reversed(paths), 1):
        saved_at(path, age)
    return paths


def pty_env(data_dir: Path) -> dict[str, str]:
    """The environment for callin in a pseudo-terminal, its data in `data_dir`."""
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    # PROMPT_TOOLKIT_NO_CPR: a pty has no terminal to answer cursor-position queries.
    env.update(TERM="xterm-256color", PYTHONPATH=str(ROOT), PROMPT_TOOLKIT_NO_CPR="1",
               CALLIN_DATA_DIR=str(data_dir))  # `callin` alone takes no --data-dir
    return env


@contextmanager
def callin_in_pty(data_dir: Path, timeout: int = 60) -> Iterator[Callable[..., Any]]:
    """`start(argv, rows=, columns=, **env)`: `python -m simulator ARGV` in a pseudo-terminal
    (a pexpect child); every child still running is killed on the way out."""
    import pexpect

    children: list[Any] = []
    env = pty_env(data_dir)

    def start(argv: list[str], rows: int = 24, columns: int = 80, **extra: str) -> Any:
        child = pexpect.spawn(sys.executable, ["-m", "simulator", *argv], cwd=str(ROOT),
                              env={**env, **extra}, encoding="utf-8", timeout=timeout,
                              dimensions=(rows, columns))
        children.append(child)
        return child

    try:
        yield start
    finally:
        for child in children:
            if child.isalive():
                child.kill(signal.SIGKILL)
