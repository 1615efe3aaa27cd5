"""The pairing markers: the word lists of ``data/interactions/markers.toml``, compiled.

`pairing_markers` holds its top-level lists (agent and target prepositions, list joins, sources,
examples and counterparts, pronouns, clause words ...), `setting_markers` its ``[setting]``
section, and `round_markers`, `venture_markers` and `majority_markers` its ``[round]``,
``[venture]`` and ``[majority]`` sections, which the constructions read. Each is read once and
cached; what the words mean is described in the README beside the data.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any


@dataclass(frozen=True, slots=True)
class _Markers:
    agent: re.Pattern[str]
    between: re.Pattern[str]
    opens: re.Pattern[str]
    joined: re.Pattern[str]
    listed: re.Pattern[str]
    target: dict[str, re.Pattern[str]]
    source_before: re.Pattern[str]
    source_after: re.Pattern[str]
    source_fronted: re.Pattern[str]
    examples: re.Pattern[str]
    having: re.Pattern[str]
    counterpart: re.Pattern[str]
    weak: float
    weak_gap: int
    apposed: re.Pattern[str]
    possessive: tuple[str, ...]
    owned: re.Pattern[str]
    copula_gap: int
    agent_window: int
    gap: int
    clause: re.Pattern[str]
    opens_after: re.Pattern[str]
    between_gap: int
    pronouns: dict[str, re.Pattern[str]]
    copulas: frozenset[str]
    bare_copulas: frozenset[str]
    object_preposition: re.Pattern[str]
    party_nouns: frozenset[str]
    seller: re.Pattern[str]
    fixture: re.Pattern[str]
    fixture_article: int
    courts: re.Pattern[str]
    former_name: re.Pattern[str]
    group_generic: frozenset[str]
    seller_words: frozenset[str]
    counterpart_next: re.Pattern[str]
    party_markers: re.Pattern[str]
    possessors: dict[str, re.Pattern[str]]
    pronoun_window: int
    topics: dict[str, re.Pattern[str]]
    latter: dict[str, re.Pattern[str]]
    agent_marker: re.Pattern[str]
    agent_relays: frozenset[str]
    participles: frozenset[str]
    former: re.Pattern[str]
    former_only: float
    named: re.Pattern[str]
    speaker: re.Pattern[str]
    through: re.Pattern[str]
    as_party: re.Pattern[str]
    unsaid: frozenset[str]
    signing: frozenset[str]
    served: frozenset[str]
    appositive: re.Pattern[str]
    bare_agent: re.Pattern[str]
    held_of: frozenset[str]
    held_of_word: re.Pattern[str]
    owned_things: frozenset[str]
    owned_fillers: frozenset[str]


@dataclass(frozen=True, slots=True)
class _Setting:
    before: dict[str, re.Pattern[str]]
    news: re.Pattern[str]
    remaining: frozenset[str]


@cache
def _marker_data() -> dict[str, Any]:
    """``data/interactions/markers.toml``, read once."""
    path = resources.files("newstide").joinpath("data/interactions/markers.toml")
    return tomllib.loads(path.read_text(encoding="utf-8"))


@cache
def setting_markers() -> _Setting:
    """The `[setting]` markers: what makes a relation noun the setting of a sentence."""
    data = _marker_data()["setting"]
    determiners = "|".join(re.escape(w) for w in data["determiners"])
    middle = {"en": rf"(?:(?:{determiners})\s+)(?:[\w-]+\s+)?", "id": ""}
    return _Setting(
        before={
            language: re.compile(
                rf"(?<![\w-])(?:{'|'.join(re.escape(w) for w in data[language])})\s+"
                rf"{middle[language]}$",
                re.IGNORECASE,
            )
            for language in ("id", "en")
        },
        news=_words(data["news"]),
        remaining=frozenset(data["remaining"]),
    )


def _before_name(words: list[str], gap: int) -> re.Pattern[str]:
    """Matches text ending in one of `words`, then at most `gap` more words, right before a name;
    within one clause ("jobs in the country, the Malaysian government said" marks no target)."""
    alternation = "|".join(re.escape(w) for w in words)
    return re.compile(
        rf"(?:^|\W)(?:{alternation})(?:\s+[^\s,;:.!?]+){{0,{gap}}}\s+$", re.IGNORECASE
    )


def _words(words: list[str]) -> re.Pattern[str]:
    """Any of `words`, as a whole word (group ``word``)."""
    alternation = "|".join(re.escape(w) for w in words)
    return re.compile(rf"(?<![\w-])(?P<word>{alternation})(?![\w-])", re.IGNORECASE)


#: Where a list member is: "di China", "in Malaysia" (capitalised words; case-sensitive).
_PLACED = r"(?:\s+(?:di|in)\s+(?-i:[A-Z][\w-]*)(?:\s+(?-i:[A-Z][\w-]*)){0,2})?"


#: One member of a comma list not tagged as an organization (capitalised words, maybe placed),
#: then the comma before the next: "Didi Chuxing di China, Ola di India, Grab di Asia Tenggara"
#: still lists Didi Chuxing and Grab when "Ola" is tagged as a place or not at all.
_UNTAGGED = rf"(?:(?-i:[A-Z][\w.&'’-]*)(?:\s+(?-i:[A-Z][\w.&'’-]*)){{0,2}}{_PLACED}\s*,\s*)?"


@cache
def pairing_markers() -> _Markers:
    """The top-level markers of ``markers.toml``: what marks the parties of a trigger."""
    data = _marker_data()
    gap = int(data["gap"])
    conjunctions = "|".join(re.escape(w) for w in data["and"])
    not_openers = "|".join(
        re.escape(w)
        for key in ("and", "through", "examples", "counterpart", "between")
        for w in data[key]
    )
    # "Manjung City Council and the District Council of Kerian": an article after the conjunction
    article = rf"(?:(?:{'|'.join(re.escape(w) for w in data['and_articles'])})\s+)?"
    return _Markers(
        agent=_before_name(data["agent"], gap),
        between=_before_name(data["between"], gap),
        opens=re.compile(
            rf"\s+(?:{'|'.join(re.escape(w) for w in data['between'])})\s+", re.IGNORECASE
        ),
        # a member may carry where it is: "Didi Chuxing di China, Ola di India, dan Grab"
        joined=re.compile(
            rf"{_PLACED}(?:\s*,?\s*(?:{conjunctions})\s+{article}|\s*,\s*{_UNTAGGED})",
            re.IGNORECASE,
        ),
        listed=re.compile(
            rf"{_PLACED}(?:\s*,?\s*"
            rf"(?:{'|'.join(re.escape(w) for w in data['and'] if w not in data['with'])})"
            rf"\s+{article}|\s*,\s*{_UNTAGGED})",
            re.IGNORECASE,
        ),
        target={kind: _before_name(words, gap) for kind, words in data["target"].items()},
        source_before=_source_before(data["source"]),
        # "Kepada DailySocial, X menjelaskan": from the sentence start to the name (fullmatch)
        source_fronted=re.compile(
            rf"\s*(?:{'|'.join(re.escape(w) for w in data['source']['fronted'])})\s+",
            re.IGNORECASE,
        ),
        examples=_before_name(data["examples"], 1),
        having=_words(data["having"]),
        counterpart=_before_name(data["counterpart"], 1),
        weak=float(data["weak_confidence"]),
        weak_gap=int(data["weak_gap"]),
        agent_window=int(data["agent_window"]),
        possessive=tuple(data["possessive"]),
        # "OpenAI's exclusive cloud provider": 's, then at most two modifiers, then the noun
        owned=re.compile(r"\s*['’]s(?:\s+[^\s,;:.()]+){0,2}\s+", re.IGNORECASE),
        copula_gap=int(data["copula_gap"]),
        gap=gap,
        between_gap=int(data["between_gap"]),
        pronouns={
            language: _words(words) for language, words in data["pronoun"]["anywhere"].items()
        },
        possessors={
            language: _words(words) for language, words in data["pronoun"]["possessor"].items()
        },
        pronoun_window=int(data["pronoun"]["window"]),
        # "Terkait aplikasi APIP, ": a topic word, then no comma up to the name (group ``word``)
        topics={
            language: re.compile(
                rf"(?<![\w-])(?P<word>{'|'.join(re.escape(w) for w in words)})(?![\w-])[^,;:]*$",
                re.IGNORECASE,
            )
            for language, words in data["pronoun"]["topic"].items()
        },
        latter={language: _words(words) for language, words in data["pronoun"]["latter"].items()},
        # the agent word itself, before a name (group ``word``): "dirilis oleh Reuters"
        agent_marker=re.compile(
            rf"(?<![\w-])(?P<word>{'|'.join(re.escape(w) for w in data['agent'])})"
            rf"(?:\s+[^\s,;:.!?]+){{0,{gap}}}\s+$",
            re.IGNORECASE,
        ),
        agent_relays=frozenset(w.lower() for w in data["agent_relays"]),
        participles=frozenset(w.lower() for w in data["participles"]),
        former=_before_name(data["former"], gap),
        former_only=float(data["former_only"]),
        named=re.compile(
            rf"\s*,?\s*(?:{'|'.join(re.escape(w) for w in [*data['named'], *data['examples']])})"
            r"\s+",
            re.IGNORECASE,
        ),
        # ", said Hong Leong Investment Bank": the speaker, after a comma, right before the name
        speaker=re.compile(
            rf",[\"'”’]?\s*(?:{'|'.join(re.escape(w) for w in data['speaker'])})"
            rf"(?:\s+[^\s,;:.!?]+){{0,{gap}}}\s+$",  # "..., ujar juru bicara Gojek"
            re.IGNORECASE,
        ),
        # "... sebagai mitra", "as partners": an apposed word right before a party noun
        as_party=re.compile(
            rf"(?<![\w-])(?:{'|'.join(re.escape(w) for w in data['apposed'])})\s+$",
            re.IGNORECASE,
        ),
        # "X, through its healthcare arm Y, signed ...": Y acts for X
        through=re.compile(
            rf"\s*,?\s*(?:{'|'.join(re.escape(w) for w in data['through'])})\s",
            re.IGNORECASE,
        ),
        unsaid=frozenset(data["unsaid_actor"]),
        signing=frozenset(data["signing"]),
        served=frozenset(data["served"]),
        bare_agent=_before_name([w for w in data["agent_relays"] if w.startswith("di")], 0),
        held_of=frozenset(data["held_of"]["lemmas"]),
        held_of_word=re.compile(
            rf"\s+(?:{'|'.join(re.escape(w) for w in data['held_of']['words'])})\s+", re.IGNORECASE
        ),
        # ", a French start-up that makes cargo ships, has a ": a lowercase word opens the
        # apposition (group ``body``), not one that joins another party (`and`, `through`,
        # `examples`, `counterpart`, `between`: "X, along with Y, signed"); at most `weak_gap`
        # words after it, none a conjunction ("A, anak usaha B, dan C")
        appositive=re.compile(
            rf"\s*,\s*(?P<body>(?!(?:{not_openers})(?![\w-]))(?-i:[a-z])[^;:()]*),"
            rf"(?!\s*(?:{conjunctions})(?![\w-]))"
            rf"\s*(?:[^\s,;:()]+\s+){{0,{int(data['weak_gap'])}}}",
            re.IGNORECASE,
        ),
        owned_things=frozenset(data["owned"]["lemmas"]),
        owned_fillers=frozenset(w.lower() for w in data["owned"]["fillers"]),
        copulas=frozenset(w.lower() for w in data["copulas"]),
        bare_copulas=frozenset(w.lower() for w in data["bare_copulas"]),
        # right before a relational noun: "investee dari anak usaha Y"
        object_preposition=re.compile(
            rf"(?<![\w-])(?:{'|'.join(re.escape(w) for w in data['object_prepositions'])})\s+$",
            re.IGNORECASE,
        ),
        party_nouns=frozenset(w.lower() for w in data["party_nouns"]),
        seller=_before_name(data["seller"], 0),
        fixture=_words(data["fixture"]),
        fixture_article=int(data["fixture_article"]),
        courts=_words(data["courts"]),
        former_name=_before_name(data["former_names"], 0),
        group_generic=frozenset(w.casefold() for w in data["group_generic"]),
        seller_words=frozenset(w.lower() for w in data["seller"]),
        counterpart_next=re.compile(
            rf"\s+(?:{'|'.join(re.escape(w) for w in data['counterpart'])})\b", re.IGNORECASE
        ),
        party_markers=_before_name(
            [*data["agent"], *(w for ws in data["target"].values() for w in ws), "dari", "from"], 0
        ),
        clause=re.compile(
            rf"(?:^|\W)(?:{'|'.join(re.escape(w) for w in data['clause'])})"
            r"(?!\s+(?:ini|itu)\b)(?:\W|$)",
            re.IGNORECASE,
        ),
        # "sinergi yang berkesinambungan, antara X dengan Y": the trigger's pair follows "antara"
        opens_after=re.compile(
            rf"(?:\s*,?\s*[^\s,;:.!?()]+){{0,{gap}}}?\s*,?\s*"
            rf"(?:{'|'.join(re.escape(w) for w in data['between'])})\s",
            re.IGNORECASE,
        ),
        apposed=re.compile(
            rf"\s*(?:,\s*)?(?:{'|'.join(re.escape(w) for w in data['apposed'])})?\s*(?:,\s*)?",
            re.IGNORECASE,
        ),
        source_after=re.compile(
            rf"\s+(?:{'|'.join(re.escape(w) for w in data['source']['after'])})"
            r"(?:\s*(?:[.,;:!?\"'”’)]|$)|\s+(?:that|bahwa)\b)",
            re.IGNORECASE,
        ),
    )


def _source_before(source: dict[str, Any]) -> re.Pattern[str]:
    """Text ending in a source cue before a name ("dilansir", "told the", "kata ... kepada")."""
    cues = "|".join(re.escape(w) for w in source["before"])
    speech = "|".join(re.escape(w) for w in source["speech"])
    addressee = "|".join(re.escape(w) for w in source["addressee"])
    gap, speech_gap = int(source["gap"]), int(source["speech_gap"])
    return re.compile(
        rf"(?:^|\W)(?:(?:{cues})|(?:{speech})(?:\s+[^\s,.;]+){{0,{speech_gap}}}\s+(?:{addressee}))"
        rf"(?:\s+[^\s,.;:!?]+){{0,{gap}}}\s+$",  # no clause boundary: "Dilansir Reuters, Grab"
        re.IGNORECASE,
    )


@dataclass(frozen=True, slots=True)
class _Round:
    nouns: dict[str, re.Pattern[str]]
    reference: dict[str, re.Pattern[str]]
    verbs: dict[str, re.Pattern[str]]
    gap: int


@cache
def round_markers() -> _Round:
    """The `[round]` markers: a funding round, and a later reference to it."""
    data = _marker_data()["round"]

    def words(key: str) -> dict[str, re.Pattern[str]]:
        return {language: _words(ws) for language, ws in data[key].items()}

    nouns = {language: "|".join(map(re.escape, ws)) for language, ws in data["nouns"].items()}
    before = {language: "|".join(map(re.escape, ws)) for language, ws in data["before"].items()}
    after = {language: "|".join(map(re.escape, ws)) for language, ws in data["after"].items()}
    gap = int(data["gap"])
    reference = {
        # "this seed financing round", "the round"
        "en": rf"(?<![\w-])(?:{before['en']})(?:\s+[\w-]+){{0,{gap}}}?\s+(?:{nouns['en']})\b",
        # "putaran pendanaan kali ini", "pendanaan tersebut"
        "id": rf"(?<![\w-])(?:{nouns['id']})(?:\s+[\w-]+){{0,{gap}}}?\s+(?:{after['id']})\b",
    }
    return _Round(
        nouns=words("nouns"),
        reference={k: re.compile(v, re.IGNORECASE) for k, v in reference.items()},
        verbs=words("verbs"),
        gap=gap,
    )


@dataclass(frozen=True, slots=True)
class _Venture:
    lemmas: frozenset[str]
    named: re.Pattern[str]


@cache
def venture_markers() -> _Venture:
    """The `[venture]` markers: a joint venture, and the name given to it."""
    data = _marker_data()["venture"]
    nouns = "|".join(map(re.escape, data["nouns"]))
    named = "|".join(map(re.escape, data["named"]))
    return _Venture(
        lemmas=frozenset(data["lemmas"]),
        # "usaha patungan bernama ", "joint venture company called ", "joint venture, "
        named=re.compile(rf"(?:\s+(?:{nouns}))?(?:\s*,\s*|\s+(?:{named})\s+)", re.IGNORECASE),
    )


@dataclass(frozen=True, slots=True)
class _Majority:
    share: re.Pattern[str]
    acts: frozenset[str]
    window: int


@cache
def majority_markers() -> _Majority:
    """The `[majority]` markers: a share of more than half, and the acts that buy one."""
    data = _marker_data()["majority"]
    units = "|".join(map(re.escape, data["percent"]))
    words = "|".join(map(re.escape, data["words"]))
    stakes = "|".join(map(re.escape, data["stakes"]))
    return _Majority(
        share=re.compile(
            # "51 per cent", "60 %", "80 persen" (over half), or "majority stake", "saham mayoritas"
            rf"(?<![\w.,])(?:5[1-9]|[6-9]\d|100)(?:[.,]\d+)?\s*(?:{units})(?![\w-])"
            rf"|(?<![\w-])(?:{words})(?:\s+[\w-]+)?\s+(?:{stakes})(?![\w-])"
            rf"|(?<![\w-])(?:{stakes})\s+(?:{words})(?![\w-])",
            re.IGNORECASE,
        ),
        acts=frozenset(data["acts"]),
        window=int(data["window"]),
    )
