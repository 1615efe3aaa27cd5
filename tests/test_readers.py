"""Every input format becomes articles, with the fields each format gives."""

from __future__ import annotations

import datetime as dt
import gzip
import io
import json
import shutil
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newstide.ingest.run import analyze_documents
from newstide.ingest.sources import Input, expand_inputs, read_input, sniff_format
from newstide.records import Article, Failure
from newstide.settings import Settings

from .conftest import DATA


def read(path: Path, settings: Settings) -> list[Article | Failure]:
    (source,) = expand_inputs([str(path)])
    return analyze_documents(read_input(source, settings.ingest), settings)


def articles(items: list[Article | Failure]) -> list[Article]:
    failures = [i for i in items if isinstance(i, Failure)]
    assert not failures, failures
    return [i for i in items if isinstance(i, Article)]


def write_warc(path: Path, pages: list[tuple[str, str, str]], *, gz: bool = True) -> None:
    """A WARC with a warcinfo record, then request/response pairs and a non-HTML response."""
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=gz)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "tests"}))
        for url, date, html in pages:
            body = html.encode("utf-8")
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            record = writer.create_warc_record(
                url, "response", payload=io.BytesIO(body), length=len(body), http_headers=headers,
                warc_headers_dict={"WARC-Date": date},
            )  # fmt: skip
            writer.write_record(record)
        robots = StatusAndHeaders("200 OK", [("Content-Type", "text/plain")], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(
                "https://ledger.example/robots.txt",
                "response",
                payload=io.BytesIO(b"User-agent: *\n"),
                length=14,
                http_headers=robots,
            )
        )


def test_html_page_gives_body_without_boilerplate_or_headline(settings: Settings) -> None:
    (article,) = articles(read(DATA / "page.html", settings))
    assert article.title == "Nvidia and Arm call off their deal"
    assert article.site == "Ledger Example"
    assert article.published == dt.datetime(2022, 2, 8, 9, 30)
    assert article.language == "en"
    assert article.author == "Test Writer"
    assert article.image == "https://ledger.example/img/nvidia-arm.jpg"
    assert article.text.startswith("Nvidia and SoftBank said on Tuesday")
    assert "Rene Haas" in article.text
    for boilerplate in ("Privacy policy", "Chip stocks slide", "About us", "All rights reserved"):
        assert boilerplate not in article.text
    assert not article.text.startswith(article.title)


def test_gzipped_html_reads_like_plain_html(tmp_path: Path, settings: Settings) -> None:
    target = tmp_path / "page.html.gz"
    target.write_bytes(gzip.compress((DATA / "page.html").read_bytes()))
    (plain,) = articles(read(DATA / "page.html", settings))
    (zipped,) = articles(read(target, settings))
    assert zipped.text == plain.text and zipped.id == plain.id


@pytest.mark.parametrize("gz", [True, False])
def test_warc_gives_every_html_response_with_uri_and_date(
    tmp_path: Path, settings: Settings, gz: bool
) -> None:
    html = (DATA / "page.html").read_text(encoding="utf-8")
    undated = html.replace(
        '<meta property="article:published_time" content="2022-02-08T09:30:00+00:00">', ""
    )
    undated = undated.replace("February 8, 2022", "").replace("Nvidia and Arm", "Arm and Nvidia")
    undated = undated.replace("/2022/02/", "/").replace("Copyright 2022", "Copyright")
    target = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    write_warc(
        target,
        [
            ("https://ledger.example/a", "2022-02-09T00:00:00Z", html),
            ("https://ledger.example/b", "2022-03-01T10:00:00Z", undated),
        ],
        gz=gz,
    )
    found = articles(read(target, settings))
    assert [a.url for a in found] == ["https://ledger.example/a", "https://ledger.example/b"]
    assert found[0].published == dt.datetime(2022, 2, 8, 9, 30)  # the page's own date wins
    assert found[1].published == dt.datetime(2022, 3, 1, 10, 0)  # else the crawl date
    assert all(a.source.startswith(f"{target}#") for a in found)
    assert len({a.source for a in found}) == 2


def test_rss_items_with_full_content(settings: Settings) -> None:
    found = articles(read(DATA / "feed.rss", settings))
    assert [a.url for a in found] == [
        "https://warta.example/2021/05/gojek-tokopedia-goto",
        "https://warta.example/2018/03/grab-uber",
    ]
    first, second = found
    assert first.title == "Gojek dan Tokopedia resmi bergabung membentuk GoTo"
    assert first.published == dt.datetime(2021, 5, 17, 1, 0)
    assert first.text.startswith("Gojek dan Tokopedia mengumumkan penggabungan usaha")
    assert "Ringkasan singkat" not in first.text  # the full content wins over the description
    assert "merek Gojek dan Tokopedia tetap berjalan" in first.text
    assert first.language == "id" and first.category == "Bisnis" and first.site == "Warta Contoh"
    assert second.text.startswith("Grab mengumumkan akuisisi")  # description when no content


def test_atom_entries(settings: Settings) -> None:
    (entry,) = articles(read(DATA / "feed.atom", settings))
    assert entry.url == "https://ledger.example/2023/10/microsoft-activision-closes"
    assert entry.published == dt.datetime(2023, 10, 13, 12, 0)
    assert entry.text.startswith("Microsoft said it had completed its acquisition")
    assert "<p>" not in entry.text and "Ubisoft" in entry.text


def test_jsonl_fields_are_taken_as_given(tmp_path: Path, settings: Settings) -> None:
    text = "  Budi berkata: Apple bekerja sama dengan Google.\nPerusahaan itu tidak menjelaskan detailnya.  "
    lines = [
        {"id": "a-1", "text": text, "title": "Judul yang tidak ada di teks", "language": "ms",
         "published": "2024-01-02", "site": "contoh.example", "url": "https://contoh.example/1"},
        {"html": (DATA / "page.html").read_text(encoding="utf-8"), "url": "https://ledger.example/x"},
    ]  # fmt: skip
    target = tmp_path / "export.jsonl"
    target.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    given, from_html = articles(read(target, settings))
    assert given.text == text  # kept exactly as it is
    assert given.title == "Judul yang tidak ada di teks"
    assert given.language == "ms"  # not re-detected
    assert given.external_id == "a-1" and given.site == "contoh.example"
    assert given.published == dt.datetime(2024, 1, 2)
    assert given.source == f"{target}:1"
    assert from_html.title == "Nvidia and Arm call off their deal"
    assert from_html.url == "https://ledger.example/x" and from_html.source == f"{target}:2"


def test_folders_are_read_recursively_and_hidden_files_skipped(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / ".git").mkdir()
    for name in ("a/one.html", "a/b/two.txt", ".hidden.txt", ".git/config", "z.jsonl"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    names = [Path(i.name).relative_to(tmp_path).as_posix() for i in expand_inputs([str(tmp_path)])]
    assert names == ["z.jsonl", "a/one.html", "a/b/two.txt"] or sorted(names) == sorted(
        ["a/one.html", "a/b/two.txt", "z.jsonl"]
    )


def test_standard_input(monkeypatch: pytest.MonkeyPatch, settings: Settings) -> None:
    data = (DATA / "feed.rss").read_bytes()
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data)))
    (source,) = expand_inputs(["-"])
    found = articles(analyze_documents(read_input(source, settings.ingest), settings))
    assert len(found) == 2 and found[0].source == "-#item1"


@pytest.mark.parametrize(
    ("head", "name", "expected"),
    [
        (b"WARC/1.0\r\nWARC-Type: warcinfo", "x.bin", "warc"),
        (b'<?xml version="1.0"?><rss version="2.0">', "x.html", "feed"),
        (b'<?xml version="1.0"?>\n<feed xmlns="http://www.w3.org/2005/Atom">', "x", "feed"),
        (b"<!DOCTYPE html><html><body><p>x</p>", "feed.xml", "html"),
        (b'{"text": "hello"}\n{"text": "again"}', "x.txt", "jsonl"),
        (b'{"text": "broken', "export.jsonl", "jsonl"),
        (b"Judul\n\nIsi berita di sini.", "x.html", "text"),
        ("Judul\n\nIsi berita.".encode("utf-16"), "x.txt", "text"),
    ],
)
def test_format_is_sniffed_from_content(head: bytes, name: str, expected: str) -> None:
    assert sniff_format(head, name) == expected


def test_demo_style_scrape_in_utf16_and_cp1252(tmp_path: Path, settings: Settings) -> None:
    text = "Judul Berita Ekonomi\n\nFoto: Antara\n\nJAKARTA, warta.example - Bank Indonesia menahan suku bunga acuan pada pertemuan bulan ini, kata pejabat bank sentral kepada wartawan di Jakarta.\n"
    for encoding in ("utf-16", "utf-16-le", "cp1252"):
        target = tmp_path / f"scrape-{encoding}.txt"
        target.write_bytes(text.replace("Ekonomi", "Ekonomi – Café").encode(encoding))
        (article,) = articles(read(target, settings))
        assert article.title == "Judul Berita Ekonomi – Café", encoding
        assert article.image_credit == "Antara"
        assert article.site == "warta.example"
        assert article.text.startswith("Bank Indonesia menahan"), encoding


def test_shared_inputs_are_not_copied(tmp_path: Path) -> None:
    shutil.copy(DATA / "page.html", tmp_path / "page.html")
    (source,) = expand_inputs([str(tmp_path / "page.html")])
    assert isinstance(source, Input) and source.size == (DATA / "page.html").stat().st_size
