"""Files that hold many documents: WARC crawls, RSS/Atom feeds and JSONL exports.

Each reader yields `RawDocument`s and `Failure`s in file order; one bad record becomes a `Failure`
naming its offset, item or line, and the reader goes on where it can.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import zlib
from collections.abc import Iterator
from typing import Any, BinaryIO

import defusedxml
import defusedxml.ElementTree
import feedparser
from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from newstide.errors import DocumentError
from newstide.ingest.decode import decode_text
from newstide.ingest.html import fragment_text
from newstide.records import Failure, RawDocument
from newstide.settings import IngestSettings

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_CHARSET_RE = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.IGNORECASE)
_ENTITY_DECL_RE = re.compile(rb"<!\s*ENTITY", re.IGNORECASE)
_LOOKS_HTML_RE = re.compile(r"<\s*(?:p|div|br|span|a|h[1-6]|ul|li|img|strong|em)\b", re.IGNORECASE)
#: JSONL fields taken as given, beside ``text``/``html``.
JSONL_FIELDS = ("id", "url", "title", "published", "site", "language", "category", "author")


def _failure(source: str, error: DocumentError) -> Failure:
    return Failure(source=source, reason=error.reason, detail=error.detail)


# --- WARC -----------------------------------------------------------------------------------


def _unread(record: Any) -> int:
    """Bytes of a record's declared length that its stream did not deliver."""
    limit = getattr(record.raw_stream, "limit", 0)
    return int(limit) if isinstance(limit, int) else 0


def _warc_record(
    record: Any, source: str, body: bytes, limits: IngestSettings
) -> RawDocument | Failure:
    """One HTML response record, its body already read, as a document or a failure."""
    if len(body) > limits.max_document_bytes:
        return Failure(source, "too-large", f"record is over {limits.max_document_bytes:,} bytes")
    if _unread(record) > 0:
        return Failure(
            source, "truncated-warc", "the record ends before its declared Content-Length"
        )
    charset = _CHARSET_RE.search(record.http_headers.get_header("Content-Type") or "")
    try:
        html = decode_text(
            body, "the WARC record", limits.max_control_char_ratio,
            declared=charset.group(1) if charset else None,
        )  # fmt: skip
    except DocumentError as exc:
        return _failure(source, exc)
    given = {
        "url": record.rec_headers.get_header("WARC-Target-URI") or "",
        "fetched": record.rec_headers.get_header("WARC-Date") or "",
    }
    return RawDocument(source, "html", html, {k: v for k, v in given.items() if v})


def _is_html_response(record: Any) -> bool:
    if record.rec_type != "response" or record.http_headers is None:
        return False
    status = record.http_headers.get_statuscode() or "200"
    content_type = (record.http_headers.get_header("Content-Type") or "").lower()
    return status.startswith("2") and content_type.startswith(_HTML_TYPES)


def iter_warc(
    stream: BinaryIO, path: str, limits: IngestSettings
) -> Iterator[RawDocument | Failure]:
    """Stream the HTML responses of a WARC file (gzipped or not), one record in memory at a time.

    A document is handed on only once the record after it has been read cleanly: warcio notices
    a wrong Content-Length only when it reaches the next record, and then the previous record's
    body cannot be trusted.

    Args:
        stream: The open file, positioned at its start.
        path: Its name, for sources (``path#offset``).
        limits: Size limits for one record.
    """
    records = ArchiveIterator(stream, arc2warc=True)
    offset = 0
    pending: RawDocument | Failure | None = None
    try:
        while True:
            # warcio reports a wrong Content-Length by writing to stderr; catch it.
            with contextlib.redirect_stderr(io.StringIO()) as complaint:
                record = next(records, None)
                wanted = record is not None and _is_html_response(record)
                # Read the body before the offset: warcio reads to the record's end for it.
                body = b""
                if record is not None and wanted:
                    body = record.content_stream().read(limits.max_document_bytes + 1)
                if record is not None:
                    offset = records.get_record_offset()
            current = _warc_record(record, f"{path}#{offset}", body, limits) if wanted else None
            if complaint.getvalue():
                for suspect in (pending, current):
                    if suspect is not None:
                        yield Failure(
                            suspect.source,
                            "bad-content-length",
                            "a record's Content-Length does not match its content",
                        )
                pending = current = None
            if pending is not None:
                yield pending
            pending = current
            if record is None:
                return
    # warcio raises AttributeError/TypeError/IndexError on headers cut short (no Target-URI...).
    except (
        ArchiveLoadFailed, EOFError, zlib.error, OSError, ValueError, AttributeError, TypeError,
        IndexError,
    ) as exc:  # fmt: skip
        if pending is not None:
            yield pending
        yield Failure(
            f"{path}#{offset}",
            "bad-warc",
            f"the WARC file breaks off or is corrupt after offset {offset}: {exc}".strip(),
        )


# --- RSS / Atom -----------------------------------------------------------------------------


def _check_xml_safety(data: bytes, what: str) -> None:
    """Refuse XML that declares entities or external references (XXE, billion laughs)."""
    try:
        defusedxml.ElementTree.fromstring(data)
    except defusedxml.DefusedXmlException as exc:
        raise DocumentError(
            "unsafe-xml",
            f"{what} declares XML entities or external references ({type(exc).__name__})",
        ) from exc
    except Exception:
        # Not well-formed, so feedparser's loose parser would take it: refuse declarations on sight.
        if _ENTITY_DECL_RE.search(data):
            raise DocumentError(
                "unsafe-xml", f"{what} declares XML entities (<!ENTITY) and is not well-formed"
            ) from None
        return


def _entry_body(entry: Any) -> tuple[str, bool]:
    for content in entry.get("content") or []:
        value = content.get("value") or ""
        if value.strip():
            return value, "html" in (content.get("type") or "html")
    summary = entry.get("summary") or ""
    return summary, bool(_LOOKS_HTML_RE.search(summary))


def iter_feed(data: bytes, path: str, limits: IngestSettings) -> Iterator[RawDocument | Failure]:
    """Every item of an RSS or Atom feed, with its link, date, title and fullest content.

    Raises:
        DocumentError: ``unsafe-xml`` for entity declarations, ``bad-feed`` when nothing in the
            bytes is a feed.
    """
    _check_xml_safety(data, path)
    parsed = feedparser.parse(data, sanitize_html=False, resolve_relative_uris=False)
    if not parsed.entries:
        reason = parsed.get("bozo_exception")
        raise DocumentError("bad-feed", f"no feed items found{f': {reason}' if reason else ''}")
    site = parsed.feed.get("title") or None
    for number, entry in enumerate(parsed.entries, 1):
        source = f"{path}#item{number}"
        body, is_html = _entry_body(entry)
        if is_html:
            try:
                body = fragment_text(body)
            except DocumentError as exc:
                yield _failure(source, exc)
                continue
        if not body.strip():
            yield Failure(source, "no-text", "the feed item has no content or summary")
            continue
        published = entry.get("published") or entry.get("updated") or ""
        given = {
            "url": entry.get("link") or "",
            "title": " ".join((entry.get("title") or "").split()),
            "published": published,
            "site": site or "",
            "author": entry.get("author") or "",
            "category": next((t.get("term") for t in entry.get("tags") or [] if t.get("term")), "")
            or "",
        }
        yield RawDocument(source, "record", body, {k: v for k, v in given.items() if v})


# --- JSONL ----------------------------------------------------------------------------------


def _record(line: bytes, source: str, limits: IngestSettings) -> RawDocument:
    try:
        text_line = decode_text(line, source, limits.max_control_char_ratio)
        value = json.loads(text_line)
    except DocumentError:
        raise
    except (json.JSONDecodeError, RecursionError) as exc:
        raise DocumentError("bad-json", f"not a JSON object: {exc}") from exc
    if not isinstance(value, dict):
        raise DocumentError("bad-json", f"expected a JSON object, got {type(value).__name__}")
    html, text = value.get("html"), value.get("text")
    for name, field_value in (("html", html), ("text", text)):
        if field_value is not None and not isinstance(field_value, str):
            raise DocumentError("bad-record", f"field {name!r} must be a string")
    body = text if isinstance(text, str) and text.strip() else html
    if not isinstance(body, str) or not body.strip():
        raise DocumentError("no-text", "the record has neither a non-empty 'text' nor 'html'")
    given: dict[str, str] = {}
    for name in JSONL_FIELDS:
        field_value = value.get(name)
        if field_value is None:
            continue
        if isinstance(field_value, int | float) and not isinstance(field_value, bool):
            field_value = str(field_value)
        if not isinstance(field_value, str):
            raise DocumentError("bad-record", f"field {name!r} must be a string")
        if field_value.strip():
            given[name] = field_value.strip()
    return RawDocument(source, "record", body, given, content_is_html=body is html)


def iter_jsonl(
    stream: BinaryIO, path: str, limits: IngestSettings
) -> Iterator[RawDocument | Failure]:
    """One article per line; a bad line is a `Failure` with its line number, the rest goes on."""
    limit = limits.max_document_bytes
    number = 0
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        number += 1
        source = f"{path}:{number}"
        if len(line) > limit and not line.endswith(b"\n"):
            while (rest := stream.readline(1 << 20)) and not rest.endswith(b"\n"):
                pass
            yield Failure(source, "too-large", f"line is over {limit:,} bytes")
            continue
        if not line.strip():
            continue
        try:
            yield _record(line, source, limits)
        except DocumentError as exc:
            yield _failure(source, exc)
