"""Plain-text scrapes: lift the title, and the furniture a scraper leaves, out of the body.

A scrape such as the founding example looks like this::

    Microsoft dan OpenAI: Pasang Surut Kolaborasi          <- title
    Microsoft dan OpenAI: ... - the picture via: geekwire - pibitek.biz - Sejarah   <- header
    the picture via: geekwire                              <- image credit
    336-280                                                <- ad slot
    Senin, 16 November 2020 16:00 WIB                      <- date line (when there is one)
    TL;DR                                                  <- publisher TL;DR block
      • ...
    pibitek.biz -Hubungan antara Microsoft dan OpenAI ...  <- dateline, then the body

Each kind of furniture is recognised by a pattern below; the body is what is left, paragraphs
separated by blank lines, the dateline cut from its first paragraph.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from newstide.ingest.dates import parse_dateline

_DOMAIN = r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,}"
_DOMAIN_RE = re.compile(rf"^{_DOMAIN}$")
_CREDIT_RE = re.compile(
    r"^\(?(?:the\s+)?(?:picture|photo|image|img|foto|gambar|ilustrasi|sumber\s+(?:foto|gambar))"
    r"(?:\s+(?:via|by|oleh|dari|source|credit))?\s*[:：]\s*(?P<credit>[^)]+?)\)?\s*$",
    re.IGNORECASE,
)
_AD_SLOT_RE = re.compile(r"^\d{2,4}\s*[-xX×]\s*\d{2,4}$")
_AD_LINE_RE = re.compile(
    r"^(?:advertisement|iklan|scroll to continue with content|sponsored|konten berbayar)$",
    re.IGNORECASE,
)
_TLDR_HEAD_RE = re.compile(
    r"^(?:TL;?\s?DR|TLDR|Ringkasan|Intisari|Poin(?:\s+penting)?|Key\s+(?:points|takeaways)|"
    r"In\s+brief|Highlights?)\s*:?\s*$",
    re.IGNORECASE,
)
_BULLET_RE = re.compile(r"^\s*[•\-*·–▪►●◦]\s*(?P<text>\S.*)$")
_READ_ALSO_RE = re.compile(
    r"^(?:baca\s+juga|baca\s+pula|simak\s+juga|lihat\s+juga|read\s+(?:also|more)|see\s+also|"
    r"related)\s*[:：-]",
    re.IGNORECASE,
)
_BYLINE_RE = re.compile(
    r"^(?:(?P<role>penulis|editor|reporter|pewarta|author|writer|by|oleh)\s*[:：]?\s+)(?P<name>.{2,60})$",
    re.IGNORECASE,
)
_TAGS_RE = re.compile(r"^(?:tags?|topik|label|kata kunci|keywords?)\s*[:：]\s*(?P<tags>.+)$", re.I)
_HEADER_SPLIT_RE = re.compile(r"\s+[-–—|]\s+")
# A dateline before the first paragraph: "pibitek.biz -", "JAKARTA, KOMPAS.com -",
# "Jakarta (ANTARA) -", "WASHINGTON (Reuters) —", "JAKARTA -".
_DATELINE_RE = re.compile(
    rf"^(?:(?:[A-Z][A-Za-z.'’ ]{{1,30}},\s*)?{_DOMAIN}\s*[-–—]+\s*"
    r"|[A-Z][A-Za-z.'’ ]{1,30}(?:,\s*[A-Za-z.' ]{1,30})?\s*\([A-Za-z.&/ ]{2,30}\)\s*[-–—]+\s*"
    r"|[A-Z]{3,}(?:\s[A-Z]{2,}){0,2}\s*[-–—]+\s+)"
)
_TERMINAL_RE = re.compile(r"[.!?…:;\"'”’)\]]$")
_MAX_TITLE_CHARS = 200
_MAX_SITE_LINE_CHARS = 100


@dataclass(frozen=True, slots=True)
class Scrape:
    """What a plain-text scrape holds once its furniture is lifted out."""

    title: str | None
    text: str
    site: str | None
    category: str | None
    image_credit: str | None
    author: str | None
    publisher_tldr: tuple[str, ...]
    published: dt.datetime | None
    tags: tuple[str, ...]


def _norm(line: str) -> str:
    return " ".join(line.split()).casefold()


def _credit(line: str) -> str | None:
    match = _CREDIT_RE.match(line)
    return match.group("credit").strip() if match else None


def _is_furniture(line: str) -> bool:
    return bool(_AD_SLOT_RE.match(line) or _AD_LINE_RE.match(line) or _READ_ALSO_RE.match(line))


class _Reader:
    """Walks a scrape's lines once, sorting them into furniture and body paragraphs."""

    def __init__(self, title: str | None) -> None:
        self.title = title
        self.site: str | None = None
        self.category: str | None = None
        self.image_credit: str | None = None
        self.author: str | None = None
        self.published: dt.datetime | None = None
        self.tags: tuple[str, ...] = ()
        self.tldr: list[str] = []
        self.paragraphs: list[list[str]] = [[]]

    def header(self, line: str) -> bool:
        """Parse 'Title - credit - site - Category' or 'site - Category'; True if it was one."""
        rest = line
        if self.title and _norm(line).startswith(_norm(self.title)):
            rest = line[len(self.title) :].strip()
            if not rest:
                return True  # the title repeated on its own line
            if not _HEADER_SPLIT_RE.match(" " + rest):
                return False
        elif len(line) > _MAX_SITE_LINE_CHARS:
            return False
        parts = [p.strip() for p in _HEADER_SPLIT_RE.split(" " + rest + " ") if p.strip()]
        if rest is line and not (parts and _DOMAIN_RE.match(parts[0]) and len(parts) <= 2):
            return False
        seen_site = False
        for part in parts:
            credit = _credit(part)
            if credit:
                self.image_credit = self.image_credit or credit
            elif _DOMAIN_RE.match(part):
                self.site = self.site or part.lower()
                seen_site = True
            elif seen_site and self.category is None:
                self.category = part
        return True

    def add_body(self, line: str) -> None:
        self.paragraphs[-1].append(line)

    def paragraph_break(self) -> None:
        if self.paragraphs[-1]:
            self.paragraphs.append([])

    def body_started(self) -> bool:
        return any(self.paragraphs)


def _join_lines(lines: list[str]) -> str:
    """Join a paragraph's lines: a hard-wrapped line continues, a finished line keeps its break."""
    out = lines[0]
    for line in lines[1:]:
        glue = " " if not _TERMINAL_RE.search(out) and line[:1].islower() else "\n"
        out += glue + line
    return out


def _strip_dateline(paragraph: str, site: str | None) -> tuple[str, str | None]:
    """Cut a dateline prefix off the first paragraph; return the rest and a site it names."""
    match = _DATELINE_RE.match(paragraph)
    if not match or len(paragraph) - match.end() < 20:
        return paragraph, site
    domain = re.search(_DOMAIN, match.group(0))
    if site is None and domain:
        site = domain.group(0).lower()
    return paragraph[match.end() :], site


def clean_scrape(text: str) -> Scrape:
    """Split a plain-text scrape into title, body and the furniture lifted out of it.

    Args:
        text: The decoded scrape.

    Returns:
        The title (first line, when it looks like one), the body with paragraphs separated by
        blank lines, and the site, category, image credit, author and publisher TL;DR bullets
        found on the way.
    """
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        return Scrape(None, "", None, None, None, None, (), None, ())
    candidate = " ".join(lines[first].split())
    has_more = any(line.strip() for line in lines[first + 1 :])
    title = candidate if has_more and len(candidate) <= _MAX_TITLE_CHARS else None
    reader = _Reader(title)
    in_tldr = False
    for raw in lines[first + 1 if title else first :]:
        line = raw.strip()
        if not line:
            reader.paragraph_break()
            continue
        if in_tldr:
            bullet = _BULLET_RE.match(raw)
            if bullet:
                reader.tldr.append(bullet.group("text").strip())
                continue
            in_tldr = False
        credit = _credit(line)
        if credit:
            reader.image_credit = reader.image_credit or credit
            continue
        if _is_furniture(line):
            continue
        tags = _TAGS_RE.match(line)
        if tags and len(line) <= 300:
            reader.tags = tuple(
                t.strip() for t in re.split(r"[,;]", tags.group("tags")) if t.strip()
            )
            continue
        if not reader.body_started():
            published = parse_dateline(line)
            if published is not None:
                reader.published = reader.published or published
                continue
            if _TLDR_HEAD_RE.match(line):
                in_tldr = True
                continue
            if reader.header(line):
                continue
            byline = _BYLINE_RE.match(line)
            if byline:
                reader.author = reader.author or byline.group("name").strip()
                continue
        elif (
            len(line) <= 80
            and (byline := _BYLINE_RE.match(line))
            and byline.group("role").lower() not in ("by", "oleh")
        ):
            reader.author = reader.author or byline.group("name").strip()
            continue
        reader.add_body(line)
    paragraphs = [_join_lines(p) for p in reader.paragraphs if p]
    site = reader.site
    if paragraphs:
        paragraphs[0], site = _strip_dateline(paragraphs[0], site)
    return Scrape(
        title=title,
        text="\n\n".join(paragraphs),
        site=site,
        category=reader.category,
        image_credit=reader.image_credit,
        author=reader.author,
        publisher_tldr=tuple(reader.tldr),
        published=reader.published,
        tags=reader.tags,
    )
