"""Hostile and broken input, each case through the real ingest into a real DuckDB store.

Every case ends as a `failures` row with a clear one-line reason, or as a correct article: never an
unhandled exception, never a hang (each test has a timeout), never a memory blow-up (the heavy
cases run in a child process whose peak RSS is measured and bounded).
"""

from __future__ import annotations

import gzip
import io
import json
import os
import random
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newstide.cli import cli
from newstide.ingest.run import ingest
from newstide.records import Article, Failure
from newstide.settings import Settings
from newstide.store.database import Store

from .conftest import DATA
from .test_fuzz import run_door
from .test_readers import write_warc

PAGE = (DATA / "page.html").read_bytes()
BODY = (
    "Microsoft dan OpenAI menandatangani perjanjian kerja sama baru di Jakarta pada hari Senin. "
    "Kedua perusahaan akan membangun layanan kecerdasan buatan untuk pelanggan di Indonesia. "
)
#: Peak RSS allowed for one ingest process, whatever it reads (the models alone take ~0.5 GB).
MAX_RSS_BYTES = 1_500_000_000
_MB = 1 << 20

# --- makers: each writes one hostile file --------------------------------------------------


def _random_bytes(path: Path) -> None:
    path.write_bytes(random.Random(8).randbytes(64 * 1024))


def _png_as_html(path: Path) -> None:
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + random.Random(9).randbytes(20_000))


def _invalid_utf8(path: Path) -> None:
    # UTF-8 with stray bytes that start no valid sequence: decoded as cp1252, words intact.
    path.write_bytes(
        b"Judul Berita\n\n" + BODY.encode() + b"\xff\xfe\xc3(\xa0\xa1 " + BODY.encode()
    )


def _utf16le_no_bom(path: Path) -> None:
    path.write_bytes(("Judul Berita\n\n" + BODY * 3).encode("utf-16-le"))


def _utf16be_html_no_bom(path: Path) -> None:
    html = f"<html><head><title>Judul</title></head><body><article><p>{BODY * 3}</p></article></body></html>"
    path.write_bytes(html.encode("utf-16-be"))


def _mixed_encodings(path: Path) -> None:
    path.write_bytes(
        "Judul café\n\n".encode()
        + (BODY + "Naïve résumé. ").encode()
        + (BODY + "Crème brûlée.").encode("cp1252")
    )


def _nul_sprinkled(path: Path) -> None:
    path.write_bytes(b"Judul Berita\n\n" + BODY.encode().replace(b". ", b".\x00 ") * 3)


def _truncated_warc(path: Path) -> None:
    write_warc(path, [("https://x.example/a", "2022-01-01T00:00:00Z", PAGE.decode())] * 2)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) * 2 // 3])


def _truncated_warc_plain(path: Path) -> None:
    write_warc(path, [("https://x.example/a", "2022-01-01T00:00:00Z", PAGE.decode())], gz=False)
    data = path.read_bytes()
    path.write_bytes(data[: data.index(b"</body>")])


def _warc_length(wrong: bytes) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        write_warc(path, [("https://x.example/a", "2022-01-01T00:00:00Z", PAGE.decode())], gz=False)
        path.write_bytes(path.read_bytes().replace(b"Content-Length: 1", wrong, 2))

    return make


def _nested(depth: int, closed: bool) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        tail = "</div>" * depth + "</body></html>" if closed else ""
        path.write_text(
            "<html><body>" + "<div>" * depth + f"<p>{BODY * 3}</p>" + tail, encoding="utf-8"
        )

    return make


def _all_scripts(path: Path) -> None:
    script = "<script>var x = 'Microsoft dan OpenAI bekerja sama'; document.write(x);</script>"
    path.write_text(f"<html><head>{script * 50}</head><body>{script * 500}</body></html>")


def _all_navigation(path: Path) -> None:
    links = "".join(f"<li><a href='/k/{i}'>Kategori nomor {i}</a></li>" for i in range(400))
    path.write_text(
        f"<html><body><header><nav><ul>{links}</ul></nav></header>"
        f"<aside><nav><ul>{links}</ul></nav></aside><footer><nav>{links}</nav></footer></body></html>"
    )


def _jsonl(lines: list[str]) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    return make


def _stream_gzip(path: Path, head: bytes, total: int, filler: bytes = b"\0") -> None:
    """A gzip file that inflates to `total` bytes, written in chunks (never whole in memory)."""
    chunk = filler * (_MB // len(filler))
    with path.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=6) as out:
        out.write(head)
        written = len(head)
        while written < total:
            out.write(chunk[: total - written])
            written += len(chunk)


def _gzip_bomb(path: Path) -> None:
    _stream_gzip(path, b"<html><body><p>", 1 << 30)


def _jsonl_gzip_bomb(path: Path) -> None:
    _stream_gzip(path, b'{"text": "', 1 << 30, b"a")


def _warc_gzip_bomb(path: Path) -> None:
    """One gzipped WARC record that declares, and inflates to, 1 GB of HTML."""
    size = 1 << 30
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n"
    head = (
        b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://x.example/bomb\r\n"
        b"WARC-Date: 2022-01-01T00:00:00Z\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-000000000000>\r\n"
        b"Content-Type: application/http; msgtype=response\r\n"
        + f"Content-Length: {size}\r\n\r\n".encode()
        + http
        + b"<html><body><p>"
    )
    _stream_gzip(path, head, len(head) + size - len(http) - 15, b"a")


def _big_page(path: Path) -> None:
    paragraph = f"<p>{BODY}</p>\n".encode()
    with path.open("wb") as out:
        out.write(b"<html><body><article>")
        for _ in range(50 * _MB // len(paragraph) + 1):
            out.write(paragraph)
        out.write(b"</article></body></html>")


def _big_jsonl_line(path: Path) -> None:
    with path.open("w", encoding="utf-8") as out:
        out.write(json.dumps({"title": "besar", "text": "kata " * (10 * _MB // 5 + 1)}) + "\n")
        out.write(json.dumps({"title": "kecil", "text": BODY}) + "\n")


def _deep_json(path: Path) -> None:
    path.write_text("[" * 100_000 + "]" * 100_000 + "\n" + json.dumps({"text": BODY}) + "\n")


#: name -> (maker, what is acceptable: failure reasons, and whether an article must come out)
#: An empty set of reasons means: no failure at all, the article must be there.
CASES: dict[str, tuple[Callable[[Path], None], set[str], bool]] = {
    "binary.html": (_random_bytes, {"binary"}, False),
    "image.html": (_png_as_html, {"binary"}, False),
    "empty.html": (lambda p: p.write_bytes(b""), {"empty"}, False),
    "whitespace.txt": (lambda p: p.write_bytes(b" \n\t\r\n  \f\n"), {"empty"}, False),
    "whitespace-utf16.txt": (
        lambda p: p.write_bytes("  \n\n  ".encode("utf-16")),
        {"empty"},
        False,
    ),
    "invalid-utf8.txt": (_invalid_utf8, set(), True),
    "utf16le-no-bom.txt": (_utf16le_no_bom, set(), True),
    "utf16be-no-bom.html": (_utf16be_html_no_bom, set(), True),
    "mixed-encodings.txt": (_mixed_encodings, set(), True),
    "nul-bytes.txt": (_nul_sprinkled, set(), True),
    "all-nul.html": (lambda p: p.write_bytes(b"\0" * 100_000), {"binary", "empty"}, False),
    "truncated.html.gz": (
        lambda p: p.write_bytes(gzip.compress(PAGE * 20)[:700]),
        {"truncated-gzip"},
        False,
    ),
    "not-really.gz": (
        lambda p: p.write_bytes(b"\x1f\x8b" + b"\x08" * 300),
        {"bad-gzip", "truncated-gzip"},
        False,
    ),
    "truncated.warc.gz": (_truncated_warc, {"truncated-warc", "bad-warc"}, True),
    "truncated.warc": (_truncated_warc_plain, {"truncated-warc", "bad-warc"}, False),
    "long-length.warc": (
        _warc_length(b"Content-Length: 9"),
        {"bad-warc", "bad-content-length"},
        False,
    ),
    "short-length.warc": (
        _warc_length(b"Content-Length: "),
        {"bad-warc", "bad-content-length"},
        False,
    ),
    "nested-100k.html": (_nested(100_000, closed=True), {"no-article", "bad-html"}, False),
    "nested-100k-unclosed.html": (
        _nested(100_000, closed=False),
        {"no-article", "bad-html"},
        False,
    ),
    "nested-200.html": (_nested(200, closed=True), set(), True),  # libxml2 stops at depth 255
    "all-scripts.html": (_all_scripts, {"no-article", "no-text"}, False),
    "all-navigation.html": (_all_navigation, {"no-article", "no-text"}, False),
    "malformed.rss": (
        lambda p: p.write_bytes(b"<?xml version='1.0'?><rss><channel><title>x</tit"),
        {"bad-feed"},
        False,
    ),
    "malformed-items.rss": (
        lambda p: p.write_text(
            f"<rss version='2.0'><channel><item><title>A & B</title><description>{BODY}</descr"
            f"<item><description>{BODY}<b></i></description></item>"
        ),
        {"bad-feed", "no-text"},
        True,
    ),
    "not-a-feed.atom": (
        lambda p: p.write_bytes(b"<feed xmlns='http://www.w3.org/2005/Atom'>\x00\x01garbage<<<"),
        {"bad-feed", "binary"},
        False,
    ),
    "broken.jsonl": (
        _jsonl(
            [
                json.dumps({"text": BODY}),
                "{not json",
                '{"text": "unterminated',
                "[1, 2, 3]",
                "null",
                '"just a string"',
                "{}",
                json.dumps({"text": BODY + " dua"})[:-1],
            ]
        ),
        {"bad-json", "no-text"},
        True,
    ),
    "wrong-types.jsonl": (
        _jsonl(
            [
                json.dumps({"text": 42}),
                json.dumps({"text": ["a", "b"]}),
                json.dumps({"html": {"x": 1}}),
                json.dumps({"text": BODY, "title": ["x"]}),
                json.dumps({"text": BODY, "url": {"a": 1}}),
                json.dumps({"text": BODY, "published": True}),
                '{"text": NaN}',
                json.dumps({"text": BODY + " tiga", "id": 12345678901234567890}),
            ]
        ),
        {"bad-record", "bad-json", "no-text"},
        True,
    ),
    "missing-text.jsonl": (
        _jsonl(
            [
                json.dumps({"title": "tanpa isi"}),
                json.dumps({"text": ""}),
                json.dumps({"text": "   "}),
                json.dumps({"text": None, "html": None}),
                json.dumps({"html": "<script>x</script>"}),
            ]
        ),
        {"no-text", "no-article"},
        False,
    ),
    "deep.jsonl": (_deep_json, {"bad-json"}, True),
}

#: Cases that need seconds and hundreds of megabytes: run in a child process, RSS measured.
HEAVY: dict[str, tuple[Callable[[Path], None], set[str], bool]] = {
    "bomb-1gb.html.gz": (_gzip_bomb, {"too-large"}, False),
    "bomb-1gb.jsonl.gz": (_jsonl_gzip_bomb, {"too-large"}, False),
    "bomb-1gb.warc.gz": (_warc_gzip_bomb, {"too-large", "bad-warc", "truncated-warc"}, False),
    "page-50mb.html": (_big_page, {"too-large"}, False),
    "line-10mb.jsonl": (_big_jsonl_line, {"too-large"}, True),
}


def _check(
    name: str, reasons: set[str], article: bool, failures: list[Failure], articles: int
) -> None:
    ours = [f for f in failures if Path(f.source.split("#")[0].rsplit(":", 1)[0]).name == name]
    assert len(ours) == len(failures), f"failures named another source: {failures}"
    assert ours or articles, f"{name} was lost silently"
    for failure in ours:
        assert failure.reason in reasons, (name, failure)
        assert failure.detail and "\n" not in failure.detail and "Traceback" not in failure.detail
    if article:
        assert articles >= 1, f"{name} should give an article, got {ours}"
    else:
        assert articles == 0, f"{name} should give no article"


@pytest.mark.timeout(180)
@pytest.mark.parametrize("name", list(CASES))
def test_hostile_file_is_a_failure_or_an_article(
    name: str, tmp_path: Path, settings: Settings
) -> None:
    make, reasons, article = CASES[name]
    target = tmp_path / "in" / name
    target.parent.mkdir()
    make(target)
    with Store(tmp_path / "s.duckdb") as store:
        report = ingest([str(target)], store, settings, workers=1)
        failures = store.failures()
        texts = [t for (t,) in store.query("SELECT text FROM articles")]
    _check(name, reasons, article, failures, len(texts))
    assert report.added == len(texts)
    for text in texts:
        assert "\x00" not in text and "\ufffd" not in text[:200]
        assert "kerja sama" in text or "Nvidia" in text, text[:200]  # the words survived decoding


CHILD = """
import json, sys
from newstide.ingest.run import ingest
from newstide.settings import load_settings
from newstide.store.database import Store
with Store(sys.argv[1]) as store:
    ingest([sys.argv[2]], store, load_settings(), workers=1)
    print(json.dumps({
        "failures": [[f.source, f.reason, f.detail] for f in store.failures()],
        "articles": store.counts()["articles"],
    }))
"""

#: Runs CHILD as its own child and reports that child's peak RSS (RUSAGE_CHILDREN counts only it).
MEASURE = """
import resource, subprocess, sys
done = subprocess.run(sys.argv[1:], capture_output=True, text=True)
sys.stderr.write(done.stderr[-3000:])
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
print(done.returncode, peak)
print(done.stdout)
"""


def ingest_measured(db: Path, target: Path) -> tuple[dict[str, object], int]:
    """Ingest `target` in a fresh process; its result and its peak resident memory in bytes."""
    done = subprocess.run(
        [sys.executable, "-c", MEASURE, sys.executable, "-c", CHILD, str(db), str(target)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    status, peak = done.stdout.split("\n", 1)[0].split()
    assert status == "0", done.stderr
    return json.loads(done.stdout.split("\n", 1)[1]), int(peak)


@pytest.mark.slow
@pytest.mark.timeout(600)
@pytest.mark.parametrize("name", list(HEAVY))
def test_heavy_input_is_bounded_in_time_and_memory(name: str, tmp_path: Path) -> None:
    make, reasons, article = HEAVY[name]
    target = tmp_path / "in" / name
    target.parent.mkdir()
    make(target)
    result, peak = ingest_measured(tmp_path / "s.duckdb", target)
    failures = [Failure(s, r, d) for s, r, d in result["failures"]]  # type: ignore[attr-defined]
    _check(name, reasons, article, failures, int(result["articles"]))  # type: ignore[call-overload]
    assert failures, name
    print(f"{name}: peak RSS {peak / 1e9:.2f} GB, {failures[0].reason}")
    assert peak < MAX_RSS_BYTES, f"{name}: peak RSS {peak / 1e9:.2f} GB"


# --- XML: external entities and entity-expansion bombs ---------------------------------------

ITEM = "<item><title>Judul {ref}</title><link>https://x.example/1</link><description>{body} {ref}</description></item>"


def _rss(prolog: str, ref: str) -> str:
    return f'{prolog}<rss version="2.0"><channel><title>c</title>{ITEM.format(ref=ref, body=BODY)}</channel></rss>'


def _xxe_cases(secret: Path) -> dict[str, tuple[str, set[str]]]:
    uri = secret.as_uri()
    lol = '<!ENTITY a "lollollollollollollollollollol">' + "".join(
        f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9)
    )
    entry = f'<entry><title>t &x;</title><content type="text">{BODY} &x;</content></entry>'
    return {
        "xxe.rss": (
            _rss(f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "{uri}">]>', "&x;"),
            {"unsafe-xml"},
        ),
        "xxe.atom": (
            f'<?xml version="1.0"?><!DOCTYPE feed [<!ENTITY x SYSTEM "{uri}">]>'
            f'<feed xmlns="http://www.w3.org/2005/Atom"><title>c</title>{entry}</feed>',
            {"unsafe-xml"},
        ),
        "xxe-parameter.rss": (
            _rss(f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY % p SYSTEM "{uri}"> %p;]>', ""),
            {"unsafe-xml"},
        ),
        "xxe-bad-encoding.rss": (
            _rss(
                f'<?xml version="1.0" encoding="x-bogus"?><!DOCTYPE rss [<!ENTITY x SYSTEM "{uri}">]>',
                "&x;",
            ),
            {"unsafe-xml"},
        ),
        "xxe-malformed.rss": (
            "<rss>" + _rss(f'<!DOCTYPE rss [<!ENTITY x SYSTEM "{uri}">]>', "&x;") + "</oops",
            {"unsafe-xml"},
        ),
        # An external DTD declares nothing usable here: it is never fetched; the item may stay.
        "external-dtd.rss": (
            _rss(f'<?xml version="1.0"?><!DOCTYPE rss SYSTEM "{uri}">', ""),
            set(),
        ),
        "billion-laughs.rss": (
            _rss(f'<?xml version="1.0"?><!DOCTYPE rss [{lol}]>', "&j;"),
            {"unsafe-xml"},
        ),
        "billion-laughs-malformed.rss": (
            "<rss><" + _rss(f"<!DOCTYPE rss [{lol}]>", "&j;"),
            {"unsafe-xml"},
        ),
        "quadratic-blowup.rss": (
            _rss(
                f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "{"a" * 50_000}">]>',
                "&a;" * 20_000,
            ),
            {"unsafe-xml", "no-article"},  # the long DOCTYPE hides <rss> from the sniffer: HTML
        ),
    }


XXE_NAMES = list(_xxe_cases(Path("/x")))


@pytest.mark.timeout(180)
@pytest.mark.parametrize("name", XXE_NAMES)
def test_feeds_never_read_local_files_or_expand_entities(name: str, tmp_path: Path) -> None:
    secret_text = "TOP-SECRET-" + os.urandom(8).hex()
    secret = tmp_path / "secret.txt"
    secret.write_text(secret_text, encoding="utf-8")
    xml, reasons = _xxe_cases(secret)[name]
    (tmp_path / "in").mkdir()
    target = tmp_path / "in" / name
    target.write_text(xml, encoding="utf-8")
    db = tmp_path / "s.duckdb"
    runner = CliRunner()
    result = runner.invoke(cli, ["--db", str(db), "ingest", str(target)])
    listed = runner.invoke(cli, ["--db", str(db), "failures"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    con = duckdb.connect(str(db), read_only=True)
    try:
        tables = [
            t for (t,) in con.execute("SELECT table_name FROM information_schema.tables").fetchall()
        ]
        dump = "".join(repr(con.execute(f'SELECT * FROM "{t}"').fetchall()) for t in tables)
        reasons_found = {r for (r,) in con.execute("SELECT reason FROM failures").fetchall()}
        articles = con.execute(
            "SELECT count(*), coalesce(max(length(text)), 0) FROM articles"
        ).fetchone()
    finally:
        con.close()
    for where in (dump, result.output, listed.output):
        assert secret_text not in where
        assert "lollollollollollollollollollollollollol" not in where  # nothing expanded
    assert articles is not None and articles[1] < 10_000
    if reasons:
        assert reasons_found and reasons_found <= reasons, (reasons_found, result.output)
        assert articles[0] == 0
    else:
        assert not reasons_found


# --- fuzzing: feed-shaped and WARC-shaped documents ----------------------------------------

_xml_text = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=200
)


@hsettings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    titles=st.lists(_xml_text, max_size=4),
    body=_xml_text,
    doctype=st.sampled_from(
        [
            "",
            "<!DOCTYPE rss>",
            '<!DOCTYPE rss [<!ENTITY x "y">]>',
            '<!DOCTYPE rss SYSTEM "file:///etc/passwd">',
        ]
    ),
    atom=st.booleans(),
    cut=st.one_of(st.none(), st.integers(min_value=0, max_value=2000)),
    escape=st.booleans(),
)
def test_feed_shaped_input_becomes_articles_or_failures(
    titles: list[str], body: str, doctype: str, atom: bool, cut: int | None, escape: bool
) -> None:
    from xml.sax.saxutils import escape as esc

    def e(value: str) -> str:
        return esc(value) if escape else value

    if atom:
        items = "".join(
            f"<entry><title>{e(t)}</title><content type='html'>{e(body)}</content></entry>"
            for t in titles
        )
        xml = f"<?xml version='1.0'?>{doctype}<feed xmlns='http://www.w3.org/2005/Atom'><title>f</title>{items}</feed>"
    else:
        items = "".join(
            f"<item><title>{e(t)}</title><description>{e(body)}</description></item>"
            for t in titles
        )
        xml = f"<?xml version='1.0'?>{doctype}<rss version='2.0'><channel><title>f</title>{items}</channel></rss>"
    data = xml.encode("utf-8")
    for item in run_door(data[:cut] if cut is not None else data, "feed.xml"):
        assert isinstance(item, Article | Failure)
        if isinstance(item, Failure):
            assert item.reason and item.detail and "\n" not in item.detail
        else:
            assert item.text.strip() and "passwd" not in item.text


@hsettings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    bodies=st.lists(st.binary(max_size=600), min_size=1, max_size=3),
    content_type=st.sampled_from(
        ["text/html", "text/html; charset=utf-16", "text/html; charset=bogus", "text/plain", ""]
    ),
    gz=st.booleans(),
    mutation=st.sampled_from(["none", "cut", "length", "flip"]),
    where=st.floats(min_value=0, max_value=1),
)
def test_warc_shaped_input_becomes_articles_or_failures(
    bodies: list[bytes], content_type: str, gz: bool, mutation: str, where: float
) -> None:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gz)
    for number, body in enumerate(bodies):
        payload = b"<html><body><p>" + body + b" " + BODY.encode() + b"</p></body></html>"
        headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(
                f"https://x.example/{number}", "response", payload=io.BytesIO(payload),
                length=len(payload), http_headers=headers,
            )
        )  # fmt: skip
    data = out.getvalue()
    at = int(len(data) * where)
    if mutation == "cut":
        data = data[:at]
    elif mutation == "length" and not gz:
        data = data.replace(b"Content-Length: ", b"Content-Length: 1", 1)
    elif mutation == "flip" and data:
        at = min(at, len(data) - 1)
        data = data[:at] + bytes([data[at] ^ 0x5A]) + data[at + 1 :]
    for item in run_door(data, "crawl.warc.gz" if gz else "crawl.warc"):
        assert isinstance(item, Article | Failure)
        if isinstance(item, Failure):
            assert item.reason and item.detail and "\n" not in item.detail
        else:
            assert item.text.strip() and item.id


def test_rss_limit_is_enforced_on_standard_input_too(tmp_path: Path) -> None:
    """Reading `-` is bounded by ingest.max_feed_bytes, like a file."""
    with tempfile.TemporaryFile() as big:
        big.write(b"x" * 2_000_001)
        big.seek(0)
        settings_file = tmp_path / "settings.toml"
        settings_file.write_text("[ingest]\nmax_feed_bytes = 2_000_000\n", encoding="utf-8")
        done = subprocess.run(
            [sys.executable, "-m", "newstide", "--settings", str(settings_file), "--db",
             str(tmp_path / "s.duckdb"), "ingest", "-"],
            stdin=big, capture_output=True, text=True, timeout=120,
        )  # fmt: skip
    assert "Traceback" not in done.stderr + done.stdout
    assert "too-large" in done.stdout + done.stderr
