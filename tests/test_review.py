"""`callin review`: a self-contained page, escaped story text, and a real
headless browser (Debian's chromium driven by Playwright) clicking a node."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import pytest

from simulator.cli import main
from simulator.render import have_dot
from tests.conftest import DATA, ROOT

NASTY = DATA / "graph" / "nasty.yaml"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(not have_dot(), reason="Graphviz `dot` is not installed")


@pytest.fixture(scope="module")
def page_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("review") / "review.html"
    assert main(["review", str(NASTY), "-o", str(target)], out=io.StringIO()) == 0
    return target


def test_page_is_self_contained(page_file: Path) -> None:
    html = page_file.read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|//)""", html)
    assert "Content-Security-Policy" in html and "default-src 'none'" in html
    assert html.count("<script>") == 1  # ours, and no other


def test_story_text_is_escaped(page_file: Path) -> None:
    html = page_file.read_text(encoding="utf-8")
    assert "&lt;script&gt;document.title=&#x27;pwned&#x27;&lt;/script&gt;" in html
    assert "<img src=x" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html


def test_page_has_every_node_choice_note_ending_and_diagnostic(page_file: Path) -> None:
    html = page_file.read_text(encoding="utf-8")
    for node in ("start", "orphan", "good", "broke"):
        assert f'id="node-{node}"' in html
    assert "Coach: Ask." in html and "if trust &gt;= 3" in html and "tags: open_question" in html
    assert "You asked." in html  # an ending's debrief
    assert "CI301" in html and "CI305" in html


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")
def test_in_a_real_browser(page_file: Path) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    errors: list[str] = []
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            page = browser.new_page()
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(page_file.as_uri())
            assert page.title().startswith("Review:")  # the story's script did not run
            page.locator("#graph g.node", has=page.locator("title", has_text="start")).first \
                .click()
            panel = page.locator("#panel")
            assert "<script>document.title='pwned'</script>" in panel.inner_text()
            assert "What did you" in panel.inner_text()
            assert page.evaluate("document.querySelectorAll('#panel script').length") == 0
        finally:
            browser.close()
    assert errors == []


def test_page_shows_each_debrief_paragraph_with_its_condition() -> None:
    from simulator.build import load_story
    from simulator.review import review_html

    story, found = load_story(ROOT / "stories" / "blues-dance")
    assert story is not None, found
    html = review_html(story, [])
    assert "[when reflected partly or missed]</span> Next time, reflect back" in html
    assert "Ending (door-open, a sound call): A pause, on your terms" in html
