"""Attacks on the dashboard's web surface, on the wire against a real uvicorn on 127.0.0.1.

Extends tests/test_web.py (which checks routes, escaping, a first list of bad ids, headers and
the token on a few paths): here every route gets SQL-injection and path-traversal payloads in its
path and query, raw (un-normalised) request targets, oversized requests, the headers on every
kind of response, the token on every route, and a real browser that fails if injected script runs.
"""

from __future__ import annotations

import shutil
import socket
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import httpx
import pyarrow as pa
import pytest

from newstide.settings import Settings, load_settings
from newstide.store.database import Store

from .test_web import HOSTILE_ID, Served, _append, built_store

TOKEN = "attack-token-" + "9" * 16
LEAKS = (
    "root:x:0:0",
    "def create_app",
    "import ",
    "Traceback",
    'File "',
    "duckdb.",
    "BinderException",
)

PAYLOADS = [
    "' OR '1'='1",
    "'; DROP TABLE articles; --",
    "x') UNION SELECT id, text, 1, 1, 1 FROM articles --",
    '" OR ""="',
    "1; SELECT * FROM duckdb_settings()",
    "%' OR 1=1 --",
    "../../../../etc/passwd",
    "..\\..\\..\\windows\\win.ini",
    "/etc/passwd",
    "....//....//etc/passwd",
    "<script>alert(1)</script>",
    "\x00",
    "%00",
    "🙂" * 20,
]

#: Route templates; {p} is where a payload goes (quoted as one path segment or query value).
ROUTES = [
    "/org/{p}",
    "/api/org/{p}",
    "/pair/{p}/openai",
    "/pair/microsoft/{p}",
    "/api/pair/{p}/{p}",
    "/api/pair/microsoft/openai/interactions?type={p}",
    "/api/pair/{p}/openai/interactions",
    "/article/{p}",
    "/api/article/{p}",
    "/search?q={p}",
    "/api/search?q={p}",
    "/api/pairs?org={p}",
    "/api/organizations?language={p}",
    "/api/pair/microsoft/openai?by={p}",
    "/pair/microsoft/openai?since={p}",
    "/graph?type={p}",
    "/api/graph?until={p}",
    "/static/{p}",
]


@pytest.fixture(scope="module")
def settings() -> Settings:
    return load_settings()


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory, settings: Settings) -> Path:
    return built_store(tmp_path_factory.getbasetemp(), settings)


@pytest.fixture(scope="module")
def served(
    db: Path, settings: Settings, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Served]:
    server = Served(db, settings, tmp_path_factory.mktemp("attack-snapshots"))
    yield server
    server.stop()


@pytest.fixture(scope="module")
def client(served: Served) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=served.url, timeout=30) as opened:
        yield opened


def _no_leak(response: httpx.Response | tuple[int, bytes], where: str) -> None:
    status, body = (
        (response.status_code, response.text)
        if isinstance(response, httpx.Response)
        else (response[0], response[1].decode("utf-8", "replace"))
    )
    assert status < 500, (where, status, body[:300])
    for leak in LEAKS:
        assert leak not in body, (where, leak)


@pytest.mark.parametrize("route", ROUTES)
def test_injection_payloads_get_a_4xx_or_nothing(client: httpx.Client, route: str) -> None:
    for payload in PAYLOADS:
        target = route.replace("{p}", quote(payload, safe=""))
        response = client.get(target)
        _no_leak(response, target)
        if response.status_code == 200 and target.startswith("/api/search"):
            found = response.json()
            assert found["organizations"] == [] and found["articles"] == [], target
    assert client.get("/api/status").json()["counts"]["articles"] == 41  # nothing dropped


def raw_get(port: int, target: bytes, headers: bytes = b"") -> tuple[int, bytes]:
    """A request sent byte for byte (no client-side path normalisation); status and body."""
    with socket.create_connection(("127.0.0.1", port), timeout=30) as conn:
        conn.sendall(
            b"GET "
            + target
            + b" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
            + headers
            + b"\r\n"
        )
        data = b""
        while chunk := conn.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    return int(head.split(b" ", 2)[1]), body


TRAVERSALS = [
    b"/static/../../../../etc/passwd",
    b"/static/..%2f..%2f..%2f..%2fetc%2fpasswd",
    b"/static/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    b"/static/%252e%252e/%252e%252e/etc/passwd",
    b"/static/..%5c..%5c..%5capp.py",
    b"/static/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd",
    b"/static//etc/passwd",
    b"/static/../app.py",
    b"/static/vendor/../../app.py",
    b"/static/../templates/base.html",
    b"/static/%2e%2e/security.py",
    b"/../../../../etc/passwd",
    b"/api/../../etc/passwd",
    b"/article/..%2f..%2f..%2fetc%2fpasswd",
    b"/org/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    b"/org/%ff%fe",
    b"/api/org/%c3%28",
    b"/search?q=%ff",
    b"/api/search?q=%zz",
    b"/article/%00",
    b"/static/%00",
    b"/static/newstide.css%00.html",
]


@pytest.mark.parametrize("target", TRAVERSALS, ids=lambda t: t.decode())
def test_raw_traversal_targets_never_serve_another_file(served: Served, target: bytes) -> None:
    status, body = raw_get(served.port, target)
    _no_leak((status, body), target.decode())
    assert b"{%" not in body and b"root:" not in body and b"hmac" not in body
    served_page = status == 200 and (b"<html" in body.lower() or body[:1] == b"{")
    assert status in (400, 404, 405, 422) or served_page, (status, body[:200])


def test_oversized_requests_are_refused_cleanly(served: Served, client: httpx.Client) -> None:
    assert client.get("/api/search?q=" + "a" * 5000).status_code == 414
    assert client.get("/org/" + "a" * 5000).status_code == 414
    assert client.get("/api/pairs?" + "&".join(["type=x"] * 800)).status_code == 414
    huge_header = b"X-Junk: " + b"a" * 200_000 + b"\r\n"
    try:
        status, _ = raw_get(served.port, b"/api/status", huge_header)
        assert 400 <= status < 500
    except (ConnectionError, IndexError, ValueError):
        pass  # the server may just close the connection: also a refusal
    many = b"".join(b"X-H%d: v\r\n" % i for i in range(2000))
    try:
        status, _ = raw_get(served.port, b"/api/status", many)
        assert status < 500
    except (ConnectionError, IndexError, ValueError):
        pass
    body = client.request("GET", "/api/status", content=b"x" * 5_000_000)  # a GET body is ignored
    assert body.status_code == 200
    assert client.post("/api/search?q=x", content=b"x" * 5_000_000).status_code == 405
    assert client.get("/api/pairs?limit=1000000").status_code == 422
    assert client.get("/api/graph?max_edges=100001").status_code == 422
    assert client.get("/api/pair/microsoft/openai/interactions?offset=100000001").status_code == 422
    assert client.get("/api/status").status_code == 200  # and it still serves


def _assert_headers(response: httpx.Response, where: str) -> None:
    headers = response.headers
    csp = headers.get("content-security-policy", "")
    assert (
        "script-src 'self'" in csp
        and "unsafe-inline" not in csp
        and "frame-ancestors 'none'" in csp
    ), where
    assert headers.get("x-content-type-options") == "nosniff", where
    assert headers.get("x-frame-options") == "DENY", where
    assert headers.get("referrer-policy") == "no-referrer", where


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("GET", "/", 200), ("HEAD", "/", 405),  # pages answer GET only ("GET", "/favicon.ico", 200),
        ("GET", "/static/newstide.css", 200), ("GET", "/openapi.json", 200), ("GET", "/docs", 200),
        ("GET", "/nowhere", 404), ("GET", "/api/nowhere", 404), ("GET", "/org/nobody", 404),
        ("GET", "/api/pairs?limit=0", 422), ("GET", "/pair/microsoft/openai?since=never", 422),
        ("GET", "/search?q=" + "x" * 5000, 414), ("POST", "/", 405), ("PUT", "/api/status", 405),
        ("DELETE", "/api/status", 405), ("OPTIONS", "/", 405), ("GET", "/article/" + HOSTILE_ID[:10], 307),
    ],
)  # fmt: skip
def test_security_headers_on_every_kind_of_response(
    client: httpx.Client, method: str, path: str, status: int
) -> None:
    response = client.request(method, path, follow_redirects=False)
    assert response.status_code == status, response.text[:200]
    _assert_headers(response, f"{method} {path}")
    assert "Traceback" not in response.text


# --- the token, on every route ----------------------------------------------------------------

EVERY_ROUTE = [
    "/", "/search?q=open", "/org/microsoft", "/pair/microsoft/openai", f"/article/{HOSTILE_ID}",
    "/graph", "/docs", "/favicon.ico", "/openapi.json", "/static/newstide.css", "/api/status",
    "/api/organizations", "/api/search?q=open", "/api/org/microsoft", "/api/pairs",
    "/api/pair/microsoft/openai", "/api/pair/microsoft/openai/interactions",
    f"/api/article/{HOSTILE_ID}", "/api/graph", "/api/turning-points", "/nowhere",
]  # fmt: skip


@pytest.fixture(scope="module")
def guarded(
    db: Path, settings: Settings, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Served]:
    server = Served(db, settings, tmp_path_factory.mktemp("attack-token"), token=TOKEN)
    yield server
    server.stop()


@pytest.mark.parametrize("path", EVERY_ROUTE)
def test_token_is_required_on_every_route(guarded: Served, path: str) -> None:
    url = guarded.url + path
    for headers in ({}, {"Authorization": "Bearer " + TOKEN[:-1]}, {"Authorization": TOKEN},
                    {"Authorization": "Basic " + TOKEN}, {"Cookie": "newstide_token=" + TOKEN + "x"},
                    {"Cookie": 'newstide_token="; x'}):  # fmt: skip
        denied = httpx.get(url, headers=headers)
        assert denied.status_code == 401, (path, headers)
        assert "Microsoft" not in denied.text and "openapi" not in denied.text
        _assert_headers(denied, path)
    assert httpx.head(url).status_code == 401
    wrong = httpx.get(url + ("&" if "?" in path else "?") + "token=nope")
    assert wrong.status_code == 401
    ok = httpx.get(url, headers={"Authorization": f"Bearer {TOKEN}"})
    assert ok.status_code == (404 if path == "/nowhere" else 200), path


def test_raw_traversal_needs_the_token_too(guarded: Served) -> None:
    status, body = raw_get(guarded.port, b"/static/../../../../etc/passwd")
    assert status == 401 and b"root:" not in body


# --- a real browser: injected script must not run ---------------------------------------------

PWN = [
    "<script>window.__pwned='script'</script>",
    "<img src=x onerror=\"window.__pwned='img'\">",
    "<svg onload=\"window.__pwned='svg'\"></svg>",
    "\"><script>window.__pwned='attr'</script>",
    "'><img src=x onerror=window.__pwned='quote'>",
    "</textarea></title><script>window.__pwned='close'</script>",
    "<iframe src=\"javascript:parent.__pwned='iframe'\"></iframe>",
    "<a href=\"javascript:window.__pwned='link'\">click</a>",
]
PWN_ID = "e" * 64


def _plant_pwn(db: Path) -> None:
    with Store(db) as store:
        text = "OpenAI bekerja sama dengan Pwn Corp. " + " ".join(PWN) + " Selesai."
        store.con.execute(
            "INSERT INTO articles (id, source, site, title, url, published, language, text, story_id, ingested_at) "
            "VALUES (?, 'planted', ?, ?, ?, TIMESTAMP '2025-11-02', 'id', ?, ?, now())",
            [PWN_ID, PWN[2], PWN[0] + PWN[1], "javascript:window.__pwned='url'", text, PWN_ID],
        )
        store.con.execute("INSERT INTO sentences VALUES (?, 0, 0, ?, ?)", [PWN_ID, len(text), text])
        _append(store, "entities", pa.table({
            "id": ["pwn-corp"], "name": [PWN[1] + "Pwn Corp"], "kind": ["ORG"],
            "aliases": pa.array([[PWN[7], PWN[3]]], pa.list_(pa.string())),
        }))  # fmt: skip
        _append(store, "interactions", pa.Table.from_pylist([{
            "article_id": PWN_ID, "sentence": 0, "a": "pwn-corp", "b": "openai", "type": "partnership",
            "tone": 0.5, "directed": False, "modality": "asserted", "evidence": text, "start": 0,
            "end": len(text), "published": None, "confidence": 0.9,
        }]))  # fmt: skip
        store.con.execute("CHECKPOINT")


@pytest.mark.slow
def test_injected_script_never_runs_in_a_real_browser(
    db: Path, settings: Settings, tmp_path: Path
) -> None:
    chromium = Path("/usr/bin/chromium")
    if not chromium.exists():
        pytest.skip("needs Debian's chromium at /usr/bin/chromium")
    sync_api = pytest.importorskip("playwright.sync_api")
    from .test_web_browser import ARGS

    pwn_db = tmp_path / "pwn.duckdb"
    shutil.copyfile(db, pwn_db)
    _plant_pwn(pwn_db)
    server = Served(pwn_db, settings, tmp_path / "snapshots")
    fired: list[str] = []
    paths = [
        f"/article/{PWN_ID}", f"/article/{PWN_ID}?hl=0", "/org/pwn-corp", "/pair/pwn-corp/openai",
        "/search?q=pwn", "/graph", "/",
        "/search?q=" + quote(PWN[0]), "/search?q=" + quote(PWN[3]),
        "/org/" + quote(PWN[1], safe=""), "/pair/" + quote(PWN[0], safe="") + "/openai",
        "/pair/microsoft/openai?since=" + quote(PWN[4]), "/article/" + quote(PWN[5], safe=""),
    ]  # fmt: skip
    try:
        with sync_api.sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(chromium), args=ARGS)
            page = browser.new_page()
            page.on("dialog", lambda d: (fired.append(f"dialog: {d.message}"), d.dismiss()))
            for path in paths:
                page.goto(server.url + path)
                page.wait_for_load_state("load")
                pwned = page.evaluate(
                    "typeof window.__pwned === 'undefined' ? null : String(window.__pwned)"
                )
                assert pwned is None, (path, pwned)
                for link in page.locator("a[href^='javascript:' i]").all():
                    fired.append(f"javascript: link on {path}: {link.get_attribute('href')}")
                assert page.locator("img[onerror], svg[onload], iframe").count() == 0, path
            page.goto(f"{server.url}/article/{PWN_ID}")
            assert "window.__pwned" in page.locator("#article-text").inner_text()  # shown, as text
            for link in page.locator("#article-text a, #article-title a").all():
                link.click(no_wait_after=True)
            assert page.evaluate("typeof window.__pwned") == "undefined"
            browser.close()
    finally:
        server.stop()
    assert fired == []
