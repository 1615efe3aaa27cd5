"""TL;DR speed: milliseconds per article for newstide's TldrWriter beside LEAD-3, in one run.

The articles are the first --articles IndoSum dev records (by id), rebuilt and split into
sentences as ``newstide eval tldr`` does, then (unless --text-only) put through the per-article
stages an ingest runs before the TL;DR (entities, references, interactions), outside the timing.
Timed: the TL;DR stage alone on every article, and LEAD-3 (the first three sentences' texts) as
the floor any summarizer pays. Figures are medians of --repeat runs, on one core.

    python bench/tldr_speed.py [--repeat 3] [--articles 1000] [--text-only]
"""

from __future__ import annotations

import argparse
import sys

from _corpora import INDOSUM, SHARED_DATA, median_seconds

from newstide.eval.tldr import analysed, lead3, load_indosum
from newstide.settings import load_settings
from newstide.summarize import TldrWriter

TARGET_MS = 5.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument(
        "--text-only", action="store_true", help="skip the entity and interaction stages"
    )
    args = parser.parse_args()
    if not INDOSUM.exists():
        print(f"skipped: the shared data is not at {SHARED_DATA}", file=sys.stderr)
        return 0
    settings = load_settings()
    docs = load_indosum(SHARED_DATA, settings)[: args.articles]
    if not args.text_only:
        print(f"analysing {len(docs)} articles (not timed) ...", file=sys.stderr)
        docs = analysed(docs, settings)
    articles = [d.article for d in docs]
    writer = TldrWriter(settings.tldr)
    writer(articles[0])  # load the weights and lexicons outside the timing
    sentences = sum(len(a.sentences) for a in articles) / len(articles)

    def run_tldr() -> None:
        for article in articles:
            writer(article)

    def run_lead3() -> None:
        for article in articles:
            lead3(article)

    per_article = {
        "newstide TldrWriter": median_seconds(run_tldr, args.repeat) / len(articles) * 1000,
        "LEAD-3": median_seconds(run_lead3, args.repeat) / len(articles) * 1000,
    }
    print(
        f"TL;DR on {len(articles)} IndoSum articles ({sentences:.1f} sentences each on average), "
        f"median of {args.repeat} runs"
    )
    print(f"{'summarizer':<24}{'ms/article':>12}")
    for name, ms in per_article.items():
        print(f"{name:<24}{ms:>12.3f}")
    verdict = "within" if per_article["newstide TldrWriter"] < TARGET_MS else "OVER"
    print(f"target < {TARGET_MS} ms/article: {verdict}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
