"""The bilingual trigger lexicon: words and phrases that signal an interaction between two
organizations.

A *trigger* is a word or phrase in a sentence — "mengakuisisi", "kemitraan strategis", "was acquired
by", "cut ties" — that says which of the eight interaction types (GUIDELINES.md) a sentence may
state, with a default tone and which side acts. This module finds them; pairing them with the
organization mentions around them is done later.

The lexicon is data (``data/interactions/triggers-{id,en}.toml``), one entry per lemma or phrase.
Inflected forms are not listed: the matcher analyses each token into candidate roots and matches
those. For Indonesian, `id_analyses` strips particles (-lah, -kah, -pun), possessives (-nya, -ku,
-mu), suffixes (-kan, -an, -i) and up to two prefixes (di-, ke-, se-, ter-, ber-, per-, meN-, peN-
with nasal assimilation: meny+s, men+t, mem+p, meng+k), rejecting confixes Indonesian does not form
(di-…-an, ke-…-i, ber-…-i …). It over-generates on purpose — every candidate is only a key to
look up in the lexicon — and keeps the affixes, so a passive ``di-``/``ter-`` form swaps a
trigger's ``subject`` and ``object`` direction. For English, `en_analyses` undoes inflection (-s,
-es, -ies, -ed, -ing, doubled consonants, a short list of irregular verbs); derivations (acquire /
acquisition) are separate entries.

Example:
    >>> lexicon = Lexicon.load("id")
    >>> [(t.text, t.type, t.direction) for t in lexicon.triggers("Grab diakuisisi oleh Uber.")]
    [('diakuisisi', 'acquisition', 'object')]
"""

from __future__ import annotations

import dataclasses
import re
import tomllib
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Any, NamedTuple

#: The interaction types of GUIDELINES.md, in its order.
TYPES = (
    "partnership",
    "investment",
    "acquisition",
    "supply",
    "competition",
    "talent",
    "legal",
    "tension",
)

#: Types where one side acts on the other (GUIDELINES.md): a invests in, acquires, supplies,
#: hires from, or sues b.
DIRECTED = frozenset({"investment", "acquisition", "supply", "talent", "legal"})
#: The types that state who owns whom, the one news between members of a group.
OWNERSHIP = frozenset({"investment", "acquisition"})

#: Which side of a trigger acts: the organization before it (``subject``), the one after it
#: (``object``, passive forms), or neither (``none``, symmetric types).
DIRECTIONS = ("subject", "object", "none")

#: Languages with a lexicon.
LANGUAGES = ("id", "en")

#: A phrase word that matches 0..``max_gap`` arbitrary tokens.
GAP = "..."

_TOKEN_RE = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
_VOWELS = frozenset("aeiou")

# -- tokens --------------------------------------------------------------------------------------


class Token(NamedTuple):
    """A word of a sentence: char span and lower-cased text (curly apostrophes made straight)."""

    start: int
    end: int
    text: str


def tokenize(sentence: str) -> list[Token]:
    """The words of a sentence (letters and digits, with inner hyphens and apostrophes)."""
    lowered = sentence.lower().replace("’", "'")
    if len(lowered) != len(sentence):  # a few characters grow when lower-cased ("İ")
        return [
            Token(m.start(), m.end(), m.group().lower().replace("’", "'"))
            for m in _TOKEN_RE.finditer(sentence)
        ]
    return [
        Token(m.start(), m.end(), lowered[m.start() : m.end()])
        for m in _TOKEN_RE.finditer(sentence)
    ]


# -- Indonesian morphology -----------------------------------------------------------------------

_ID_PARTICLES = ("lah", "kah", "tah", "pun")
_ID_POSSESSIVES = ("nya", "ku", "mu")
_ID_SUFFIXES = ("kan", "an", "i")
_ID_PLAIN_PREFIXES = ("di", "ke", "se", "ter", "te", "ber", "be", "bel", "per", "pe", "pel")
# Prefix-suffix pairs Indonesian does not combine (Nazief & Adriani's disallowed confixes).
_ID_BAD_CONFIXES = frozenset(
    {("ber", "i"), ("di", "an"), ("ke", "i"), ("ke", "kan"), ("me", "an"), ("se", "i")}
    | {("se", "kan"), ("ter", "an")}
)
_MIN_ROOT = 3


def _prefix_class(prefix: str) -> str:
    if prefix.startswith("me"):
        return "me"
    if prefix in ("ter", "te"):
        return "ter"
    if prefix in ("ber", "be", "bel"):
        return "ber"
    if prefix.startswith("pe"):
        return "pe"
    return prefix


def _id_prefix_cuts(stem: str) -> list[tuple[str, str]]:
    """Every (rest, prefix) a stem may be cut into by one Indonesian prefix."""
    cuts = [
        (stem[len(p) :], p)
        for p in _ID_PLAIN_PREFIXES
        if stem.startswith(p) and len(stem) - len(p) >= _MIN_ROOT
    ]
    for base in ("me", "pe"):
        if not stem.startswith(base) or len(stem) < len(base) + _MIN_ROOT:
            continue
        rest = stem[2:]
        if rest.startswith("ny"):  # meny + s-root: menyuntik -> suntik; me + ny-root
            cuts += [("s" + rest[2:], base + "ny"), (rest, base)]
        elif rest.startswith("ng"):  # meng + vowel/g/h/k-root: mengakuisisi, menggugat, mengembang
            tail = rest[2:]
            cuts.append((tail, base + "ng"))
            if tail[:1] in _VOWELS:
                cuts.append(("k" + tail, base + "ng"))
            if tail.startswith("e"):  # menge + one-syllable root: mengecek
                cuts.append((tail[1:], base + "nge"))
            cuts.append((rest, base))
        elif rest.startswith("m"):  # mem + b/f/v/p-root, p dropped before a vowel: memasok -> pasok
            tail = rest[1:]
            cuts.append((tail, base + "m"))
            if tail[:1] in _VOWELS:
                cuts.append(("p" + tail, base + "m"))
            cuts.append((rest, base))  # me + m-root: memiliki
        elif rest.startswith("n"):  # men + c/d/j/z/t-root, t dropped before a vowel: menegang
            tail = rest[1:]
            cuts.append((tail, base + "n"))
            if tail[:1] in _VOWELS:
                cuts.append(("t" + tail, base + "n"))
            cuts.append((rest, base))  # me + n-root: menanti
        elif rest[:1] in ("l", "r", "w", "y"):  # me + l/r/w/y-root: merekrut, melisensikan
            cuts.append((rest, base))
    return [(rest, prefix) for rest, prefix in cuts if len(rest) >= _MIN_ROOT]


@lru_cache(maxsize=1 << 16)
def id_analyses(word: str) -> Mapping[str, tuple[str, str]]:
    """Candidate roots of an Indonesian word, each with the (outer prefix, suffix) it came through.

    The word itself is always a candidate (with no affixes). Candidates are many and mostly not
    words; they are keys to look up, not answers.

    Args:
        word: One lower-cased token.

    Returns:
        ``{root: (prefix, suffix)}`` in order of discovery, e.g. for ``diakuisisi``:
        ``{"diakuisisi": ("", ""), "akuisisi": ("di", ""), ...}``.
    """
    out: dict[str, tuple[str, str]] = {word: ("", "")}

    def add(root: str, prefix: str, suffix: str) -> None:
        if len(root) >= _MIN_ROOT and root not in out:
            out[root] = (prefix, suffix)

    bases = [word]
    bases += [word[: -len(p)] for p in _ID_PARTICLES if word.endswith(p)]
    bases += [b[: -len(p)] for b in list(bases) for p in _ID_POSSESSIVES if b.endswith(p)]
    stems = [(b, "") for b in bases if len(b) >= _MIN_ROOT]
    stems += [(b[: -len(s)], s) for b in bases for s in _ID_SUFFIXES if b.endswith(s)]
    for stem, suffix in stems:
        if len(stem) < _MIN_ROOT:
            continue
        add(stem, "", suffix)
        for rest, prefix in _id_prefix_cuts(stem):
            if suffix and (_prefix_class(prefix), suffix) in _ID_BAD_CONFIXES:
                continue
            add(rest, prefix, suffix)
            for rest2, _inner in _id_prefix_cuts(rest):  # two prefixes: mempekerjakan, kepemilikan
                add(rest2, prefix, suffix)
    if "-" in word:  # reduplication and compounds: panas-panasnya, bahu-membahu
        for part in word.split("-"):
            if part and part != word:
                for root, affixes in id_analyses(part).items():
                    out.setdefault(root, affixes)
    return out


def candidate_roots(word: str, language: str = "id") -> tuple[str, ...]:
    """The candidate roots (and lemmas) of a word, the word itself first."""
    analyses = id_analyses if language == "id" else en_analyses
    return tuple(analyses(word.lower()))


def stem(word: str, roots: Collection[str]) -> str | None:
    """The root of an Indonesian word among known ``roots`` (None when none fits).

    Prefers the candidate that strips the most: ``kemitraan`` -> ``mitra`` even if ``kemitraan``
    were itself listed.
    """
    found = [root for root in id_analyses(word.lower()) if root in roots]
    return min(found, key=len) if found else None


# -- English morphology --------------------------------------------------------------------------

# Irregular forms of verbs that occur in triggers and markers: form -> (lemma, tag).
_EN_IRREGULAR = {
    "bought": ("buy", "pp"),
    "sold": ("sell", "pp"),
    "took": ("take", "past"),
    "taken": ("take", "pp"),
    "led": ("lead", "pp"),
    "held": ("hold", "pp"),
    "won": ("win", "pp"),
    "fought": ("fight", "pp"),
    "broke": ("break", "past"),
    "broken": ("break", "pp"),
    "struck": ("strike", "pp"),
    "brought": ("bring", "pp"),
    "sought": ("seek", "pp"),
    "lent": ("lend", "pp"),
    "paid": ("pay", "pp"),
    "made": ("make", "pp"),
    "spun": ("spin", "pp"),
    "ran": ("run", "past"),
    "went": ("go", "past"),
    "gone": ("go", "pp"),
    "began": ("begin", "past"),
    "begun": ("begin", "pp"),
    "drew": ("draw", "past"),
    "drawn": ("draw", "pp"),
    "fell": ("fall", "past"),
    "fallen": ("fall", "pp"),
    "left": ("leave", "pp"),
    "met": ("meet", "pp"),
    "threw": ("throw", "past"),
    "thrown": ("throw", "pp"),
    "wrote": ("write", "past"),
    "written": ("write", "pp"),
    "became": ("become", "past"),
    "vying": ("vie", "ing"),
    "tying": ("tie", "ing"),
}


@lru_cache(maxsize=1 << 16)
def en_analyses(word: str) -> Mapping[str, tuple[str, str]]:
    """Candidate lemmas of an English word, each with ``("", tag)``; tag is ``s``, ``pp`` (-ed and
    irregular participles), ``past``, ``ing`` or empty.

    Args:
        word: One lower-cased token.
    """
    out: dict[str, tuple[str, str]] = {word: ("", "")}

    def add(lemma: str, tag: str) -> None:
        if len(lemma) >= 2 and lemma not in out:
            out[lemma] = ("", tag)

    w = word
    if w.endswith("'s"):
        w = w[:-2]
        add(w, "")
    elif w.endswith("'"):
        w = w[:-1]
        add(w, "")
    if w in _EN_IRREGULAR:
        lemma, tag = _EN_IRREGULAR[w]
        add(lemma, tag)
    n = len(w)
    if n > 3 and w.endswith("s") and not w.endswith("ss"):
        if w.endswith("ies"):
            add(w[:-3] + "y", "s")
        add(w[:-1], "s")
        if w.endswith("es"):
            add(w[:-2], "s")
    if n > 3 and w.endswith("ed"):
        if w.endswith("ied"):
            add(w[:-3] + "y", "pp")
        add(w[:-1], "pp")  # hired -> hire
        add(w[:-2], "pp")  # partnered -> partner
        if n > 4 and w[-3] == w[-4]:
            add(w[:-3], "pp")  # stopped -> stop
    if n > 4 and w.endswith("ing"):
        add(w[:-3], "ing")
        add(w[:-3] + "e", "ing")  # competing -> compete, suing -> sue
        if n > 5 and w[-4] == w[-5]:
            add(w[:-4], "ing")  # cutting -> cut
    if "-" in word:  # compounds: state-backed, long-term
        for part in word.split("-"):
            if part and part != word:
                for lemma, affixes in en_analyses(part).items():
                    out.setdefault(lemma, affixes)
    return out


_ANALYSES = {"id": id_analyses, "en": en_analyses}

# -- lexicon data --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Trigger:
    """A trigger found in a sentence.

    Attributes:
        start, end: Char span in the sentence text.
        text: ``sentence[start:end]``.
        type: One of `TYPES`.
        tone: -1 (conflictual) .. 1 (cooperative): the entry's tone scaled by modifiers near it.
        direction: ``subject`` (the organization before the trigger acts on the one after),
            ``object`` (the one after acts on the one before: passive forms) or ``none``.
        lemma: The lexicon entry that matched.
        confidence: The entry's prior (0..1) that, between two organizations, it states its type.
        modifiers: The modifiers (their lemmas) that scaled the tone (``strategis``, ``bitter``,
            ``remain`` for "remains" ...).
        relational: A noun naming one side of a relation (``anak usaha``, ``investor``).
        possessed: A relational noun whose possessor stands right before it ("X's subsidiary",
            "anak usahanya", "BCA memiliki tujuh anak usaha"): its direction is swapped from the
            apposition its entry is written for ("Y, anak usaha X"), to read possessor, holder.
        sources: The words after it that mark its actor (``dari``, ``from``, ``by``; the entry's
            ``sources`` else the ``[source]`` words; empty without ``source_flip``). Buying a
            stake takes only ``oleh`` / ``by``: in "membeli saham X dari Y" Y sells.
    """

    start: int
    end: int
    text: str
    type: str
    tone: float
    direction: str
    lemma: str
    confidence: float = 1.0
    modifiers: tuple[str, ...] = ()
    relational: bool = False
    possessed: bool = False
    sources: frozenset[str] = frozenset()


#: Indonesian verb prefixes: a trigger starting with one is a verb, else a noun ("kemitraan",
#: "persaingan", "sinergi"), whose pair may follow it ("kemitraan Grab dengan KAI").
_VERBAL = re.compile(r"(?:me|be|di|te)[a-z]", re.IGNORECASE)


def nominal(trigger: Trigger) -> bool:
    """An Indonesian trigger used as a noun (no verb prefix)."""
    return not _VERBAL.match(trigger.text)


#: The Indonesian active verb prefix: "menolak", "mengecam", "memboikot" act on an object.
_ACTIVE = re.compile(r"me[a-z]", re.IGNORECASE)


def active_verb(trigger: Trigger) -> bool:
    """An Indonesian trigger in its active, transitive me- form; reciprocal acts take ber-
    ("bersaing", "bermitra") or "saling" before the me- form."""
    return _ACTIVE.match(trigger.text) is not None


@dataclass(frozen=True, slots=True)
class _Entry:
    lemma: str
    type: str  # one of TYPES, or "background"
    tone: float
    direction: str
    confidence: float
    words: tuple[str, ...]  # GAP for a gap
    max_gap: int
    exact: bool
    bare: bool
    forms: frozenset[str]
    prefixes: frozenset[str] | None
    suffixes: frozenset[str] | None
    passive: bool
    source_flip: bool
    sources: frozenset[str] | None  # overrides [source] words for this entry
    relational: bool
    near: frozenset[str]
    near_window: int


_ENTRY_KEYS = frozenset(
    {"lemma", "tone", "direction", "confidence", "cameo", "max_gap", "exact", "bare", "forms"}
    | {"prefixes", "suffixes", "passive", "source_flip", "sources", "relational", "near"}
    | {"near_window"}
)


def _check(condition: bool, where: str, message: str) -> None:
    if not condition:
        raise ValueError(f"{where}: {message}")


def _entry(raw: Any, kind: str, defaults: Mapping[str, Any], where: str) -> _Entry:
    if isinstance(raw, str):
        raw = {"lemma": raw}
    _check(isinstance(raw, dict) and "lemma" in raw, where, f"entry without a lemma: {raw!r}")
    unknown = set(raw) - _ENTRY_KEYS
    _check(not unknown, where, f"{raw['lemma']!r} has unknown keys {sorted(unknown)}")
    lemma = " ".join(raw["lemma"].lower().split())
    tone = float(raw.get("tone", defaults.get("tone", 0.0)))
    direction = raw.get("direction", defaults.get("direction", "none"))
    confidence = float(raw.get("confidence", 1.0))
    _check(-1.0 <= tone <= 1.0, where, f"{lemma!r}: tone {tone} is outside [-1, 1]")
    _check(direction in DIRECTIONS, where, f"{lemma!r}: direction {direction!r}")
    _check(0.0 < confidence <= 1.0, where, f"{lemma!r}: confidence {confidence}")
    words = tuple(lemma.split(" "))
    _check(words[0] != GAP and words[-1] != GAP, where, f"{lemma!r} starts or ends with a gap")

    def optional(key: str) -> frozenset[str] | None:
        return frozenset(raw[key]) if key in raw else None

    return _Entry(
        lemma=lemma,
        type=kind,
        tone=tone,
        direction=direction,
        confidence=confidence,
        words=words,
        max_gap=int(raw.get("max_gap", defaults.get("max_gap", 2))),
        exact=bool(raw.get("exact", False)),
        bare=bool(raw.get("bare", True)),
        forms=frozenset(f.lower() for f in raw.get("forms", ())),
        prefixes=optional("prefixes"),
        suffixes=optional("suffixes"),
        passive=bool(raw.get("passive", True)),
        source_flip=bool(raw.get("source_flip", defaults.get("source_flip", False))),
        sources=(
            frozenset(raw["sources"] if "sources" in raw else defaults["sources"])
            if "sources" in raw or "sources" in defaults
            else None
        ),
        relational=bool(raw.get("relational", False)),
        near=frozenset(w.lower() for w in raw.get("near", ())),
        near_window=int(raw.get("near_window", 6)),
    )


def _joined(entry: _Entry, language: str) -> list[_Entry]:
    """Closed and hyphenated spellings of a phrase: kerja sama -> kerjasama, tie up -> tie-up."""
    if len(entry.words) < 2 or GAP in entry.words:
        return []
    spellings = {"".join(entry.words)}
    if language == "en":
        spellings.add("-".join(entry.words))
    return [
        dataclasses.replace(entry, words=(spelling,), forms=frozenset(), exact=False)
        for spelling in sorted(spellings)
    ]


@dataclass(frozen=True, slots=True)
class _Grammar:
    """The word-order cues that swap a trigger's direction (``[passive]``, ``[source]`` and
    ``[possessive]`` in the data file)."""

    passive_prefixes: frozenset[str]  # Indonesian: outer prefixes that make a verb passive
    auxiliaries: frozenset[str]  # English: be/get before a participle
    passive_window: int
    agent: str  # English: "by" right after a participle
    sources: frozenset[str]  # "dari", "from", "by": the actor follows a nominal trigger
    source_window: int
    possessors: frozenset[str]  # English: its, their ... (and any word ending in 's)
    possessive_window: int
    possessive_suffixes: tuple[str, ...]  # Indonesian: -nya on the last word of the trigger


_BOUNDARY_CHARS = frozenset(',;:()[]"“”')


class Lexicon:
    """The triggers of one language, compiled for matching. Build with `Lexicon.load`."""

    def __init__(self, language: str, data: Mapping[str, Any]) -> None:
        self.language = language
        self._analyses = _ANALYSES[language]
        where = f"triggers-{language}.toml"
        settings = data.get("settings", {})
        self.modifier_window = int(settings.get("modifier_window", 3))
        passive = data.get("passive", {})
        source = data.get("source", {})
        possessive = data.get("possessive", {})
        self._grammar = _Grammar(
            passive_prefixes=frozenset(passive.get("prefixes", ())),
            auxiliaries=frozenset(passive.get("auxiliaries", ())),
            passive_window=int(passive.get("window", 2)),
            agent=str(passive.get("agent", "")),
            sources=frozenset(source.get("words", ())),
            source_window=int(source.get("window", 3)),
            possessors=frozenset(possessive.get("words", ())),
            possessive_window=int(possessive.get("window", 3)),
            possessive_suffixes=tuple(possessive.get("suffixes", ())),
        )
        entries: list[_Entry] = []
        for kind in TYPES:
            _check(kind in data, where, f"no [{kind}] table")
            table = data[kind]
            defaults = {k: v for k, v in table.items() if k != "entries"}
            entries += [_entry(raw, kind, defaults, where) for raw in table["entries"]]
        background = data.get("background", {}).get("entries", [])
        entries += [_entry(raw, "background", {}, where) for raw in background]
        self.entries: tuple[_Entry, ...] = tuple(entries)
        self.modifiers: dict[str, float] = {}
        for raw in data.get("modifiers", {}).get("entries", []):
            _check("scale" in raw and "lemma" in raw, where, f"bad modifier {raw!r}")
            self.modifiers[str(raw["lemma"]).lower()] = float(raw["scale"])
        self._index: dict[str, list[_Entry]] = {}
        for entry in entries:
            for compiled in [entry, *_joined(entry, language)]:
                for key in {compiled.words[0], *compiled.forms}:
                    self._index.setdefault(key, []).append(compiled)
        self._tokens: dict[str, tuple[Mapping[str, tuple[str, str]], tuple[_Head, ...]]] = {}

    @classmethod
    def load(cls, language: str) -> Lexicon:
        """The lexicon of a language (``id`` or ``en``), loaded once per process."""
        if language not in LANGUAGES:
            raise ValueError(f"no trigger lexicon for language {language!r}; have {LANGUAGES}")
        return _load(language)

    # -- matching --------------------------------------------------------------------------------

    def _token(self, text: str) -> tuple[Mapping[str, tuple[str, str]], tuple[_Head, ...]]:
        """A token's analyses and the entries whose first word it can be (cached)."""
        cached = self._tokens.get(text)
        if cached is not None:
            return cached
        analyses = self._analyses(text)
        heads: list[_Head] = []
        seen: set[int] = set()
        for key in analyses:
            for entry in self._index.get(key, ()):
                if id(entry) not in seen:
                    seen.add(id(entry))
                    affixes = _head_affixes(entry, text, analyses)
                    if affixes is not None:
                        heads.append(_Head(entry, affixes))
        if len(self._tokens) > 200_000:
            self._tokens.clear()
        result = (analyses, tuple(heads))
        self._tokens[text] = result
        return result

    def _phrase_end(self, entry: _Entry, tokens: list[Token], k: int, i: int) -> int | None:
        """Token index after a match of ``entry.words[k:]`` starting at token ``i``, or None."""
        if k == len(entry.words):
            return i
        word = entry.words[k]
        if word == GAP:
            for skip in range(entry.max_gap + 1):
                end = self._phrase_end(entry, tokens, k + 1, i + skip)
                if end is not None:
                    return end
            return None
        if i >= len(tokens) or word not in self._token(tokens[i].text)[0]:
            return None
        return self._phrase_end(entry, tokens, k + 1, i + 1)

    def _near(self, entry: _Entry, tokens: list[Token], end: int) -> bool:
        for token in tokens[end : end + entry.near_window]:
            if entry.near.intersection(self._token(token.text)[0]):
                return True
        return False

    def _is_passive(self, head: _Head, tokens: list[Token], i: int) -> bool:
        """A passive verb: di-/ter- (Indonesian); a participle after be/get or before "by"."""
        grammar = self._grammar
        if self.language == "id":
            return head.affixes[0] in grammar.passive_prefixes
        if not any(tag == "pp" for _prefix, tag in self._token(tokens[i].text)[0].values()):
            return False
        before = tokens[max(0, i - grammar.passive_window) : i]
        if any(t.text in grammar.auxiliaries for t in before):
            return True
        return i + 1 < len(tokens) and tokens[i + 1].text == grammar.agent

    def _has_source(self, entry: _Entry, sentence: str, tokens: list[Token], end: int) -> bool:
        """A source word ("dari", "from", "by") shortly after the trigger, in its clause:
        "pendanaan dari X", "funding round led by X" — X, after the trigger, acts."""
        grammar = self._grammar
        sources = self._sources(entry)
        previous = tokens[end - 1]
        for token in tokens[end : end + grammar.source_window]:
            if _BOUNDARY_CHARS.intersection(sentence[previous.end : token.start]):
                return False
            if token.text in sources:
                return True
            previous = token
        return False

    def _is_possessed(self, sentence: str, tokens: list[Token], i: int, end: int) -> bool:
        """A relational noun with its possessor before it: "X's subsidiary", "its investor",
        "anak usahanya" (-nya points back to an earlier organization)."""
        grammar = self._grammar
        # -nya on the noun or on a modifier right after it: "penyedia cloud eksklusifnya, X"
        previous = tokens[end - 1]
        for token in tokens[end - 1 : end + 2]:
            if _BOUNDARY_CHARS.intersection(sentence[previous.end : token.start]):
                break
            if any(token.text.endswith(s) for s in grammar.possessive_suffixes):
                return True
            previous = token
        following = tokens[i]
        for token in reversed(tokens[max(0, i - grammar.possessive_window) : i]):
            if _BOUNDARY_CHARS.intersection(sentence[token.end : following.start]):
                return False
            if token.text in grammar.possessors or token.text.endswith("'s"):
                return True
            following = token
        return False

    def triggers(self, sentence: str) -> list[Trigger]:
        """All triggers in a sentence, in text order.

        Overlapping matches are resolved longest first (by characters; a background phrase wins a
        tie), so "memutus kerja sama" is one `tension` trigger, not a `partnership` inside one.
        """
        tokens = tokenize(sentence)
        found: list[tuple[int, int, _Head]] = []
        for i, token in enumerate(tokens):
            for head in self._token(token.text)[1]:
                entry = head.entry
                end = self._phrase_end(entry, tokens, 1, i + 1)
                if end is None or (entry.near and not self._near(entry, tokens, end)):
                    continue
                found.append((i, end, head))
        if not found:
            return []
        # Longest first; then background; then the more specific entry (pemasok before pasok; one
        # that holds only with a `near` word before the same word without: "rejected X's
        # application" is `legal`, a bare "rejected" `tension`).
        found.sort(
            key=lambda m: (
                -(tokens[m[1] - 1].end - tokens[m[0]].start),
                m[2].entry.type != "background",
                -len(m[2].entry.lemma),
                not m[2].entry.near,
                m[0],
            )
        )
        taken = [False] * len(tokens)
        chosen: list[tuple[int, int, _Head]] = []
        for i, end, head in found:
            if any(taken[i:end]):
                continue
            taken[i:end] = [True] * (end - i)
            if head.entry.type != "background":
                chosen.append((i, end, head))
        chosen.sort(key=lambda m: m[0])
        return [self._trigger(sentence, tokens, taken, *match) for match in chosen]

    def _trigger(
        self, sentence: str, tokens: list[Token], taken: list[bool], i: int, end: int, head: _Head
    ) -> Trigger:
        entry = head.entry
        direction = entry.direction
        possessed = entry.relational and self._is_possessed(sentence, tokens, i, end)
        if direction != "none":
            swap = (entry.passive and self._is_passive(head, tokens, i)) or (
                entry.source_flip and self._has_source(entry, sentence, tokens, end)
            )
            if possessed:
                swap = not swap
            if swap:
                direction = "object" if direction == "subject" else "subject"
        tone = entry.tone
        modifiers = self._modifiers(sentence, tokens, taken, i, end)
        for _word, scale in modifiers:
            tone *= scale
        start, stop = tokens[i].start, tokens[end - 1].end
        return Trigger(
            start=start,
            end=stop,
            text=sentence[start:stop],
            type=entry.type,
            tone=round(max(-1.0, min(1.0, tone)), 2),
            direction=direction,
            lemma=entry.lemma,
            confidence=entry.confidence,
            modifiers=tuple(word for word, _scale in modifiers),
            relational=entry.relational,
            possessed=possessed,
            sources=self._sources(entry) if entry.source_flip else frozenset(),
        )

    def _sources(self, entry: _Entry) -> frozenset[str]:
        return self._grammar.sources if entry.sources is None else entry.sources

    def _modifiers(
        self, sentence: str, tokens: list[Token], taken: list[bool], i: int, end: int
    ) -> list[tuple[str, float]]:
        """Modifiers within the window either side of a trigger, inside its clause: ``(lemma,
        scale)``."""
        found: list[tuple[str, float]] = []
        ranges = (
            range(i - 1, max(-1, i - 1 - self.modifier_window), -1),
            range(end, min(len(tokens), end + self.modifier_window)),
        )
        for direction, positions in zip((-1, 1), ranges, strict=True):
            previous = tokens[i] if direction < 0 else tokens[end - 1]
            for j in positions:
                token = tokens[j]
                gap = (
                    sentence[token.end : previous.start]
                    if direction < 0
                    else sentence[previous.end : token.start]
                )
                if taken[j] or _BOUNDARY_CHARS.intersection(gap):
                    break
                for key in self._token(token.text)[0]:
                    if key in self.modifiers:
                        found.append((key, self.modifiers[key]))
                        break
                previous = token
        return found

    def sizes(self) -> dict[str, int]:
        """Number of entries per type (and ``background``, ``modifiers``)."""
        counts = {kind: 0 for kind in (*TYPES, "background")}
        for entry in self.entries:
            counts[entry.type] += 1
        counts["modifiers"] = len(self.modifiers)
        return counts

    def roots(self) -> frozenset[str]:
        """The first words of all entries (roots for Indonesian, lemmas for English)."""
        return frozenset(entry.words[0] for entry in self.entries)


@dataclass(frozen=True, slots=True)
class _Head:
    entry: _Entry
    affixes: tuple[str, str]  # (prefix, suffix or tag) of the analysis that matched


def _head_affixes(
    entry: _Entry, text: str, analyses: Mapping[str, tuple[str, str]]
) -> tuple[str, str] | None:
    """The affixes through which a token is the first word of an entry, or None if it is not."""
    word = entry.words[0]
    if entry.exact:
        surface = text[:-2] if text.endswith("'s") else text
        return ("", "") if surface in (entry.forms or {word}) else None
    if text in entry.forms:
        return analyses.get(word, ("", ""))
    affixes = analyses.get(word)
    if affixes is None:
        return None
    prefix, suffix = affixes
    if not entry.bare and not prefix and suffix not in _ID_SUFFIXES:
        return None
    if entry.prefixes is not None and prefix not in entry.prefixes:
        return None
    if entry.suffixes is not None and suffix not in entry.suffixes:
        return None
    return affixes


@cache
def _load(language: str) -> Lexicon:
    path = resources.files("newstide").joinpath(f"data/interactions/triggers-{language}.toml")
    return Lexicon(language, tomllib.loads(path.read_text(encoding="utf-8")))
