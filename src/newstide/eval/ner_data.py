"""The NER training and development sets in ../shared/data, read into raw text with gold spans.

Shared by ``newstide eval ner`` (which scores the shipped models on the dev splits) and by
``training/ner/convert.py`` (which turns the train splits into spaCy DocBins). Every source becomes
*raw text first* (tokens re-joined as they would read in an article, `detokenize`), with gold
entities as character spans mapped onto ORG / PER / LOC (`LABEL_MAPS`), so a model is trained
and scored on the text newstide sees at run time.
"""

from __future__ import annotations

import itertools
import json
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

LABELS = ("ORG", "PER", "LOC")

LABEL_MAPS: dict[str, dict[str, str | None]] = {
    "idner": {"PER": "PER", "ORG": "ORG", "LOC": "LOC"},
    "nergrit": {"PERSON": "PER", "ORGANISATION": "ORG", "PLACE": "LOC"},
    # NERP: IND = organisations *and* brands/media/clubs; EVT (events), FNB (food & beverage) -> O.
    "nerp": {"PPL": "PER", "PLC": "LOC", "IND": "ORG", "EVT": None, "FNB": None},
    # WNUT17: group = bands, teams, parties, ... -> ORG; product / creative-work -> O.
    "wnut17": {
        "person": "PER",
        "location": "LOC",
        "corporation": "ORG",
        "group": "ORG",
        "product": None,
        "creative-work": None,
    },
    "btc": {"PER": "PER", "ORG": "ORG", "LOC": "LOC"},
    # MEN (OntoNotes-like): FACILITY, EVENT, PRODUCT, LAW, NORP, ROLE, TITLE, ... -> O.
    "men": {"PERSON": "PER", "ORGANIZATION": "ORG", "LOCATION": "LOC"},
}

# Held-out English news dev set: the 40 MEN articles that the English relation gold set
# (relations/en/gold-dev.jsonl) is built from -- exactly 20% of MEN.  Keeping them out of NER
# training also keeps newstide's end-to-end relation evaluation honest.
MEN_HELDOUT = frozenset(
    f"article_{n}"
    for n in (
        41, 43, 57, 60, 65, 66, 67, 68, 71, 72, 81, 84, 85, 86, 89, 90, 103, 114, 115, 117,
        132, 135, 137, 150, 154, 156, 160, 162, 163, 165, 169, 172, 175, 180, 181, 182, 183,
        191, 195, 198,
    )
)  # fmt: skip

# article_178's offsets do not match its text (49 of 58 spans cut words in half): left out.
MEN_BROKEN = frozenset({"article_178"})

# --------------------------------------------------------------------------------------------
# token-level readers
# --------------------------------------------------------------------------------------------


@dataclass
class Sent:
    tokens: list[str]
    tags: list[str]  # IOB with source labels, e.g. B-PERSON
    missing: list[bool] = field(default_factory=list)  # per token: annotation unknown


def read_conll(path: Path, *, sep: str | None = None, tag_col: int = -1) -> Iterator[Sent]:
    """CoNLL-style reader: one token per line, blank line between sentences (CRLF tolerated)."""
    toks: list[str] = []
    tags: list[str] = []
    with open(path, encoding="utf-8", newline="") as fh:
        for raw in fh:
            line = raw.rstrip("\r\n")
            if not line.strip():
                if toks:
                    yield Sent(toks, tags)
                toks, tags = [], []
                continue
            cols = line.split(sep) if sep else line.split()
            if len(cols) < 2:
                continue
            toks.append(cols[0])
            tags.append(cols[tag_col])
    if toks:  # idner files have no final blank line
        yield Sent(toks, tags)


def _fix_iob(tags: list[str]) -> list[str]:
    """I- without a preceding B-/I- of the same type becomes B-."""
    out = []
    prev = "O"
    for t in tags:
        if t.startswith("I-") and (prev == "O" or prev[2:] != t[2:]):
            t = "B-" + t[2:]
        out.append(t)
        prev = t
    return out


ZW = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")


def clean_sent(s: Sent) -> Sent | None:
    """Drop zero-width tokens, split multi-word tokens ("salah satu"), fix IOB."""
    toks: list[str] = []
    tags: list[str] = []
    miss: list[bool] = []
    for i, (tok, tag) in enumerate(zip(s.tokens, s.tags, strict=True)):
        tok = unicodedata.normalize("NFC", ZW.sub("", tok))
        m = s.missing[i] if s.missing else False
        if not tok.strip():
            continue
        parts = tok.split()
        for j, p in enumerate(parts):
            toks.append(p)
            tags.append(tag if j == 0 or tag == "O" else "I-" + tag[2:])
            miss.append(m)
    if not toks:
        return None
    return Sent(toks, _fix_iob(tags), miss)


# --------------------------------------------------------------------------------------------
# detokenization: token list -> raw text (+ char offsets of every token)
# --------------------------------------------------------------------------------------------

_NO_SPACE_BEFORE = {
    ",", ".", ":", ";", "!", "?", ")", "]", "}", "%", "...", "…", "”", "’", "''",
    "n't", "'s", "'S", "'re", "'ve", "'ll", "'d", "'m", "N'T",
}  # fmt: skip
_NO_SPACE_AFTER = {"(", "[", "{", "“", "‘", "``", "$", "Rp"}
_WORDISH = re.compile(r"^\w+$")


def detokenize(tokens: list[str]) -> tuple[str, list[tuple[int, int]]]:
    """Join tokens as they would appear in running text; return text and token offsets.

    Rules: no space before closing punctuation and English clitics, none after opening brackets;
    straight double quotes alternate open/close; ``X - X`` reduplication and ``12 / 3`` dates are
    joined.  Everything else is separated by one space.
    """
    parts: list[str] = []
    offsets: list[tuple[int, int]] = []
    pos = 0
    quote_open = False
    no_space_next = True
    n = len(tokens)
    for i, tok in enumerate(tokens):
        space = not no_space_next
        no_space_next = False
        if tok in _NO_SPACE_BEFORE:
            space = False
        if tok == '"':
            if quote_open:
                space = False
            else:
                no_space_next = True
            quote_open = not quote_open
        if tok in _NO_SPACE_AFTER:
            no_space_next = True
        # reduplication "sumber - sumber" -> "sumber-sumber"; "12 / 3" -> "12/3"
        if tok in ("-", "/") and 0 < i < n - 1:
            a, b = tokens[i - 1], tokens[i + 1]
            if (tok == "-" and _WORDISH.match(a) and a.lower() == b.lower()) or (
                tok == "/" and a.isdigit() and b.isdigit()
            ):
                space = False
                no_space_next = True
        if space and parts:
            parts.append(" ")
            pos += 1
        offsets.append((pos, pos + len(tok)))
        parts.append(tok)
        pos += len(tok)
    return "".join(parts), offsets


def iob_spans(tags: list[str]) -> list[tuple[int, int, str]]:
    """Token spans (start, end_exclusive, label) from IOB tags (already fixed)."""
    spans: list[tuple[int, int, str]] = []
    start: int | None = None
    label: str | None = None
    for i, t in enumerate([*tags, "O"]):
        if t.startswith("B-") or t == "O" or (t.startswith("I-") and t[2:] != label):
            if start is not None and label is not None:
                spans.append((start, i, label))
            start, label = (i, t[2:]) if t != "O" else (None, None)
    return spans


def idner_parens(s: Sent) -> Sent:
    """Re-annotate brackets the idner_news_2k way (NERGrit/NERP exclude them).

    idner_news_2k puts a bracketed part inside the entity: ``Bursa Efek Indonesia (BEI)`` is one
    ORG and a lone ``(Jokowi)`` is PER with its brackets; NERGrit tags ``Bursa Efek Indonesia`` and
    ``BEI`` separately and leaves the brackets O.  ``X ( Y )`` with X and Y of the same label
    becomes one span; any other entity right inside ``( )`` takes in the brackets.
    """
    tags = list(s.tags)
    toks = s.tokens
    for a, b, lab in iob_spans(tags):
        if not (a > 0 and b < len(toks) and toks[a - 1] == "(" and toks[b] == ")"):
            continue
        prev = [x for x in iob_spans(tags) if x[1] == a - 1]
        if prev and prev[0][2] == lab:
            for i in range(a - 1, b + 1):
                tags[i] = "I-" + lab
        else:
            tags[a - 1] = "B-" + lab
            for i in range(a, b + 1):
                tags[i] = "I-" + lab
    return Sent(toks, tags, s.missing)


@dataclass
class TextExample:
    """Raw text with gold character spans (label already mapped to ORG/PER/LOC)."""

    text: str
    ents: list[tuple[int, int, str]]
    missing: list[tuple[int, int]] = field(default_factory=list)  # char ranges with unknown gold
    source: str = ""
    key: str = ""  # stable id used for hashing splits


def sent_to_example(s: Sent, mapping: dict[str, str | None], source: str, key: str) -> TextExample:
    text, offs = detokenize(s.tokens)
    ents = []
    for a, b, lab in iob_spans(s.tags):
        if lab not in mapping:
            raise ValueError(f"{source}: unmapped label {lab!r}")
        m = mapping[lab]
        if m is None:
            continue
        cs, ce = offs[a][0], offs[b - 1][1]
        # hashtags: the entity is the word, not the '#'
        while cs < ce and text[cs] == "#":
            cs += 1
        ents.append((cs, ce, m))
    missing = [offs[i] for i, m in enumerate(s.missing) if m]
    return TextExample(text, ents, missing, source, key)


# --------------------------------------------------------------------------------------------
# sources
# --------------------------------------------------------------------------------------------


def idner(data: Path, split: str) -> list[TextExample]:
    path = data / "ner/id/idner_news_2k" / f"{split}.txt"
    out = []
    for i, s in enumerate(read_conll(path)):
        c = clean_sent(s)
        if c:
            out.append(
                sent_to_example(c, LABEL_MAPS["idner"], f"idner-{split}", f"idner-{split}-{i}")
            )
    return out


def nergrit(data: Path, split: str, *, harmonize: bool = False) -> list[TextExample]:
    """NERGrit; ``harmonize`` re-annotates brackets the idner way (training data only)."""
    path = data / "ner/id/nergrit" / f"{split}_preprocess.txt"
    out = []
    for i, s in enumerate(read_conll(path, sep="\t")):
        c = clean_sent(s)
        if c and harmonize:
            c = idner_parens(c)
        if c:
            out.append(
                sent_to_example(
                    c, LABEL_MAPS["nergrit"], f"nergrit-{split}", f"nergrit-{split}-{i}"
                )
            )
    return out


def nerp_sents(data: Path, split: str = "train") -> list[Sent]:
    path = data / "ner/id/nerp" / f"{split}_preprocess.txt"
    return [c for s in read_conll(path, sep="\t") if (c := clean_sent(s))]


def ngrams(words: list[str], n: int = 6) -> set[tuple[str, ...]]:
    w = [x.lower() for x in words if _WORDISH.match(x)]
    return {tuple(w[i : i + n]) for i in range(len(w) - n + 1)}


def overlap_share(words: list[str], index: set[tuple[str, ...]], n: int = 6) -> float:
    g = ngrams(words, n)
    return len(g & index) / len(g) if g else 0.0


def idner_dev_words(data: Path) -> list[list[str]]:
    return [s.tokens for s in read_conll(data / "ner/id/idner_news_2k/dev.txt")]


def men_articles(data: Path) -> list[tuple[str, str, list[tuple[int, int, str]]]]:
    """MEN articles as (id, text, [(start, end, label)]) with ORG/PER/LOC only.

    MEN nests mentions: a PERSON span includes role and title ("Health director-general Tan Sri
    Dr Noor Hisham Abdullah" > "Tan Sri Dr Noor Hisham Abdullah" > "Noor Hisham Abdullah").  We
    keep the innermost PERSON (the bare name); for every other overlap the longest span wins
    ("Sarawak DAP" ORG over "Sarawak" LOC).  Surrounding whitespace is trimmed.
    """
    root = data / "relations/en/men/data"
    anns = json.loads((root / "annotated_set.json").read_text(encoding="utf-8"))
    out = []
    for art in anns:
        if art["id"] in MEN_BROKEN:
            continue
        text = (root / "article_text" / f"{art['id']}.txt").read_text(encoding="utf-8")
        cands = []
        for e in art["entities"]:
            lab = LABEL_MAPS["men"].get(e["label"])
            if lab is None:
                continue
            s, t = e["position"]["start_offset"], e["position"]["end_offset"]
            while s < t and text[s].isspace():
                s += 1
            while t > s and text[t - 1].isspace():
                t -= 1
            if s < t:
                cands.append((s, t, lab))
        cands = sorted(set(cands))
        pers = [c for c in cands if c[2] == "PER"]
        inner_pers = [
            c for c in pers if not any(o != c and c[0] <= o[0] and o[1] <= c[1] for o in pers)
        ]
        cands = [c for c in cands if c[2] != "PER"] + inner_pers
        cands.sort(key=lambda c: (-(c[1] - c[0]), c[0]))
        chosen: list[tuple[int, int, str]] = []
        for c in cands:
            if all(c[1] <= o[0] or o[1] <= c[0] for o in chosen):
                chosen.append(c)
        out.append((art["id"], text, sorted(chosen)))
    out.sort(key=lambda a: int(a[0].split("_")[1]))
    return out


_SENT_GAP = re.compile(r"\s{2,}")


def men_examples(data: Path, heldout: bool) -> list[TextExample]:
    """Train side: articles cut into sentence-ish chunks at runs of 2+ spaces (never inside a
    gold span).  Held-out side: whole articles, as newstide sees them."""
    out = []
    for aid, text, ents in men_articles(data):
        if (aid in MEN_HELDOUT) != heldout:
            continue
        if heldout:
            out.append(TextExample(text, ents, [], "men-dev", f"men-{aid}"))
            continue
        cuts = [0]
        for m in _SENT_GAP.finditer(text):
            if not any(s < m.start() < e for s, e, _ in ents):
                cuts.append(m.end())
        cuts.append(len(text))
        for k, (a, b) in enumerate(itertools.pairwise(cuts)):
            chunk = text[a:b].rstrip()
            if not chunk.strip():
                continue
            ce = [(s - a, e - a, lab) for s, e, lab in ents if a <= s and e <= a + len(chunk)]
            out.append(TextExample(chunk, ce, [], "men-train", f"men-{aid}-{k}"))
    return out
