"""Property-based fuzzing of the door: any bytes in, articles or failures out, never an exception."""

from __future__ import annotations

import gzip
import re
import tempfile
from collections import Counter
from pathlib import Path

from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from newstide.ingest.run import process, worker_pipeline
from newstide.ingest.scrape import clean_scrape
from newstide.ingest.sources import Input, read_input
from newstide.records import Article, Failure
from newstide.settings import load_settings

SETTINGS = load_settings()
PIPELINE = worker_pipeline(SETTINGS)

PREFIXES = [
    b"", b"WARC/1.0\r\n", b"<?xml version='1.0'?><rss><channel><item>", b'{"text": "',
    b"<html><body><p>", b"\xff\xfe", b"\xef\xbb\xbf", b"Judul\n\n", b"\x1f\x8b",
]  # fmt: skip
NAMES = ["x.html", "x.warc", "x.warc.gz", "x.jsonl", "x.rss", "x.txt", "x.html.gz", "x"]


def run_door(data: bytes, name: str) -> list[Article | Failure]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        source = Input(str(path), path, len(data), 0.0)
        out: list[Article | Failure] = []
        for raw in read_input(source, SETTINGS.ingest):
            out.append(raw if isinstance(raw, Failure) else process(raw, PIPELINE, SETTINGS))
        return out


@hsettings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    prefix=st.sampled_from(PREFIXES),
    body=st.binary(max_size=2000),
    name=st.sampled_from(NAMES),
    zipped=st.booleans(),
)
def test_any_bytes_become_articles_or_failures(
    prefix: bytes, body: bytes, name: str, zipped: bool
) -> None:
    data = prefix + body
    if zipped:
        data = gzip.compress(data)
    for item in run_door(data, name):
        assert isinstance(item, Article | Failure)
        if isinstance(item, Failure):
            assert item.reason and item.detail and "\n" not in item.reason
        else:
            assert item.text.strip() and item.id
            for sentence in item.sentences:
                assert 0 <= sentence.start < sentence.end <= len(item.text)


@hsettings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.text(max_size=120),
            st.sampled_from(
                [
                    "TL;DR",
                    "  • poin",
                    "336-280",
                    "Foto: x",
                    "situs.example - Kategori",
                    "",
                    "Baca juga: y",
                ]
            ),
        ),
        max_size=30,
    )
)
def test_the_scrape_cleaner_only_lifts_lines_out(lines: list[str]) -> None:
    text = "\n".join(lines)
    scrape = clean_scrape(text)
    words = re.compile(r"\w+").findall
    kept = Counter(words(scrape.text)) + Counter(w for b in scrape.publisher_tldr for w in words(b))
    assert kept <= Counter(words(text)), "the cleaner invented or duplicated words"
