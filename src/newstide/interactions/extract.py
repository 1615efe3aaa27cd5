"""Interaction extraction: triggers paired with the organizations around them, sentence by sentence.

For each sentence, the participants are its organization mentions (descriptive references already
resolved to names; "Nama Lengkap (SINGKATAN)" counted once, under the name the article uses most),
and people whose role at an organization the article states ("Sam Altman, CEO OpenAI, said ..."
acts for OpenAI). Outlets the story is quoted from ("dilansir TechCrunch", "told Reuters") or
that sign its dateline are not participants. Each trigger the lexicon finds picks its pair by
position (the words are data: ``data/interactions/markers.toml``, described in its README):

* an agent marked by "oleh" / "by" is the actor, and a target marked by the type's preposition
  ("merekrut ... dari X", "berinvestasi di X", "a lawsuit against X") is acted on, whatever the
  order;
* otherwise a directed trigger takes the nearest organization before it as the actor and the
  nearest after it as the target (swapped for passive forms such as "diakuisisi"); a relational
  noun set beside a name ("Facebook sebagai perusahaan induknya") relates it to the one before;
* with nothing before it, "TRIGGER X di/in Y" reads X acts on Y ("kepemilikan saham Microsoft di
  OpenAI"), and "TRIGGER X, Y" reads Y in apposition ("anak usaha BCA, CCV");
* a symmetric trigger takes a coordinated pair first ("ketegangan antara Microsoft dan OpenAI",
  "Microsoft dan OpenAI bermitra", "kedua perusahaan"), else the nearest organizations on either
  side of it — never two on one side that are not coordinated;
* a list of examples or counterparts ("seperti Sony dan LG", "bersaing dengan X dan Y") is the
  other side of the subject, and members of one list never pair among themselves for a directed
  type;
* a weak trigger (a common word with other senses: "menggunakan", "deliver") pairs only through a
  marker close to it, or standing right between its two names;
* proximity alone never reaches into another clause with its own interaction ("... ketika X
  menanamkan modal"), down a list of clauses, or past a relational noun that introduces the name;
* pronouns stand for the organization named before them: "pihaknya", "perseroan", "its" anywhere,
  "mereka" / "their" only as a party noun's possessor ("mitra mereka"), and -nya on a relation noun
  with no name before it ("kerja samanya dengan X").

Each (a, b, type) is kept once per article, with its most confident evidence sentence (the
strongest statement among equals).
"""

from __future__ import annotations

import dataclasses
import re
import tomllib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from itertools import pairwise
from typing import Any

from newstide.interactions.groups import same_group
from newstide.interactions.lexicon import Lexicon, Trigger
from newstide.interactions.modality import modality
from newstide.nlp.kb import normalize_name
from newstide.pipeline import stage
from newstide.records import Article, Interaction
from newstide.settings import InteractionSettings

#: Types where one side acts on the other (GUIDELINES.md): a invests in, acquires, supplies,
#: hires from, or sues b.
DIRECTED = frozenset({"investment", "acquisition", "supply", "talent", "legal"})
#: The types that state who owns whom, the one news between members of a group.
OWNERSHIP = frozenset({"investment", "acquisition"})


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
def _setting() -> _Setting:
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


def _is_setting(trigger: Trigger, text: str, language: str) -> bool:
    """Whether a trigger names a relation as the setting of the sentence, after a preposition
    ("di luar kemitraannya dengan OpenAI", "alongside its partnership"), or as one that remains
    ("tetap menjadi penyedia cloud utama", "remains its largest investor"), not as its news."""
    setting = _setting()
    if setting.remaining & set(trigger.modifiers):
        return True
    before = setting.before.get(language)
    if before is None or not before.search(text, 0, trigger.start):
        return False
    around = text[max(0, trigger.start - 12) : trigger.end + 8]
    return setting.news.search(around) is None


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
def _markers() -> _Markers:
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


#: A dateline at the start of a line: "Jakarta, CNN Indonesia - -", "Jakarta (ANTARA News) -",
#: "Merdeka.com -", "pibitek.biz -". Capitalised words (or a web address), with a comma, a bracket
#: or a web address among them, then a dash. An outlet named there published the story.
_DATELINE = re.compile(
    r"^[ \t]*(?P<prefix>(?:(?:[A-Z][\w.&'’]*|\w+\.(?:com|co|id|biz|net|org|my)(?:\.\w+)?"
    r"|\([^()\n]{1,40}\)|\d{1,2}|,)[ \t]*){1,8}?)[-—–―](?:[ \t]*[-—–―])*",
    re.MULTILINE,
)
_WEB_ADDRESS = re.compile(r"\w\.(?:com|co|id|biz|net|org|my)\b")

#: An organization's other name in brackets right after it: "Komisi Pengawas Persaingan Usaha
#: (KPPU)", "Widad Group Bhd's (WGB)", "KlikACC (PT Aman Cermat Cepat)".
_BRACKET_OPEN = re.compile(r"(?:'s|’s)?\s*\(\s*")
_BRACKET_CLOSE = re.compile(r"\s*\)")
#: The same, with a legal form left outside the name on either side of the bracket: "Sarawak
#: Consolidated Industries Bhd's (SCIB)", "KlikACC (PT Aman Cermat Cepat)".
_BRACKET_OPEN_LEGAL = re.compile(
    r"(?P<before>(?:\s+[\w.]+){0,3}?)(?:'s|’s)?\s*\(\s*(?P<inside>(?:[\w.]+\s+){0,2}?)"
)


def _bracket_opens(text: str, start: int, end: int) -> bool:
    """`text[start:end]` opens a bracket between a name and its other name, legal forms aside."""
    match = _BRACKET_OPEN_LEGAL.fullmatch(text, start, end)
    return match is not None and all(
        not normalize_name(match.group(part)) for part in ("before", "inside")
    )


@dataclass(frozen=True, slots=True)
class _Participant:
    start: int  # char offsets in the sentence
    end: int
    entity: str
    via: str


def _nearest_before(participants: list[_Participant], offset: int) -> list[_Participant]:
    return sorted((p for p in participants if p.end <= offset), key=lambda p: -p.end)


def _nearest_after(participants: list[_Participant], offset: int) -> list[_Participant]:
    return sorted((p for p in participants if p.start >= offset), key=lambda p: p.start)


def _outside_apposition(
    trigger: Trigger, participants: list[_Participant], text: str
) -> list[_Participant]:
    """Not the names inside an apposition between a subject and the trigger after it: in
    "Maxis, a telco that competes with Celcom, has a contract with Huawei" Maxis has the contract,
    not Celcom (markers.toml `appositive`). An apposition is one phrase: a name past a comma inside
    it ("SoftBank, kini investor Uber, memutuskan mendorong peleburan Grab dan Uber, hal ini
    menandai persaingan") says the span runs over clauses, and nothing is dropped."""
    pattern = _markers().appositive
    for subject in participants:
        if subject.end > trigger.start:
            break
        found = pattern.fullmatch(text, subject.end, trigger.start)
        if found is None:
            continue
        start, end = found.start("body"), found.end("body")
        inside = [p for p in participants if start <= p.start and p.end <= end]
        comma = text.find(",", start, end)
        if comma >= 0 and any(p.start > comma for p in inside):
            return participants
        return [p for p in participants if p not in inside]
    return participants


def _distinct(people: list[_Participant]) -> list[_Participant]:
    seen: set[str] = set()
    out = []
    for p in people:
        if p.entity not in seen:
            seen.add(p.entity)
            out.append(p)
    return out


def _same_span(p: _Participant, q: _Participant) -> bool:
    """Two organizations one phrase refers to ("kedua perusahaan", "both companies")."""
    return (p.start, p.end) == (q.start, q.end) and p.entity != q.entity


def _group(
    member: _Participant, participants: list[_Participant], text: str, *, strict: bool = False
) -> list[_Participant]:
    """The coordinated list a participant stands in ("X, Y dan Z"), itself alone if none.

    A list is names joined by commas with a conjunction before its last: after "dan"/"and" a
    comma closes it ("seperti Sony dan LG, Line juga ..." lists Sony and LG, not Line). A
    `strict` list leaves out "dengan"/"with": "RDP dengan Telkom Group sebagai induk MDI" names
    one parent, not two.
    """
    joined = _markers().listed if strict else _markers().joined
    ordered = sorted(participants, key=lambda p: p.start)
    joins = [
        "and"
        if _same_span(p, q)
        else None
        if not joined.fullmatch(text, p.end, q.start)
        else "comma"
        if text[p.end : q.start].strip() == ","
        else "and"
        for p, q in pairwise(ordered)
    ]
    for i, (p, q) in enumerate(pairwise(ordered)):
        # a ragged member inside a list that goes on: a comma left out ("Alor Setar City Council
        # Kuala Kangsar City Council, Manjung City Council and ..."), or a name tagged only at its
        # end ("BCA Sekuritas, Asuransi Umum BCA, Central Sentosa Finance, dan CCV")
        if (
            joins[i] is None
            and i + 1 < len(joins)
            and joins[i + 1] is not None
            and (i == 0 or joins[i - 1] != "and")
            and _RAGGED.fullmatch(text, p.end, q.start)
        ):
            joins[i] = "comma"
    start = 0
    for i, join in enumerate(joins):
        if join is None or (i > 0 and joins[i - 1] == "and"):
            if start <= ordered.index(member) <= i:
                return ordered[start : i + 1]
            start = i + 1
    return ordered[start:] if ordered.index(member) >= start else [member]


def _is_list(members: list[_Participant], text: str) -> bool:
    """A coordinated list, not two names a comma happens to separate ("oleh Kementerian X, WhatsApp
    ...", "anak usaha BCA, CCV"): three or more names, or a conjunction between two."""
    if len(members) >= 3:
        return True
    return len(members) == 2 and "," not in text[members[0].end : members[1].start]


def _apposition(members: list[_Participant], text: str) -> bool:
    """Two names a bare comma separates: a name and its apposition ("BCA, Central Capital
    Ventura"), not a list ("dipimpin oleh MCI, diikuti Gan Kapital" and "Didi Chuxing di China,
    Ola di India, Grab" are)."""
    return (
        len(members) == 2
        and text[members[0].end : members[1].start].strip() == ","
        # "yaitu Antam, Timah dan Bukit Asam": a list going on past a name left untagged
        and not _LIST_GOES_ON.match(text, members[1].end)
    )


#: After a name, a comma or conjunction and a capitalised word or number: a list goes on.
_LIST_GOES_ON = re.compile(
    r"\s*(?:\([^()]*\)\s*)?(?:,|(?:dan|serta|atau|and|or|&)(?!\w))\s*(?:the\s+)?[A-Z0-9]"
)


def _expanded(
    pair: tuple[_Participant, _Participant],
    participants: list[_Participant],
    text: str,
    directed: bool,
) -> list[tuple[_Participant, _Participant]]:
    """A pair spread over the lists its sides stand in: every member of a coordinated subject
    ("Sunway University, Sunway iLabs and Daikin signed ...") pairs with every other, and each
    side's list pairs with the other side ("X invests in Y and Z": X-Y, X-Z). Members of one list
    do not act on each other: "anak usaha BUMN, di antaranya A, B dan C" holds no A -> B."""
    first, second = pair
    left = _group(first, participants, text, strict=directed)
    right = _group(second, participants, text, strict=directed)
    # two names a comma happens to separate are a name and its apposition, no list: "anak usaha
    # modal ventura BCA, Central Capital Ventura"
    left = [first] if _apposition(left, text) else left
    right = [second] if _apposition(right, text) else right
    if left == right and directed and _is_list(left, text):
        return []
    if left == right:
        pairs = [(p, q) for i, p in enumerate(left) for q in left[i + 1 :]]
    else:
        pairs = [(p, q) for p in left for q in right]
    return [(p, q) for p, q in pairs if p.entity != q.entity] or [pair]


def _through(
    trigger: Trigger,
    pairs: list[tuple[_Participant, _Participant]],
    participants: list[_Participant],
    text: str,
    triggers: list[Trigger],
) -> list[tuple[_Participant, _Participant]]:
    """The organization a party acts for: in "Selgate Corporation, through its healthcare arm
    Selgate Healthcare, signed an MoU with MTT", the partner of Selgate Healthcare is also that of
    Selgate Corporation (markers.toml `through`, then a relational noun of the lexicon)."""
    if trigger.relational:
        return []
    markers = _markers()
    extra = []
    for first, second in pairs:
        # the actor of a directed pair, either side of a symmetric one
        sides = (
            [(first, second)] if trigger.type in DIRECTED else [(first, second), (second, first)]
        )
        for side, counterpart in sides:
            if side.end > trigger.start:
                continue  # the act follows the party: "X, through its arm Y, signed"
            # ("its" in "through its arm" is itself a pronoun standing for the holder)
            named = [p for p in participants if p.via != "pronoun"]
            holder = next(iter(_nearest_before(named, side.start)), None)
            if holder is None or holder.entity in (side.entity, counterpart.entity):
                continue
            through = markers.through.match(text, holder.end, side.start)
            noun = next(
                (
                    t
                    for t in triggers
                    if t.relational and through and through.end() <= t.start and t.end <= side.start
                ),
                None,
            )
            if (
                through is None
                or noun is None
                or len(text[through.end() : noun.start].split()) > markers.gap
                or len(text[noun.end : side.start].split()) > 1
            ):
                continue
            extra.append((holder, counterpart) if side is first else (counterpart, holder))
    return extra


def _signs_other(trigger: Trigger, triggers: list[Trigger], text: str) -> bool:
    """A signing verb whose object is another trigger, at most `gap` words on in its clause:
    "signed a share subscription agreement" (investment), "menandatangani kontrak pasokan"
    (supply), "the signing of the Memorandum of Understanding between X and Y" (the MoU names
    its own pair)."""
    markers = _markers()
    if trigger.lemma not in markers.signing:
        return False
    return any(
        other is not trigger
        and other.start >= trigger.end
        and len(text[trigger.end : other.start].split()) <= markers.gap
        and not any(c in text[trigger.end : other.start] for c in ",;:()")
        for other in triggers
    )


def _venture(
    trigger: Trigger,
    pairs: list[tuple[_Participant, _Participant]],
    participants: list[_Participant],
    text: str,
) -> list[tuple[Trigger, tuple[_Participant, _Participant]]]:
    """A joint venture named right after its trigger is held by its partners: in "Indosat dan XL
    membentuk usaha patungan bernama PT One Indonesia Synergy" each holds One Indonesia Synergy
    (GUIDELINES rule 6: investment, structural). markers.toml `[venture]`."""
    venture = _venture_markers()
    if trigger.lemma not in venture.lemmas:
        return []
    named = venture.named.match(text, trigger.end)
    if named is None:
        return []
    held = next((p for p in participants if p.start == named.end()), None)
    partners = {p.entity: p for pair in pairs for p in pair}
    if held is None or held.entity in partners:
        return []
    owns = dataclasses.replace(trigger, type="investment", tone=0.0, direction="subject")
    return [(owns, (p, held)) for p in partners.values()]


def _aliases(article: Article) -> dict[str, str]:
    """Organizations named twice in one breath ("Komisi Pengawas Persaingan Usaha (KPPU)") are one:
    each maps to the name the article uses most often (GUIDELINES.md's canonical name), the
    shorter on a tie."""
    text = article.text
    named = sorted(
        (m for m in article.mentions if m.kind == "ORG" and m.entity_id and m.via != "reference"),
        key=lambda m: (m.start, m.end),
    )
    parent: dict[str, str] = {}

    def root(entity: str) -> str:
        while parent.get(entity, entity) != entity:
            entity = parent[entity]
        return entity

    for m, n in pairwise(named):
        assert m.entity_id is not None and n.entity_id is not None
        if (
            root(m.entity_id) != root(n.entity_id)
            and m.end <= n.start
            and _bracket_opens(text, m.end, n.start)
            and _BRACKET_CLOSE.match(text, n.end)
        ):
            parent[root(n.entity_id)] = root(m.entity_id)
    if not parent:
        return {}
    counts = Counter(m.entity_id for m in named)
    shortest: dict[str, int] = {}
    for m in named:
        assert m.entity_id is not None
        shortest[m.entity_id] = min(shortest.get(m.entity_id, len(m.text)), len(m.text))
    groups: dict[str, list[str]] = {}
    for entity in {*parent, *parent.values()}:
        groups.setdefault(root(entity), []).append(entity)
    aliases: dict[str, str] = {}
    for members in groups.values():
        best = max(sorted(members), key=lambda e: (counts[e], -shortest.get(e, 0)))
        aliases.update((e, best) for e in members if e != best)
    return aliases


#: A bracketed aside holding a number, and no name but a currency: "(lebih dari 26 miliar
#: Rupiah)", "(RM2.5 billion)", "(US$ 1,2 miliar atau Rp 16 triliun)"; not "(PPP)".
_AMOUNT_ASIDE = re.compile(
    r"\((?=[^()]*\d)(?:[^()A-Z]|(?:RM|Rp|US|USD|IDR|MYR|SGD|S|Rupiah|Ringgit)(?![a-z]))*\)"
)

#: A bracket opened right after a lowercase word: what it abbreviates is a common noun phrase.
_COMMON_ABBREVIATED = re.compile(r"(?<![\w-])[a-z][\w-]*\s*\(\s*$")

#: An ampersand right before a trigger word: the word is part of a name ("Won & Partners").
_AMPERSAND = re.compile(r"&\s*$")

#: A sentence that is a question: it ends in "?" (closing quotes or brackets aside). It asks about
#: an interaction ("Apa jadinya jika X diakuisisi Y?", "Will X buy Y?"); it states none.
#: A word written in lower case ("bank", "media"): no distinctive part of a name.
_LOWER_WORD = re.compile(r"(?<![\w-])[a-z][a-z-]*(?![\w-])")
_QUESTION = re.compile(r"\?[\s\"'”’)\]]*$")

#: A reduplicated noun, the Indonesian generic plural: "perusahaan-perusahaan", "startup-startup"
#: (lowercase: "Go-Go" is a name).
_GENERIC_PLURAL = re.compile(r"(?<![\w-])(?P<noun>[a-z]{3,})-(?P=noun)(?![\w-])")

#: Between two names of a list that goes on, a ragged join: only a space (a comma left out), or a
#: comma and one or two capitalised words the name was tagged without ("Asuransi Umum BCA").
_RAGGED = re.compile(r"[ \t]+|\s*,\s*(?:(?-i:[A-Z][\w-]*)\s+){1,2}")

#: Words at most between a coordinated pair and the symmetric trigger after it.
_FAR = 8


def _sourced(trigger: Trigger) -> bool:
    """A `seller` word ("dari", "from") marks the trigger's actor: "investasi dari X", "pasokan
    dari X", "gugatan dari X" (the lexicon's source words of its entry)."""
    return bool(trigger.sources & _markers().seller_words)


def _buys(trigger: Trigger) -> bool:
    """An acquisition, or an investment that buys a stake ("membeli saham X dari Y", "bought a
    stake in X from Y"): a `seller` word marks who sells, no party to the act."""
    return trigger.type == "acquisition" or (
        trigger.type == "investment" and bool(trigger.sources) and not _sourced(trigger)
    )


#: A name's possessive, a noun of at most four words, then a comma: "YBKU's holding company, ".
_POSSESSED_APPOSITION = re.compile(r"['’]s(?:\s+[^\s,;:.()]+){1,4}\s*,\s*")

#: Indonesian verb prefixes: a trigger starting with one is a verb, else a noun ("kemitraan",
#: "persaingan", "sinergi"), whose pair may follow it ("kemitraan Grab dengan KAI").
_VERBAL = re.compile(r"(?:me|be|di|te)[a-z]", re.IGNORECASE)

#: An Indonesian passive verb (di-): "digunakan", "diakuisisi".
_PASSIVE = re.compile(r"di[a-z]{4,}", re.IGNORECASE)

#: An Indonesian active verb (meN-, ber-): "mengancam", "berinvestasi".
_ACTIVE = re.compile(r"(?:me|be)[a-z]{3,}", re.IGNORECASE)


def _nominal(trigger: Trigger) -> bool:
    """An Indonesian trigger used as a noun (no verb prefix)."""
    return not _VERBAL.match(trigger.text)


@dataclass(frozen=True, slots=True)
class _Round:
    nouns: dict[str, re.Pattern[str]]
    reference: dict[str, re.Pattern[str]]
    verbs: dict[str, re.Pattern[str]]
    gap: int


@cache
def _round() -> _Round:
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
def _venture_markers() -> _Venture:
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
def _majority_markers() -> _Majority:
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


def _majority(trigger: Trigger, text: str, triggers: list[Trigger]) -> bool:
    """An investment trigger that buys more than half of a company: its own lemma an act of buying
    ("acquire ... stake", "beli ... saham"), or an acquisition trigger right before it ("the
    acquisition of the 51 per cent equity stake in X"), with a majority share within `window` words
    (markers.toml `[majority]`). Holding a majority stake stays ownership (investment)."""
    if trigger.type != "investment":
        return False
    majority = _majority_markers()
    buying = [
        t
        for t in triggers
        if t.type == "acquisition"
        and t.end <= trigger.start
        and len(text[t.end : trigger.start].split()) <= majority.window
        and not any(c in text[t.end : trigger.start] for c in ",;:()")
    ]
    if trigger.lemma not in majority.acts and not buying:
        return False
    start = min([trigger.start, *(t.start for t in buying)])
    end = trigger.end
    if trigger.lemma in majority.acts:
        # "... agreement with Y to acquire a 51 per cent stake": a few words on, in its clause
        on = re.match(rf"(?:[^\s;:]+\s+){{0,{2 * majority.window}}}", text[trigger.end :].lstrip())
        end = len(text) if on is None else trigger.end + 1 + on.end()
    return majority.share.search(text, start, end) is not None


def _round_pairs(
    text: str, language: str, participants: list[_Participant], subject: str
) -> list[tuple[Trigger, tuple[_Participant, _Participant]]]:
    """Investors joining the round an earlier sentence's subject raised: "Apart from X, A, B and C
    also participated in this seed financing round", "The round was led by X", "Turut
    berpartisipasi dalam putaran pendanaan kali ini A, B dan C" (markers.toml `[round]`).

    The investors are the list right before the verb, else the list right after the reference
    (Indonesian puts it last). Not when the sentence names the subject itself: then the round is
    the subject's own, and the triggers pair it."""
    markers = _round()
    reference = markers.reference.get(language)
    verbs = markers.verbs.get(language)
    if reference is None or verbs is None or any(p.entity == subject for p in participants):
        return []
    for ref in reference.finditer(text):
        for verb in verbs.finditer(text):
            start, end = min(ref.start(), verb.start()), max(ref.end(), verb.end())
            between = text[min(ref.end(), verb.end()) : max(ref.start(), verb.start())]
            if len(between.split()) > markers.gap or any(c in between for c in ",;:()"):
                continue
            before = [p for p in participants if p.end <= start]
            after = [p for p in participants if p.start >= end]
            if before and not any(c in text[before[-1].end : start] for c in ",;:()"):
                first = before[-1]
            elif after and not any(c in text[end : after[0].start] for c in ";:()"):
                first = after[0]
            else:
                continue
            trigger = Trigger(
                start=verb.start(),
                end=verb.end(),
                text=verb.group(),
                type="investment",
                tone=0.6,
                direction="subject",
                lemma="round",
            )
            held = _Participant(ref.start(), ref.end(), subject, "pronoun")
            return [
                (trigger, (p, held))
                for p in _group(first, participants, text, strict=True)
                if p.entity != subject
            ]
    return []


def _pronouns(
    text: str,
    language: str,
    index: int,
    named: dict[int, list[_Participant]],
    triggers: list[Trigger],
    texts: dict[int, str] | None = None,
) -> list[_Participant]:
    """Pronouns that stand for an organization ("pihaknya", "perseroan", "its"; "mereka" only as
    a trigger's possessor: "mitra mereka"; -nya on a relation noun with no name before it:
    "persaingannya dengan X"), each as the organization it points back to: the first
    one named before it in its sentence, else the first one named in the nearest earlier sentence
    that names one (the subject, which a pronoun continues more often than the last name: "Snap
    ... menyewa layanan Amazon. ... mereka")."""
    markers = _markers()
    texts = texts or {}
    own = named.get(index, [])
    # (span of the word, span it stands at): a possessor stands where its noun starts, on the
    # noun's side ("Mitra mereka saat ini adalah X": they and X are the pair)
    spans = [(m.span("word"), m.span("word")) for m in _finditer(markers.pronouns, language, text)]
    for m in _finditer(markers.possessors, language, text):
        for noun in triggers:
            if not (noun.relational or noun.text.lower() in markers.party_nouns):
                continue
            if noun.end <= m.start("word") and not text[noun.end : m.start("word")].strip():
                spans.append((m.span("word"), (noun.start, noun.start)))  # "mitra mereka"
            elif m.end("word") <= noun.start and not text[m.end("word") : noun.start].strip():
                spans.append((m.span("word"), m.span("word")))  # "their partner"
    if language == "id":
        for noun in triggers:
            # "Persaingan ketatnya dengan X", "kemitraannya dengan X", "pesaingnya, X": -nya on a
            # relation noun (or on its modifier) is its other side, named in an earlier sentence.
            # Not a verb's nominalizing -nya ("terintegrasinya"), nor the next noun's own -nya
            # ("ancaman bahayanya")
            if noun.type in DIRECTED or not _nominal(noun) or any(p.end <= noun.start for p in own):
                continue
            rest = text[noun.end :]
            owned = noun.text.lower().endswith(markers.possessive) and (
                noun.text.lower() in markers.party_nouns or markers.counterpart_next.match(rest)
            )
            modifier = re.match(r"\s+\w+nya\b", rest, re.IGNORECASE)
            if owned or (modifier and markers.counterpart_next.match(rest, modifier.end())):
                spans.append(((noun.start, noun.start), (noun.start, noun.start)))
    found = []
    for m in _finditer(markers.latter, language, text):
        # "signed an agreement with GWI to acquire a 51 per cent stake in the latter": the last
        # organization named before it in its sentence (none there: no one)
        latter = [p for p in own if p.end <= m.start("word")]
        if latter:
            found.append(_Participant(m.start("word"), m.end("word"), latter[-1].entity, "pronoun"))
    for (start, end), (at, to) in spans:
        if any(p.start < end and start < p.end for p in own):
            continue
        earlier = [p for p in own if p.end <= start]
        if not earlier:
            previous = next(
                (
                    i
                    for i in range(index - 1, index - 1 - markers.pronoun_window, -1)
                    if named.get(i)
                ),
                None,
            )
            earlier = [] if previous is None else _subjects(named[previous], texts.get(previous))
        if earlier:
            found.append(_Participant(at, to, earlier[0].entity, "pronoun"))
    return found


def _subjects(participants: list[_Participant], text: str | None) -> list[_Participant]:
    """A sentence's participants, those given as examples or counterparts last: in "Tidak terpaku
    pada kolaborasi dengan perusahaan seperti Sony dan LG, Line juga ..." the subject a pronoun in
    the next sentence continues is Line."""
    if text is None:
        return participants
    markers = _markers()

    def aside(p: _Participant) -> bool:
        first = _group(p, participants, text)[0]
        return any(
            pattern.search(text, 0, first.start)
            for pattern in (markers.examples, markers.counterpart)
        )

    return sorted(participants, key=aside)  # stable: the order of mention otherwise


def _finditer(
    patterns: dict[str, re.Pattern[str]], language: str, text: str
) -> list[re.Match[str]]:
    pattern = patterns.get(language)
    return list(pattern.finditer(text)) if pattern is not None else []


def _datelines(text: str) -> list[tuple[int, int]]:
    """Char spans of the datelines in a text ("Jakarta, CNN Indonesia - -")."""
    spans = []
    for match in _DATELINE.finditer(text):
        prefix = match.group("prefix")
        if "," in prefix or "(" in prefix or _WEB_ADDRESS.search(prefix):
            spans.append((match.start(), match.end()))
    return spans


@stage(
    "interactions",
    requires=("text", "language", "sentences", "mentions", "entities", "roles"),
    assigns=("interactions",),
    nlp=True,
)
class InteractionExtractor:
    """Assigns ``interactions``: typed, toned, evidenced interactions between organizations.

    Args:
        settings: The ``[interactions]`` settings (confidence scoring).
    """

    def __init__(self, settings: InteractionSettings) -> None:
        self.settings = settings

    def __call__(self, article: Article) -> Article:
        if article.language is None:
            return article
        lexicon = Lexicon.load(article.language)
        aliases = _aliases(article)
        acting_for = {r.person: aliases.get(r.organization, r.organization) for r in article.roles}
        datelines = _datelines(article.text)
        best: dict[tuple[str, str, str], Interaction] = {}
        stated_in: dict[tuple[str, str, str], set[int]] = {}
        news: dict[tuple[str, str, str], bool] = {}  # stated once as more than a setting
        named = {
            sentence.index: self._participants(
                article, sentence.index, sentence.start, acting_for, aliases, datelines
            )
            for sentence in article.sentences
        }
        markers = _markers()
        window = markers.pronoun_window
        round_subject: str | None = None  # who raised the funding round the article is about
        texts = {s.index: article.text[s.start : s.end] for s in article.sentences}
        sport = len(markers.fixture.findall(article.text)) >= markers.fixture_article
        names = {e.id: e.name for e in article.entities}
        lower = {w.casefold() for w in _LOWER_WORD.findall(article.text)}
        generic = markers.group_generic

        def record(
            trigger: Trigger,
            each: tuple[_Participant, _Participant],
            text: str,
            index: int,
            offset: int,
        ) -> None:
            found = self._interaction(trigger, each, text, index, offset, article)
            if found.type not in OWNERSHIP and same_group(
                names[found.a], names[found.b], lower, generic
            ):
                return  # a group's own members: only ownership is news between them
            key = (
                (found.a, found.b, found.type)
                if found.directed
                else (min(found.a, found.b), max(found.a, found.b), found.type)
            )
            stated_in.setdefault(key, set()).add(index)
            assert article.language is not None
            news[key] = news.get(key, False) or not _is_setting(trigger, text, article.language)
            # The best evidence: the most confident, then the strongest statement.
            if key not in best or (found.confidence, abs(found.tone)) > (
                best[key].confidence,
                abs(best[key].tone),
            ):
                best[key] = found

        for sentence in article.sentences:
            text = article.text[sentence.start : sentence.end]
            if not any(named.get(i) for i in range(sentence.index - window, sentence.index + 1)):
                continue
            if _QUESTION.search(text):
                continue  # "Apa jadinya jika X diakuisisi Y?": a question states no interaction
            candidates = lexicon.triggers(text)
            participants = sorted(
                named[sentence.index]
                + _pronouns(
                    text,
                    article.language,
                    sentence.index,
                    named,
                    candidates,
                    texts,
                ),
                key=lambda p: (p.start, p.end),
            )
            if round_subject is not None:
                for trigger, each in _round_pairs(
                    text, article.language, participants, round_subject
                ):
                    record(trigger, each, text, sentence.index, sentence.start)
            # the subject an earlier sentence set, for a directed act stated without its actor
            continued = next(
                (
                    _Participant(0, 0, _subjects(named[i], texts.get(i))[0].entity, "pronoun")
                    for i in range(sentence.index - 1, sentence.index - 1 - window, -1)
                    if named.get(i)
                ),
                None,
            )
            if not self._enough(participants, continued):
                continue
            triggers = [
                t
                for t in candidates
                # a word inside a name ("PT Investasi ...", "East Ventures") is no trigger, nor is
                # one after an ampersand, in a name left untagged ("Won & Partners")
                if not any(p.start <= t.start and t.end <= p.end for p in participants)
                and not _AMPERSAND.search(text, 0, t.start)
            ]
            if sport or markers.fixture.search(text):
                # a sports fixture is no competition, its play no tension (GUIDELINES rule 4)
                triggers = [t for t in triggers if t.type not in ("competition", "tension")]
            # "signed a share subscription agreement with X": what is signed says what it is; the
            # signing is no partnership of its own (markers.toml `signing`)
            triggers = [t for t in triggers if not _signs_other(t, triggers, text)]
            # "anak usaha modal ventura BCA", "its venture capital arm": a weak trigger right after
            # a relational noun says what kind of holder it is, no act of its own
            triggers = [
                t
                for t in triggers
                if not (
                    t.confidence < markers.weak
                    and any(
                        r.relational and r.end <= t.start and not text[r.end : t.start].strip()
                        for r in triggers
                    )
                )
            ]
            # "private-public partnership (PPP)", "joint venture (JV)": the trigger's own
            # abbreviation in brackets names no organization; nor does that of a common noun
            # ("project finance initiative (PFI)", "extension of time (EOT)")
            participants = [
                p
                for p in participants
                if not (
                    any(
                        _BRACKET_OPEN.fullmatch(text, t.end, p.start)
                        and _BRACKET_CLOSE.match(text, p.end)
                        for t in triggers
                        if t.end <= p.start
                    )
                    or (
                        _COMMON_ABBREVIATED.search(text, 0, p.start)
                        and _BRACKET_CLOSE.match(text, p.end)
                    )
                )
            ]
            if not self._enough(participants, continued):
                continue
            for trigger in triggers:
                pool = participants
                pair = self._pair(trigger, pool, text, triggers, article.language)
                if (
                    pair is None
                    and continued is not None
                    and self._unsaid(trigger, participants, text)
                ):
                    # "This includes an RM18.5 million contract to supply cables to Tenaga
                    # Nasional Bhd.": the company the article follows supplies
                    pool = [continued, *participants]
                    pair = self._pair(trigger, pool, text, triggers, article.language)
                if pair is None:
                    continue
                if _majority(trigger, text, triggers):
                    # "the acquisition of a 51 per cent stake in X", "membeli 60 persen saham X":
                    # control changes hands, an acquisition (tone 0, GUIDELINES default)
                    trigger = dataclasses.replace(trigger, type="acquisition", tone=0.0)
                # a merger (direction "none") joins the members of one list: "peleburan Grab dan
                # Uber"; no other directed act does
                expanded = _expanded(
                    pair, pool, text, trigger.type in DIRECTED and trigger.direction != "none"
                )
                for each in expanded + _through(trigger, expanded, pool, text, triggers):
                    record(trigger, each, text, sentence.index, sentence.start)
                for held, each in _venture(trigger, expanded, pool, text):
                    record(held, each, text, sentence.index, sentence.start)
            if (own := named[sentence.index]) and _round().nouns[article.language].search(text):
                # a sentence about a funding round: its subject raised it ("X raised RM22 million
                # in a seed round led by Y"), and "this round" in a later sentence is X's
                round_subject = next(
                    (
                        i.b
                        for i in best.values()
                        if i.sentence == sentence.index
                        and i.type == "investment"
                        and i.b == own[0].entity
                    ),
                    round_subject,
                )
        # Mentioned only as the setting of other news: a standing state, held up to the article
        standing = (
            None
            if article.published is None
            else f"../{article.published.year:04d}-{article.published.month:02d}"
        )
        interactions = tuple(
            sorted(
                (
                    dataclasses.replace(
                        i,
                        stated_in=tuple(sorted(stated_in[k])),
                        refers_to=None if news[k] else standing,
                    )
                    for k, i in best.items()
                ),
                key=lambda i: (i.sentence, i.start, i.type),
            )
        )
        return dataclasses.replace(article, interactions=interactions)

    @staticmethod
    def _participants(
        article: Article,
        index: int,
        offset: int,
        acting_for: dict[str, str],
        aliases: dict[str, str],
        datelines: list[tuple[int, int]],
    ) -> list[_Participant]:
        """The organizations a sentence names or refers to, and people acting for one; not the
        outlets it cites ("dilansir TechCrunch") or that sign its dateline, nor courts, where
        cases are heard (markers.toml `courts`), nor a former name of another ("semula bernama
        X")."""
        markers = _markers()
        text = article.text
        courts = {e.id for e in article.entities if markers.courts.search(e.name)}
        end_of_sentence = offset + max(
            (s.end - s.start for s in article.sentences if s.index == index), default=0
        )
        participants: list[_Participant] = []
        for mention in sorted(article.mentions, key=lambda m: (m.start, m.end)):
            if mention.sentence != index or not mention.entity_id:
                continue
            if mention.kind == "ORG":
                entity = aliases.get(mention.entity_id, mention.entity_id)
            elif mention.kind == "PER" and mention.entity_id in acting_for:
                entity = acting_for[mention.entity_id]
            else:
                continue
            if mention.kind == "ORG" and (
                entity in courts
                or markers.courts.search(mention.text)
                or markers.former_name.search(text, max(0, offset - 1), mention.start)
                or any(s <= mention.start and mention.end <= e for s, e in datelines)
                or markers.source_before.search(text, max(0, offset - 1), mention.start)
                or markers.source_after.match(text, mention.end, end_of_sentence)
                or (
                    markers.source_fronted.fullmatch(text, offset, mention.start)
                    and text[mention.end : end_of_sentence].lstrip().startswith(",")
                )
            ):
                continue
            start, end = mention.start - offset, mention.end - offset
            last = participants[-1] if participants else None
            if last is not None and last.entity == entity:
                # "Komisi Pengawas Persaingan Usaha (KPPU)": one participant, brackets and all
                close = _BRACKET_CLOSE.match(text, mention.end)
                if close and _bracket_opens(text, last.end + offset, mention.start):
                    participants[-1] = dataclasses.replace(last, end=close.end() - offset)
                    continue
            participants.append(_Participant(start, end, entity, mention.via))
        return participants

    def _pair(
        self,
        trigger: Trigger,
        participants: list[_Participant],
        text: str,
        triggers: list[Trigger],
        language: str = "id",
    ) -> tuple[_Participant, _Participant] | None:
        markers = _markers()
        participants = _outside_apposition(
            trigger, self._unclaimed(trigger, participants, text, triggers), text
        )
        before = _distinct(_nearest_before(participants, trigger.start))
        after = _distinct(_nearest_after(participants, trigger.end))
        nearby = after + before

        def marked(p: _Participant, pattern: re.Pattern[str] | None) -> bool:
            return pattern is not None and bool(pattern.search(text, 0, p.start))

        def other(than: _Participant, among: list[_Participant]) -> _Participant | None:
            return next((p for p in among if p.entity != than.entity), None)

        if trigger.type in DIRECTED:
            if (
                trigger.direction == "none"
                and len(after) >= 2
                and markers.joined.fullmatch(text, after[0].end, after[1].start)
                and self._noun_pair(trigger, after[0], after, text, language)
            ):
                # "mendorong peleburan operasional Grab dan Uber": a merger's own pair
                return after[0], after[1]
            if trigger.relational and after and marked(after[0], markers.examples):
                # "bank lain yang bertindak sebagai kreditur, di antaranya Bank DKI": the names
                # are instances of the noun, not the other side of its relation
                return None
            target_marker = markers.target.get(trigger.type)
            roles = nearby
            if trigger.confidence < markers.weak:
                # a word with other senses takes its agent or target only close by
                roles = [
                    p
                    for p in nearby
                    if (p.start >= trigger.end and self._close(text, trigger.end, p.start))
                    or (p.end <= trigger.start and self._close(text, p.end, trigger.start))
                ]
            agent = next(
                (
                    p
                    for p in roles
                    if (
                        marked(p, markers.agent)
                        # "pendanaan ... yang dipimpin TPTF": an Indonesian di- verb that passes
                        # the act on takes its agent without "oleh"
                        or (
                            language == "id"
                            and p.start >= trigger.end
                            and marked(p, markers.bare_agent)
                        )
                    )
                    and not self._relayed(text, trigger, p)
                    and (
                        self._close(text, trigger.end, p.start, markers.agent_window)
                        if p.start >= trigger.end
                        else self._close(text, p.end, trigger.start, markers.agent_window)
                    )
                ),
                None,
            )
            target = next(
                (
                    p
                    for p in roles
                    if p.start >= trigger.end  # "berinvestasi di X"; not "dalam hal ini X, ..."
                    and marked(p, target_marker)
                    # "di antaranya X" (among them X) gives examples, it is no "di X" target
                    and not marked(p, markers.examples)
                    and (agent is None or p.entity != agent.entity)
                ),
                None,
            )
            if target is not None:
                # "the acquisition of YBKU's holding company, Serendah Heights": the possessed
                # noun, named in apposition, is the target
                apposed = next((p for p in after if p.start >= target.end), None)
                if apposed is not None and _POSSESSED_APPOSITION.fullmatch(
                    text, target.end, apposed.start
                ):
                    target = apposed
            if trigger.type == "talent" and agent is None:
                # "sebelumnya bekerja di X dan bergabung di Y": people come from where they
                # worked before (markers.toml `former`), the one joined hires them
                came_from = next((p for p in nearby if marked(p, markers.former)), None)
                if came_from is not None:
                    hirer = (
                        other(came_from, after) or other(came_from, before)
                        if trigger.direction == "object"
                        else other(came_from, before) or other(came_from, after)
                    )
                    if hirer is not None:
                        return hirer, came_from
            if trigger.type == "talent" and trigger.confidence < markers.former_only:
                return None  # "bergabung ke X", "joined X": an association, a player, anyone
            served = trigger.lemma in markers.served
            if agent and target:
                # "the contract was awarded to X by Y": Y is served, X supplies
                return (target, agent) if served else (agent, target)
            if agent:
                # "Tokopedia didirikan oleh X, mantan karyawan Y": the agent after the verb acts on
                # the subject before it, not on a name further on
                # ... nor on the agent of another participle: in "Managed by Hilton, the hotel
                # is owned by X", X owns the hotel, not Hilton
                free_before = [p for p in before if not self._foreign_agent(text, trigger, p)]
                free_after = [p for p in after if not self._foreign_agent(text, trigger, p)]
                found = (
                    other(agent, free_before) or other(agent, free_after)
                    if agent.start >= trigger.end
                    else other(agent, free_after) or other(agent, free_before)
                )
                if found is None:
                    return None
                # "X was awarded the contract by Y": Y awards, X supplies it
                return (found, agent) if served else (agent, found)
            if target:
                # The actor is the subject before the trigger, or stands between the trigger and
                # the target ("kepemilikan saham Microsoft di OpenAI"); not a name further on
                # ("a complaint against X with the Y unit": Y is where it was lodged).
                # ... or is the subject right after a fronted clause: "Dengan merekrut pemimpin
                # dari X, Y ..." (not the next name of a list: "di antaranya X, Y dan Z")
                between = [p for p in after if p.end <= target.start]
                fronted = [
                    p
                    for p in after
                    if text[target.end : p.start].strip() == ","
                    and not (
                        p in (group := _group(target, participants, text)) and _is_list(group, text)
                    )
                ]
                between += fronted[:1]
                # not another target: "supply X to A and supply Y to B" has no A -> B
                subjects = [p for p in before if not marked(p, target_marker)]
                if (
                    language == "id"
                    and _nominal(trigger)
                    and between
                    and not text[trigger.end : between[0].start].strip()
                ):
                    # "menegaskan investasi Tencent terhadap Gojek": the name right after a noun
                    # is its possessor, the actor, whatever subject the sentence has
                    subjects = []
                actor = other(target, subjects) or other(target, between)
                if actor is None:
                    return None
                # "Y awarded the contract to X": X supplies Y
                return (target, actor) if served else (actor, target)
            if trigger.confidence < markers.weak and not self._beside(trigger, before, after, text):
                return None  # a word with other senses pairs through a marker or right beside it
            if (
                trigger.lemma in markers.owned_things
                and before
                and not self._owned(text[before[0].end : trigger.start])
            ):
                # "program bersama Express ini berjalan dengan mengikuti sistem milik Uber": Uber
                # owns the system, the noun right before "milik", not Express
                return None
            held = self._investment_of(trigger, before, after, text)
            if held is not None:
                return held
            named_as = self._named_as(trigger, before, text)
            if named_as is not None:
                holder, possessor = named_as
                return (possessor, holder) if trigger.direction != "object" else (holder, possessor)
            owner = self._genitive(trigger, after, text, language)
            if owner is not None:
                owner_of, acted_on = owner
                return (
                    (owner_of, acted_on) if trigger.direction != "object" else (acted_on, owner_of)
                )
            source = self._source_apposed(trigger, after, text, triggers)
            if before and source is not None and source.entity != before[0].entity:
                # "KlikACC merupakan investee dari anak usaha modal ventura BCA, Central Capital
                # Ventura": the subsidiary named in apposition is the source, not its parent
                return source, before[0]
            if before and after:
                second = other(before[0], after)
                if (
                    second is None
                    or self._split(text, trigger, second, triggers)
                    or not self._object(text, trigger, second, triggers)
                    or (
                        language == "id"
                        and self._possessed(text, trigger, before[0], second, triggers)
                    )
                    # "buying land from X", "membeli saham dari X": X sells, it is not what is
                    # bought
                    or (_buys(trigger) and marked(second, markers.seller))
                    # "the acquisition cost of the (PPP) project held by X": an agent the trigger
                    # could not take (too far, past a bracket) is no object of it either
                    or self._foreign_agent(text, trigger, second)
                    or (marked(second, markers.agent) and second.start >= trigger.end)
                ):
                    return None
                if (
                    _sourced(trigger)
                    and marked(second, markers.seller)
                    and not marked(second, markers.examples)  # "mulai dari X, Y dan Z"
                ):
                    # "mengumumkan investasi sebesar US$ 150 juta (Rp 2 triliun) dari Grup Astra":
                    # the source, however far after the trigger, is the actor
                    return second, before[0]
                return (before[0], second) if trigger.direction != "object" else (second, before[0])
            relation = self._relation(trigger, before, text) if not after else None
            if relation is not None:
                holder, possessor = relation
                # read as "POSSESSOR dan REL-nya, HOLDER" / "POSSESSOR's REL HOLDER"
                return (possessor, holder) if trigger.direction != "object" else (holder, possessor)
            if (
                len(after) >= 2
                and not before
                and after[0].entity != after[1].entity
                and (
                    text[after[0].end : after[1].start].strip() == ","
                    or (
                        trigger.relational
                        and markers.named.fullmatch(text, after[0].end, after[1].start)
                    )
                )
                and not _is_list(_group(after[0], participants, text), text)
            ):
                # "anak usaha modal ventura BCA, Central Capital Ventura": X, then Y in apposition;
                # "anak usaha AnyMind bernama TalentMind", "anak perusahaan AnyMind seperti
                # CastingAsia": Y named as (an instance of) X's relation
                return after[0], after[1]
            return None
        ordered = sorted(participants, key=lambda p: p.start)
        opened = markers.opens_after.match(text, trigger.end)
        if opened and not re.match(r"lain\b", text[opened.end() :], re.IGNORECASE):
            # "sinergi yang berkesinambungan, antara X dengan Y": both sides follow "antara", and
            # a name before the trigger is neither ("antara lain" gives examples: not this)
            return self._opened(ordered, text, opened.end())
        joined = [
            (p, q)
            for p, q in pairwise(ordered)
            if p.entity != q.entity
            and (_same_span(p, q) or markers.joined.fullmatch(text, p.end, q.start))
        ]
        aside = {
            side
            for p, q in joined
            if marked(p, markers.between)
            and q.end <= trigger.start
            and any(c in text[q.end : trigger.start] for c in ",;")
            for side in (p, q)
        }
        if aside:
            # "Uber, berada di antara keduanya, mencoba menggandeng X": a pair "between" which
            # something stands, set off by a comma before the verb, is a place, not its parties
            participants = [p for p in participants if p not in aside]
            ordered = [p for p in ordered if p not in aside]
            before = _distinct(_nearest_before(participants, trigger.start))
            after = _distinct(_nearest_after(participants, trigger.end))
            joined = [(p, q) for p, q in joined if p not in aside and q not in aside]
        for p, q in joined:  # "antara X dan Y", "between X and Y"
            if marked(p, markers.between):
                return p, q
        for p, q in joined:  # "X dan Y bermitra", "kemitraan X dan Y", "hubungan X dan Y memanas"
            inside = trigger.start <= p.start and q.end <= trigger.end
            if p.start >= trigger.end and before:
                if self._noun_pair(trigger, p, after, text, language):
                    return p, q
                break  # "X bekerja sama dengan Y dan Z": X pairs with the list, below
            group = _group(p, participants, text)
            other_side = marked(group[0], markers.examples) or (
                p.start >= trigger.end and marked(group[0], markers.counterpart)
            )
            if (
                other_side
                and (q not in group or self._fronted(trigger, group, p, q, text))
                and p.start >= trigger.end
            ):
                # "Bersaing dengan Grab dan Gojek, Uber ...": the list is the other side of the
                # subject that follows it; so is one name ("Prior to the partnership with Victor,
                # BAM ...")
                return q, p
            if other_side:
                continue  # "seperti Sony dan LG", "bersaing dengan X, Y dan Z": not a pair
            if (
                q.end <= trigger.start
                and trigger.text.lower() in markers.party_nouns
                and markers.as_party.search(text, 0, trigger.start)
            ):
                # "menggandeng Tokopedia dan Bukalapak sebagai mitra": partners of the subject,
                # named as such, not of each other
                continue
            if q.end <= trigger.start and len(text[q.end : trigger.start].split()) > _FAR:
                # "Toyota and Honda reported higher sales in March as demand ... kept rising,
                # helped by a government partnership programme": a pair far before the trigger is
                # not its pair
                return None
            if q.end <= trigger.start or p.start >= trigger.end or inside:
                return p, q
        if (
            trigger.confidence < markers.weak
            and not self._beside(trigger, before, after, text)
            and not self._examples_after(trigger, before, after, text)
        ):
            return None
        if before and after:
            second = other(before[0], after)
            if (
                second is None
                or self._split(text, trigger, second, triggers)
                or not self._object(text, trigger, second, triggers)
            ):
                return None
            return before[0], second
        # Two names on one side of a symmetric trigger, not coordinated, are not its two parties:
        # in "kemitraan serta investasi dari GDN, bagian dari GDP Ventures" the partner of GDN is
        # the unnamed subject. (Coordinated pairs were taken above.)
        return None

    @staticmethod
    def _relation(
        trigger: Trigger, before: list[_Participant], text: str
    ) -> tuple[_Participant, _Participant] | None:
        """The holder and the possessor of a relational noun with both named before it:
        "Instagram ... Facebook sebagai perusahaan induknya" (holder Facebook, set beside the
        noun; possessor Instagram) or "Microsoft, OpenAI's exclusive cloud provider" / "Microsoft
        is OpenAI's cloud provider" (possessor OpenAI right before it; holder Microsoft)."""
        markers = _markers()
        if not trigger.relational or len(before) < 2:
            return None
        nearest = before[0]
        further = next((p for p in before[1:] if p.entity != nearest.entity), None)
        if further is None:
            return None
        if trigger.text.lower().endswith(markers.possessive) and markers.apposed.fullmatch(
            text, nearest.end, trigger.start
        ):
            return nearest, further
        beside = InteractionExtractor._close(
            text, further.end, nearest.start, words=markers.copula_gap
        )
        if beside and markers.owned.fullmatch(text, nearest.end, trigger.start):
            return further, nearest
        return None

    @staticmethod
    def _opened(
        ordered: list[_Participant], text: str, start: int
    ) -> tuple[_Participant, _Participant] | None:
        """The pair a "between" after the trigger opens: the first two names after it, joined by
        "dan" / "dengan" / "and" ("antara semua layanan di Blibli dengan Gojek")."""
        markers = _markers()
        inside = [p for p in ordered if p.start >= start]
        if not inside or not (
            InteractionExtractor._close(text, start, inside[0].start, words=markers.between_gap)
            and "," not in text[start : inside[0].start]
            and not markers.examples.search(text, start, inside[0].start)
        ):
            return None  # "hubungan antara penyedia jasa ... dengan perusahaan macam X, Y"
        first, rest = inside[0], [p for p in inside[1:] if p.entity != inside[0].entity]
        if rest and (
            _same_span(first, rest[0]) or markers.joined.fullmatch(text, first.end, rest[0].start)
        ):
            return first, rest[0]
        return None

    @staticmethod
    def _object(text: str, trigger: Trigger, second: _Participant, triggers: list[Trigger]) -> bool:
        """A name after a trigger, paired by proximity alone, is its object: in its clause, marked
        as a party ("dari X", "oleh X"), or a few words after its first comma ("menggugat rivalnya,
        Samsung", "tujuh anak usaha, yakni BCA Finance"), not further down a list of clauses
        ("melanggar UU, merugikan negara, pekerja dan JICT"), and not a name a relational noun
        between them introduces ("denda ... perusahaan induk mereka, Alphabet")."""
        markers = _markers()
        generic = _GENERIC_PLURAL.search(text, trigger.end, second.start)
        if generic and not markers.examples.search(text, generic.end(), second.start):
            # "akuisisi perusahaan-perusahaan yang bergerak di bidang X": the object is generic
            # (GUIDELINES rule 7), a name further on is not it unless given as an example
            return False
        if markers.party_markers.search(text, 0, second.start):
            return True  # "pendanaan Seri B, dalam jumlah yang tidak disebutkan, dari X"
        if markers.speaker.search(text, trigger.end, second.start) and not (
            _PASSIVE.match(trigger.text)
        ):
            return False  # "... to deliver its value proposition to customers, said X": X speaks
        if any(t.relational and trigger.end <= t.start and t.end <= second.start for t in triggers):
            return False  # "denda ... dari pendapatan perusahaan induk mereka, Alphabet"
        between = text[trigger.end : second.start]
        if ", " not in between:
            return True
        rest = between.split(", ", 1)[1]
        return ", " not in rest and len(rest.split()) <= 2 * markers.gap

    @staticmethod
    def _fronted(
        trigger: Trigger, group: list[_Participant], p: _Participant, q: _Participant, text: str
    ) -> bool:
        """One counterpart in a clause fronted before its subject, the comma between them no list:
        "Prior to the partnership with Victor, BAM were ..." (not "we can compete against JDT, PJ
        City and Sabah", a list whose last member is no organization)."""
        return (
            group == [p, q]
            and not _is_list(group, text)
            and len(text[: trigger.start].split()) <= _markers().gap
            and not _markers().listed.match(text, q.end)
        )

    @staticmethod
    def _genitive(
        trigger: Trigger, after: list[_Participant], text: str, language: str
    ) -> tuple[_Participant, _Participant] | None:
        """An Indonesian action noun with a name right after it names its actor, and the next name
        in its clause what it acts on: "menegaskan investasi Tencent terhadap startup lokal
        terbesar Gojek" is Tencent investing in Gojek, whatever subject the sentence has."""
        if (
            language != "id"
            or not _nominal(trigger)
            or trigger.text[:1].isupper()  # in a title: "Direktur Penyidikan KPK"
            or trigger.relational
            or trigger.text.lower() in _markers().party_nouns
            or len(after) < 2
            or text[trigger.end : after[0].start].strip()
            or after[0].entity == after[1].entity
        ):
            return None
        word = trigger.text.lower().split()[0]
        if word.startswith("pe") and not word.endswith("an"):
            return None  # an agent noun ("penyidik KPK"): a person, not an act
        first, second = after[0], after[1]
        between = text[first.end : second.start]
        found = re.findall(r"[\w-]+", between)
        if {w.lower() for w in found} & (_markers().copulas | _markers().bare_copulas):
            return None  # "saham mayoritas MKNT adalah X": X holds it, set beside by "adalah"
        if any(_ACTIVE.match(w) for w in found):
            return None  # "tuduhan DPR mendukung X": a clause, X is no object of the noun
        if (
            not between.strip()  # "Bareskrim Polri": one name after another
            or any(c in between for c in ",;:()")
            or _markers().joined.fullmatch(text, first.end, second.start)
        ):
            return None  # "akuisisi Tokopedia dan Bukalapak": both acted on
        return first, second

    @staticmethod
    def _source_apposed(
        trigger: Trigger, after: list[_Participant], text: str, triggers: list[Trigger]
    ) -> _Participant | None:
        """The name in apposition to a relational noun and its possessor right after the source
        word of a sourced trigger: "investee dari anak usaha modal ventura BCA, CCV" is CCV."""
        markers = _markers()
        if not _sourced(trigger) or len(after) < 2:
            return None
        noun = next(
            (t for t in triggers if t.relational and t.start >= trigger.end and t is not trigger),
            None,
        )
        if noun is None or not markers.seller.search(text, trigger.end, noun.start):
            return None
        if len(text[trigger.end : noun.start].split()) != 1:
            return None  # the source word alone between: "investee dari anak usaha"
        possessor, apposed = after[0], after[1]
        if (
            possessor.start < noun.end
            or len(text[noun.end : possessor.start].split()) > markers.gap
        ):
            return None
        if text[possessor.end : apposed.start].strip() != "," or apposed.entity == possessor.entity:
            return None
        return apposed

    @staticmethod
    def _named_as(
        trigger: Trigger, before: list[_Participant], text: str
    ) -> tuple[_Participant, _Participant] | None:
        """A name set by "as" beside a possessive pronoun and a relational noun holds the relation,
        the pronoun's organization possesses it: "X has appointed Y as its new external auditor,
        replacing Z" (Y, not Z, is X's auditor)."""
        markers = _markers()
        if not trigger.relational or len(before) < 2 or before[0].via != "pronoun":
            return None
        pronoun, holder = before[0], before[1]
        if holder.entity == pronoun.entity:
            return None
        modifiers = text[pronoun.end : trigger.start].split()
        if len(modifiers) > 2 or any(c in text[pronoun.end : trigger.start] for c in ",;:()"):
            return None
        if (
            not markers.as_party.search(text, holder.end, pronoun.start)
            or len(text[holder.end : pronoun.start].split()) != 1
        ):
            return None
        return holder, pronoun

    @staticmethod
    def _investment_of(
        trigger: Trigger, before: list[_Participant], after: list[_Participant], text: str
    ) -> tuple[_Participant, _Participant] | None:
        """A name set by a copula beside an investment noun whose holder follows "of": "SilTerra is
        a strategic investment of DNeX and X" (DNeX and X invest in SilTerra; markers.toml
        `[held_of]`)."""
        markers = _markers()
        if trigger.lemma not in markers.held_of or not before or not after:
            return None
        if not markers.held_of_word.fullmatch(text, trigger.end, after[0].start):
            return None
        words = re.findall(r"[\w-]+", text[before[0].end : trigger.start].lower())
        if not words or words[0] not in markers.copulas | markers.bare_copulas:
            return None
        if len(words) > 1 + markers.gap or any(
            c in text[before[0].end : trigger.start] for c in ",;:()"
        ):
            return None
        return after[0], before[0]

    @staticmethod
    def _owned(between: str) -> bool:
        """The words between a name and "milik" leave the name the thing owned: only fillers
        ("Instagram, yang kini milik Facebook"), or a copula first, after which the words describe
        the name ("MDI Venture merupakan venture capital milik Telkom")."""
        markers = _markers()
        for word in re.findall(r"[\w-]+", between.lower()):
            if word in markers.copulas or word in markers.bare_copulas:
                return True
            if word not in markers.owned_fillers:
                return False
        return True

    @staticmethod
    def _enough(participants: list[_Participant], continued: _Participant | None) -> bool:
        """Two organizations to pair: in the sentence, or one there and the subject it continues."""
        distinct = {p.entity for p in participants}
        return len(distinct) >= 2 or (
            continued is not None and len(distinct | {continued.entity}) >= 2
        )

    @staticmethod
    def _unsaid(trigger: Trigger, participants: list[_Participant], text: str) -> bool:
        """A directed act stated without its actor: no organization before the trigger, and the
        one it acts on marked right after it ("an RM18.5 million contract to supply cables to
        Tenaga Nasional Bhd"), or only other targets before it. Only for the types of
        markers.toml `unsaid_actor`."""
        markers = _markers()
        if (
            trigger.type not in markers.unsaid
            or trigger.confidence < markers.weak
            or trigger.relational  # "the prime contractors for X": the noun names the actor
        ):
            return False
        target = markers.target.get(trigger.type)
        if target is None or any(
            # another act's target is no actor: "supply X to A and Y to B"
            p.start < trigger.start and not target.search(text, 0, p.start)
            for p in participants
        ):
            return False
        return any(
            p.start >= trigger.end and target.search(text, trigger.end, p.start)
            for p in participants
        )

    @staticmethod
    def _foreign_agent(text: str, trigger: Trigger, p: _Participant) -> bool:
        """`p` is the agent of another passive verb or participle ("Managed by Hilton, ...")."""
        return bool(_markers().agent.search(text, 0, p.start)) and InteractionExtractor._relayed(
            text, trigger, p
        )

    @staticmethod
    def _relayed(text: str, trigger: Trigger, agent: _Participant) -> bool:
        """An agent marker after another passive verb or participle is that verb's agent: "yang
        dirilis oleh Reuters", "the project held by X" (unless the verb passes the act on: "yang
        dipimpin oleh X", "led by X"; markers.toml `agent_relays`)."""
        markers = _markers()
        found = markers.agent_marker.search(text, 0, agent.start)
        if found is None:
            return False
        verb = re.search(r"([\w-]+)\W*$", text[: found.start("word")])
        if verb is None or trigger.start <= verb.start(1) < trigger.end:
            return False  # "diakuisisi oleh X": the trigger's own agent
        word = verb.group(1).lower()
        if word in markers.agent_relays:
            return False
        return (
            word in markers.participles
            or (len(word) > 4 and word.endswith(("ed", "en")))
            or (len(word) > 5 and word.startswith("di") and word[2] not in "aeiou")
        )

    @staticmethod
    def _possessed(
        text: str,
        trigger: Trigger,
        first: _Participant,
        second: _Participant,
        triggers: Sequence[Trigger] = (),
    ) -> bool:
        """A relational noun with its possessor right after it ("anak perusahaan Google",
        "investor HaloDoc") relates the possessor to a name before it set beside the noun
        ("Instagram, anak usaha Facebook"; "X tercatat sebagai investor Y"), not to the subject
        of another verb ("UE mengancam anak perusahaan Google"), nor to one another relation noun
        stands between ("X merupakan investee dari anak usaha Y": X is no subsidiary of Y)."""
        markers = _markers()
        if not trigger.relational:
            return False
        if markers.object_preposition.search(text, 0, trigger.start):
            return True  # "X merupakan salah satu investee dari anak usaha Y": a phrase's object
        if text[trigger.end : second.start].strip():
            return False
        if any(t.relational and first.end <= t.start and t.end <= trigger.start for t in triggers):
            return True
        words = re.findall(r"[\w-]+", text[first.end : trigger.start])
        return any(_ACTIVE.match(w) and w.lower() not in markers.copulas for w in words)

    @staticmethod
    def _split(text: str, trigger: Trigger, second: _Participant, triggers: list[Trigger]) -> bool:
        """A name paired by proximity alone stands in a later clause with its own interaction:
        "... dari persaingan ... ketika Softbank menyuntikkan dana ke Uber" (not "X keluar karena
        gagal bersaing dengan Y": a subject before the trigger is shared across clauses)."""
        opened = _markers().clause.search(text, trigger.end, second.start)
        return opened is not None and any(t.start >= second.end for t in triggers)

    @staticmethod
    def _close(text: str, start: int, end: int, words: int | None = None) -> bool:
        """At most `weak_gap` (or `words`) words between two points of a sentence, in one clause;
        an amount in brackets is an aside ("US$ 2 juta (Rp 26 miliar) yang dipimpin oleh X")."""
        between = _AMOUNT_ASIDE.sub(" ", text[start:end])
        limit = _markers().weak_gap if words is None else words
        return len(between.split()) <= limit and not any(c in between for c in ";:()")

    @staticmethod
    def _examples_after(
        trigger: Trigger, before: list[_Participant], after: list[_Participant], text: str
    ) -> bool:
        """A weak symmetric trigger whose counterparts are given as examples right after it, its
        subject in the same clause before it: "X is the only provider that works with top banks -
        such as A in Malaysia and B in Korea -" (X works with A and with B)."""
        markers = _markers()
        if not before or not after:
            return False
        found = markers.examples.search(text, trigger.end, after[0].start)
        return (
            found is not None
            and InteractionExtractor._close(text, trigger.end, found.start(), words=markers.gap)
            and not any(c in text[before[0].end : trigger.start] for c in ",;:()")
        )

    def _noun_pair(
        self,
        trigger: Trigger,
        first: _Participant,
        after: list[_Participant],
        text: str,
        language: str,
    ) -> bool:
        """An Indonesian relation noun (no verb prefix) with its pair right after it, `first`
        coordinated with the next: "kemitraan strategis Grab dengan KAI", "peleburan operasional
        Grab dan Uber". The subject before ("X mengungkapkan, ... kemitraan Grab dengan KAI",
        "SoftBank mendorong peleburan Grab dan Uber") is no party."""
        markers = _markers()

        def marked(pattern: re.Pattern[str]) -> bool:
            return bool(pattern.search(text, 0, first.start))

        return (
            language == "id"
            and _nominal(trigger)
            and trigger.text.lower() not in markers.party_nouns
            and first.entity == after[0].entity
            and self._close(text, trigger.end, first.start, words=2)
            and not any(c in text[trigger.end : first.start] for c in ",;:()")
            and not marked(markers.counterpart)
            and not marked(markers.examples)
            and not marked(markers.agent)
        )

    def _beside(
        self, trigger: Trigger, before: list[_Participant], after: list[_Participant], text: str
    ) -> bool:
        """A weak trigger stands right between its two names: a few words each side, or its
        object right after it and the other in the same clause, no comma between ("Tencent masuk
        di jajaran investor Didi Chuxing")."""
        if not before or not after:
            return False
        if self._close(text, trigger.end, after[0].start, words=0) and not any(
            c in text[before[0].end : trigger.start] for c in ",;:()"
        ):
            return True
        if not self._close(text, trigger.end, after[0].start):
            return False
        # "Neoline, a French start-up that makes cargo ships, has a contract with Michelin": the
        # subject, an appositive set off by commas, then at most `weak_gap` words
        return self._close(text, before[0].end, trigger.start) or bool(
            _markers().appositive.fullmatch(text, before[0].end, trigger.start)
        )

    @staticmethod
    def _unclaimed(
        trigger: Trigger, participants: list[_Participant], text: str, triggers: list[Trigger]
    ) -> list[_Participant]:
        """Participants not claimed by another trigger: in "ketegangan antara X dan Y ... bahwa
        persaingan ...", X and Y belong to "ketegangan", which they hang from."""
        markers = _markers()
        ordered = sorted(participants, key=lambda p: p.start)
        claimed: set[int] = set()
        for p, q in pairwise(ordered):
            owner = next(
                (
                    t
                    for t in triggers
                    if t.end <= p.start and markers.opens.fullmatch(text, t.end, p.start)
                ),
                None,
            )
            if (
                owner is not None
                and owner != trigger
                and markers.joined.fullmatch(text, p.end, q.start)
            ):
                claimed |= {p.start, q.start}
        return [p for p in participants if p.start not in claimed]

    def _interaction(
        self,
        trigger: Trigger,
        pair: tuple[_Participant, _Participant],
        text: str,
        index: int,
        offset: int,
        article: Article,
    ) -> Interaction:
        first, second = pair
        directed = trigger.type in DIRECTED
        a, b = first.entity, second.entity
        if not directed and b < a:
            a, b = b, a
        span = max(first.end, second.end, trigger.end) - min(
            first.start, second.start, trigger.start
        )
        confidence = (
            trigger.confidence * self.settings.base_confidence
            - self.settings.distance_penalty * max(0, span - self.settings.free_span_chars) / 100
        )
        if {"reference", "pronoun"} & {first.via, second.via}:
            confidence -= self.settings.reference_penalty
        assert article.language is not None
        return Interaction(
            a=a,
            b=b,
            type=trigger.type,
            tone=trigger.tone,
            directed=directed,
            modality=modality(text, trigger.start, article.language, trigger_end=trigger.end),
            confidence=round(min(1.0, max(self.settings.min_confidence, confidence)), 3),
            sentence=index,
            start=offset,
            end=offset + len(text),
        )
