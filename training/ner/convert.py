"""Convert the shared NER data into spaCy DocBin files for newstide's shipped NER models.

Usage (from the repo root)::

    .venv/bin/python training/ner/convert.py [--data ../shared/data] [--out training/ner/corpus]

Every source is turned into *raw text first* (tokens re-joined the way the text would read in an
article, see :func:`detokenize`), then re-tokenized with ``spacy.blank(lang)``, and the gold
entities are projected onto the new tokens as character spans.  The models are therefore trained on
exactly the tokens newstide's pipeline produces at run time.  A gold span that does not fall on the
blank tokenizer's token boundaries is marked *missing* (neither entity nor O) for training, and
counted in the conversion report.

Only three labels are kept: ORG, PER, LOC.  The mappings are in ``LABEL_MAPS``.

Outputs (``corpus/``)::

    id-train.spacy       idner_news_2k train + NERGrit train (+ NERP train if --nerp), minus id-dev
    id-dev.spacy         10% of idner train + 10% of NERGrit train (by a stable hash): early stopping
    idner-dev.spacy      idner_news_2k dev (reported, never trained on)
    nergrit-valid.spacy  NERGrit valid (reported, never trained on)
    en-train.spacy       MEN train articles + WNUT17 train+dev + BTC a-h, minus en-dev
    en-dev.spacy         10% of the MEN train articles + 10% of BTC (stable hash): early stopping
    men-dev.spacy        held-out MEN articles (reported, never trained on; see MEN_HELDOUT)
    report.json          sentence / entity / misalignment counts per source

This module also holds the readers and the detokenizer that ``evaluate.py`` reuses.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import spacy
from spacy.tokens import Doc, DocBin, Span

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
DEFAULT_DATA = REPO.parent / "shared" / "data"

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
    spans = []
    start = None
    label = None
    for i, t in enumerate([*tags, "O"]):
        if t.startswith("B-") or t == "O" or (t.startswith("I-") and t[2:] != label):
            if start is not None:
                spans.append((start, i, label))
            start, label = (i, t[2:]) if t != "O" else (None, None)
    return spans


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
            out.append(sent_to_example(c, LABEL_MAPS["idner"], f"idner-{split}", f"idner-{split}-{i}"))
    return out


def nergrit(data: Path, split: str) -> list[TextExample]:
    path = data / "ner/id/nergrit" / f"{split}_preprocess.txt"
    out = []
    for i, s in enumerate(read_conll(path, sep="\t")):
        c = clean_sent(s)
        if c:
            out.append(
                sent_to_example(c, LABEL_MAPS["nergrit"], f"nergrit-{split}", f"nergrit-{split}-{i}")
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


# ----- truecasing for NERP (lowercased) ------------------------------------------------------


def indosum_sentences(data: Path) -> Iterator[list[str]]:
    """IndoSum article sentences (token lists), minus the articles used by relations/id gold-dev."""
    held = set()
    gold = data / "relations/id/gold-dev.jsonl"
    if gold.exists():
        held = {json.loads(line)["id"] for line in gold.open(encoding="utf-8") if line.strip()}
    with open(data / "summarization/id/indosum/indosum-dev.jsonl", encoding="utf-8") as fh:
        for line in fh:
            art = json.loads(line)
            if art["id"] in held:
                continue
            for para in art["paragraphs"]:
                yield from para


def case_table(sentences: Iterable[list[str]]) -> dict[str, str]:
    """Most frequent surface form of every lowercased word, from non-sentence-initial positions."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for toks in sentences:
        for i, t in enumerate(toks):
            if i == 0 or toks[i - 1] in {'"', ".", ":", "(", "-"}:
                continue
            counts[t.lower()][t] += 1
    return {k: c.most_common(1)[0][0] for k, c in counts.items()}


def truecase(s: Sent, table: dict[str, str]) -> Sent:
    toks = []
    first = True
    for tok, tag in zip(s.tokens, s.tags, strict=True):
        t = table.get(tok, tok)
        if tag != "O" and t == tok and t[:1].islower():
            t = t[:1].upper() + t[1:]
        if first and t[:1].isalpha():
            t = t[:1].upper() + t[1:]
            first = False
        elif first and t[:1].isalnum():
            first = False
        toks.append(t)
    return Sent(toks, s.tags, s.missing)


def nerp(
    data: Path,
    table: dict[str, str],
    exclude_words: list[list[str]],
    org_gazetteer: set[str],
    stats: dict,
) -> list[TextExample]:
    """NERP train, truecased, minus sentences near-duplicating idner train/dev (>= half 6-grams).

    IND -> ORG, but NERP leaves institutions (KPK, DPR, ...) O: any O-tagged token run that equals
    an ORG name seen in idner/NERGrit train is marked *missing* rather than O.
    """
    index: set[tuple[str, ...]] = set()
    for w in exclude_words:
        index |= ngrams(w)
    out = []
    dropped = 0
    masked = 0
    max_len = max((len(g.split()) for g in org_gazetteer), default=1)
    for i, s in enumerate(nerp_sents(data, "train")):
        if overlap_share(s.tokens, index) >= 0.5:
            dropped += 1
            continue
        low = [t.lower() for t in s.tokens]
        miss = [False] * len(low)
        j = 0
        while j < len(low):
            hit = 0
            for k in range(min(max_len, len(low) - j), 0, -1):
                if all(t == "O" for t in s.tags[j : j + k]) and " ".join(low[j : j + k]) in org_gazetteer:
                    hit = k
                    break
            if hit:
                for q in range(j, j + hit):
                    miss[q] = True
                masked += 1
                j += hit
            else:
                j += 1
        s = truecase(Sent(s.tokens, s.tags, miss), table)
        out.append(sent_to_example(s, LABEL_MAPS["nerp"], "nerp-train", f"nerp-train-{i}"))
    stats["nerp_dropped_near_duplicates"] = dropped
    stats["nerp_masked_org_runs"] = masked
    return out


# ----- English ---------------------------------------------------------------------------------


def wnut17(data: Path) -> list[TextExample]:
    out = []
    for name in ("wnut17train.conll", "emerging.dev.conll"):
        for i, s in enumerate(read_conll(data / "ner/en/wnut17" / name, sep="\t")):
            c = clean_sent(_handles_missing(s))
            if c:
                out.append(sent_to_example(c, LABEL_MAPS["wnut17"], "wnut17", f"wnut17-{name}-{i}"))
    return out


def _handles_missing(s: Sent) -> Sent:
    """Twitter @-handles: merge a lone '@' with the next token, mark handles as missing gold."""
    toks, tags = [], []
    i = 0
    while i < len(s.tokens):
        t, g = s.tokens[i], s.tags[i]
        if t == "@" and i + 1 < len(s.tokens):
            t, g = "@" + s.tokens[i + 1], s.tags[i + 1]
            i += 1
        toks.append(t)
        tags.append(g)
        i += 1
    miss = [t.startswith("@") and len(t) > 1 for t in toks]
    tags = ["O" if m else g for m, g in zip(miss, tags, strict=True)]
    return Sent(toks, tags, miss)


def btc(data: Path) -> list[TextExample]:
    out = []
    for sec in "abefgh":
        for i, s in enumerate(read_conll(data / "ner/en/btc" / f"{sec}.conll", sep="\t")):
            c = clean_sent(_handles_missing(s))
            if c:
                out.append(sent_to_example(c, LABEL_MAPS["btc"], f"btc-{sec}", f"btc-{sec}-{i}"))
    return out


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
            c
            for c in pers
            if not any(o != c and c[0] <= o[0] and o[1] <= c[1] for o in pers)
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
        for k, (a, b) in enumerate(zip(cuts, cuts[1:], strict=False)):
            chunk = text[a:b].rstrip()
            if not chunk.strip():
                continue
            ce = [(s - a, e - a, lab) for s, e, lab in ents if a <= s and e <= a + len(chunk)]
            out.append(TextExample(chunk, ce, [], "men-train", f"men-{aid}-{k}"))
    return out


# --------------------------------------------------------------------------------------------
# TextExample -> Doc
# --------------------------------------------------------------------------------------------


def to_doc(nlp: spacy.language.Language, ex: TextExample, stats: Counter[str]) -> Doc:
    doc = nlp.make_doc(ex.text)
    spans: list[Span] = []
    missing: list[Span] = []
    for s, e, lab in ex.ents:
        sp = doc.char_span(s, e, label=lab, alignment_mode="strict")
        stats[f"{ex.source}:ents"] += 1
        if sp is None:
            stats[f"{ex.source}:misaligned"] += 1
            sp = doc.char_span(s, e, alignment_mode="expand")
            if sp is not None:
                missing.append(sp)
            continue
        spans.append(sp)
    for s, e in ex.missing:
        sp = doc.char_span(s, e, alignment_mode="expand")
        if sp is not None:
            missing.append(sp)
    # drop entity spans overlapping a missing span; resolve overlaps (first wins)
    taken: set[int] = set()
    for sp in missing:
        taken.update(range(sp.start, sp.end))
    final = []
    for sp in sorted(spans, key=lambda x: (x.start, -len(x))):
        if any(i in taken for i in range(sp.start, sp.end)):
            continue
        final.append(sp)
        taken.update(range(sp.start, sp.end))
    miss_tokens = sorted({i for sp in missing for i in range(sp.start, sp.end)} - {
        i for sp in final for i in range(sp.start, sp.end)
    })
    doc.set_ents(
        final,
        missing=[doc[i : i + 1] for i in miss_tokens],
        default="outside",
    )
    doc.user_data["key"] = ex.key
    stats[f"{ex.source}:docs"] += 1
    return doc


def stable_frac(key: str) -> float:
    return int(hashlib.sha1(key.encode()).hexdigest()[:8], 16) / 0xFFFFFFFF


def write(path: Path, docs: list[Doc]) -> None:
    db = DocBin(store_user_data=False)
    for d in docs:
        db.add(d)
    db.to_disk(path)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--out", type=Path, default=HERE / "corpus")
    ap.add_argument("--nerp", action="store_true", help="add truecased NERP train to id-train")
    ap.add_argument("--men-weight", type=int, default=2, help="repeat MEN train chunks N times")
    ap.add_argument("--dev-frac", type=float, default=0.1)
    args = ap.parse_args(argv)
    data: Path = args.data
    if not (data / "ner").is_dir():
        print(f"no NER data under {data} (use --data)", file=sys.stderr)
        return 2
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    stats: Counter[str] = Counter()
    extra: dict = {}

    # ---------------- Indonesian
    nid = spacy.blank("id")
    idner_train = idner(data, "train")
    nergrit_train = nergrit(data, "train")
    train_ex: list[TextExample] = []
    dev_ex: list[TextExample] = []
    for ex in idner_train + nergrit_train:
        (dev_ex if stable_frac(ex.key) < args.dev_frac else train_ex).append(ex)
    if args.nerp:
        sents_for_case = [s.tokens for s in read_conll(data / "ner/id/idner_news_2k/train.txt")]
        sents_for_case += [s.tokens for s in read_conll(data / "ner/id/nergrit/train_preprocess.txt", sep="\t")]
        sents_for_case += list(indosum_sentences(data))
        table = case_table(sents_for_case)
        gaz = set()
        for ex in idner_train + nergrit_train:
            gaz |= {ex.text[s:e].lower() for s, e, lab in ex.ents if lab == "ORG"}
        gaz = {" ".join(g.split()) for g in gaz}
        excl = [s.tokens for s in read_conll(data / "ner/id/idner_news_2k/train.txt")]
        excl += idner_dev_words(data)
        train_ex += nerp(data, table, excl, gaz, extra)
    rng = random.Random(0)
    rng.shuffle(train_ex)
    write(out / "id-train.spacy", [to_doc(nid, e, stats) for e in train_ex])
    write(out / "id-dev.spacy", [to_doc(nid, e, stats) for e in dev_ex])
    write(out / "idner-dev.spacy", [to_doc(nid, e, stats) for e in idner(data, "dev")])
    write(out / "nergrit-valid.spacy", [to_doc(nid, e, stats) for e in nergrit(data, "valid")])

    # ---------------- English
    nen = spacy.blank("en")
    en_train: list[TextExample] = []
    en_dev: list[TextExample] = []
    men_train = men_examples(data, heldout=False)
    for ex in men_train:
        art = ex.key.rsplit("-", 1)[0]
        if stable_frac(art) < args.dev_frac:
            en_dev.append(ex)
        else:
            en_train.extend([ex] * args.men_weight)
    for ex in btc(data):
        (en_dev if stable_frac(ex.key) < args.dev_frac / 2 else en_train).append(ex)
    en_train += wnut17(data)
    rng.shuffle(en_train)
    write(out / "en-train.spacy", [to_doc(nen, e, stats) for e in en_train])
    write(out / "en-dev.spacy", [to_doc(nen, e, stats) for e in en_dev])
    write(out / "men-dev.spacy", [to_doc(nen, e, stats) for e in men_examples(data, heldout=True)])

    report = {
        "files": {
            p.name: len(list(DocBin().from_disk(p).get_docs(nid.vocab)))
            for p in sorted(out.glob("*.spacy"))
        },
        "train_sources": {
            "id": ["idner_news_2k", "nergrit"] + (["nerp"] if args.nerp else []),
            "en": ["men", "wnut17", "btc"],
        },
        "per_source": dict(sorted(stats.items())),
        **extra,
    }
    (out / "report.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
