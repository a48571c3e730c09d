"""Files named on the command line: capped, regular files only, UTF-8, no hangs."""

from __future__ import annotations

import io
import json
import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest

from simulator.cli import main
from simulator.files import FileProblem, read_text
from tests.conftest import STORIES


def _fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


def _bytes(data: bytes) -> Callable[[Path], Path]:
    def make(path: Path) -> Path:
        path.write_bytes(data)
        return path
    return make


@pytest.mark.parametrize(("make", "message"), [
    (_fifo, "this is not a regular file"),
    (lambda p: Path("/dev/zero"), "this is not a regular file"),
    (lambda p: p.parent, "this is a folder"),
    (_bytes(b'{"a": "\xff"}'), "not UTF-8 text (byte 0xff)"),
    (lambda p: p.parent / "missing", "no such file"),
], ids=["fifo", "dev-zero", "folder", "not-utf8", "missing"])
def test_read_text_refuses_in_our_words(tmp_path: Path, make: Callable[[Path], Path],
                                        message: str) -> None:
    with pytest.raises(FileProblem) as raised:
        read_text(make(tmp_path / "f.json"))
    assert raised.value.message == message and raised.value.hint


def test_read_text_caps_the_size(tmp_path: Path) -> None:
    (tmp_path / "big").write_bytes(b"x" * 101)
    with pytest.raises(FileProblem, match="larger than"):
        read_text(tmp_path / "big", limit=100)


# Each command that reads a named file, with each hostile file: a message, exit 1.
COMMANDS = {
    "score": lambda f: ["score", str(f)],
    "graph --coverage": lambda f: ["graph", "tutorial", "--coverage", str(f), "-o", "g.dot"],
    "analyze --jsonl": lambda f: ["analyze", "--jsonl", str(f)],
}
FILES = {
    "dev-zero": lambda p: Path("/dev/zero"),
    "fifo": _fifo,
    "not-utf8": _bytes(b'{"text": "I felt \xff hurt"}\n'),
}


@pytest.mark.parametrize("command", list(COMMANDS))
@pytest.mark.parametrize("kind", list(FILES))
def test_commands_refuse_unreadable_files_without_hanging(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        command: str, kind: str) -> None:
    monkeypatch.chdir(tmp_path)
    path = FILES[kind](tmp_path / "input.json")
    assert main(COMMANDS[command](path), out=io.StringIO()) == 1
    err = capsys.readouterr().err
    assert ("not a regular file" in err or "not UTF-8" in err) and "Traceback" not in err
    assert "internal error" not in err


@pytest.mark.parametrize("share", ['"x"', "7", "null", "[1]"])
def test_graph_coverage_with_a_share_that_is_not_a_number(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], share: str) -> None:
    path = tmp_path / "coverage.json"
    coverage = {"nodes": {"start": 0.5}, "choices": {}}
    path.write_text(json.dumps({"coverage": coverage}).replace("0.5", share))
    out = tmp_path / "g.dot"
    assert main(["graph", "tutorial", "--coverage", str(path), "-o", str(out)]) == 1
    assert "is not the JSON of `callin test --json`" in capsys.readouterr().err


@pytest.fixture
def scenario(tmp_path: Path) -> Path:
    folder = tmp_path / "tutorial"
    shutil.copytree(STORIES / "tutorial", folder)
    return folder


@pytest.mark.parametrize(("make", "said"), [
    (_fifo, "x.plan: error CI601 this is not a regular file"),
    (_bytes(b"role: caller\n\xff\n"), "x.plan:2:1: error CI601 not UTF-8 text (byte 0xff)"),
], ids=["fifo", "not-utf8"])
def test_plans_that_cannot_be_read_are_reported(scenario: Path, make: Callable[[Path], Path],
                                                said: str) -> None:
    make(scenario / "plans" / "x.plan")
    out = io.StringIO()
    assert main(["test", str(scenario), "--plans"], out=out) == 1
    assert said in out.getvalue()


@pytest.mark.parametrize("command", [["graph", "-o", "g.svg"], ["review", "-o", "r.html"],
                                     ["validate"]])
def test_a_file_name_that_is_not_utf8(scenario: Path, tmp_path: Path,
                                      monkeypatch: pytest.MonkeyPatch,
                                      command: list[str]) -> None:
    branch = scenario / "branch-ask-more.yaml"
    branch.rename(os.fsdecode(bytes(scenario) + b"/br\xffanch.yaml"))
    monkeypatch.chdir(tmp_path)
    out = io.StringIO()
    assert main([command[0], str(scenario), *command[1:]], out=out) == 0


def test_a_fifo_named_like_a_story_is_not_waited_on(tmp_path: Path) -> None:
    from simulator.load import load_file

    found = load_file(str(_fifo(tmp_path / "story.yaml"))).diagnostics
    assert [(d.code, d.message) for d in found] == [("CI111", "it is not a regular file")]


@pytest.mark.parametrize("argv", [["validate", "{folder}"],
                                  ["progress", "--data-dir", "{folder}"]])
def test_a_folder_without_search_permission(scenario: Path, argv: list[str]) -> None:
    """Run as a normal user: root may enter any folder, so root runs it as `nobody`."""
    shared = Path(tempfile.mkdtemp(prefix="callin-perm-"))
    try:
        shared.chmod(0o755)
        folder = shutil.copytree(scenario, shared / "story")
        folder.chmod(0o600)
        code, err = _as_normal_user(lambda: main([a.format(folder=folder) for a in argv],
                                                  out=io.StringIO()))
    finally:
        (shared / "story").chmod(0o700)
        shutil.rmtree(shared)
    assert code == 1 and "Permission denied" in err and "internal error" not in err


def _as_normal_user(run: Callable[[], int]) -> tuple[int, str]:
    """`run()`'s exit code and standard error, as this user or, for root, as `nobody`
    in a forked child (no new program is started, so nothing else need be readable)."""
    if os.geteuid() != 0:
        err, sys.stderr = sys.stderr, io.StringIO()
        try:
            return run(), sys.stderr.getvalue()
        finally:
            sys.stderr = err
    # Loaded before the fork: `nobody` may not be able to read the installed modules.
    import simulator.check
    import simulator.progress  # noqa: F401

    reader, writer = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover (the child's coverage is not collected)
        os.close(reader)
        try:
            os.setgroups([])
            os.setgid(65534)
            os.setuid(65534)
            sys.stderr = io.StringIO()
            code = run()
            os.write(writer, json.dumps([code, sys.stderr.getvalue()]).encode())
        finally:
            os._exit(0)
    os.close(writer)
    with os.fdopen(reader, "rb") as pipe:
        found = pipe.read()
    os.waitpid(child, 0)
    code, err = json.loads(found or b'[-1, "the child wrote nothing"]')
    return code, err


def test_permission_errors_anywhere_are_one_line_messages(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """The last guard, as run by root (who may enter any folder)."""
    def refuse(*_: object, **__: object) -> None:
        raise PermissionError(13, "Permission denied", "/some/folder")

    monkeypatch.setattr("simulator.cli._run_list", refuse)
    monkeypatch.setattr("simulator.cli.build_parser", _parser_running(refuse))
    assert main(["list"], out=io.StringIO()) == 1
    err = capsys.readouterr().err
    assert err.startswith("callin: /some/folder: Permission denied\n    hint: check that")


def _parser_running(run: Callable[..., None]) -> Callable[[], object]:
    from simulator.cli import build_parser

    def make() -> object:
        parser = build_parser()
        parser.set_defaults(run=run)
        return parser
    return make
