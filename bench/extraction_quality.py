"""Body-text quality on the article extraction benchmark: newstide beside plain trafilatura.

Same as ``newstide eval extraction``; kept here beside the other benchmarks.

    python bench/extraction_quality.py
"""

from __future__ import annotations

import sys

from _corpora import SHARED_DATA

from newstide.eval.extraction import evaluate_extraction
from newstide.settings import load_settings


def main() -> int:
    if not SHARED_DATA.exists():
        print(f"skipped: the shared data is not at {SHARED_DATA}", file=sys.stderr)
        return 0
    scores = evaluate_extraction(SHARED_DATA, load_settings())
    print("article extraction benchmark, 181 pages, 4-word shingle scorer")
    print(f"{'extractor':<30}{'precision':>10}{'recall':>10}{'F1':>8}{'pages/s':>10}")
    for s in scores:
        print(
            f"{s.name:<30}{s.precision:>10.3f}{s.recall:>10.3f}{s.f1:>8.3f}{s.pages_per_second:>10.1f}"
        )
    ours, plain = scores
    print(f"newstide F1 minus trafilatura F1: {ours.f1 - plain.f1:+.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
