"""`callin validate` and the command line: exit codes, formats, no tracebacks."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from simulator.cli import main
from tests.conftest import CHECKS, DATA, ROOT


def run(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(list(args), out=out)
    return code, out.getvalue()


def test_clean_story_exits_zero(example_story: Path) -> None:
    code, out = run("validate", str(example_story), "--strict")
    assert (code, out) == (0, "1 file checked: no problems found.\n")


def test_errors_exit_one_with_located_lines_and_hints() -> None:
    code, out = run("validate", str(CHECKS / "CI301_unknown_target.yaml"))
    assert code == 1
    lines = out.splitlines()
    assert lines[0].endswith("CI301_unknown_target.yaml:32:9: error CI301 choice 'start.leave' "
                             "leads to 'bda', which is not a node (did you mean 'bad'?)")
    assert lines[1] == "    hint: Fix the id, or add the node."
    assert lines[-1] == "1 file checked: 1 error, 1 warning."


def test_warnings_pass_unless_strict() -> None:
    path = str(CHECKS / "CI503_missing_coach.yaml")
    assert run("validate", path)[0] == 0
    assert run("validate", path, "--strict")[0] == 1


def test_json_format() -> None:
    code, out = run("validate", str(CHECKS / "CI304_unknown_tag.yaml"), "--format", "json")
    assert code == 1
    items = json.loads(out)
    assert [(i["line"], i["col"], i["severity"], i["code"]) for i in items] == [
        (31, 61, "error", "CI304"), (33, 3, "warning", "CI502")]
    assert set(items[0]) >= {"path", "line", "col", "severity", "code", "message"}


def test_github_format() -> None:
    code, out = run("validate", str(CHECKS / "CI303_unknown_character.yaml"), "--format",
                    "github")
    assert code == 1
    first = out.splitlines()[0]
    assert first.startswith("::error file=")
    assert ",line=29,col=9,title=CI303 unknown-character::speaker 'benn'" in first


def test_diagnostics_are_sorted_by_file_and_position() -> None:
    code, out = run("validate", str(CHECKS / "CI308_role_without_ending.yaml"),
                    str(CHECKS / "CI306_trap.yaml"), "--no-hints")
    assert code == 1
    lines = out.splitlines()[:-1]
    keys = [(ln.split(":")[0], int(ln.split(":")[1]), int(ln.split(":")[2])) for ln in lines]
    assert keys == sorted(keys) and len(keys) == 7


@pytest.mark.parametrize(("args", "needle"), [
    (["validate", "no/such/file.yaml"], "no/such/file.yaml: error CI100 no such file, folder or "
                                        "bundled scenario"),
    (["validate", "tutoral"], "(did you mean 'tutorial'?)"),
])
def test_missing_paths(args: list[str], needle: str) -> None:
    code, out = run(*args)
    assert code == 1 and needle in out


def test_folder_without_stories(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("hello")
    code, out = run("validate", str(tmp_path))
    assert code == 1 and f"{tmp_path}: error CI101" in out


@pytest.mark.parametrize("argv", [["validate"], ["validate", "x", "--format", "xml"],
                                  ["frobnicate"], ["validate", "--strictt", "x"]])
def test_usage_errors_exit_two(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(argv)
    assert exited.value.code == 2
    assert "hint: `callin" in capsys.readouterr().err


def test_bundled_scenario_by_id() -> None:
    code, out = run("validate", "tutorial", "--strict")
    assert code == 0, out


def test_a_branch_file_is_checked_with_its_scenario() -> None:
    branch = CHECKS / "CI302_duplicate_across_files" / "branch.yaml"
    code, out = run("validate", str(branch), "--no-hints")
    assert code == 1
    assert all(line.startswith(str(branch)) for line in out.splitlines()[:-1])
    assert out.splitlines()[-1] == "1 file checked: 3 errors, 0 warnings."


@pytest.mark.parametrize("make", ["binary", "utf8", "empty", "huge", "bomb", "python", "deep"])
def test_bad_files_never_print_a_traceback(tmp_path: Path, make: str) -> None:
    path = tmp_path / f"{make}.yaml"
    if make == "binary":
        path.write_bytes(b"\x00\x01\x02" * 100)
    elif make == "utf8":
        path.write_bytes(b"callin: 1\nx: \xc3\x28\n")
    elif make == "empty":
        path.write_bytes(b"")
    elif make == "huge":
        with path.open("wb") as handle:
            handle.truncate(30_000_000)
    elif make == "bomb":
        path.write_bytes((CHECKS / "CI108_billion_laughs.yaml").read_bytes())
    elif make == "python":
        path.write_bytes((CHECKS / "CI107_python_tag.yaml").read_bytes())
    else:
        path.write_text("a: " + "{b: " * 5000 + "1" + "}" * 5000)
    result = subprocess.run([sys.executable, "-m", "simulator", "validate", str(path)],
                            capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stdout.startswith(f"{path}")


def test_version_and_module_entry_point() -> None:
    result = subprocess.run([sys.executable, "-m", "simulator", "--version"],
                            capture_output=True, text=True, timeout=60)
    assert result.stdout.startswith("callin ")


def test_version_does_not_import_heavy_modules() -> None:
    code = ("import sys; from simulator.cli import main\n"
            "try: main(['--version'])\nexcept SystemExit: pass\n"
            "heavy = [m for m in ('yaml', 'networkx', 'rich', 'prompt_toolkit', 'graphviz', "
            "'onnxruntime', 'tokenizers', 'numpy', 'simulator.analyze') "
            "if m in sys.modules]\nprint(heavy)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=60)
    assert result.stdout.strip().endswith("[]")


def test_list_shows_bundled_scenarios() -> None:
    code, out = run("list")
    assert code == 0 and "tutorial" in out.split()
    assert "The birthday dinner" in out and "--role called    Be called in" in out
    assert out.split()[0] == "tutorial"  # the short first play comes first


def test_base_story_file_validates() -> None:
    assert run("validate", str(DATA / "base.yaml"), "--strict")[0] == 0


def test_an_unreadable_main_file_is_said_first_without_follow_on_errors() -> None:
    # The branch file names Linh, Owen and the tutorial's nodes: with the main file
    # unreadable they are "missing", but that follows from the one real problem.
    folder = DATA / "unreadable-main"
    code, out = run("validate", str(folder))
    assert code == 1
    assert out.splitlines() == [
        f"{folder / 'tutorial.yaml'}:18:5: error CI106 YAML syntax error: the indentation "
        "does not line up with the lines above",
        "    hint: Check indentation and quoting near the position given.",
        "2 files checked: 1 error, 0 warnings.",
    ]
