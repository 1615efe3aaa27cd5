"""The export contract: one JSON object per article, as `export` and `analyze` print it.

Later stages add keys (``entities``, ``interactions``, ``tldr``) to the same object; keys are never
renamed or removed, because outside tools rely on them. The schema is documented in the README.
"""

from __future__ import annotations

import json
from typing import Any

from newstide.ingest.dates import iso
from newstide.records import Article


def article_record(article: Article) -> dict[str, Any]:
    """The JSON-ready record of an article (char offsets point into ``text``)."""
    return {
        "id": article.id,
        "external_id": article.external_id,
        "url": article.url,
        "source": article.source,
        "site": article.site,
        "title": article.title,
        "published": iso(article.published),
        "language": article.language,
        "category": article.category,
        "author": article.author,
        "tags": list(article.tags),
        "image": article.image,
        "image_credit": article.image_credit,
        "publisher_tldr": list(article.publisher_tldr),
        "text": article.text,
        "story_id": article.story_id,
        "not_processed": article.skipped,
        "sentences": [{"start": s.start, "end": s.end} for s in article.sentences],
    }


def article_json(article: Article) -> str:
    """One line of JSONL for an article."""
    return json.dumps(article_record(article), ensure_ascii=False)
