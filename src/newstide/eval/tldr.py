"""TL;DR quality: ROUGE-1/2/L F1 of newstide's bullets beside LEAD-3 and LexRank, in one run.

Indonesian: IndoSum (``summarization/id/indosum/indosum-dev.jsonl``, tokenised news with an
abstractive ``summary`` and gold extractive labels per sentence). Records are detokenised and
rebuilt as article text (paragraphs separated by a blank line), then split by newstide's own
sentence splitter, exactly as an ingested article would be; the article's title is taken from the
record id's slug (the id is ``<unix time>-<slugified title, cut at 50 chars>``), since IndoSum has
no title field and a real article always has one. The records are ordered by id (that is, by
time) and split once: the first 60% train the scorer, the next 10% tune the selection, the last
30% are reported (`indosum_split`). Two references are scored: the abstractive summary (its
sentences joined) and the gold extractive sentences joined.

English: the 43 GUM Wikinews documents (``summarization/en/gum_wikinews/dep``, CoNLL-U), each with
five summaries (``meta::summary1..5``; the author is in the summary's parenthesised prefix: the
first is always a person's, in 8 documents all five are, elsewhere the other four are LLMs').
The article text is the document's paragraphs without the headline (it becomes the title), the
dateline ("Monday, May 18, 2015") and figure captions, which an extractor keeps apart from the
body. A system's score on a document is the mean over its five references (``mean of 5``) and,
separately, over the human-written ones (``human``).

ROUGE comes from Google's ``rouge-score`` package (F1, macro-averaged over documents), without
stemming for Indonesian (Porter stemming is English-only) and with it for English. Its default
tokenizer lowercases and keeps only ``[a-z0-9]`` runs, so accented letters are dropped; Indonesian
is written in plain ASCII letters, so this costs it nothing that matters.

Before scoring, each article goes through the per-article stages an ingest runs (entities,
references, interactions: `analysed`), so the TL;DR sees what it sees at run time.

Systems: ``newstide`` (`TldrWriter` with the shipped weights), ``LEAD-3`` (the first three
sentences of the article as newstide splits it; on IndoSum also as IndoSum splits it) and
``LexRank`` (`newstide.summarize.lexrank`, numpy: TF-IDF over the document's sentences minus
stopwords, cosine threshold 0.1, damped power iteration, the three best sentences in article
order; not sumy). ``oracle`` (IndoSum's gold extractive sentences as the summary) is the ceiling.
"""

from __future__ import annotations

import dataclasses
import json
import re
import statistics
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newstide.errors import InputError
from newstide.nlp.sentences import SentenceSplitter
from newstide.pipeline import Pipeline, info
from newstide.records import Article
from newstide.settings import Settings
from newstide.summarize.features import words
from newstide.summarize.lexicon import lexicon
from newstide.summarize.lexrank import lexrank_summary
from newstide.summarize.tldr import TldrWriter

INDOSUM = Path("summarization") / "id" / "indosum" / "indosum-dev.jsonl"
GUM_WIKINEWS = Path("summarization") / "en" / "gum_wikinews" / "dep"

#: Shares of the id-ordered IndoSum records: train, tune, then the rest is reported.
SPLIT = (("train", 0.6), ("tune", 0.1), ("report", 0.3))
#: LexRank's cosine threshold (Erkan & Radev's best).
LEXRANK_THRESHOLD = 0.1
SUMMARY_SENTENCES = 3

_NO_SPACE_BEFORE = re.compile(r" ([,.;:!?%)\]}”’])")
_NO_SPACE_AFTER = re.compile(r"([(\[{“‘]) ")
_SPACE_RE = re.compile(r"\s+")


def detokenize(tokens: Sequence[str]) -> str:
    """Join IndoSum's tokens back into running text (spaces before punctuation removed).

    The benchmarks (``bench/_corpora.py``) read IndoSum through it too; `detokenize_paragraph`
    also pairs straight quotes.
    """
    text = " ".join(tokens)
    text = _NO_SPACE_AFTER.sub(r"\1", _NO_SPACE_BEFORE.sub(r"\1", text))
    return text.replace(" / ", "/").replace(' " ', ' "')


def detokenize_paragraph(sentences: Sequence[Sequence[str]]) -> list[str]:
    """A paragraph's tokenised sentences as running text, one string per sentence.

    As `detokenize`, and closer to the page the tokens came from: whitespace inside or as tokens
    is collapsed, straight double quotes are paired (an opening one sticks to the next word, a
    closing one to the previous), and a closing quote that IndoSum's tokenizer moved to the start
    of the next sentence goes back to the end of the sentence it closes. Quotes are assumed
    closed at the start of each paragraph.
    """
    texts: list[str] = []
    quote_open = False
    for raw in sentences:
        tokens = [t for t in (_SPACE_RE.sub(" ", t).strip() for t in raw) if t]
        if quote_open and tokens[:1] == ['"'] and texts:
            texts[-1] += '"'
            tokens, quote_open = tokens[1:], False
        pieces: list[str] = []
        glue = False
        for token in tokens:
            if token == '"':
                if quote_open and pieces:
                    pieces[-1] += '"'
                else:
                    pieces.append('"')
                    glue = not quote_open
                quote_open = not quote_open
            elif glue and pieces:
                pieces[-1] += token
                glue = False
            else:
                pieces.append(token)
        text = _NO_SPACE_AFTER.sub(r"\1", _NO_SPACE_BEFORE.sub(r"\1", " ".join(pieces)))
        texts.append(text.replace(" / ", "/"))
    return texts


@dataclass(frozen=True, slots=True)
class SummaryDoc:
    """One evaluation document.

    Attributes:
        article: The article as newstide sees it (text, language, title, sentences).
        references: Reference summaries by name (``abstractive``, ``extractive`` for IndoSum;
            ``summary1``.. for GUM).
        human: For GUM: which references people wrote.
        source_spans: For IndoSum: char spans of the corpus's own sentences in the text.
        gold_spans: For IndoSum: char spans of the gold extractive sentences in the text.
    """

    article: Article
    references: dict[str, str]
    human: tuple[str, ...] = ()
    source_spans: tuple[tuple[int, int], ...] = ()
    gold_spans: tuple[tuple[int, int], ...] = ()


def _split(article: Article, settings: Settings) -> Article:
    return SentenceSplitter(settings.sentences)(article)


def _indosum_doc(record: dict[str, Any], settings: Settings) -> SummaryDoc:
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    gold: list[tuple[int, int]] = []
    offset = 0
    for p_index, (paragraph, labels) in enumerate(
        zip(record["paragraphs"], record["gold_labels"], strict=True)
    ):
        if p_index:
            parts.append("\n\n")
            offset += 2
        sentences = detokenize_paragraph(paragraph)
        for s_index, (sentence, label) in enumerate(zip(sentences, labels, strict=True)):
            if s_index:
                parts.append(" ")
                offset += 1
            spans.append((offset, offset + len(sentence)))
            if label:
                gold.append((offset, offset + len(sentence)))
            parts.append(sentence)
            offset += len(sentence)
    text = "".join(parts)
    slug = record["id"].split("-", 1)[1] if "-" in record["id"] else ""
    article = Article(
        id=record["id"],
        source=f"indosum:{record['id']}",
        text=text,
        title=slug.replace("-", " ") or None,
        language="id",
        site=record.get("source"),
        category=record.get("category"),
    )
    references = {
        "abstractive": " ".join(detokenize(s) for s in record["summary"]),
        "extractive": " ".join(text[s:e] for s, e in gold),
    }
    return SummaryDoc(
        _split(article, settings), references, source_spans=tuple(spans), gold_spans=tuple(gold)
    )


def load_indosum(data: Path, settings: Settings) -> list[SummaryDoc]:
    """Every IndoSum dev record as a `SummaryDoc`, ordered by id.

    Raises:
        InputError: The file is not under `data`.
    """
    path = data / INDOSUM
    if not path.exists():
        raise InputError(f"no IndoSum file at {path}", "pass --data PATH/shared/data")
    with path.open(encoding="utf-8") as lines:
        records = sorted((json.loads(line) for line in lines if line.strip()), key=_id)
    return [_indosum_doc(r, settings) for r in records]


def _id(record: dict[str, Any]) -> str:
    return str(record["id"])


def indosum_split(docs: Sequence[SummaryDoc]) -> dict[str, list[SummaryDoc]]:
    """The fixed split of id-ordered documents: ``train`` 60%, ``tune`` 10%, ``report`` 30%."""
    ordered = sorted(docs, key=lambda d: d.article.id)
    parts: dict[str, list[SummaryDoc]] = {}
    start = 0
    for name, share in SPLIT[:-1]:
        end = start + round(share * len(ordered))
        parts[name] = ordered[start:end]
        start = end
    parts[SPLIT[-1][0]] = ordered[start:]
    return parts


def analysed(docs: Sequence[SummaryDoc], settings: Settings) -> list[SummaryDoc]:
    """The documents after the per-article stages an ingest runs before the TL;DR (entities,
    references, interactions ...), so the TL;DR is scored on what it sees at run time."""
    from newstide.ingest.run import worker_pipeline

    stages = [s for s in worker_pipeline(settings).stages if info(s).name != "tldr"]
    pipeline = Pipeline(stages)
    return [dataclasses.replace(d, article=pipeline(d.article)) for d in docs]


def gold_labels(doc: SummaryDoc) -> list[bool]:
    """For each of the article's sentences: whether most of it lies in a gold extractive one."""
    labels = []
    for sentence in doc.article.sentences:
        covered = sum(
            max(0, min(sentence.end, e) - max(sentence.start, s)) for s, e in doc.gold_spans
        )
        labels.append(covered * 2 > sentence.end - sentence.start)
    return labels


_SUMMARY_RE = re.compile(r"^# meta::(summary\d+) = \((?P<who>[^)]*)\)\s*(?P<text>.*)$")
_DATE_RE = re.compile(
    r"^(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?"
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
    r"\s+\d{1,2},?\s+\d{4}$"
)


def _gum_doc(path: Path, settings: Settings) -> SummaryDoc:
    meta: dict[str, str] = {}
    references: dict[str, str] = {}
    human: list[str] = []
    blocks: list[tuple[str, list[str]]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if match := _SUMMARY_RE.match(line):
            references[match.group(1)] = match.group("text")
            if match.group("who").startswith("human"):
                human.append(match.group(1))
        elif line.startswith("# meta::") and " = " in line:
            key, value = line[len("# meta::") :].split(" = ", 1)
            meta[key] = value
        elif line.startswith("# newpar_block = "):
            kind = line.split(" = ", 1)[1].split()[0]
            if blocks and not blocks[-1][1]:
                blocks[-1] = (kind, [])
            else:
                blocks.append((kind, []))
        elif line == "# newpar" and (not blocks or blocks[-1][1]):
            blocks.append(("p", []))
        elif line.startswith("# text = "):
            if not blocks:
                blocks.append(("p", []))
            blocks[-1][1].append(line[len("# text = ") :])
    if blocks and blocks[0][0] == "head":
        blocks = blocks[1:]
    paragraphs = [
        [s for s in sentences if not _DATE_RE.match(s)] if number < 2 else sentences
        for number, (kind, sentences) in enumerate(blocks)
        if kind not in ("figure", "caption")
    ]
    text = "\n\n".join(" ".join(p) for p in paragraphs if p)
    doc_id = path.stem
    article = Article(
        id=doc_id, source=str(path), text=text, title=meta.get("title"), language="en"
    )
    return SummaryDoc(_split(article, settings), references, human=tuple(human))


def load_gum(data: Path, settings: Settings) -> list[SummaryDoc]:
    """The GUM Wikinews documents as `SummaryDoc`s, ordered by name.

    Raises:
        InputError: The folder is not under `data`.
    """
    folder = data / GUM_WIKINEWS
    files = sorted(folder.glob("*.conllu"))
    if not files:
        raise InputError(f"no GUM Wikinews files under {folder}", "pass --data PATH/shared/data")
    return [_gum_doc(p, settings) for p in files]


#: A summarizer: an article in, the summary's sentences (texts) out.
Summarizer = Callable[[Article], list[str]]


def lead3(article: Article) -> list[str]:
    """The first three sentences."""
    return [article.sentence_text(s) for s in article.sentences[:SUMMARY_SENTENCES]]


def lexrank(article: Article) -> list[str]:
    """The three sentences LexRank ranks highest, in article order."""
    stop = lexicon(article.language).stopwords
    tokens = [
        [w for w in words(article.sentence_text(s)) if w not in stop] for s in article.sentences
    ]
    keep = lexrank_summary(tokens, SUMMARY_SENTENCES, LEXRANK_THRESHOLD)
    return [article.sentence_text(article.sentences[i]) for i in keep]


def newstide_summarizer(settings: Settings) -> Summarizer:
    """newstide's TL;DR writer as a summarizer."""
    writer = TldrWriter(settings.tldr)
    return lambda article: [b.text for b in writer.bullets(article)]


@dataclass(frozen=True, slots=True)
class RougeScore:
    """One system's mean ROUGE F1 on one corpus against one kind of reference."""

    corpus: str
    reference: str
    system: str
    rouge1: float
    rouge2: float
    rougeL: float
    documents: int


def _scorer(language: str) -> Any:
    from rouge_score import rouge_scorer

    return rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=language == "en")


def _f1(scorer: Any, reference: str, summary: str) -> tuple[float, float, float]:
    scores = scorer.score(reference, summary)
    return scores["rouge1"].fmeasure, scores["rouge2"].fmeasure, scores["rougeL"].fmeasure


def _mean(rows: Sequence[tuple[float, float, float]]) -> tuple[float, float, float]:
    return (
        statistics.fmean(r[0] for r in rows),
        statistics.fmean(r[1] for r in rows),
        statistics.fmean(r[2] for r in rows),
    )


def score_indosum(
    docs: Sequence[SummaryDoc], systems: dict[str, Summarizer], corpus: str = "IndoSum"
) -> list[RougeScore]:
    """ROUGE of each system (and the gold-extractive oracle) against both IndoSum references."""
    scorer = _scorer("id")
    summaries = {name: [" ".join(run(d.article)) for d in docs] for name, run in systems.items()}
    summaries["LEAD-3 (IndoSum's sentences)"] = [
        " ".join(d.article.text[s:e] for s, e in d.source_spans[:SUMMARY_SENTENCES]) for d in docs
    ]
    summaries["oracle (gold extractive)"] = [d.references["extractive"] for d in docs]
    results = []
    for reference in ("abstractive", "extractive"):
        for name, texts in summaries.items():
            if name.startswith("oracle") and reference == "extractive":
                continue
            rows = [
                _f1(scorer, d.references[reference], t) for d, t in zip(docs, texts, strict=True)
            ]
            results.append(RougeScore(corpus, reference, name, *_mean(rows), len(docs)))
    return results


def score_gum(docs: Sequence[SummaryDoc], systems: dict[str, Summarizer]) -> list[RougeScore]:
    """ROUGE of each system on GUM Wikinews: mean over all five references, and over the human."""
    scorer = _scorer("en")
    results = []
    for reference in ("mean of 5", "human"):
        for name, run in systems.items():
            rows = []
            for doc in docs:
                summary = " ".join(run(doc.article))
                names = doc.human if reference == "human" else tuple(doc.references)
                rows.append(_mean([_f1(scorer, doc.references[r], summary) for r in names]))
            results.append(RougeScore("GUM Wikinews", reference, name, *_mean(rows), len(docs)))
    return results


def evaluate_tldr(
    data: Path, settings: Settings, split: str = "report", *, analyse: bool = True
) -> list[RougeScore]:
    """ROUGE F1 of newstide, LEAD-3 and LexRank on IndoSum (one split) and GUM Wikinews.

    Args:
        data: The shared data folder.
        settings: newstide's settings.
        split: Which IndoSum split to score (``report`` unless tuning).
        analyse: Run the per-article stages (entities, interactions) first, as an ingest does;
            without them the TL;DR falls back to capitalised words for names.

    Raises:
        InputError: The data is not under `data`.
    """
    systems: dict[str, Summarizer] = {
        "newstide": newstide_summarizer(settings),
        "LEAD-3": lead3,
        "LexRank": lexrank,
    }
    indosum = indosum_split(load_indosum(data, settings))[split]
    gum = load_gum(data, settings)
    if analyse:
        indosum, gum = analysed(indosum, settings), analysed(gum, settings)
    return [
        *score_indosum(indosum, systems, f"IndoSum {split}"),
        *score_gum(gum, systems),
    ]


def tldr_rows(data: Path, settings: Settings) -> list[dict[str, str | float | int]]:
    """`evaluate_tldr` as table rows for ``newstide eval tldr``: corpus, reference, system,
    ROUGE-1, ROUGE-2, ROUGE-L (F1) and the number of documents."""
    return [
        {
            "corpus": s.corpus,
            "reference": s.reference,
            "system": s.system,
            "ROUGE-1": round(s.rouge1, 4),
            "ROUGE-2": round(s.rouge2, 4),
            "ROUGE-L": round(s.rougeL, 4),
            "documents": s.documents,
        }
        for s in evaluate_tldr(data, settings)
    ]


def iter_rows(rows: Sequence[dict[str, Any]]) -> Iterator[str]:
    """The rows as aligned text lines (a header first), for a terminal."""
    header = ("corpus", "reference", "system", "ROUGE-1", "ROUGE-2", "ROUGE-L", "documents")
    widths = (16, 13, 30, 9, 9, 9, 10)
    yield "".join(
        f"{h:<{w}}" if i < 3 else f"{h:>{w}}"
        for i, (h, w) in enumerate(zip(header, widths, strict=True))
    )
    for row in rows:
        yield "".join(
            f"{row[h]:<{w}}"
            if i < 3
            else (f"{row[h]:>{w}.3f}" if isinstance(row[h], float) else f"{row[h]:>{w}}")
            for i, (h, w) in enumerate(zip(header, widths, strict=True))
        )
