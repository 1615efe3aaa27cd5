"""Named-entity recognition scored on the dev splits, beside the knowledge base alone.

Dev sets (never trained on; `newstide.eval.ner_data` reads them into raw text with gold spans):

* ``idner-dev``: idner_news_2k dev (Indonesian news, 367 sentences); when the shipped model was
  trained with NERP, whose training split near-copies part of it, ``idner-dev-clean`` is the
  official row: only the sentences sharing under half their word 6-grams with NERP train.
* ``nergrit-valid``: NERGrit valid (Indonesian, 209 sentences).
* ``men-dev``: the 40 held-out MEN articles (English news, Malaysian), whole articles.

Scores are entity-level, exact (start, end, label) matches, per label and micro-averaged, for:
the shipped model alone; newstide's entity stage (the model, with known organizations from the
knowledge base filling gaps and fixing labels, names with a legal form, and names found once taken
throughout the document), which is what ingest runs; and the baseline, the knowledge base alone
(every known name or alias the gazetteer takes without the model's help is an ORG).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from newstide.errors import InputError
from newstide.eval.ner_data import (
    LABELS,
    TextExample,
    idner,
    idner_dev_words,
    men_examples,
    nergrit,
    nerp_sents,
    ngrams,
    overlap_share,
)
from newstide.nlp.entities import EntityRecognizer, _Gazetteer, load_model
from newstide.nlp.kb import KnowledgeBase
from newstide.nlp.sentences import SentenceSplitter
from newstide.records import Article
from newstide.settings import Settings

#: Dev sets with their language, in the order they are printed.
DEV_SETS = ("idner-dev", "idner-dev-clean", "nergrit-valid", "men-dev")
_NERP_OVERLAP = 0.5


@dataclass(frozen=True, slots=True)
class LabelScore:
    """Precision, recall and F1 of one label (or ``ALL``) on one dev set for one system."""

    system: str
    dev_set: str
    label: str
    precision: float
    recall: float
    f1: float
    gold: int


def dev_sets(data: Path) -> dict[str, tuple[str, list[TextExample]]]:
    """Every dev set by name: its language and examples.

    Raises:
        InputError: The NER data is not under `data`.
    """
    if not (data / "ner").is_dir():
        raise InputError(f"no NER data under {data}", "pass --data PATH/shared/data")
    idner_dev = idner(data, "dev")
    index: set[tuple[str, ...]] = set()
    for sentence in nerp_sents(data, "train"):
        index |= ngrams(sentence.tokens)
    clean = [
        example
        for example, words in zip(idner_dev, idner_dev_words(data), strict=True)
        if overlap_share(words, index) < _NERP_OVERLAP
    ]
    return {
        "idner-dev": ("id", idner_dev),
        "idner-dev-clean": ("id", clean),
        "nergrit-valid": ("id", nergrit(data, "valid")),
        "men-dev": ("en", men_examples(data, heldout=True)),
    }


def _prf(system: str, dev_set: str, label: str, tp: int, pred: int, gold: int) -> LabelScore:
    precision = tp / pred if pred else 0.0
    recall = tp / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return LabelScore(system, dev_set, label, precision, recall, f1, gold)


def _score(
    system: str, dev_set: str, pairs: list[tuple[set[tuple[int, int, str]], TextExample]]
) -> list[LabelScore]:
    tp: Counter[str] = Counter()
    predicted: Counter[str] = Counter()
    gold: Counter[str] = Counter()
    for found, example in pairs:
        truth = set(example.ents)
        predicted.update(label for _, _, label in found)
        gold.update(label for _, _, label in truth)
        tp.update(label for _, _, label in found & truth)
    rows = [_prf(system, dev_set, lab, tp[lab], predicted[lab], gold[lab]) for lab in LABELS]
    rows.append(
        _prf(system, dev_set, "ALL", sum(tp.values()), sum(predicted.values()), sum(gold.values()))
    )
    return rows


def evaluate_ner(data: Path, settings: Settings) -> list[LabelScore]:
    """Scores of the model, newstide's entity stage and the KB baseline on every dev set."""
    kb = KnowledgeBase.from_settings(settings.entities)
    recognizer = EntityRecognizer(settings.entities, kb)
    splitter = SentenceSplitter(settings.sentences)
    rows: list[LabelScore] = []
    for name, (language, examples) in dev_sets(data).items():
        nlp = load_model(language)
        gazetteer = _Gazetteer(nlp, kb)
        model, stage, baseline = [], [], []
        for example, doc in zip(examples, nlp.pipe(e.text for e in examples), strict=True):
            model.append(
                (
                    {(e.start_char, e.end_char, e.label_) for e in doc.ents if e.label_ in LABELS},
                    example,
                )
            )
            article = splitter(Article(id=name, source=name, text=example.text, language=language))
            mentions = recognizer(article).mentions
            stage.append(({(m.start, m.end, m.kind) for m in mentions}, example))
            starts = {s.start for s in article.sentences}
            baseline.append(({(s, e, "ORG") for s, e in gazetteer.spans(doc, starts)}, example))
        rows += _score("model alone", name, model)
        rows += _score("newstide (model + knowledge base)", name, stage)
        rows += _score("baseline: knowledge base alone", name, baseline)
    return rows
