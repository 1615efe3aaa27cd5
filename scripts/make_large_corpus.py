"""Write a large synthetic corpus (JSONL) from the bundled demo corpus, deterministically.

Every demo document (HTML, WARC, feeds, scrapes, JSONL) is read and extracted once; the output
repeats those articles --copies times, each copy lightly varied (a numbered closing sentence, an id
and URL with the copy number), so every line is a distinct article with the demo's entities and
interactions. The same arguments always give the same bytes.

    python scripts/make_large_corpus.py OUT.jsonl [--copies 100]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from newstide.cli import demo_corpus
from newstide.ingest.dates import iso
from newstide.ingest.extract import extract
from newstide.ingest.sources import expand_inputs, read_input
from newstide.records import Failure
from newstide.settings import load_settings


def demo_records() -> list[dict[str, object]]:
    """The demo corpus's articles as JSONL records (in the ingest's input order)."""
    settings = load_settings()
    records: list[dict[str, object]] = []
    for source in expand_inputs([str(demo_corpus())]):
        for raw in read_input(source, settings.ingest):
            if isinstance(raw, Failure):
                continue
            article = extract(raw, settings.ingest)
            records.append(
                {
                    "id": article.external_id or article.id,
                    "url": article.url,
                    "title": article.title,
                    "published": iso(article.published),
                    "site": article.site,
                    "language": article.language,
                    "text": article.text,
                }
            )
    return records


def write_corpus(out: Path, copies: int) -> int:
    """Write `copies` varied copies of the demo articles to `out`; returns the lines written."""
    base = demo_records()
    written = 0
    with out.open("w", encoding="utf-8") as lines:
        for copy in range(copies):
            for number, record in enumerate(base):
                varied = dict(record)
                varied["id"] = f"{record['id']}-copy{copy}"
                if record.get("url"):
                    varied["url"] = f"{record['url']}?copy={copy}"
                closing = (
                    f"Salinan nomor {copy}-{number} dari korpus sintetis."
                    if record.get("language") == "id"
                    else f"This is copy number {copy}-{number} of the synthetic corpus."
                )
                varied["text"] = f"{record['text']}\n\n{closing}"
                lines.write(json.dumps(varied, ensure_ascii=False, sort_keys=True) + "\n")
                written += 1
    return written


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--copies", type=int, default=100, help="copies of the demo articles")
    args = parser.parse_args()
    written = write_corpus(args.out, args.copies)
    print(f"{args.out}: {written} articles ({args.out.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
