"""The dashboard and its JSON API, served by a real uvicorn on 127.0.0.1 and asked with httpx.

The store is the bundled demo corpus with entities, mentions, TL;DRs and interactions planted by
hand (the extraction stages fill those in later), plus one hostile article whose every field
carries script payloads. Every route must answer; bad ids and hostile parameters get a 4xx,
never a 500; headers, escaping and token access control are checked on the wire.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
import socket
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import httpx
import pyarrow as pa
import pytest
import uvicorn

from newstide.cli import demo_corpus
from newstide.ingest.run import ingest
from newstide.settings import Settings, load_settings
from newstide.store.database import Store
from newstide.web import build
from newstide.web.security import exposure_warning, is_loopback

# --- the planted store --------------------------------------------------------------------

#: (id, name, kind, aliases)
ENTITIES = [
    ("microsoft", "Microsoft", "ORG", ["Microsoft Corp", "MSFT"]),
    ("openai", "OpenAI", "ORG", ["Open AI"]),
    ("google", "Google", "ORG", ["Alphabet"]),
    ("apple", "Apple", "ORG", ["Apple Inc"]),
    ("grab", "Grab", "ORG", []),
    ("uber", "Uber", "ORG", []),
    ("gojek", "Gojek", "ORG", ["Go-Jek"]),
    ("tokopedia", "Tokopedia", "ORG", []),
    ("goto", "GoTo", "ORG", ["GoTo Group"]),
    ("telkomsel", "Telkomsel", "ORG", []),
    ("tiktok", "TikTok", "ORG", []),
    ("nvidia", "Nvidia", "ORG", ["NVIDIA"]),
    ("arm", "Arm", "ORG", ["Arm Holdings"]),
    ("softbank", "SoftBank", "ORG", []),
    ("activision-blizzard", "Activision Blizzard", "ORG", ["Activision"]),
    ("inflection-ai", "Inflection AI", "ORG", ["Inflection"]),
    ("oracle", "Oracle", "ORG", []),
    ("ftc", "Federal Trade Commission", "ORG", ["FTC"]),
    ("cma", "Competition and Markets Authority", "ORG", ["CMA"]),
    ("doj", "Department of Justice", "ORG", ["Justice Department", "DOJ"]),
    ("per-sam-altman", "Sam Altman", "PER", []),
    ("per-satya-nadella", "Satya Nadella", "PER", []),
    ("per-mustafa-suleyman", "Mustafa Suleyman", "PER", []),
    ("loc-san-francisco", "San Francisco", "LOC", []),
    ("loc-singapore", "Singapore", "LOC", []),
    ("loc-jakarta", "Jakarta", "LOC", []),
    ("loc-indonesia", "Indonesia", "LOC", []),
]

#: Interactions per demo article, by the article's URL slug: (a, b, type, tone, modality).
PLANTED: dict[str, list[tuple[str, str, str, float, str]]] = {
    "grab-buys-uber-southeast-asia": [
        ("grab", "uber", "acquisition", 0.3, "asserted"),
        ("uber", "grab", "investment", 0.5, "asserted"),
    ],
    "grab-akuisisi-bisnis-uber": [
        ("grab", "uber", "acquisition", 0.3, "asserted"),
        ("gojek", "grab", "competition", -0.5, "speculative"),
    ],
    "microsoft-invests-1-billion-in-openai": [
        ("microsoft", "openai", "investment", 0.8, "asserted"),
        ("microsoft", "openai", "supply", 0.6, "asserted"),
    ],
    "microsoft-suntik-openai-us1-miliar": [
        ("microsoft", "openai", "investment", 0.8, "asserted"),
        ("microsoft", "openai", "partnership", 0.7, "asserted"),
    ],
    "nvidia-to-buy-arm": [
        ("nvidia", "arm", "acquisition", 0.3, "asserted"),
        ("softbank", "nvidia", "partnership", 0.4, "asserted"),
    ],
    "justice-department-sues-google": [
        ("doj", "google", "legal", -0.8, "asserted"),
        ("apple", "google", "partnership", 0.4, "asserted"),
    ],
    "telkomsel-suntik-gojek": [("telkomsel", "gojek", "investment", 0.7, "asserted")],
    "gojek-and-tokopedia-merge": [("gojek", "tokopedia", "acquisition", 0.6, "asserted")],
    "gojek-tokopedia-merger-goto": [("gojek", "tokopedia", "acquisition", 0.6, "asserted")],
    "microsoft-buka-azure-openai-service": [
        ("microsoft", "openai", "partnership", 0.7, "asserted"),
        ("microsoft", "openai", "supply", 0.6, "asserted"),
    ],
    "ftc-gugat-akuisisi-arm-oleh-nvidia": [("ftc", "nvidia", "legal", -0.7, "asserted")],
    "microsoft-akuisisi-activision-blizzard": [
        ("microsoft", "activision-blizzard", "acquisition", 0.5, "asserted")
    ],
    "nvidia-softbank-call-off-arm-deal": [("arm", "nvidia", "tension", -0.5, "asserted")],
    "ftc-sues-to-block-activision-deal": [("ftc", "microsoft", "legal", -0.7, "asserted")],
    "microsoft-extends-openai-partnership": [
        ("microsoft", "openai", "investment", 0.8, "asserted"),
        ("microsoft", "openai", "partnership", 0.7, "asserted"),
    ],
    "microsoft-deepens-openai-partnership": [
        ("microsoft", "openai", "investment", 0.8, "asserted")
    ],
    "cma-blokir-akuisisi-activision": [("cma", "microsoft", "legal", -0.7, "asserted")],
    "microsoft-completes-activision-takeover": [
        ("microsoft", "activision-blizzard", "acquisition", 0.6, "asserted")
    ],
    "openai-board-ousts-sam-altman": [("microsoft", "openai", "tension", -0.6, "reported")],
    "microsoft-rekrut-sam-altman": [("microsoft", "openai", "talent", -0.5, "asserted")],
    "sam-altman-returns-to-openai": [("microsoft", "openai", "partnership", 0.3, "asserted")],
    "tiktok-ambil-alih-tokopedia": [("tiktok", "tokopedia", "acquisition", 0.4, "asserted")],
    "tiktok-takes-75-percent-of-tokopedia": [
        ("tiktok", "tokopedia", "investment", 0.6, "asserted"),
        ("goto", "tiktok", "partnership", 0.5, "asserted"),
    ],
    "microsoft-rekrut-pendiri-inflection-ai": [
        ("microsoft", "inflection-ai", "talent", -0.4, "asserted"),
        ("microsoft", "openai", "tension", -0.3, "speculative"),
    ],
    "apple-brings-chatgpt-to-siri": [("apple", "openai", "partnership", 0.7, "asserted")],
    "openai-gandeng-oracle": [
        ("oracle", "openai", "supply", 0.6, "asserted"),
        ("microsoft", "openai", "tension", -0.2, "reported"),
    ],
    "microsoft-lists-openai-as-competitor": [
        ("microsoft", "openai", "competition", -0.6, "asserted")
    ],
    "judge-rules-google-monopolist": [("doj", "google", "legal", -0.8, "asserted")],
    "hakim-putuskan-google-monopoli": [
        ("doj", "google", "legal", -0.8, "asserted"),
        ("google", "apple", "supply", 0.3, "asserted"),
    ],
    "cma-clears-microsoft-inflection-hires": [("cma", "microsoft", "legal", -0.2, "asserted")],
    "stargate-microsoft-tak-lagi-eksklusif": [
        ("microsoft", "openai", "tension", -0.3, "asserted"),
        ("oracle", "openai", "partnership", 0.7, "asserted"),
    ],
    "hubungan-microsoft-openai-memanas": [("microsoft", "openai", "tension", -0.7, "reported")],
    "google-tak-wajib-jual-chrome": [("google", "apple", "partnership", 0.5, "asserted")],
    "microsoft-openai-new-agreement": [
        ("microsoft", "openai", "partnership", 0.8, "asserted"),
        ("microsoft", "openai", "investment", 0.7, "asserted"),
    ],
    "microsoft-kantongi-27-persen-saham-openai": [
        ("microsoft", "openai", "investment", 0.7, "asserted")
    ],
}

#: Planted interactions the extractor was unsure of, by (a, b, type): their confidence (the rest
#: have 0.9). Oracle–OpenAI has one doubtful and one confident interaction.
DOUBTFUL = {("oracle", "openai", "supply"): 0.4}

#: One article whose every field is a payload: it must render as text and run nothing.
HOSTILE_ID = "f" * 64
HOSTILE_TITLE = '<script>alert("title")</script><img src=x onerror=alert(1)>'
HOSTILE_TEXT = (
    "OpenAI signed a deal with <script>alert(2)</script> Evil Corp. "
    'Click <a href="javascript:alert(3)">here</a> or <img src=x onerror="alert(4)">. '
    "The partners said nothing else."
)
HOSTILE_ORG = (
    "evil-corp",
    '<img src=x onerror=alert("org")>Evil Corp',
    "ORG",
    ["javascript:alert(5)"],
)


def _slugs_by_title() -> dict[str, str]:
    """The demo corpus's article slugs (without their date prefix) by title."""
    listing = json.loads((demo_corpus().parent / "articles.json").read_text(encoding="utf-8"))
    return {a["title"]: a["slug"][8:] for a in listing}


def _append(store: Store, table: str, data: pa.Table) -> None:
    store.con.register("_planted", data)
    names = ", ".join(f'"{n}"' for n in data.column_names)
    store.con.execute(f"INSERT INTO {table} ({names}) SELECT {names} FROM _planted")
    store.con.unregister("_planted")


def plant(store: Store) -> None:
    """Entities, mentions, TL;DRs and interactions for the demo articles, and the hostile one.

    Whatever the extraction stages stored is replaced, so these tests do not move with them.
    """
    for table in ("entities", "mentions", "roles", "interactions", "summaries"):
        store.con.execute(f"DELETE FROM {table}")
    store.con.execute(
        "INSERT INTO articles (id, source, site, title, url, published, language, text, story_id, ingested_at) "
        "VALUES (?, 'planted', '<b>evil.example</b>', ?, 'javascript:alert(6)', TIMESTAMP '2025-11-01', 'en', ?, ?, now())",
        [HOSTILE_ID, HOSTILE_TITLE, HOSTILE_TEXT, HOSTILE_ID],
    )
    store.con.execute(
        "INSERT INTO sentences VALUES (?, 0, 0, ?, ?)",
        [
            HOSTILE_ID,
            HOSTILE_TEXT.index("Click") - 1,
            HOSTILE_TEXT[: HOSTILE_TEXT.index("Click") - 1],
        ],
    )
    entities = [*ENTITIES, HOSTILE_ORG]
    _append(
        store,
        "entities",
        pa.table(
            {
                "id": [e[0] for e in entities],
                "name": [e[1] for e in entities],
                "kind": [e[2] for e in entities],
                "aliases": pa.array([e[3] for e in entities], pa.list_(pa.string())),
            }
        ),
    )
    articles = store.query("SELECT id, title, text, published FROM articles")
    slugs = _slugs_by_title()
    sentences: dict[str, list[tuple[int, int, int, str]]] = {}
    for article_id, index, start, end, text in store.query(
        'SELECT article_id, "index", start, "end", text FROM sentences ORDER BY article_id, "index"'
    ):
        sentences.setdefault(article_id, []).append((index, start, end, text))
    names = {e[0]: [e[1], *e[3]] for e in ENTITIES}
    mentions: list[tuple[str, int, int, int, str, str, str]] = []
    interactions: list[dict[str, Any]] = []
    summaries: list[tuple[str, int, str, int]] = []
    for article_id, title, text, published in articles:
        spans = sentences.get(article_id, [])

        def sentence_of(offset: int, spans: list[tuple[int, int, int, str]] = spans) -> int:
            return next((i for i, s, e, _ in spans if s <= offset < e), 0)

        for entity_id, _name, kind, _ in ENTITIES:
            for surface in names[entity_id]:
                for match in re.finditer(rf"\b{re.escape(surface)}\b", text):
                    mentions.append(
                        (
                            article_id,
                            sentence_of(match.start()),
                            match.start(),
                            match.end(),
                            surface,
                            entity_id,
                            kind,
                        )
                    )
        planted = PLANTED.get(slugs.get(title, ""), [])
        for a, b, kind, tone, modality in planted:
            wanted = [n.lower() for n in (*names[a], *names[b])]
            best = max(spans, key=lambda s: sum(w in s[3].lower() for w in wanted), default=None)
            if best is None:
                continue
            index, start, end, evidence = best
            interactions.append(
                {
                    "article_id": article_id,
                    "sentence": index,
                    "a": a,
                    "b": b,
                    "type": kind,
                    "tone": tone,
                    "directed": kind in ("investment", "acquisition", "supply", "talent", "legal"),
                    "modality": modality,
                    "evidence": evidence,
                    "start": start,
                    "end": end,
                    "published": published,
                    "happened": published,
                    "stated_in": sorted({index, spans[0][0]}),  # the evidence, and the lead
                    "confidence": DOUBTFUL.get((a, b, kind), 0.9),
                }
            )
        if planted and len(spans) >= 3:
            summaries.extend((article_id, k, spans[k][3], spans[k][0]) for k in range(3))
    mentions.append((HOSTILE_ID, 0, 0, 6, "OpenAI", "openai", "ORG"))
    interactions.append(
        {
            "article_id": HOSTILE_ID,
            "sentence": 0,
            "a": "evil-corp",
            "b": "openai",
            "type": "partnership",
            "tone": 0.5,
            "directed": False,
            "modality": "asserted",
            "evidence": HOSTILE_TEXT.split(". ")[0] + ".",
            "start": 0,
            "end": HOSTILE_TEXT.index("Click") - 1,
            "published": None,
            "happened": dt.datetime(2025, 11, 1),  # the article's date
            "confidence": 0.9,
            "stated_in": [0],
        }
    )
    _append(
        store,
        "mentions",
        pa.table(
            {
                "article_id": [m[0] for m in mentions],
                "sentence": pa.array([m[1] for m in mentions], pa.int32()),
                "start": pa.array([m[2] for m in mentions], pa.int32()),
                "end": pa.array([m[3] for m in mentions], pa.int32()),
                "text": [m[4] for m in mentions],
                "entity_id": [m[5] for m in mentions],
                "kind": [m[6] for m in mentions],
                "via": ["ner"] * len(mentions),
            }
        ),
    )
    _append(store, "interactions", pa.Table.from_pylist(interactions))
    _append(
        store,
        "summaries",
        pa.table(
            {
                "article_id": [s[0] for s in summaries],
                "index": pa.array([s[1] for s in summaries], pa.int32()),
                "text": [s[2] for s in summaries],
                "sentence": pa.array([s[3] for s in summaries], pa.int32()),
            }
        ),
    )
    store.con.execute("CHECKPOINT")


def build_demo_store(path: Path, settings: Settings) -> Path:
    """The demo corpus ingested into ``path``, with planted entities and interactions."""
    with Store(path, dedup=settings.dedup) as store:
        ingest([str(demo_corpus())], store, settings)
        plant(store)
    return path


# --- the server --------------------------------------------------------------------------


def built_store(base: Path, settings: Settings) -> Path:
    """The planted demo store, built once per test session (the browser tests share it)."""
    path = base / "demo-web.duckdb"
    lock = base / "demo-web.building"
    if not path.exists():
        lock.touch()
        build_demo_store(path, settings)
        lock.unlink()
    return path


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Served:
    """A real uvicorn serving the dashboard on 127.0.0.1 in a thread."""

    def __init__(
        self, db: Path, settings: Settings, snapshots: Path, token: str | None = None
    ) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(
            build(db, token=token, settings=settings, snapshot_dir=snapshots),
            host="127.0.0.1", port=self.port, log_level="warning", lifespan="on",
        )  # fmt: skip
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the test server did not start")
            time.sleep(0.05)

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=15)


@pytest.fixture(scope="session")
def web_settings() -> Settings:
    return load_settings()


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory, web_settings: Settings) -> Path:
    return built_store(tmp_path_factory.getbasetemp(), web_settings)


@pytest.fixture(scope="module")
def served(
    demo_db: Path, web_settings: Settings, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Served]:
    server = Served(demo_db, web_settings, tmp_path_factory.mktemp("snapshots"))
    yield server
    server.stop()


@pytest.fixture(scope="module")
def client(served: Served) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=served.url, timeout=30, follow_redirects=False) as opened:
        yield opened


@pytest.fixture(scope="module")
def msft_article(client: httpx.Client) -> str:
    """The id of an article with a Microsoft–OpenAI interaction."""
    items = client.get("/api/pair/microsoft/openai/interactions").json()["items"]
    return str(items[0]["article_id"])


# --- every route ---------------------------------------------------------------------------

PAGES = [
    ("/", ["Most active organizations", "Microsoft – OpenAI", "Latest turning points"]),
    ("/search?q=micro", ["Microsoft", "/pair/microsoft/openai"]),
    ("/search?q=", ["Search"]),
    ("/org/microsoft", ["Partners", "Rivals", "OpenAI", "Over time"]),
    ("/org/MSFT", ["Microsoft"]),
    (
        "/pair/microsoft/openai",
        ["timeline-chart", "turning-point", "Every interaction", "evidence-link"],
    ),
    (
        "/pair/Microsoft/Open%20AI?by=quarter&type=investment&language=en&since=2019&until=2024-12-31",
        ["timeline-chart"],
    ),
    ("/pair/microsoft/openai?page=2", ["Every interaction"]),
    ("/graph", ["graph-data", "Communities"]),
    ("/graph?type=legal", ["graph-data"]),
    ("/docs", ["swagger-ui"]),
]


@pytest.mark.parametrize(("path", "expected"), PAGES)
def test_every_page_renders(client: httpx.Client, path: str, expected: list[str]) -> None:
    response = client.get(path)
    assert response.status_code == 200, response.text[:500]
    assert response.headers["content-type"].startswith("text/html")
    for text in expected:
        assert text in response.text, text


def test_article_page_shows_tldr_highlights_and_evidence(
    client: httpx.Client, msft_article: str
) -> None:
    response = client.get(f"/article/{msft_article}?hl=0")
    assert response.status_code == 200
    html = response.text
    assert "TL;DR" in html
    assert 'class="ent ent-org' in html and 'href="/org/microsoft"' in html
    assert 'class="evidence' in html and "focus" in html
    assert 'id="s0"' in html
    short = client.get(f"/article/{msft_article[:10]}")  # a unique prefix redirects to the id
    assert short.status_code == 307 and short.headers["location"] == f"/article/{msft_article}"


API = [
    ("/api/status", lambda j: j["counts"]["interactions"] == 50),
    ("/api/organizations?limit=3", lambda j: [o["id"] for o in j][:2] == ["microsoft", "openai"]),
    ("/api/search?q=open", lambda j: j["organizations"][0]["id"] == "openai"),
    ("/api/org/open%20ai", lambda j: j["id"] == "openai" and j["partners"][0]["b"] == "microsoft"),
    ("/api/pairs?org=microsoft&limit=2", lambda j: len(j) == 2 and j[0]["b"] == "openai"),
    ("/api/pairs?type=legal", lambda j: all(set(p["types"]) == {"legal"} for p in j)),
    (
        "/api/pair/microsoft/openai",
        lambda j: len(j["turning_points"]) == 2 and j["periods"][0]["period"] == "2019-07-01",
    ),
    ("/api/pair/microsoft/openai?by=quarter&language=id", lambda j: j["by"] == "quarter"),
    (
        "/api/pair/microsoft/openai/interactions?limit=3&offset=2",
        lambda j: j["total"] == 20 and len(j["items"]) == 3,
    ),
    ("/api/graph", lambda j: {"nodes", "edges"} <= set(j) and all("x" in n for n in j["nodes"])),
    ("/api/graph?max_edges=2", lambda j: len(j["edges"]) == 2),
    ("/api/turning-points", lambda j: {t["direction"] for t in j} == {"up", "down"}),
    ("/openapi.json", lambda j: "/api/pair/{a}/{b}" in j["paths"]),
]


@pytest.mark.parametrize(("path", "check"), API)
def test_every_api_route_answers_json(client: httpx.Client, path: str, check: Any) -> None:
    response = client.get(path)
    assert response.status_code == 200, response.text[:500]
    assert response.headers["content-type"].startswith("application/json")
    assert check(response.json())


def test_api_article_and_timeline_shapes(
    client: httpx.Client, msft_article: str, demo_db: Path
) -> None:
    article = client.get(f"/api/article/{msft_article}").json()
    assert {
        "title",
        "site",
        "published",
        "language",
        "tldr",
        "mentions",
        "interactions",
        "text",
    } <= set(article)
    assert article["tldr"] and article["interactions"]
    record = client.get("/api/pair/microsoft/openai").json()
    down, up = record["turning_points"]
    assert (down["direction"], down["date"][:7]) == ("down", "2023-11")  # Altman's ouster
    assert (up["direction"], up["date"][:7]) == ("up", "2025-10")  # the restructuring
    assert set(record["periods"][0]) >= {"period", "interactions", "stories", "tone", "types"}
    with Store(demo_db, read_only=True) as store:  # the same JSON as timeline --json
        undated = store.timeline("microsoft", "openai").attrs["undated"]
    assert record["undated"] == undated > 0  # the undated scrape's interactions


# --- bad input: 4xx, never 500 --------------------------------------------------------------

BAD = [
    ("/org/nobody", 404),
    ("/api/org/nobody", 404),
    ("/pair/microsoft/nobody", 404),
    ("/api/pair/nobody/openai", 404),
    ("/api/pair/nobody/openai/interactions", 404),
    ("/article/0000000000", 404),
    ("/api/article/zz", 404),
    ("/nowhere", 404),
    ("/api/nowhere", 404),
    ("/org/%27%20OR%201%3D1%20--", 404),
    ("/api/org/x%27%29%3B%20DROP%20TABLE%20articles%3B%20--", 404),
    ("/pair/microsoft/openai%22%3E%3Cscript%3E", 404),
    ("/article/..%2F..%2F..%2Fetc%2Fpasswd", 404),
    ("/static/../../../etc/passwd", 404),
    ("/static/%2e%2e/%2e%2e/%2e%2e/etc/passwd", 404),
    ("/static/vendor/../../app.py", 404),
    ("/api/pair/microsoft/openai?by=year", 422),
    ("/api/pair/microsoft/openai?since=yesterday", 422),
    ("/api/pair/microsoft/openai?until=2024-13-45", 422),
    ("/pair/microsoft/openai?page=0", 422),
    ("/pair/microsoft/openai?page=notanumber", 422),
    ("/api/pairs?limit=-1", 422),
    ("/api/pairs?limit=99999999999999999999999", 422),
    ("/api/graph?max_edges=0", 422),
    ("/api/search", 422),
    ("/api/search?q=" + "x" * 500, 422),
    ("/api/pairs?type=" + "y" * 100, 422),
    ("/api/pairs?min_confidence=2", 422),
    ("/api/pair/microsoft/openai?min_confidence=abc", 422),
    ("/api/pair/microsoft/openai/interactions?min_confidence=-0.1", 422),
    ("/api/graph?min_confidence=nan", 422),
    ("/pair/microsoft/openai?min_confidence=1.01", 422),
    ("/graph?min_confidence=" + "9" * 40, 422),
    ("/article/abc?hl=-1", 422),
]


@pytest.mark.parametrize(("path", "status"), BAD)
def test_bad_input_gets_a_4xx_and_no_traceback(
    client: httpx.Client, path: str, status: int
) -> None:
    response = client.get(path)
    assert response.status_code == status, response.text[:300]
    assert "Traceback" not in response.text and 'File "' not in response.text


HOSTILE_QUERIES = [
    "' OR '1'='1",
    "'; DROP TABLE articles; --",
    "%",
    "_",
    "\\",
    "\x00",
    "../../etc/passwd",
    "<script>alert(1)</script>",
    "ＭＩＣＲＯＳＯＦＴ",
    "🙂" * 50,
    "a" * 200,
    '" OR ""="',
]


@pytest.mark.parametrize("q", HOSTILE_QUERIES)
def test_hostile_search_terms_are_just_text(client: httpx.Client, q: str) -> None:
    for path in ("/search", "/api/search"):
        response = client.get(path, params={"q": q})
        assert response.status_code in (200, 422), (path, response.status_code)
    api = client.get("/api/search", params={"q": q})
    if api.status_code == 200:
        assert api.json()["organizations"] == [] or q == "_"  # '_' is a literal, not a wildcard
    assert client.get("/api/status").json()["counts"]["articles"] == 41  # nothing was dropped


@pytest.mark.parametrize("value", ["' OR 1=1 --", "<x>", "\x00", "../x", "a" * 33])
def test_hostile_filters_are_rejected_or_harmless(client: httpx.Client, value: str) -> None:
    for name in ("type", "language", "since", "until", "min_confidence"):
        response = client.get("/api/pair/microsoft/openai", params={name: value})
        assert response.status_code in (200, 422), (name, value, response.status_code)


# --- the minimum confidence -----------------------------------------------------------------


def test_min_confidence_narrows_every_api_view(client: httpx.Client) -> None:
    def get(path: str, **params: Any) -> Any:
        response = client.get(path, params=params)
        assert response.status_code == 200, response.text[:300]
        return response.json()

    pair = "/api/pair/oracle/openai"
    assert [(p["b"], p["interactions"]) for p in get("/api/pairs", org="oracle")] == [("openai", 2)]
    (confident,) = get("/api/pairs", org="oracle", min_confidence="0.6")
    assert (confident["interactions"], confident["types"]) == (1, {"partnership": 1})
    assert get(pair + "/interactions")["total"] == 2
    listed = get(pair + "/interactions", min_confidence="0.6")
    assert listed["total"] == 1 and [i["type"] for i in listed["items"]] == ["partnership"]
    periods = get(pair, min_confidence="0.6")["periods"]
    assert sum(p["interactions"] for p in periods) == 1
    assert sum(p["interactions"] for p in get(pair)["periods"]) == 2

    def edge(graph: dict[str, Any]) -> int:
        (found,) = [
            e["weight"]
            for e in graph["edges"]
            if {e["source"], e["target"]} == {"oracle", "openai"}
        ]
        return int(found)

    assert (edge(get("/api/graph")), edge(get("/api/graph", min_confidence="0.6"))) == (2, 1)
    # everything else is at 0.9: the bound is inclusive, and above it nothing is left
    everything = get("/api/pair/microsoft/openai")
    assert get("/api/pair/microsoft/openai", min_confidence="0.9") == everything
    assert get("/api/pair/microsoft/openai", min_confidence="") == everything  # an empty field
    assert get("/api/pair/microsoft/openai", min_confidence="0.95") == {
        **everything, "periods": [], "turning_points": [], "undated": 0,
    }  # fmt: skip
    assert get("/api/pairs", min_confidence="0.95") == []
    assert get("/api/graph", min_confidence="0.95")["nodes"] == []
    names = {p["name"] for p in get("/openapi.json")["paths"]["/api/pairs"]["get"]["parameters"]}
    assert "min_confidence" in names


@pytest.mark.parametrize(
    "path",
    ["/api/pairs?min_confidence=1.5", "/api/pair/microsoft/openai?min_confidence=high",
     "/api/graph?min_confidence=-1"],
)  # fmt: skip
def test_a_bad_min_confidence_is_a_422_that_says_why(client: httpx.Client, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 422
    assert response.json()["detail"].startswith("min_confidence must be a number from 0 to 1")
    page = client.get(path.removeprefix("/api"))
    if page.status_code != 404:  # /pairs has no page
        assert (
            page.status_code == 422 and "min_confidence must be a number from 0 to 1" in page.text
        )


def test_the_filter_form_keeps_the_min_confidence(
    demo_db: Path, web_settings: Settings, tmp_path: Path
) -> None:
    """The form shows the value it was given, and the page links keep it."""
    small = dataclasses.replace(
        web_settings, web=dataclasses.replace(web_settings.web, page_size=4)
    )
    server = Served(demo_db, small, tmp_path)
    try:
        with httpx.Client(base_url=server.url, timeout=30) as client:
            html = client.get("/pair/microsoft/openai?min_confidence=0.9&type=investment").text
            assert _field(html, "min_confidence") == "0.9"
            later = re.search(r'<a href="\?([^"]*page=2)">later', html)
            assert later is not None, html[-2000:]
            assert "min_confidence=0.9" in later.group(1) and "type=investment" in later.group(1)
            second = client.get("/pair/microsoft/openai?" + later.group(1).replace("&amp;", "&"))
            assert second.status_code == 200 and _field(second.text, "min_confidence") == "0.9"
            oracle = client.get("/pair/oracle/openai?min_confidence=0.6").text
            assert _field(oracle, "min_confidence") == "0.6"
            assert "type-supply" not in oracle and "type-partnership" in oracle
            assert "type-supply" in client.get("/pair/oracle/openai").text
            assert _field(client.get("/pair/oracle/openai").text, "min_confidence") == ""
            graph = client.get("/graph?min_confidence=0.95").text
            assert _field(graph, "min_confidence") == "0.95" and "0 organizations" in graph
    finally:
        server.stop()


def _field(html: str, name: str) -> str | None:
    """The value of the form field called ``name`` on a page."""
    found = re.search(rf'<input type="number" name="{name}"[^>]* value="([^"]*)"', html)
    return found.group(1) if found else None


def test_non_get_methods_and_long_urls_are_refused(client: httpx.Client) -> None:
    assert client.post("/api/search?q=x", content=b"x" * 1000).status_code == 405
    assert client.delete("/").status_code == 405
    assert client.get("/search?q=" + "x" * 5000).status_code == 414


# --- headers and escaping -------------------------------------------------------------------


@pytest.mark.parametrize(
    "path", ["/", "/api/status", "/static/newstide.css", "/nowhere", "/api/org/nobody", "/docs"]
)
def test_security_headers_on_every_response(client: httpx.Client, path: str) -> None:
    headers = client.get(path).headers
    csp = headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "frame-ancestors 'none'" in csp and "default-src 'none'" in csp
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["x-frame-options"] == "DENY"


class _Tags(HTMLParser):
    """The parts of a page that could run script: script tags, on* attributes, javascript: URLs."""

    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[dict[str, str | None]] = []
        self.handlers: list[str] = []
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":
            self.scripts.append(dict(attrs))
        self.handlers += [name for name, _ in attrs if name.startswith("on")]
        self.urls += [v or "" for name, v in attrs if name in ("href", "src", "action")]


def test_no_page_has_inline_script_or_event_handlers(
    client: httpx.Client, msft_article: str
) -> None:
    for path in [
        "/",
        "/pair/microsoft/openai",
        "/org/openai",
        "/graph",
        f"/article/{msft_article}",
        "/docs",
        "/search?q=a",
    ]:
        html = client.get(path).text
        tags = _Tags()
        tags.feed(html)
        for attributes in tags.scripts:
            assert "src" in attributes or attributes.get("type") == "application/json", (
                path,
                attributes,
            )
        assert not tags.handlers, (path, tags.handlers)
        assert not [u for u in tags.urls if u.strip().lower().startswith("javascript:")], path


def test_hostile_article_renders_as_text(client: httpx.Client) -> None:
    html = client.get(f"/article/{HOSTILE_ID}").text
    assert "&lt;script&gt;alert(&#34;title&#34;)&lt;/script&gt;" in html
    assert "<script>alert" not in html and "<img src=x" not in html
    assert 'href="javascript:' not in html  # the article's url is not a link
    assert "&lt;b&gt;evil.example&lt;/b&gt;" in html
    for path in ["/", "/org/evil-corp", "/pair/evil-corp/openai", "/search?q=evil", "/graph"]:
        page = client.get(path).text
        assert "<img src=x onerror" not in page and "<script>alert" not in page, path


def test_json_in_the_graph_page_cannot_close_its_script(client: httpx.Client) -> None:
    html = client.get("/graph").text
    block = html.split('<script type="application/json" id="graph-data">', 1)[1].split(
        "</script>", 1
    )[0]
    assert "<" not in block and ">" not in block
    data = json.loads(block)
    assert any(n["name"].startswith("<img") for n in data["nodes"])  # the payload is there, as data


# --- token access control --------------------------------------------------------------------

TOKEN = "s3cret-token-for-tests"


@pytest.fixture(scope="module")
def guarded_url(
    demo_db: Path, web_settings: Settings, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    server = Served(demo_db, web_settings, tmp_path_factory.mktemp("snapshots-token"), token=TOKEN)
    yield server.url
    server.stop()


@pytest.mark.parametrize(
    "path",
    ["/", "/api/status", "/static/newstide.css", "/docs", "/openapi.json", "/graph", "/nowhere"],
)
def test_token_is_required_everywhere(guarded_url: str, path: str) -> None:
    assert httpx.get(guarded_url + path).status_code == 401
    assert (
        httpx.get(guarded_url + path, headers={"Authorization": "Bearer wrong"}).status_code == 401
    )
    assert (
        httpx.get(guarded_url + path, headers={"Cookie": "newstide_token=wrong"}).status_code == 401
    )
    ok = httpx.get(guarded_url + path, headers={"Authorization": f"Bearer {TOKEN}"})
    assert ok.status_code == (404 if path == "/nowhere" else 200)


def test_token_in_the_url_becomes_a_cookie(guarded_url: str) -> None:
    first = httpx.get(guarded_url + f"/search?q=open&token={TOKEN}")
    assert first.status_code == 303
    assert first.headers["location"] == "/search?q=open"
    cookie = first.headers["set-cookie"]
    assert "newstide_token=" in cookie and "HttpOnly" in cookie and "SameSite=Strict" in cookie
    with httpx.Client(base_url=guarded_url, follow_redirects=True) as browser:
        assert browser.get(f"/?token={TOKEN}").status_code == 200
        assert browser.get("/api/status").status_code == 200  # the cookie does it from now on
    assert httpx.get(guarded_url + "/?token=wrong").status_code == 401


@pytest.mark.parametrize(
    ("host", "token", "warned"),
    [("127.0.0.1", None, False), ("localhost", None, False), ("::1", None, False),
     ("127.0.0.2", None, False), ("0.0.0.0", None, True), ("192.168.1.5", None, True),
     ("::", None, True), ("example.org", None, True), ("0.0.0.0", "t", True)],
)  # fmt: skip
def test_exposure_warning(host: str, token: str | None, warned: bool) -> None:
    warning = exposure_warning(host, token)
    assert (warning is not None) == warned
    assert is_loopback(host) == (not warned)
    if warned and not token:
        assert "NO access control" in warning  # type: ignore[operator]


def test_serve_command_binds_loopback_and_takes_the_token_from_the_environment(
    demo_db: Path, tmp_path: Path
) -> None:
    port = free_port()
    env = {**__import__("os").environ, "NEWSTIDE_TOKEN": TOKEN}
    process = subprocess.Popen(
        [sys.executable, "-m", "newstide", "--db", str(demo_db), "serve", "--port", str(port)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                response = httpx.get(url + "/api/status")
                break
            except httpx.TransportError:
                assert process.poll() is None, process.communicate()[1]
                assert time.monotonic() < deadline, "newstide serve did not start"
                time.sleep(0.2)
        assert response.status_code == 401
        assert (
            httpx.get(url + "/api/status", headers={"Authorization": f"Bearer {TOKEN}"}).status_code
            == 200
        )
    finally:
        process.terminate()
        _, err = process.communicate(timeout=20)
    assert f"http://127.0.0.1:{port}/" in err and "WARNING" not in err


# --- serving while an ingest writes -----------------------------------------------------------

WRITER = textwrap.dedent(
    """
    import sys, time
    from newstide.store.database import Store
    with Store(sys.argv[1]) as store:  # the write lock, held for the whole run
        print("locked", flush=True)
        time.sleep(1.5)
        store.con.execute(
            "INSERT INTO articles (id, source, title, text, story_id, ingested_at) "
            "VALUES ('written-while-serving', 'test', 'Written while serving', 'Text.', "
            "'written-while-serving', now())"
        )
        store.con.execute("CHECKPOINT")
        time.sleep(1.5)
    print("done", flush=True)
    """
)


def test_the_dashboard_keeps_serving_while_an_ingest_writes(
    demo_db: Path, web_settings: Settings, tmp_path: Path
) -> None:
    import dataclasses
    import shutil

    db = tmp_path / "live.duckdb"
    shutil.copyfile(demo_db, db)
    fast = dataclasses.replace(
        web_settings, web=dataclasses.replace(web_settings.web, snapshot_refresh_seconds=0.2)
    )
    server = Served(db, fast, tmp_path / "snapshots")
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(db)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert writer.stdout is not None and writer.stdout.readline().strip() == "locked"
        answered = 0
        while writer.poll() is None:  # the writer holds the lock all this time
            assert httpx.get(server.url + "/api/status", timeout=10).status_code == 200
            assert httpx.get(server.url + "/pair/microsoft/openai", timeout=10).status_code == 200
            answered += 1
        assert writer.returncode == 0 and answered >= 3
        deadline = time.monotonic() + 20
        while True:  # once the writer is done, its article shows up
            found = httpx.get(server.url + "/api/search", params={"q": "written while"}).json()
            if found["articles"]:
                break
            assert time.monotonic() < deadline, "the new article never appeared"
            time.sleep(0.2)
    finally:
        if writer.poll() is None:
            writer.kill()
        writer.communicate(timeout=20)
        server.stop()
    with Store(db, read_only=True) as store:  # and the store is intact
        assert store.counts()["articles"] == 42


def test_the_article_page_links_every_sentence_stating_an_interaction(client: httpx.Client) -> None:
    items = client.get("/api/pair/microsoft/openai/interactions").json()["items"]
    for article_id in dict.fromkeys(item["article_id"] for item in items):
        found = client.get(f"/api/article/{article_id}").json()["interactions"]
        also = [x for x in found if len(x["stated_in"] or []) > 1]
        if also:
            break
    else:
        raise AssertionError("no planted interaction is stated in two sentences")
    x = also[0]
    (other,) = [n for n in x["stated_in"] if n != x["sentence"]]
    html = client.get(f"/article/{article_id}").text
    assert f'class="also" href="?hl={other}#s{other}">sentence {other + 1}</a>' in html
    assert f'id="s{other}"' in html
