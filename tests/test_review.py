"""`callin review`: a self-contained page, escaped story text, and a real headless
browser (Debian's chromium driven by Playwright) working the page as a trainer
would: the first screen, zoom and pan, a clicked node, following an edge, search.

The browser tests save their screenshots in $CALLIN_ARTEFACTS when it is set,
else in pytest's temporary folder (`review-screens`), and print where."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from simulator.cli import main
from simulator.render import have_dot
from tests.conftest import DATA, ROOT

NASTY = DATA / "graph" / "nasty.yaml"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
SCREEN = {"width": 1400, "height": 1000}
pytestmark = pytest.mark.skipif(not have_dot(), reason="Graphviz `dot` is not installed")
needs_browser = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")


def _review(folder: Path, *args: str) -> Path:
    target = folder / "review.html"
    assert main(["review", *args, "-o", str(target)], out=io.StringIO()) == 0
    return target


@pytest.fixture(scope="module")
def page_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _review(tmp_path_factory.mktemp("review"), str(NASTY))


@pytest.fixture(scope="module")
def coverage_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = io.StringIO()
    main(["test", "workplace-joke", "--runs", "30", "--json"], out=out)
    path = tmp_path_factory.mktemp("coverage") / "coverage.json"
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def big_page(tmp_path_factory: pytest.TempPathFactory, coverage_file: Path) -> Path:
    """The largest bundled scenario (roles of about fifty nodes), with coverage."""
    return _review(tmp_path_factory.mktemp("review-big"), "workplace-joke", "--role",
                   "coworker", "--coverage", str(coverage_file))


# The page as text ---------------------------------------------------------------

def test_page_is_self_contained(page_file: Path) -> None:
    html = page_file.read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|//)""", html)
    assert "Content-Security-Policy" in html and "default-src 'none'" in html
    assert html.count("<script>") == 1 and html.count("<style>") == 1  # ours, and no other


def test_story_text_is_escaped(page_file: Path) -> None:
    html = page_file.read_text(encoding="utf-8")
    assert "&lt;script&gt;document.title=&#x27;pwned&#x27;&lt;/script&gt;" in html
    assert "<img src=x" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html


def test_page_has_every_node_choice_note_ending_and_diagnostic(page_file: Path) -> None:
    html = page_file.read_text(encoding="utf-8")
    for node in ("start", "orphan", "good", "broke"):
        assert f'id="node-{node}"' in html
    assert "Coach: Ask." in html
    assert 'class="cond">if trust &gt;= 3</div>' in html
    assert 'class="tags">tags: open_question</div>' in html
    assert "You asked." in html  # an ending's debrief
    assert "CI301" in html and "CI305" in html


def test_diagnostics_are_linked_to_their_nodes(page_file: Path) -> None:
    html = page_file.read_text(encoding="utf-8")
    problems = html[html.index('id="tab-problems"'):]
    assert re.search(r'CI\d+ [^<]*</span> <a href="#" class="go" data-go="orphan">', problems)
    orphan = html[html.index('id="node-orphan"'):]
    assert orphan.index('class="problems"') < orphan.index("</section>")


def test_page_shows_each_debrief_paragraph_with_its_condition() -> None:
    from simulator.build import load_story
    from simulator.review import review_html

    story, found = load_story(ROOT / "stories" / "blues-dance")
    assert story is not None, found
    html = review_html(story, [])
    assert "[when reflected partly or missed]</span> Next time, reflect back" in html
    assert "Ending (door-open, a sound call): A pause, on your terms" in html


def test_page_shows_what_a_trainer_checks_for_free_mode_and_scoring(big_page: Path) -> None:
    html = big_page.read_text(encoding="utf-8")
    coworker = html[html.index('<section class="role" data-role="coworker">'):]
    coworker = coworker[:coworker.index("</section>")]
    for heading in ("Briefing", "Difficulties", "Rubric", "Endings", "Free mode"):
        assert f"<h4>{heading}</h4>" in coworker
    assert "<b>def_denial</b>" in coworker  # a reaction for each defensive move
    assert "Can you say a bit more?" in coworker  # the lines that ask to say more
    assert 'class="also">also: “' in html  # an author's example phrasing
    assert "profile: " in coworker and "weight " in coworker


def test_page_shows_coverage_and_score_ranges_per_ending(big_page: Path,
                                                         coverage_file: Path) -> None:
    html = big_page.read_text(encoding="utf-8")
    report = json.loads(coverage_file.read_text(encoding="utf-8"))
    tab = html[html.index('id="tab-coverage"'):]
    reached = [n for n, e in report["endings"].items() if e["score"]]
    spread = report["endings"][reached[0]]["score"]
    assert f"score {spread['min']:g} to {spread['max']:g} (mean {spread['mean']:g})" in tab
    assert "of test runs" in html and "taken in " in html  # per node and per choice


@pytest.mark.parametrize(("args", "said"), [
    (["--role", "coworkr"], "did you mean 'coworker'"),
    (["--coverage", "missing.json"], "missing.json"),
])
def test_review_refuses_a_bad_role_or_coverage_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        args: list[str], said: str) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["review", "workplace-joke", *args], out=io.StringIO()) == 1
    assert said in capsys.readouterr().err
    assert not (tmp_path / "review.html").exists()


def test_review_refuses_coverage_of_another_story(tmp_path: Path, coverage_file: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["review", "tutorial", "--coverage", str(coverage_file), "-o",
                 str(tmp_path / "r.html")], out=io.StringIO()) == 1
    assert "has no report for 'tutorial'" in capsys.readouterr().err


# In a real browser -----------------------------------------------------------------

@pytest.fixture(scope="module")
def screens(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = Path(os.environ.get("CALLIN_ARTEFACTS") or tmp_path_factory.mktemp("review-screens"))
    folder.mkdir(parents=True, exist_ok=True)
    print(f"review screenshots: {folder}")
    return folder


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield chromium
        chromium.close()


@pytest.fixture
def errors() -> list[str]:
    return []


def _shot(page: Any, path: Path) -> None:
    # caret="initial": Playwright before 1.4x hid the caret with an injected <style>,
    # which the page's CSP rightly refuses (and the test would count as the page's error).
    # Chromium may refuse a capture while a large SVG is still being painted on a busy
    # machine ("Unable to capture screenshot"); the picture is for people to look at,
    # so one more try after the page has settled, and the assertions decide.
    for attempt in (1, 2):
        try:
            page.screenshot(path=str(path), caret="initial")
            return
        except Exception as error:
            if attempt == 2 or "Unable to capture screenshot" not in str(error):
                raise
            page.wait_for_timeout(1000)


@pytest.fixture
def open_page(browser: Any, errors: list[str]) -> Iterator[Any]:
    """A function that opens a file at 1400x1000, recording console errors."""
    pages = []

    def opened(path: Path) -> Any:
        page = browser.new_page(viewport=SCREEN)
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(path.as_uri())
        pages.append(page)
        return page

    yield opened
    for page in pages:
        page.close()
    assert errors == []


def _box(page: Any, selector: str) -> dict[str, float]:
    box = page.locator(selector).first.bounding_box()
    assert box is not None, selector
    return dict(box)


def _text_height(page: Any, node: str) -> float:
    """The rendered height of a node's first line of text, in pixels."""
    return float(page.evaluate(
        "id => document.querySelector(`#view .drawing:not([hidden]) g.node[id=\"n-${id}\"] text`)"
        ".getBoundingClientRect().height", node))


@needs_browser
def test_the_first_screen_shows_the_whole_graph_fitted(open_page: Any, big_page: Path,
                                                       screens: Path) -> None:
    page = open_page(big_page)
    _shot(page, screens / "first-screen.png")
    view = _box(page, "#view")
    drawing = _box(page, '#view .drawing[data-role="coworker"][data-kind="full"] g.graph')
    assert view["width"] > 800 and view["height"] > 850  # the graph has most of the window
    inside = (drawing["x"] >= view["x"] - 1 and drawing["y"] >= view["y"] - 1
              and drawing["x"] + drawing["width"] <= view["x"] + view["width"] + 1
              and drawing["y"] + drawing["height"] <= view["y"] + view["height"] + 1)
    assert inside, (drawing, view)
    assert max(drawing["width"] / view["width"], drawing["height"] / view["height"]) > 0.9
    assert page.locator("#tab-role").is_visible()  # the role's briefing beside it
    assert "Speak up as a coworker" in page.locator("#tab-role").inner_text()


@needs_browser
def test_one_zoom_step_makes_node_text_readable_and_fit_comes_back(
        open_page: Any, big_page: Path) -> None:
    page = open_page(big_page)
    svg = page.locator('#view .drawing[data-role="coworker"][data-kind="full"] svg')
    fitted = svg.get_attribute("viewBox")
    page.keyboard.press("1")  # one step: to reading size, around the middle
    assert _text_height(page, "w-start") >= 12
    assert page.locator("#zoom").inner_text() == "100%"
    page.locator('#bar button[data-zoom="in"]').click()
    assert page.locator("#zoom").inner_text() == "125%"
    view = _box(page, "#view")
    page.mouse.move(view["x"] + 300, view["y"] + 300)
    page.mouse.down()
    page.mouse.move(view["x"] + 500, view["y"] + 450, steps=5)
    page.mouse.up()
    panned = svg.get_attribute("viewBox")
    page.locator('#bar button[data-zoom="fit"]').click()
    assert svg.get_attribute("viewBox") == fitted != panned


@needs_browser
def test_clicking_a_node_shows_it_and_its_edges_lead_on(open_page: Any, big_page: Path,
                                                        screens: Path) -> None:
    page = open_page(big_page)
    page.locator('#view .drawing:not([hidden]) g.node[id="n-w-start"]').click()
    panel = page.locator("#tab-node")
    text = panel.inner_text()
    assert "w-start" in text and "Choices" in text and "Coach:" in text and "tags:" in text
    assert "also: “" in text and "of test runs" in text
    assert page.locator('#view .drawing:not([hidden]) g.selected[id="n-w-start"]').count() == 1
    assert _text_height(page, "w-start") >= 12  # brought to reading size
    _shot(page, screens / "clicked-node.png")
    target = panel.locator("ol.choices a.go").first
    name = target.get_attribute("data-go")
    target.click()
    assert page.locator(f'#view .drawing:not([hidden]) g.selected[id="n-{name}"]').count() == 1
    assert page.locator("#tab-node h3").inner_text() == name
    page.locator("#tab-node .into a.go", has_text="w-start").first.click()  # and back
    assert page.locator("#tab-node h3").inner_text() == "w-start"
    edge = '#view .drawing:not([hidden]) g.edge[id="e-w-start.not-funny"] text'
    page.locator(edge).first.click()  # an edge: its node, with the choice marked
    assert page.locator("#tab-node h3").inner_text() == "w-start"
    assert page.locator('#tab-node li.flash[data-choice="w-start.not-funny"]').count() == 1


@needs_browser
def test_search_by_text_or_id_marks_the_nodes_and_enter_goes_to_each(
        open_page: Any, big_page: Path, screens: Path) -> None:
    page = open_page(big_page)
    page.keyboard.press("/")
    page.keyboard.type("racist")
    hits = page.locator("#view .drawing:not([hidden]) g.hit").count()
    assert hits >= 1 and page.locator("#hit-list li").count() >= hits
    _shot(page, screens / "search.png")
    page.keyboard.press("Enter")
    assert page.locator("#hits").inner_text().startswith("1 of ")
    assert "racist" in page.locator("#tab-node").inner_text().lower()
    page.fill("#search", "w-ally-vent")
    assert page.locator('#view .drawing:not([hidden]) g.hit[id="n-w-ally-vent"]').count() == 1


@needs_browser
def test_roles_switch_graphs_and_a_link_to_another_roles_node_follows(
        open_page: Any, big_page: Path) -> None:
    page = open_page(big_page)
    page.locator('#roles button[data-role="joker"]').click()
    assert page.locator('#view .drawing[data-role="joker"][data-kind="full"]').is_visible()
    assert not page.locator('#view .drawing[data-role="coworker"][data-kind="full"]').is_visible()
    assert "joker" in page.locator('#tab-role section.role:visible').get_attribute("data-role")


@needs_browser
def test_the_overview_shows_the_roles_shape_and_its_nodes_open_too(
        open_page: Any, big_page: Path, screens: Path) -> None:
    page = open_page(big_page)
    page.keyboard.press("o")
    overview = page.locator('#view .drawing[data-role="coworker"][data-kind="overview"]')
    assert overview.is_visible() and "main path" in overview.inner_text()
    _shot(page, screens / "overview.png")
    overview.locator('g.node[id="n-w-weigh"]').click()
    assert page.locator("#tab-node h3").inner_text() == "w-weigh"
    page.locator('#bar button[data-view="overview"]').click()  # back to the full graph
    assert page.locator('#view .drawing[data-role="coworker"][data-kind="full"]').is_visible()


@needs_browser
def test_hostile_text_stays_text_and_problems_are_marked(open_page: Any,
                                                         page_file: Path) -> None:
    page = open_page(page_file)
    assert page.title().startswith("Review:")  # the story's script did not run
    assert page.locator('#view .drawing:not([hidden]) g.problem[id="n-orphan"]').count() == 1
    page.locator('#view .drawing:not([hidden]) g.node[id="n-start"]').click()
    panel = page.locator("#tab-node")
    assert "<script>document.title='pwned'</script>" in panel.inner_text()
    assert "What did you" in panel.inner_text()
    assert page.evaluate("document.querySelectorAll('#side script').length") == 0
    page.locator('#tabs button[data-tab="problems"]').click()
    page.locator("#tab-problems a.go", has_text="orphan").first.click()
    assert page.locator("#tab-node h3").inner_text() == "orphan"


@needs_browser
def test_a_bundled_graph_at_full_size_opens_on_its_title_and_first_nodes(
        open_page: Any, screens: Path) -> None:
    """The SVG a reviewer opens by itself: at 100% the first screen shows the title,
    the legend and the start of the talk, and no two nodes overlap."""
    page = open_page(ROOT / "stories" / "graphs" / "workplace-joke-coworker.svg")
    _shot(page, screens / "graph-at-100.png")
    visible = page.evaluate(
        "() => Array.from(document.querySelectorAll('g.node')).filter(n => {"
        "  const b = n.getBoundingClientRect();"
        "  return b.top < innerHeight && b.left < innerWidth; }).length")
    assert visible >= 8
    heading = page.get_by_text("The joke in the team meeting").first.bounding_box()
    assert heading is not None and heading["y"] < 100 and heading["x"] < 1400
    overlaps = page.evaluate(
        "() => { const boxes = Array.from(document.querySelectorAll('g.node'))"
        "  .map(n => n.getBoundingClientRect()); let found = 0;"
        "  boxes.forEach((a, i) => boxes.slice(i + 1).forEach(b => {"
        "    if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1"
        "        && b.top < a.bottom - 1) { found += 1; } })); return found; }")
    assert overlaps == 0


@pytest.mark.parametrize("changed", [
    {"endings": "nope"}, {"endings": {"x": []}}, {"endings": {"x": {"share": "a lot"}}},
    {"endings": {"x": {"score": {"min": 1}}}}, {"endings": {"x": {"score": 3}}},
    {"endings": {"x": {"shortest": 4}}}, {"unreached": {"nodes": [{}]}},
])
def test_review_refuses_a_malformed_coverage_report(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], changed: dict[str, Any]) -> None:
    report = {"scenario": "tutorial", "coverage": {"nodes": {}, "choices": {}}, **changed}
    bad = tmp_path / "coverage.json"
    bad.write_text(json.dumps(report), encoding="utf-8")
    assert main(["review", "tutorial", "--coverage", str(bad), "-o", str(tmp_path / "r.html")],
                out=io.StringIO()) == 1
    assert "is not the JSON of `callin test --json`" in capsys.readouterr().err
