"""The pinned versions in constraints/pinned.txt: write them, or compare a venv with them.

    python3 tools/pins.py write .venv           # pin what .venv has installed now
    python3 tools/pins.py compare .venv-newest  # which packages differ from the pins

`.ci/run` installs the pins for the README's test command, and compares the
newest versions the ranges allow with them, so that a new release that breaks
callin is named in the log rather than found by surprise.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

PINNED = Path(__file__).resolve().parent.parent / "constraints" / "pinned.txt"
HEADER = """\
# Every package the README's test command installs, at the versions the suite
# last passed on (`python3 tools/pins.py write .venv` rewrites this file).
# The README's commands and `.ci/run` install with `-c constraints/pinned.txt`.
"""


def installed(venv: Path) -> dict[str, str]:
    """name -> version of what `venv` has installed, callin itself left out."""
    frozen = subprocess.run([str(venv / "bin" / "pip"), "freeze", "--exclude-editable"],
                            check=True, capture_output=True, text=True).stdout
    return parse(frozen)


def parse(text: str) -> dict[str, str]:
    """name -> version of `name==version` lines; names compared as pip does."""
    found = {}
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if "==" in line:
            name, version = line.split("==", 1)
            found[canonical(name)] = version.strip()
    return found


def canonical(name: str) -> str:
    return name.strip().lower().replace("_", "-").replace(".", "-")


def differences(pinned: dict[str, str], found: dict[str, str]) -> list[str]:
    """One line per package whose version differs, is new, or is gone."""
    lines = []
    for name in sorted(set(pinned) | set(found)):
        was, now = pinned.get(name), found.get(name)
        if was != now:
            lines.append(f"  {name}: pinned {was or '(not pinned)'}, "
                         f"installed {now or '(not installed)'}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("action", choices=("write", "compare"))
    parser.add_argument("venv", type=Path)
    args = parser.parse_args(argv)
    found = installed(args.venv)
    if args.action == "write":
        body = "".join(f"{name}=={version}\n" for name, version in sorted(found.items()))
        PINNED.write_text(HEADER + body, encoding="utf-8")
        print(f"wrote {len(found)} pins to {PINNED}")
        return 0
    changed = differences(parse(PINNED.read_text(encoding="utf-8")), found)
    if changed:
        print("installed versions that differ from constraints/pinned.txt:", *changed, sep="\n")
    else:
        print("the installed versions are the pinned ones")
    return 0


if __name__ == "__main__":
    sys.exit(main())
