"""Draw articles newstide was never tuned on and write what it extracts, for a person to judge.

The dev golds (``relations/*/gold-dev.jsonl``) are small and their errors have been read, so their
scores flatter the rules. This draws other articles in a fixed order: IndoSum dev (Indonesian)
or MEN (English), minus the gold-dev articles, sorted by the SHA-1 of their ids. It writes one
JSON line per article: its text, its organizations, and its interactions with names and evidence.
A judge then marks each interaction against GUIDELINES.md; `docs/audits/` keeps the judgements.
Take the next articles (`--start`) for a fresh sample after a change.

Usage:
    .venv/bin/python scripts/sample_unseen.py id --start 0 --articles 300 --out /tmp/id.jsonl
"""

from __future__ import annotations

import argparse
import hashlib
import json
from pathlib import Path

from newstide.eval.ner_data import detokenize, men_articles
from newstide.ingest.run import analyze_documents
from newstide.records import Article, RawDocument
from newstide.settings import load_settings

REPO = Path(__file__).resolve().parents[1]


def unseen_articles(data: Path, language: str) -> list[tuple[str, str]]:
    """(id, text) of the articles of `language` outside its gold-dev set, in SHA-1 order."""
    gold = data / f"relations/{language}/gold-dev.jsonl"
    held = {json.loads(line)["id"] for line in gold.open(encoding="utf-8") if line.strip()}
    articles = []
    if language == "id":
        with open(data / "summarization/id/indosum/indosum-dev.jsonl", encoding="utf-8") as lines:
            for line in lines:
                record = json.loads(line)
                if record["id"] not in held:
                    paragraphs = (
                        " ".join(detokenize(sentence)[0] for sentence in paragraph)
                        for paragraph in record["paragraphs"]
                    )
                    articles.append((record["id"], "\n\n".join(paragraphs)))
    else:
        articles = [
            (article_id, text)
            for article_id, text, _ in men_articles(data)
            if f"men-{article_id}" not in held
        ]
    return sorted(articles, key=lambda article: hashlib.sha1(article[0].encode()).hexdigest())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("language", choices=["id", "en"])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--start", type=int, default=0, help="skip this many articles")
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)

    chosen = unseen_articles(args.data, args.language)[args.start : args.start + args.articles]
    raws = [RawDocument(i, "record", text, {"language": args.language}) for i, text in chosen]
    found = 0
    with args.out.open("w", encoding="utf-8") as out:
        analyzed = analyze_documents(raws, load_settings())
        for (article_id, _), item in zip(chosen, analyzed, strict=True):
            if not isinstance(item, Article):
                out.write(json.dumps({"id": article_id, "failed": item.reason}) + "\n")
                continue
            names = {entity.id: entity.name for entity in item.entities}
            interactions = [
                {
                    "a": names.get(i.a, i.a),
                    "b": names.get(i.b, i.b),
                    "type": i.type,
                    "tone": i.tone,
                    "directed": i.directed,
                    "modality": i.modality,
                    "evidence": item.text[i.start : i.end],
                }
                for i in item.interactions
            ]
            found += len(interactions)
            record = {
                "id": article_id,
                "text": item.text,
                "organizations": sorted(names[e.id] for e in item.entities if e.kind == "ORG"),
                "interactions": interactions,
            }
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"{len(chosen)} articles, {found} interactions -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
