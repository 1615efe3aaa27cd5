"""The Python API for one document: `analyze`."""

from __future__ import annotations

from newstide.errors import DocumentError
from newstide.ingest.run import analyze_documents
from newstide.ingest.sources import sniff_format
from newstide.records import Article, RawDocument
from newstide.settings import Settings, default_settings


def analyze(
    text_or_html: str, url: str | None = None, *, settings: Settings | None = None
) -> Article:
    """Run the whole pipeline on one document, without a store.

    Args:
        text_or_html: A web page's HTML or a plain-text article or scrape (its first line is
            taken as the title when it looks like one).
        url: Where the document comes from, when known.
        settings: Settings to use instead of the shipped ones.

    Returns:
        The analysed article.

    Raises:
        DocumentError: The document has no usable text (the reason says why).
    """
    settings = settings or default_settings()
    kind = sniff_format(text_or_html[:8192].encode("utf-8", errors="ignore"), "")
    raw = RawDocument(
        source=url or "<string>",
        format="html" if kind == "html" else "text",
        content=text_or_html,
        given={"url": url} if url else {},
    )
    (result,) = analyze_documents([raw], settings)
    if isinstance(result, Article):
        return result
    raise DocumentError(result.reason, result.detail)
