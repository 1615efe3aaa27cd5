"""Bytes at the door: bounded gzip inflation, encoding sniffing, and telling text from binary."""

from __future__ import annotations

import codecs
import gzip
import io
import re
import zlib
from typing import BinaryIO

import charset_normalizer

from newstide.errors import DocumentError

GZIP_MAGIC = b"\x1f\x8b"
_BAD_CHARS_RE = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffd]")
_CHUNK = 1 << 16

# Encodings tried, in order, when a document has no BOM and is not valid UTF-8. cp1252 decodes
# nearly any byte string, so it is the last resort before latin-1 (which decodes everything).
_LEGACY_ENCODINGS = ("cp1252", "latin-1")


def is_gzip(head: bytes) -> bool:
    """Whether bytes start like a gzip stream."""
    return head[:2] == GZIP_MAGIC


def inflate(stream: BinaryIO, limit: int, what: str) -> bytes:
    """Read a whole gzip stream, refusing to inflate past `limit` bytes.

    Raises:
        DocumentError: ``too-large`` past the limit (a gzip bomb), ``truncated-gzip`` or
            ``bad-gzip`` when the stream is cut short or corrupt.
    """
    out = io.BytesIO()
    try:
        with gzip.GzipFile(fileobj=stream) as unzipped:
            while chunk := unzipped.read(_CHUNK):
                out.write(chunk)
                if out.tell() > limit:
                    raise DocumentError(
                        "too-large",
                        f"{what} inflates past {limit:,} bytes (ingest.max_inflated_bytes)",
                    )
    except EOFError as exc:
        raise DocumentError("truncated-gzip", f"{what} ends before its gzip stream does") from exc
    except (OSError, zlib.error) as exc:
        raise DocumentError("bad-gzip", f"{what} is not a readable gzip stream: {exc}") from exc
    return out.getvalue()


def _looks_like_utf16(data: bytes) -> str | None:
    """Guess UTF-16 without a BOM from the NUL bytes that ASCII text leaves in every other byte."""
    sample = data[:4096]
    if len(sample) < 4 or len(sample) % 2:
        sample = sample[: len(sample) - len(sample) % 2]
    if len(sample) < 4:
        return None
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    half = len(sample) // 2
    if odd_nuls > 0.4 * half and even_nuls < 0.05 * half:
        return "utf-16-le"
    if even_nuls > 0.4 * half and odd_nuls < 0.05 * half:
        return "utf-16-be"
    return None


def control_char_ratio(text: str) -> float:
    """Share of characters that never occur in text: C0/C1 controls but whitespace, U+FFFD."""
    if not text:
        return 0.0
    sample = text[:65536]
    return len(_BAD_CHARS_RE.findall(sample)) / len(sample)


def decode_text(
    data: bytes, what: str, max_control_ratio: float, declared: str | None = None
) -> str:
    """Decode a document's bytes to text, sniffing the encoding.

    Order: BOM, a declared charset that decodes cleanly, strict UTF-8, UTF-16 without BOM,
    charset-normalizer's best guess, then cp1252 and latin-1. Text that is mostly control
    characters after decoding is binary, not text.

    Args:
        data: The raw bytes.
        what: How to name the document in an error.
        max_control_ratio: Share of control characters above which the bytes count as binary.
        declared: A charset the container declared (HTTP header, XML prolog), tried first.

    Raises:
        DocumentError: ``empty`` for no bytes or only whitespace, ``binary`` for non-text.
    """
    if not data.strip():
        raise DocumentError("empty", f"{what} is empty or only whitespace")
    text = _decode(data, declared)
    if not text.strip():
        raise DocumentError("empty", f"{what} is empty or only whitespace")
    ratio = control_char_ratio(text)
    if ratio > max_control_ratio:
        raise DocumentError(
            "binary",
            f"{what} is not text ({ratio:.0%} control or undecodable characters)",
        )
    return text.replace("\x00", "")


def _decode(data: bytes, declared: str | None) -> str:
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    # Before UTF-8: UTF-16 text of ASCII is valid UTF-8 too (NULs are), and would read as binary.
    utf16 = _looks_like_utf16(data)
    if utf16:
        return data.decode(utf16, errors="replace")
    candidates = [declared] if declared else []
    candidates.append("utf-8")
    for encoding in candidates:
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    best = charset_normalizer.from_bytes(
        data[:262144], cp_isolation=["utf_8", "cp1252", "latin_1", "utf_16"]
    ).best()
    if best is not None and best.encoding:
        try:
            return data.decode(best.encoding)
        except (UnicodeDecodeError, LookupError):
            pass
    for encoding in _LEGACY_ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", errors="replace")  # pragma: no cover - latin-1 never fails
