"""Finding scenarios: bundled ids, folders of scenarios, files inside a scenario."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

STORY_SUFFIXES = (".yaml", ".yml")


def bundled_root() -> Path:
    """Where the bundled scenarios are: inside an installed wheel, or the checkout."""
    installed = Path(__file__).parent / "_bundled_stories"
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parent.parent / "stories"


def story_files(folder: Path) -> list[Path]:
    """The story files of a scenario folder, in a stable order."""
    return sorted(p for p in folder.iterdir() if p.suffix in STORY_SUFFIXES and _is_file(p))


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except OSError:  # e.g. no search permission on the folder: the loader says why
        return True


def is_scenario_folder(folder: Path) -> bool:
    return folder.is_dir() and bool(story_files(folder))


_SCENARIO_KEY = re.compile(rb"^scenario\s*:", re.MULTILINE)


def declares_scenario(path: Path) -> bool:
    """Whether a file has its own `scenario:` section (so it stands alone)."""
    try:
        with path.open("rb") as handle:
            return _SCENARIO_KEY.search(handle.read(1 << 20)) is not None
    except OSError:
        return True  # let the loader report why it cannot be read


FIRST_PLAY = "tutorial"  # listed first everywhere: the short scenario to start with


def bundled_ids() -> list[str]:
    root = bundled_root()
    if not root.is_dir():
        return []
    return sorted((p.name for p in root.iterdir() if is_scenario_folder(p)),
                  key=lambda name: (name != FIRST_PLAY, name))


@dataclass(frozen=True)
class Target:
    """One scenario to load, and (optionally) the one file of it to report on."""

    scenario: Path
    only_file: Path | None = None


class NotFound(Exception):
    def __init__(self, argument: str, message: str) -> None:
        super().__init__(message)
        self.argument = argument
        self.message = message


def resolve(argument: str) -> list[Target]:
    """What a command-line argument names: a file, a scenario folder, a folder of
    scenarios, or a bundled scenario id. Raises NotFound with a readable reason."""
    path = Path(argument)
    if path.is_file():
        if path.suffix in STORY_SUFFIXES and not declares_scenario(path) \
                and len(story_files(path.parent)) > 1:
            # A branch file only makes sense with the rest of its scenario.
            return [Target(path.parent, path)]
        return [Target(path)]
    if path.is_dir():
        if is_scenario_folder(path):
            return [Target(path)]
        inner = sorted(p for p in path.iterdir() if is_scenario_folder(p))
        if inner:
            return [Target(p) for p in inner]
        raise NotFound(argument, "no story files (*.yaml) in this folder or its sub-folders")
    if "/" not in argument and argument in bundled_ids():
        return [Target(bundled_root() / argument)]
    from simulator.diagnostics import did_you_mean

    return_hint = did_you_mean(argument, bundled_ids())
    raise NotFound(argument, f"no such file, folder or bundled scenario{return_hint}")
