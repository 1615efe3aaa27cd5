"""The door: paths, folders and stdin turned into documents, each format sniffed from content.

`iter_documents` never raises for a bad document: it yields a `Failure` with the document's source
and reason, and goes on with the next one.
"""

from __future__ import annotations

import io
import json
import os
import re
import sys
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from newstide.errors import DocumentError, InputError
from newstide.ingest.containers import iter_feed, iter_jsonl, iter_warc
from newstide.ingest.decode import decode_text, inflate, is_gzip
from newstide.records import Failure, RawDocument
from newstide.settings import IngestSettings

STDIN = "-"
_SNIFF_BYTES = 8192
_FEED_RE = re.compile(r"<(?:rss|feed|rdf:RDF)[\s>]", re.IGNORECASE)
_HTML_RE = re.compile(r"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]", re.IGNORECASE)
_TAGS_RE = re.compile(r"<(?:p|div|span|a|h[1-6]|article|section|table|br)[\s>/]", re.IGNORECASE)
_JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")


@dataclass(frozen=True, slots=True)
class Input:
    """One file to read, with a stable name for sources and its size and mtime for resuming."""

    name: str
    path: Path | None  # None for standard input
    size: int
    mtime: float


def expand_inputs(inputs: Iterable[str], exclude: Iterable[Path] = ()) -> Iterator[Input]:
    """Files named by the user: paths as given, folders recursively (sorted, hidden skipped).

    Args:
        inputs: Paths, folders and ``-``.
        exclude: Files never to read from a folder (the store itself, its write-ahead log).

    Raises:
        InputError: A path does not exist.
    """
    excluded = {p.resolve() for p in exclude}
    for item in inputs:
        if item == STDIN:
            yield Input(STDIN, None, -1, 0.0)
            continue
        path = Path(item)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    file = Path(root) / name
                    if not name.startswith(".") and file.resolve() not in excluded:
                        stat = file.stat()
                        yield Input(str(file), file, stat.st_size, stat.st_mtime)
        elif path.exists():
            stat = path.stat()
            yield Input(str(path), path, stat.st_size, stat.st_mtime)
        else:
            raise InputError(
                f"no such file or folder: {item}", "check the path, or pass - for stdin"
            )


def sniff_format(head: bytes, name: str) -> str:
    """Tell a document's format from its first bytes, the file name breaking ties.

    Returns:
        One of ``warc``, ``feed``, ``html``, ``jsonl``, ``text``.
    """
    text = head.decode("utf-8", errors="ignore")
    if "\x00" in text[:200]:  # UTF-16 text shows NULs when read as UTF-8
        for encoding in ("utf-16", "utf-16-le"):
            try:
                text = head[: len(head) - len(head) % 2].decode(encoding, errors="ignore")
                break
            except UnicodeDecodeError:
                continue
    stripped = text.lstrip("\ufeff \t\r\n")
    lowered = name.lower()
    if stripped.startswith("WARC/"):
        return "warc"
    if stripped.startswith("<"):
        if _FEED_RE.search(stripped[:4096]) and not _HTML_RE.search(stripped[:512]):
            return "feed"
        return "html"
    if stripped.startswith("{") or lowered.endswith(_JSONL_SUFFIXES):
        first = stripped.split("\n", 1)[0]
        if lowered.endswith(_JSONL_SUFFIXES) or _is_json_object(first):
            return "jsonl"
    if _HTML_RE.search(stripped[:2048]) or len(_TAGS_RE.findall(stripped)) >= 5:
        return "html"
    return "text"


def _is_json_object(line: str) -> bool:
    try:
        return isinstance(json.loads(line), dict)
    except ValueError:
        return line.rstrip().endswith("}") or len(line) >= _SNIFF_BYTES - 1


def _peek_inflated(stream: BinaryIO) -> bytes:
    """The first bytes of a gzip stream, inflated, leaving the stream at its start."""
    position = stream.tell()
    try:
        decompressor = zlib.decompressobj(wbits=31)
        return decompressor.decompress(stream.read(_SNIFF_BYTES), _SNIFF_BYTES)
    except zlib.error:
        return b""
    finally:
        stream.seek(position)


def _read_bounded(stream: BinaryIO, limit: int, what: str) -> bytes:
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise DocumentError(
            "too-large", f"{what} is over {limit:,} bytes (ingest.max_document_bytes)"
        )
    return data


def _read_one(source: Input, limits: IngestSettings) -> Iterator[RawDocument | Failure]:
    opened: BinaryIO
    if source.path is None:
        opened = io.BytesIO(
            _read_bounded(sys.stdin.buffer, limits.max_feed_bytes, "standard input")
        )
    else:
        try:
            opened = source.path.open("rb")
        except OSError as exc:
            raise DocumentError("unreadable", f"cannot open the file: {exc.strerror}") from exc
    with opened as stream:
        head = stream.read(_SNIFF_BYTES)
        stream.seek(0)
        if not head.strip():
            raise DocumentError("empty", "the file is empty or only whitespace")
        gzipped = is_gzip(head)
        inner_head = _peek_inflated(stream) if gzipped else head
        kind = sniff_format(inner_head, source.name.removesuffix(".gz"))
        if kind == "warc":  # warcio inflates gzip records itself, streaming
            yield from iter_warc(stream, source.name, limits)
            return
        if gzipped:
            stream = io.BytesIO(inflate(stream, limits.max_inflated_bytes, "the file"))
        if kind == "jsonl":
            yield from iter_jsonl(stream, source.name, limits)
            return
        if kind == "feed":
            yield from iter_feed(
                _read_bounded(stream, limits.max_feed_bytes, "the feed"), source.name, limits
            )
            return
        data = _read_bounded(stream, limits.max_document_bytes, "the document")
        text = decode_text(data, "the document", limits.max_control_char_ratio)
        yield RawDocument(source.name, "html" if kind == "html" else "text", text)


def read_input(source: Input, limits: IngestSettings) -> Iterator[RawDocument | Failure]:
    """Every document in one input, or a `Failure` for what cannot be read."""
    try:
        yield from _read_one(source, limits)
    except DocumentError as exc:
        yield Failure(source.name, exc.reason, exc.detail)
