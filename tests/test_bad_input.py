"""Bad input becomes a recorded failure with its reason; the batch goes on, nothing is lost silently."""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from newstide.cli import cli
from newstide.ingest.run import ingest
from newstide.records import Failure
from newstide.settings import Settings
from newstide.store.database import Store

from .conftest import DATA
from .test_readers import write_warc

PAGE = (DATA / "page.html").read_bytes()


def _truncated_warc(path: Path) -> None:
    write_warc(path, [("https://x.example/a", "2022-01-01T00:00:00Z", PAGE.decode())] * 2)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) * 2 // 3])


def _wrong_length_warc(path: Path, wrong: bytes) -> None:
    write_warc(path, [("https://x.example/a", "2022-01-01T00:00:00Z", PAGE.decode())], gz=False)
    data = path.read_bytes()
    path.write_bytes(data.replace(b"Content-Length: 1", wrong, 2))


BAD_FILES: dict[str, tuple[str, Callable[[Path], None]]] = {
    "empty.html": ("empty", lambda p: p.write_bytes(b"")),
    "blank.txt": ("empty", lambda p: p.write_bytes(b"  \n\t \n")),
    "binary.html": ("binary", lambda p: p.write_bytes(bytes(range(256)) * 40)),
    "nul.txt": ("binary", lambda p: p.write_bytes(b"\x00\x01\x02\x03" * 500)),
    "truncated.html.gz": (
        "truncated-gzip",
        lambda p: p.write_bytes(gzip.compress(PAGE * 20)[:700]),
    ),
    "bomb.html.gz": (
        "too-large",
        lambda p: p.write_bytes(gzip.compress(b"<html><body><p>" + b"a" * 300_000_000)),
    ),
    "huge.html": ("too-large", lambda p: p.write_bytes(b"<html><body><p>" + b"x " * 5_200_000)),
    "truncated.warc.gz": ("truncated-warc", _truncated_warc),
    "long-length.warc": ("bad-warc", lambda p: _wrong_length_warc(p, b"Content-Length: 9")),
    "short-length.warc": (
        "bad-content-length",
        lambda p: _wrong_length_warc(p, b"Content-Length: "),
    ),
    "nav.html": (
        "no-text",
        lambda p: p.write_bytes(
            b"<html><body><nav><a href='/'>Home</a></nav><script>var a=1;</script></body></html>"
        ),
    ),
    "malformed.rss": (
        "bad-feed",
        lambda p: p.write_bytes(b"<?xml version='1.0'?><rss><channel><title>x</tit"),
    ),
    "xxe.rss": (
        "unsafe-xml",
        lambda p: p.write_bytes(
            b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            b"<rss><channel><item><title>&x;</title><description>&x;</description></item></channel></rss>"
        ),
    ),
    "short.txt": ("no-text", lambda p: p.write_text("Judul\n\nPendek.", encoding="utf-8")),
}


@pytest.mark.slow
def test_every_bad_file_is_a_failure_and_the_batch_goes_on(
    tmp_path: Path, settings: Settings
) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    for name, (_, make) in BAD_FILES.items():
        make(inputs / name)
    (inputs / "good.html").write_bytes(PAGE)
    with Store(tmp_path / "s.duckdb") as store:
        report = ingest([str(inputs)], store, settings)
        failures: dict[str, list[Failure]] = {}
        for failure in store.failures():
            failures.setdefault(Path(failure.source.split("#")[0]).name, []).append(failure)
        # good.html, and the intact first record of truncated.warc.gz
        assert store.counts()["articles"] == 2
    assert report.added == 2
    for name, (reason, _) in BAD_FILES.items():
        assert name in failures, f"{name} was lost silently"
        assert reason in {f.reason for f in failures[name]}, (name, failures[name])
        assert all(f.detail and "\n" not in f.detail for f in failures[name])


def test_jsonl_bad_lines_are_failures_with_line_numbers(tmp_path: Path, settings: Settings) -> None:
    lines = [
        json.dumps(
            {
                "text": "Telkomsel berinvestasi di Gojek pada tahun 2020 sebagai bagian dari kerja sama digital."
            }
        ),
        "{not json",
        "[1, 2, 3]",
        json.dumps({"text": 42}),
        json.dumps({"title": "tanpa isi"}),
        json.dumps(
            {"text": "Teks yang cukup panjang untuk disimpan sebagai artikel berita.", "url": ["x"]}
        ),
        "",
        json.dumps(
            {
                "text": "Bank Mandiri dan BRI bersaing dalam pembiayaan usaha kecil di seluruh Indonesia."
            }
        ),
    ]
    target = tmp_path / "export.jsonl"
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with Store(tmp_path / "s.duckdb") as store:
        report = ingest([str(target)], store, settings)
        failures = sorted((f.source, f.reason) for f in store.failures())
    assert report.added == 2
    assert failures == [
        (f"{target}:2", "bad-json"),
        (f"{target}:3", "bad-json"),
        (f"{target}:4", "bad-record"),
        (f"{target}:5", "no-text"),
        (f"{target}:6", "bad-record"),
    ]


def test_a_huge_jsonl_line_is_skipped_and_the_next_line_read(
    tmp_path: Path, settings: Settings
) -> None:
    target = tmp_path / "big.jsonl"
    good = json.dumps(
        {"text": "Indosat dan XL Axiata bersaing ketat di pasar seluler Indonesia tahun ini."}
    )
    target.write_text(json.dumps({"text": "x" * 11_000_000}) + "\n" + good + "\n", encoding="utf-8")
    with Store(tmp_path / "s.duckdb") as store:
        report = ingest([str(target)], store, settings)
        assert [(f.source, f.reason) for f in store.failures()] == [(f"{target}:1", "too-large")]
    assert report.added == 1


def test_cli_reports_failures_in_summary_and_exit_code(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "good.html").write_bytes(PAGE)
    db = str(tmp_path / "s.duckdb")
    result = CliRunner().invoke(cli, ["--db", db, "ingest", str(tmp_path)])
    assert result.exit_code == 3
    assert "1 new article(s)" in result.output and "1 failed" in result.output
    assert "empty 1" in result.output
    listed = CliRunner().invoke(cli, ["--db", db, "failures"])
    assert (
        listed.exit_code == 0 and "empty.txt" in listed.output and "1 failure(s)" in listed.output
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["ingest", "/no/such/path"], "no such file or folder: /no/such/path"),
        (["--settings", "/no/such.toml", "ingest", "x"], "cannot read settings file"),
        (["failures"], "no store at"),
    ],
)
def test_bad_use_is_one_line_with_a_hint(tmp_path: Path, args: list[str], message: str) -> None:
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "none.duckdb"), *args])
    assert result.exit_code == 1
    assert message in result.output
    assert "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert "hint:" in result.output
