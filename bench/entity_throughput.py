"""Entity throughput: tokens per second of newstide's entity stage beside spaCy's blank tokenizer.

Indonesian: the first --articles IndoSum dev articles (rebuilt as ``bench/_corpora.py`` does).
English: the MEN articles (Malaysian English news, all of them, the held-out ones included).
Each article is split into sentences as ingest does, outside the timing. Timed on the same texts:
``spacy.blank(lang)`` one text at a time (the tokenizer the models run behind, the floor any
spaCy pipeline pays), and newstide's entity stage, the ``entities`` and ``linking`` stages of
ingest's worker pipeline run as ``Pipeline.pipe`` runs them (the NER model; known organizations
from the knowledge base filling gaps and fixing labels; linking). Tokens are counted with the
blank tokenizer. Figures are medians of --repeat runs, on one core, after one untimed pass; on
a shared machine, differences under ~10% between runs are noise.

    python bench/entity_throughput.py [--repeat 3] [--articles 500]
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable

import spacy
from _corpora import INDOSUM, SHARED_DATA, indosum_articles, median_seconds

from newstide.eval.ner_data import men_articles
from newstide.ingest.run import worker_pipeline
from newstide.nlp.sentences import SentenceSplitter
from newstide.pipeline import Stage, info
from newstide.records import Article
from newstide.settings import load_settings

MEN = SHARED_DATA / "relations" / "en" / "men" / "data"


def texts_for(language: str, articles: int) -> list[tuple[str, str]]:
    """(id, text) of the articles benchmarked in one language."""
    if language == "id":
        return [(a["id"], a["text"]) for a in indosum_articles(articles)]
    return [(aid, text) for aid, text, _ in men_articles(SHARED_DATA)]


def entity_stages(stages: Iterable[Stage]) -> list[Stage]:
    """The entity recognition and linking stages of a pipeline, in its order."""
    return [stage for stage in stages if info(stage).name in {"entities", "linking"}]


def run_stages(stages: list[Stage], articles: list[Article]) -> list[Article]:
    """Articles through the stages, each by its ``pipe`` where it has one (as ``Pipeline.pipe``)."""
    stream: Iterable[Article] = articles
    for stage in stages:
        batch = getattr(stage, "pipe", None)
        stream = batch(stream) if batch is not None else map(stage, stream)
    return list(stream)


def bench_language(language: str, articles: int, repeat: int) -> dict[str, float]:
    """Tokens per second of the blank tokenizer and the entity stage on one language."""
    settings = load_settings()
    splitter = SentenceSplitter(settings.sentences)
    stages = entity_stages(worker_pipeline(settings).stages)
    docs = [
        splitter(Article(id=aid, source=aid, text=text, language=language))
        for aid, text in texts_for(language, articles)
    ]
    texts = [d.text[: settings.entities.max_chars] for d in docs]
    blank = spacy.blank(language)
    # outside the timing: load the model, build the gazetteer, and give every word of the texts
    # its lexeme in both vocabularies (the first pass over new words pays for that)
    run_stages(stages, docs)
    tokens = sum(len(blank(t)) for t in texts)

    def run_blank() -> None:
        for text in texts:
            blank(text)

    def run_stage() -> None:
        run_stages(stages, docs)

    print(
        f"{language}: {len(docs)} articles, {tokens} tokens "
        f"({tokens / len(docs):.0f} per article), median of {repeat} runs, "
        f"stages {[info(s).name for s in stages]}"
    )
    return {
        f"spacy.blank({language!r}) tokenizer": tokens / median_seconds(run_blank, repeat),
        "newstide entity stage": tokens / median_seconds(run_stage, repeat),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--articles", type=int, default=500, help="IndoSum articles")
    args = parser.parse_args()
    if not INDOSUM.exists() or not MEN.exists():
        print(f"skipped: the shared data is not at {SHARED_DATA}", file=sys.stderr)
        return 0
    for language in ("id", "en"):
        rates = bench_language(language, args.articles, args.repeat)
        floor = next(iter(rates.values()))
        print(f"{'system':<32}{'tokens/s':>12}{'vs tokenizer':>14}")
        for name, rate in rates.items():
            print(f"{name:<32}{rate:>12,.0f}{rate / floor:>13.3f}x")
        stage = rates["newstide entity stage"]
        print(
            f"the entity stage runs at {stage / floor:.1%} of the tokenizer's speed "
            f"({floor / stage:.0f}x slower)"
        )
        print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
