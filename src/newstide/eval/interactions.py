"""Interaction extraction scored as ``relations/GUIDELINES.md`` defines it, beside a baseline.

Gold: ``relations/{id,en}/gold-dev.jsonl`` (40 articles each): per article its text and its
interactions with canonical organization names. newstide runs its whole pipeline on the text (the
article's language given, as a JSONL line would give it); a predicted organization stands for a
gold name when the name is one of the entity's names in that article (its canonical name or a
surface form, and both names of a surface form with its other name in brackets: "Otoritas Jasa
Keuangan (OJK)"), compared case-, legal-form- and hyphen-insensitively ("Go - Jek" is "Go-Jek").

* Pair+type: unordered pair of names plus type; precision, recall and F1 micro-averaged over
  articles.
* Tone: sign accuracy over matched interactions; for investment and acquisition ``+`` and ``0``
  are interchangeable as long as the prediction is not conflictual.
* Direction: accuracy over matched directed interactions.
* Modality: accuracy over matched interactions whose gold gives one, and the same over those
  the gold marks other than asserted (reported, speculative, denied): the hedges a reader must
  not take for fact, and which asserted-by-default would score 0 on.

The baseline, measured in the same run on the same entities: every pair of organizations named
in one sentence is a partnership, asserted.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

from newstide.errors import InputError
from newstide.ingest.run import analyze_documents
from newstide.nlp.kb import normalize_name
from newstide.records import Article, RawDocument
from newstide.settings import Settings

GOLD = {"id": Path("relations/id/gold-dev.jsonl"), "en": Path("relations/en/gold-dev.jsonl")}
_TONE_NEUTRAL = 0.05
_STRUCTURAL = frozenset({"investment", "acquisition"})


def name_key(name: str) -> str:
    """The key names are compared by: `normalize_name`, with a hyphen the same as a space
    (tokenized scrapes write "Go - Jek" for "Go-Jek")."""
    return " ".join(normalize_name(name).replace("-", " ").split())


#: A surface form carrying its other name in brackets: "Otoritas Jasa Keuangan (OJK)".
_BRACKETED = re.compile(r"(?P<name>[^()]+?)\s*\(\s*(?P<other>[^()]+?)\s*\)?")


@dataclass(frozen=True, slots=True)
class InteractionScore:
    """Scores of one system on one language's gold."""

    system: str
    language: str
    articles: int
    gold: int
    predicted: int
    precision: float
    recall: float
    f1: float
    tone_accuracy: float | None
    direction_accuracy: float | None
    modality_accuracy: float | None = None
    hedged_accuracy: float | None = None


@dataclass(frozen=True, slots=True)
class _Found:
    a: str
    b: str
    type: str
    tone: str  # "+", "-", "0"
    directed: bool
    modality: str = ""  # "" where the gold gives none


def _sign(tone: float) -> str:
    return "+" if tone > _TONE_NEUTRAL else "-" if tone < -_TONE_NEUTRAL else "0"


def _names(article: Article) -> dict[str, set[str]]:
    """Every normalised name each entity goes by in the article."""
    names: dict[str, set[str]] = {}
    for entity in article.entities:
        names.setdefault(entity.id, set()).update(
            name_key(n) for n in (entity.name, *entity.aliases)
        )
    for mention in article.mentions:
        if mention.entity_id and mention.via != "reference":
            surface = names.setdefault(mention.entity_id, set())
            surface.add(name_key(mention.text))
            # "Forum Masyarakat Telekomunikasi Indonesia (FMTI)" goes by both of its names
            bracketed = _BRACKETED.fullmatch(mention.text.strip())
            if bracketed:
                surface.update(name_key(bracketed.group(g)) for g in ("name", "other"))
    return names


def _to_gold(entity_id: str, names: dict[str, set[str]], gold_names: dict[str, str]) -> str:
    """The gold name an entity stands for, or its own id when it stands for none.

    Names are tried in sorted order so that an entity going by two gold names (a knowledge-base
    entry for a merged firm: "Celcom Axiata", "Digi.com") scores the same in every run.
    """
    for name in sorted(names.get(entity_id, ())):
        if name in gold_names:
            return gold_names[name]
    return entity_id


def _predictions(
    article: Article, names: dict[str, set[str]], gold_names: dict[str, str]
) -> list[_Found]:
    return [
        _Found(
            _to_gold(i.a, names, gold_names),
            _to_gold(i.b, names, gold_names),
            i.type,
            _sign(i.tone),
            i.directed,
            i.modality,
        )
        for i in article.interactions
    ]


def _baseline(
    article: Article, names: dict[str, set[str]], gold_names: dict[str, str]
) -> list[_Found]:
    by_sentence: dict[int, set[str]] = {}
    for mention in article.mentions:
        if mention.kind == "ORG" and mention.entity_id and mention.via != "reference":
            by_sentence.setdefault(mention.sentence, set()).add(mention.entity_id)
    pairs = {
        tuple(sorted((_to_gold(a, names, gold_names), _to_gold(b, names, gold_names))))
        for entities in by_sentence.values()
        for a, b in combinations(sorted(entities), 2)
    }
    return [_Found(a, b, "partnership", "+", False, "asserted") for a, b in pairs if a != b]


def _key(found: _Found) -> tuple[str, str, str]:
    a, b = sorted((found.a, found.b))
    return a, b, found.type


def _tone_ok(predicted: str, gold: str, kind: str) -> bool:
    if kind in _STRUCTURAL and gold in ("+", "0"):
        return predicted in ("+", "0")
    return predicted == gold


def _prf(hits: int, predicted: int, gold: int) -> tuple[float, float, float]:
    """Precision, recall and F1 of `hits` among `predicted`, against `gold` (0 where undefined)."""
    precision = hits / predicted if predicted else 0.0
    recall = hits / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def _score(
    system: str, language: str, runs: Iterable[tuple[list[_Found], list[_Found]]]
) -> InteractionScore:
    tp = n_gold = n_predicted = 0
    tone_hits = tone_total = direction_hits = direction_total = 0
    modality_hits = modality_total = hedged_hits = hedged_total = 0
    articles = 0
    for predicted, gold in runs:
        articles += 1
        gold_by_key = {_key(g): g for g in gold}
        predicted_by_key = {_key(p): p for p in predicted}
        n_gold += len(gold_by_key)
        n_predicted += len(predicted_by_key)
        for key, p in predicted_by_key.items():
            g = gold_by_key.get(key)
            if g is None:
                continue
            tp += 1
            tone_total += 1
            tone_hits += _tone_ok(p.tone, g.tone, g.type)
            if g.directed:
                direction_total += 1
                direction_hits += (p.a, p.b) == (g.a, g.b)
            if g.modality:
                modality_total += 1
                modality_hits += p.modality == g.modality
                if g.modality != "asserted":
                    hedged_total += 1
                    hedged_hits += p.modality == g.modality
    precision, recall, f1 = _prf(tp, n_predicted, n_gold)
    return InteractionScore(
        system, language, articles, n_gold, n_predicted, precision, recall, f1,
        tone_hits / tone_total if tone_total else None,
        direction_hits / direction_total if direction_total else None,
        modality_hits / modality_total if modality_total else None,
        hedged_hits / hedged_total if hedged_total else None,
    )  # fmt: skip


def load_gold(data: Path, language: str, gold_file: Path | None = None) -> list[dict[str, object]]:
    """The gold articles of one language: the shipped dev gold, or a user's file in its format.

    A line holds an article's ``text`` and ``interactions`` (``a``, ``b``, ``type``, ``tone``,
    ``directed``, optionally ``modality``), and may hold ``orgs`` (every organization named) and
    ``aliases`` (a name's other names in the article: ``{"Kementerian Perindustrian":
    ["Kemenperin"]}``).

    Args:
        data: The data folder, for the shipped gold.
        language: Whose shipped gold.
        gold_file: A JSONL file to read instead.

    Raises:
        InputError: The file is missing, or a line is no gold article; the message says which.
    """
    path = gold_file if gold_file is not None else data / GOLD[language]
    if not path.exists():
        hint = "pass --data PATH/shared/data" if gold_file is None else "check the --gold path"
        raise InputError(f"no interaction gold at {path}", hint)
    articles = []
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                valid = isinstance(record["text"], str) and all(
                    {"a", "b", "type", "tone", "directed"} <= set(i) for i in record["interactions"]
                )
            except (ValueError, KeyError, TypeError):
                valid = False
            if not valid:
                raise InputError(
                    f"{path}:{number} is no gold article",
                    "each line needs text and interactions with a, b, type, tone, directed",
                )
            articles.append(record)
    return articles


def _gold_interactions(gold: dict[str, object]) -> list[_Found]:
    """A gold article's interactions (modality "" where it gives none)."""
    interactions = gold.get("interactions") or []
    assert isinstance(interactions, list)
    return [
        _Found(
            str(i["a"]),
            str(i["b"]),
            str(i["type"]),
            str(i["tone"]),
            bool(i["directed"]),
            str(i.get("modality") or ""),
        )
        for i in interactions
    ]


def _gold_names(gold: dict[str, object], found: list[_Found]) -> dict[str, str]:
    """Each gold name's key, and each of its aliases' keys, to the gold name."""
    names = {name_key(f.a): f.a for f in found} | {name_key(f.b): f.b for f in found}
    orgs = gold.get("orgs") or []
    assert isinstance(orgs, list)
    names |= {name_key(str(o)): str(o) for o in orgs}
    aliases = gold.get("aliases") or {}
    assert isinstance(aliases, dict)
    for name, others in aliases.items():
        names |= {name_key(str(other)): str(name) for other in others}
    return names


def gold_namer(article: Article, gold: dict[str, object]) -> Callable[[str], str]:
    """The gold name each entity of an analysed article stands for, as this scorer matches them
    (its own id where it stands for none): for tools that score candidates of their own, such as
    ``training/interactions/pair_classifier.py``."""
    names, gold_names = _names(article), _gold_names(gold, _gold_interactions(gold))
    return lambda entity_id: _to_gold(entity_id, names, gold_names)


def evaluate_interactions(
    data: Path, settings: Settings, language: str, gold_file: Path | None = None
) -> list[InteractionScore]:
    """newstide and the co-occurrence baseline on one language's gold.

    Args:
        data: The data folder, for the shipped dev gold.
        settings: The settings to run the pipeline with.
        language: The articles' language.
        gold_file: A gold file of the user's to score on instead of the shipped dev gold.

    Returns:
        Newstide's score, then the baseline's; then, when the gold lists every organization of
        its articles (``orgs``), how well newstide finds those: precision and recall of the
        organizations each article names, matched as interactions' names are.
    """
    gold_articles = load_gold(data, language, gold_file)
    raws = [
        RawDocument(f"gold:{g.get('id', n)}", "record", str(g["text"]), {"language": language})
        for n, g in enumerate(gold_articles, 1)
    ]
    ours: list[tuple[list[_Found], list[_Found]]] = []
    baseline: list[tuple[list[_Found], list[_Found]]] = []
    organizations: list[tuple[set[str], set[str]]] = []  # (found, gold) per article
    for gold, item in zip(gold_articles, analyze_documents(raws, settings), strict=True):
        gold_found = _gold_interactions(gold)
        gold_names = _gold_names(gold, gold_found)
        listed = gold.get("orgs") or []
        assert isinstance(listed, list)
        gold_orgs = {str(o) for o in listed}
        if not isinstance(item, Article):
            ours.append(([], gold_found))
            baseline.append(([], gold_found))
            organizations.append((set(), gold_orgs))
            continue
        names = _names(item)
        ours.append((_predictions(item, names, gold_names), gold_found))
        baseline.append((_baseline(item, names, gold_names), gold_found))
        found = {_to_gold(e.id, names, gold_names) for e in item.entities if e.kind == "ORG"}
        organizations.append((found, gold_orgs))
    scores = [
        _score("newstide", language, ours),
        _score("baseline: co-occurring pairs are partnerships", language, baseline),
    ]
    if all("orgs" in gold for gold in gold_articles):
        scores.append(_organization_score(language, organizations))
    return scores


def _organization_score(
    language: str, articles: list[tuple[set[str], set[str]]]
) -> InteractionScore:
    """Precision and recall of the organizations each article names, micro-averaged."""
    hits = sum(len(found & gold) for found, gold in articles)
    predicted = sum(len(found) for found, _ in articles)
    gold = sum(len(g) for _, g in articles)
    precision, recall, f1 = _prf(hits, predicted, gold)
    return InteractionScore(
        "newstide: organizations named (per article)",
        language,
        len(articles),
        gold,
        predicted,
        precision,
        recall,
        f1,
        None,
        None,
    )
