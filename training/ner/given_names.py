"""Build ``src/newstide/data/entities/given_names.txt``: given names, from NER training data.

Usage (from the repo root)::

    .venv/bin/python training/ner/given_names.py [--data ../shared/data] [--out PATH]

A given name here is a word that starts people's names in the annotated *training* splits far
more often than it appears in organizations' or places' names or as an ordinary lower-case word.
The entity stage reads the list to tell a person's name the model took for an organization
("Antonio Conte", "Kompol Teguh Nugroho") from an organization's (see `_people_by_given_name` in
``nlp/entities.py``).

Sources (train splits only; no dev, valid or test split is read), their spans mapped onto PER,
ORG and LOC by ``LABEL_MAPS``:

* idner_news_2k ``train.txt`` (MIT);
* NERGrit ``train_preprocess.txt`` (Apache-2.0; credit the NERGRIT contributors);
* NERP ``train_preprocess.txt`` (Apache-2.0; lower-cased text: it counts towards names, never
  towards lower-case words);
* WNUT17 ``wnut17train.conll`` (CC BY 4.0);
* the Broad Twitter Corpus, sections a-h (CC BY 4.0; no section is used for evaluation);
* the MEN articles outside ``MEN_HELDOUT`` (MIT).

For each word (case-folded) it counts the distinct people's names it starts ("Surya Paloh" and
"Surya Dharma Ali" are two; a sentence the sources repeat counts once) and the distinct
multi-word ones it ends, how often it is a word of an ORG or a LOC span (anywhere in it: "Jaya"
of "Wijaya Jaya Group" counts), and, in the cased sources, how often it is written in lower case
outside any entity. A word is kept when:

* it is letters only (a hyphen or an apostrophe inside allowed), at least `MIN_LETTERS` long;
* it starts at least `MIN_PEOPLE` more distinct people's names than it ends (one annotated band,
  "Napalm Death", or one mislabelled phrase, "Apresiasi Pendidikan Islam", is not enough; and a
  word that ends names as often as it starts them is a family name, after which companies are
  named: "Hilton", "Ford");
* those are at least `PEOPLE_PER_OTHER` times its uses in organizations' and places' names
  ("Chelsea" of Chelsea Islan and of Chelsea FC is out, and so is "Jordan" if a place);
* they outnumber its lower-case uses ("Mark" stays, "Will" and "Bunga" go);
* it is no job title, rank or honorific (``data/entities/roles.toml``), no word that ends or
  heads organizations' names (``heads.toml``), no month or weekday, and no function word of
  spaCy's Indonesian or English stop lists.

The output is sorted, one name a line (case-folded), under a header comment with the sources,
their licences and the counts. A rerun on the same data writes the same bytes.
"""

from __future__ import annotations

import argparse
import re
import sys
import tomllib
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
DEFAULT_DATA = REPO.parent / "shared" / "data"
DEFAULT_OUT = REPO / "src/newstide/data/entities/given_names.txt"
ENTITY_DATA = REPO / "src/newstide/data/entities"

sys.path.insert(0, str(HERE))

from convert import _handles_missing, btc  # noqa: E402

from newstide.eval.ner_data import (  # noqa: E402
    LABEL_MAPS,
    TextExample,
    clean_sent,
    idner,
    men_examples,
    nergrit,
    nerp_sents,
    read_conll,
    sent_to_example,
)

#: Letters a given name has at least ("Jo" is one, "A" an initial).
MIN_LETTERS = 2
#: Distinct people's names a word must start, beyond those it ends.
MIN_PEOPLE = 2
#: How many times more distinct people's names a word must start than it is a word of an
#: organization's or a place's name.
PEOPLE_PER_OTHER = 2
#: A word as it can be written in a name: letters, with a hyphen or an apostrophe inside.
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
#: Punctuation stripped from the edges of a word of a span.
_EDGES = ".,;:!?\"'()[]“”‘’"


def _wnut17_train(data: Path) -> list[TextExample]:
    """WNUT17's train split only (``convert.wnut17`` adds its dev split for training)."""
    out = []
    for i, sent in enumerate(read_conll(data / "ner/en/wnut17/wnut17train.conll", sep="\t")):
        cleaned = clean_sent(_handles_missing(sent))
        if cleaned:
            out.append(sent_to_example(cleaned, LABEL_MAPS["wnut17"], "wnut17", f"wnut17-{i}"))
    return out


def _nerp_train(data: Path) -> list[TextExample]:
    """NERP's train split, lower-cased as it is distributed."""
    return [
        sent_to_example(sent, LABEL_MAPS["nerp"], "nerp-train", f"nerp-train-{i}")
        for i, sent in enumerate(nerp_sents(data, "train"))
    ]


def training_examples(data: Path) -> tuple[list[TextExample], list[TextExample]]:
    """(cased, lower-cased) training examples of every source."""
    cased = (
        idner(data, "train")
        + nergrit(data, "train")
        + _wnut17_train(data)
        + btc(data)
        + men_examples(data, heldout=False)
    )
    return cased, _nerp_train(data)


def _word(raw: str) -> str:
    return raw.strip(_EDGES).casefold()


def count(
    cased: Iterable[TextExample], lowered: Iterable[TextExample]
) -> tuple[Counter[str], Counter[str], Counter[str]]:
    """Per case-folded word: the distinct people's names it starts ("Surya Paloh", "Surya
    Dharma Ali": two) less the distinct multi-word ones it ends, how often it is a word of an ORG
    or a LOC span, and its lower-case uses outside entities in the cased examples. A sentence the
    sources repeat (NERGrit and NERP hold copies, NERP near-copies of idner) counts once."""
    names: dict[str, set[str]] = {}
    surnames: dict[str, set[str]] = {}
    others: Counter[str] = Counter()
    lower: Counter[str] = Counter()
    seen: set[str] = set()
    for examples, is_cased in ((cased, True), (lowered, False)):
        for example in examples:
            if example.text.casefold() in seen:
                continue
            seen.add(example.text.casefold())
            for start, end, label in example.ents:
                words = [_word(w) for w in example.text[start:end].split()]
                words = [w for w in words if w]
                if not words:
                    continue
                if label == "PER":
                    names.setdefault(words[0], set()).add(" ".join(words))
                    if len(words) > 1:
                        surnames.setdefault(words[-1], set()).add(" ".join(words))
                else:
                    others.update(words)
            if not is_cased:
                continue
            outside = list(example.text)
            for start, end, _ in example.ents:
                outside[start:end] = " " * (end - start)
            for raw in "".join(outside).split():
                word = raw.strip(_EDGES)
                if word and word.islower():
                    lower[word] += 1
    # a word that ends people's names as often as it starts them is a family name too, and
    # companies are named after families ("Hilton", "Ford"): it counts for as many fewer
    people = Counter(
        {word: len(full) - len(surnames.get(word, ())) for word, full in names.items()}
    )
    return people, others, lower


def excluded_words() -> frozenset[str]:
    """Words never taken for a given name: titles, ranks, honorifics and person nouns
    (``roles.toml``), organizations' heads and ends and months (``heads.toml``), and spaCy's
    Indonesian and English stop words."""
    from spacy.lang.en.stop_words import STOP_WORDS as EN
    from spacy.lang.id.stop_words import STOP_WORDS as ID

    words: set[str] = set(EN) | set(ID)
    for name in ("roles.toml", "heads.toml"):
        table = tomllib.loads((ENTITY_DATA / name).read_text(encoding="utf-8"))
        for values in table.values():
            if isinstance(values, list):
                for value in values:
                    words.update(str(value).casefold().split())
    return frozenset(words)


def given_names(
    people: Counter[str], others: Counter[str], lower: Counter[str], excluded: frozenset[str]
) -> list[str]:
    """The words kept by the criteria of the module's docstring, sorted."""
    return sorted(
        word
        for word, n in people.items()
        if _WORD.fullmatch(word)
        and len(word) >= MIN_LETTERS
        and n >= MIN_PEOPLE
        and n >= PEOPLE_PER_OTHER * others[word]
        and n > lower[word]
        and word not in excluded
    )


HEADER = """\
# Given names: words that start people's names in NER training data far more often than they
# are words of organizations' or places' names or ordinary lower-case words. Built by
# training/ner/given_names.py (criteria in its docstring) from the train splits only of:
#   idner_news_2k train (MIT); NERGrit train (Apache-2.0; the NERGRIT contributors, named in
#   src/newstide/models/ner-id/ATTRIBUTION.md); NERP train (Apache-2.0); WNUT17 train
#   (CC BY 4.0); Broad Twitter Corpus a-h (CC BY 4.0, Derczynski, Bontcheva and Roberts,
#   COLING 2016); MEN train articles (MIT).
# Read by nlp/entities.py (`_people_by_given_name`). Regenerate, do not edit by hand.
# {count} names, case-folded, one a line.
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    cased, lowered = training_examples(args.data)
    names = given_names(*count(cased, lowered), excluded_words())
    args.out.write_text(
        HEADER.format(count=len(names)) + "".join(f"{name}\n" for name in names), encoding="utf-8"
    )
    print(f"{len(names)} given names -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
