"""Web pages: main text and metadata with trafilatura, the headline kept out of the body."""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass

import lxml.etree
import lxml.html
import trafilatura

from newstide.errors import DocumentError
from newstide.ingest.dates import parse_date

log = logging.getLogger(__name__)

_BLOCK_TAGS = (
    "p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "tr", "section",
    "article", "br", "figcaption",
)  # fmt: skip
_SPACES_RE = re.compile(r"[ \t\u00a0]+")
_BLANKS_RE = re.compile(r"\n\s*\n+")
#: A body whose lines are this share (by characters) of link texts is a menu, not an article.
_MAX_LINK_SHARE = 0.9
#: Menu entries are short; a body with a line longer than this is read as an article.
_MAX_MENU_LINE = 200


@dataclass(frozen=True, slots=True)
class Page:
    """What trafilatura finds on a page."""

    text: str
    title: str | None
    published: dt.datetime | None
    site: str | None
    author: str | None
    url: str | None
    category: str | None
    tags: tuple[str, ...]
    image: str | None


def _drop_headline(text: str, title: str | None) -> str:
    """Trafilatura may keep the <h1> as the body's first line; the headline lives in `title`."""
    if not title:
        return text
    first, _, rest = text.partition("\n")
    if " ".join(first.split()).casefold() == " ".join(title.split()).casefold():
        return rest.lstrip("\n")
    return text


def _only_links(html: str, body: str) -> bool:
    """Whether nearly every line trafilatura kept is a link's text (its fallback keeps menus)."""
    lines = [" ".join(line.split()) for line in body.splitlines() if line.strip()]
    if any(len(line) > _MAX_MENU_LINE for line in lines):
        return False  # a paragraph of running text: an article, no need to parse the page again
    try:
        root = lxml.html.fromstring(html)
    except (lxml.etree.LxmlError, ValueError):
        return False
    links = {" ".join(a.text_content().split()) for a in root.iter("a")}
    linked = sum(len(line) for line in lines if line in links)
    return linked >= _MAX_LINK_SHARE * sum(len(line) for line in lines)


def extract_page(html: str, url: str | None = None) -> Page:
    """Extract a web page's main text and metadata.

    Args:
        html: The page's markup.
        url: Where it was fetched from, when known (helps trafilatura's metadata).

    Returns:
        The extracted page; ``text`` is the article body without the headline.

    Raises:
        DocumentError: ``no-article`` when trafilatura finds no main text, ``no-text`` when
            the text it finds is only navigation links.
    """
    try:
        doc = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            date_extraction_params={
                "extensive_search": False,
                "original_date": True,
                "outputformat": "%Y-%m-%dT%H:%M:%S%z",
            },
        )
    except (ValueError, lxml.etree.LxmlError, RecursionError) as exc:
        raise DocumentError("bad-html", f"the page cannot be parsed as HTML: {exc}") from exc
    body = "" if doc is None or isinstance(doc, dict) else (doc.text or "").strip()
    if doc is None or isinstance(doc, dict) or not body:
        raise DocumentError("no-article", "no main text found on the page")
    if _only_links(html, body):
        raise DocumentError("no-text", "the page's only text is navigation links")
    title = " ".join(doc.title.split()) if doc.title else None
    categories = [c for c in (doc.categories or []) if c]
    return Page(
        text=_drop_headline(body, title),
        title=title or None,
        published=parse_date(doc.date),
        site=doc.sitename or doc.hostname or None,
        author=doc.author or None,
        url=doc.url or url,
        category=categories[0] if categories else None,
        tags=tuple(t for t in (doc.tags or []) if t),
        image=doc.image or None,
    )


def fragment_text(html: str) -> str:
    """Text of an HTML fragment (a feed item's body), one paragraph per block element."""
    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (lxml.etree.LxmlError, ValueError) as exc:
        raise DocumentError("bad-html", f"the item's HTML cannot be parsed: {exc}") from exc
    for bad in root.xpath("//script|//style|//noscript|//iframe"):
        bad.drop_tree()
    # Mark block boundaries in place (iteratively: pages can nest deeper than Python recurses).
    for element in root.iter(*_BLOCK_TAGS):
        element.text = "\n\n" + (element.text or "")
        element.tail = "\n\n" + (element.tail or "")
    text = _SPACES_RE.sub(" ", root.text_content())
    lines = "\n".join(line.strip() for line in text.split("\n"))
    return _BLANKS_RE.sub("\n\n", lines).strip()
