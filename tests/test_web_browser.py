"""The dashboard in a real browser: Debian's Chromium driven by Playwright, as a person would use it.

Open the home page, search an organization, click through to a pair, see the chart and its
turning points, open an article from an evidence link; pan and click the graph; open the API
docs. Any console error, page error or dialog fails the test (a dialog would mean injected script
ran). Screenshots go to the test's tmp dir.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from newstide.settings import Settings, load_settings

from .test_web import HOSTILE_ID, Served, built_store

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run",
]  # fmt: skip

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason="needs Debian's chromium at /usr/bin/chromium (apt-get install chromium)",
    ),
]

sync_api = pytest.importorskip(
    "playwright.sync_api", reason="needs playwright (pip install playwright)"
)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    settings: Settings = load_settings()
    db = built_store(tmp_path_factory.getbasetemp(), settings)
    server = Served(db, settings, tmp_path_factory.mktemp("browser-snapshots"))
    yield server.url
    server.stop()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield launched
        launched.close()


class Watched:
    """A page whose console errors, page errors and dialogs are collected."""

    def __init__(self, browser: Any, shots: Path) -> None:
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.page = self.context.new_page()
        self.shots = shots
        self.problems: list[str] = []
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.problems.append(f"page error: {error}"))
        self.page.on("dialog", self._dialog)

    def _console(self, message: Any) -> None:
        if message.type == "error":
            self.problems.append(f"console error: {message.text}")

    def _dialog(self, dialog: Any) -> None:
        self.problems.append(f"dialog ({dialog.type}): {dialog.message}")
        dialog.dismiss()

    def shot(self, name: str) -> Path:
        path = self.shots / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path


@pytest.fixture
def watched(browser: Any, tmp_path: Path) -> Iterator[Watched]:
    page = Watched(browser, tmp_path)
    yield page
    page.context.close()
    assert page.problems == []


def test_from_search_to_pair_to_evidence(watched: Watched, site: str) -> None:
    page = watched.page
    page.goto(site + "/")
    assert page.locator("h1").inner_text() == "How are they getting on?"
    watched.shot("1-home")

    page.fill("#home-search", "Microsoft")
    page.press("#home-search", "Enter")
    page.wait_for_url(re.compile(r"/search\?q=Microsoft"))
    watched.shot("2-search")

    page.locator(".hit .partners a.pair", has_text="OpenAI").first.click()
    page.wait_for_url(re.compile(r"/pair/microsoft/openai"))
    chart = page.locator("svg#timeline-chart")
    assert chart.is_visible()
    assert page.locator("svg#timeline-chart circle").count() >= 8
    marks = page.locator("svg#timeline-chart .turning-point")
    assert marks.count() == 2
    points = page.locator("#turning-points li")
    assert [points.nth(i).locator("time").inner_text() for i in range(2)] == ["2023-11", "2025-10"]
    assert "turn-down" in (points.nth(0).get_attribute("class") or "")
    watched.shot("3-pair")

    evidence = page.locator("#interactions a.evidence-link").first
    sentence = evidence.inner_text()
    evidence.click()
    page.wait_for_url(re.compile(r"/article/[0-9a-f]+\?hl=\d+#s\d+"))
    assert page.locator("#article-title").is_visible()
    focused = page.locator("#article-text .focus")
    assert focused.count() >= 1
    assert sentence[:40] in page.locator("#article-text").inner_text()
    assert page.locator("#article-text mark.ent-org").count() >= 2
    watched.shot("4-article")


def test_filters_on_the_pair_page(watched: Watched, site: str) -> None:
    page = watched.page
    page.goto(site + "/pair/microsoft/openai")
    page.check("input[name=type][value=tension]")
    page.select_option("select[name=by]", "quarter")
    page.click("form.filters button[type=submit]")
    page.wait_for_url(re.compile(r"type=tension"))
    types = page.locator("#interactions .type").all_inner_texts()
    assert types and set(types) == {"tension"}
    watched.shot("pair-filtered")


def test_min_confidence_in_the_filter_form(watched: Watched, site: str) -> None:
    """Oracle–OpenAI has one doubtful (0.4) and one confident (0.9) interaction."""
    page = watched.page
    page.goto(site + "/pair/oracle/openai")
    assert sorted(page.locator("#interactions .type").all_inner_texts()) == [
        "partnership",
        "supply",
    ]
    field = page.locator("form.filters input[name=min_confidence]")
    assert field.input_value() == ""
    field.fill("0.6")
    page.click("form.filters button[type=submit]")
    page.wait_for_url(re.compile(r"min_confidence=0\.6"))
    assert page.locator("#interactions .type").all_inner_texts() == ["partnership"]
    assert page.locator("form.filters input[name=min_confidence]").input_value() == "0.6"
    page.select_option("select[name=by]", "quarter")  # another filter keeps it too
    page.click("form.filters button[type=submit]")
    page.wait_for_url(re.compile(r"by=quarter"))
    assert "min_confidence=0.6" in page.url
    assert page.locator("form.filters input[name=min_confidence]").input_value() == "0.6"
    field = page.locator("form.filters input[name=min_confidence]")
    field.fill("1.5")  # the browser refuses to send what the server would refuse
    page.click("form.filters button[type=submit]")
    page.wait_for_timeout(300)
    assert "by=quarter" in page.url and "1.5" not in page.url
    assert not field.evaluate("el => el.checkValidity()")
    watched.shot("pair-confident")


def test_graph_pans_zooms_and_clicks_through(watched: Watched, site: str) -> None:
    page = watched.page
    page.goto(site + "/graph")
    page.wait_for_selector("#graph[data-ready=true]")
    assert page.locator("#graph canvas").count() >= 1
    before = page.evaluate("window.newstideGraph.pan()")
    box = page.locator("#graph").bounding_box()
    page.mouse.move(box["x"] + 40, box["y"] + 40)
    page.mouse.down()
    page.mouse.move(box["x"] + 140, box["y"] + 90, steps=5)
    page.mouse.up()
    after = page.evaluate("window.newstideGraph.pan()")
    assert after != before  # dragging the background pans
    zoom = page.evaluate("window.newstideGraph.zoom()")
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.wheel(0, -400)
    page.wait_for_timeout(300)
    assert page.evaluate("window.newstideGraph.zoom()") != zoom
    watched.shot("graph")
    position = page.evaluate("window.newstideGraph.$id('openai').renderedPosition()")
    page.mouse.click(box["x"] + position["x"], box["y"] + position["y"])
    page.wait_for_url(re.compile(r"/org/openai$"))
    assert page.locator("h1").inner_text() == "OpenAI"


def test_hostile_article_runs_nothing(watched: Watched, site: str) -> None:
    page = watched.page
    page.goto(f"{site}/article/{HOSTILE_ID}")
    assert page.locator("#article-title").inner_text().startswith('<script>alert("title")')
    assert "<img src=x onerror" in page.locator("#article-text").inner_text()
    assert (
        page.locator(
            "#article-text img, #article-text script, #article-text a[href^=javascript]"
        ).count()
        == 0
    )
    for path in ["/", "/search?q=evil", "/org/evil-corp", "/pair/evil-corp/openai", "/graph"]:
        page.goto(site + path)
    watched.shot("hostile")  # the fixture fails the test if any dialog fired


def test_api_docs_work_offline(watched: Watched, site: str) -> None:
    page = watched.page
    outside: list[str] = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(site) else None)
    page.goto(site + "/docs")
    page.wait_for_selector(".swagger-ui .opblock", timeout=20_000)
    assert page.locator(".opblock-summary-path", has_text="/api/pair/{a}/{b}").count() >= 1
    watched.shot("docs")
    assert outside == []
