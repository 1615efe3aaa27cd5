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
        "entities": _entities(article),
        "roles": _roles(article),
        "interactions": _interactions(article),
        "tldr": [{"text": b.text, "sentence": b.sentence} for b in article.tldr],
    }


def _interactions(article: Article) -> list[dict[str, Any]]:
    names = {e.id: e.name for e in article.entities}
    return [
        {
            "a": names.get(i.a, i.a),
            "b": names.get(i.b, i.b),
            "a_id": i.a,
            "b_id": i.b,
            "type": i.type,
            "tone": i.tone,
            "directed": i.directed,
            "modality": i.modality,
            "confidence": i.confidence,
            "evidence": article.text[i.start : i.end],
            "start": i.start,
            "end": i.end,
            "refers_to": i.refers_to,
            "stated_in": list(i.sentences),
        }
        for i in article.interactions
    ]


def _entities(article: Article) -> list[dict[str, Any]]:
    """Each entity of the article with its mentions (references resolved to it included)."""
    mentions: dict[str, list[dict[str, Any]]] = {}
    for m in article.mentions:
        if m.entity_id:
            mentions.setdefault(m.entity_id, []).append(
                {"start": m.start, "end": m.end, "text": m.text, "via": m.via}
            )
    return [
        {"id": e.id, "name": e.name, "kind": e.kind, "mentions": mentions.get(e.id, [])}
        for e in article.entities
    ]


def _roles(article: Article) -> list[dict[str, Any]]:
    names = {e.id: e.name for e in article.entities}
    return [
        {
            "person": names.get(r.person, r.person),
            "person_id": r.person,
            "organization": names.get(r.organization, r.organization),
            "organization_id": r.organization,
            "title": r.title,
            "sentence": r.sentence,
        }
        for r in article.roles
    ]


def article_json(article: Article) -> str:
    """One line of JSONL for an article."""
    return json.dumps(article_record(article), ensure_ascii=False)
