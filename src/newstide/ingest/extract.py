"""Extraction: a `RawDocument` becomes an `Article` with a content-addressed id.

Fields the input gives (a JSONL line's title, a feed item's link) are taken as given; the rest is
extracted: trafilatura for pages, the scrape cleaner for plain text.
"""

from __future__ import annotations

import hashlib
from urllib.parse import urlsplit

from newstide.errors import DocumentError
from newstide.ingest.dates import parse_date
from newstide.ingest.html import extract_page
from newstide.ingest.scrape import clean_scrape
from newstide.records import Article, RawDocument
from newstide.settings import IngestSettings


def article_id(url: str | None, title: str | None, text: str) -> str:
    """A content-addressed id: the same page read twice gets the same id, whatever its path."""
    digest = hashlib.blake2b(digest_size=10)
    for part in (url or "", title or "", " ".join(text.split())):
        digest.update(part.encode("utf-8"))
        digest.update(b"\x1f")
    return digest.hexdigest()


def _site_of(url: str | None) -> str | None:
    if not url:
        return None
    host = urlsplit(url).hostname
    return host.removeprefix("www.") if host else None


def extract(raw: RawDocument, limits: IngestSettings) -> Article:
    """Turn a raw document into an article.

    Args:
        raw: The document as read.
        limits: ``min_text_chars`` decides when a body is too short to keep.

    Returns:
        The article, with ``id``, ``text`` and the metadata found or given.

    Raises:
        DocumentError: No usable text (``no-text``, ``no-article``) or unparsable HTML.
    """
    given = raw.given
    url = given.get("url")
    fields: dict[str, object] = {}
    if raw.format == "html" or raw.content_is_html:
        page = extract_page(raw.content, url)
        text = page.text
        url = url or page.url
        fields = {
            "title": page.title,
            "published": page.published,
            "site": page.site,
            "author": page.author,
            "category": page.category,
            "tags": page.tags,
            "image": page.image,
        }
    elif raw.format == "text":
        scrape = clean_scrape(raw.content)
        text = scrape.text
        fields = {
            "title": scrape.title,
            "site": scrape.site,
            "category": scrape.category,
            "author": scrape.author,
            "image_credit": scrape.image_credit,
            "publisher_tldr": scrape.publisher_tldr,
            "published": scrape.published,
            "tags": scrape.tags,
        }
    else:
        text = raw.content  # a given text is kept exactly as it is
    for name in ("title", "site", "category", "author", "language"):
        if given.get(name):
            fields[name] = given[name]
    if given.get("published"):
        fields["published"] = parse_date(given["published"])
    if fields.get("published") is None and given.get("fetched"):
        fields["published"] = parse_date(given["fetched"])
    if len(text.strip()) < limits.min_text_chars:
        raise DocumentError(
            "no-text",
            f"the body has {len(text.strip())} characters, under ingest.min_text_chars "
            f"({limits.min_text_chars})",
        )
    if not fields.get("site"):
        fields["site"] = _site_of(url)
    title = fields.get("title")
    return Article(
        id=article_id(url, title if isinstance(title, str) else None, text),
        source=raw.source,
        text=text,
        url=url,
        external_id=given.get("id"),
        **fields,  # type: ignore[arg-type]
    )
