"""Who a sentence names, and how its participants stand together.

A `Participant` is an organization at a span of a sentence: named there, acting through a person
the article gives a role at it, or stood for by a pronoun (`pronouns`: "pihaknya", "its", "mitra
mereka", the subject of an earlier sentence). This module also tells outlets and second names
from participants (the outlet signing a dateline: `dateline_spans`; "Nama Lengkap (SINGKATAN)":
`bracket_opens`, `aliases_of`), and says how participants group: coordinated lists (`group_of`,
`is_list`), appositions (`outside_apposition`), and a pair spread over the lists its sides stand
in (`expanded_pairs`).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from itertools import pairwise

from newstide.interactions.lexicon import DIRECTED, Trigger, nominal
from newstide.interactions.markers import pairing_markers
from newstide.nlp.kb import normalize_name
from newstide.records import Article

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
BRACKET_OPEN = re.compile(r"(?:'s|’s)?\s*\(\s*")
BRACKET_CLOSE = re.compile(r"\s*\)")
#: The same, with a legal form left outside the name on either side of the bracket: "Sarawak
#: Consolidated Industries Bhd's (SCIB)", "KlikACC (PT Aman Cermat Cepat)".
_BRACKET_OPEN_LEGAL = re.compile(
    r"(?P<before>(?:\s+[\w.]+){0,3}?)(?:'s|’s)?\s*\(\s*(?P<inside>(?:[\w.]+\s+){0,2}?)"
)


def bracket_opens(text: str, start: int, end: int) -> bool:
    """`text[start:end]` opens a bracket between a name and its other name, legal forms aside."""
    match = _BRACKET_OPEN_LEGAL.fullmatch(text, start, end)
    return match is not None and all(
        not normalize_name(match.group(part)) for part in ("before", "inside")
    )


@dataclass(frozen=True, slots=True)
class Participant:
    """An organization a sentence names or stands for, at a span of it; `via` says how (the
    mention's ``via``, or ``pronoun``)."""

    start: int  # char offsets in the sentence
    end: int
    entity: str
    via: str


def nearest_before(participants: list[Participant], offset: int) -> list[Participant]:
    return sorted((p for p in participants if p.end <= offset), key=lambda p: -p.end)


def nearest_after(participants: list[Participant], offset: int) -> list[Participant]:
    return sorted((p for p in participants if p.start >= offset), key=lambda p: p.start)


def outside_apposition(
    trigger: Trigger, participants: list[Participant], text: str
) -> list[Participant]:
    """Not the names inside an apposition between a subject and the trigger after it: in
    "Maxis, a telco that competes with Celcom, has a contract with Huawei" Maxis has the contract,
    not Celcom (markers.toml `appositive`). An apposition is one phrase: a name past a comma inside
    it ("SoftBank, kini investor Uber, memutuskan mendorong peleburan Grab dan Uber, hal ini
    menandai persaingan") says the span runs over clauses, and nothing is dropped."""
    pattern = pairing_markers().appositive
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


def distinct(people: list[Participant]) -> list[Participant]:
    seen: set[str] = set()
    out = []
    for p in people:
        if p.entity not in seen:
            seen.add(p.entity)
            out.append(p)
    return out


def same_span(p: Participant, q: Participant) -> bool:
    """Two organizations one phrase refers to ("kedua perusahaan", "both companies")."""
    return (p.start, p.end) == (q.start, q.end) and p.entity != q.entity


#: Between two names of a list that goes on, a ragged join: only a space (a comma left out), or a
#: comma and one or two capitalised words the name was tagged without ("Asuransi Umum BCA").
_RAGGED = re.compile(r"[ \t]+|\s*,\s*(?:(?-i:[A-Z][\w-]*)\s+){1,2}")


def group_of(
    member: Participant, participants: list[Participant], text: str, *, strict: bool = False
) -> list[Participant]:
    """The coordinated list a participant stands in ("X, Y dan Z"), itself alone if none.

    A list is names joined by commas with a conjunction before its last: after "dan"/"and" a
    comma closes it ("seperti Sony dan LG, Line juga ..." lists Sony and LG, not Line). A
    `strict` list leaves out "dengan"/"with": "RDP dengan Telkom Group sebagai induk MDI" names
    one parent, not two.
    """
    joined = pairing_markers().listed if strict else pairing_markers().joined
    ordered = sorted(participants, key=lambda p: p.start)
    joins = [
        "and"
        if same_span(p, q)
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


def is_list(members: list[Participant], text: str) -> bool:
    """A coordinated list, not two names a comma happens to separate ("oleh Kementerian X, WhatsApp
    ...", "anak usaha BCA, CCV"): three or more names, or a conjunction between two."""
    if len(members) >= 3:
        return True
    return len(members) == 2 and "," not in text[members[0].end : members[1].start]


def _apposition(members: list[Participant], text: str) -> bool:
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


def expanded_pairs(
    pair: tuple[Participant, Participant],
    participants: list[Participant],
    text: str,
    directed: bool,
) -> list[tuple[Participant, Participant]]:
    """A pair spread over the lists its sides stand in: every member of a coordinated subject
    ("Sunway University, Sunway iLabs and Daikin signed ...") pairs with every other, and each
    side's list pairs with the other side ("X invests in Y and Z": X-Y, X-Z). Members of one list
    do not act on each other: "anak usaha BUMN, di antaranya A, B dan C" holds no A -> B."""
    first, second = pair
    left = group_of(first, participants, text, strict=directed)
    right = group_of(second, participants, text, strict=directed)
    # two names a comma happens to separate are a name and its apposition, no list: "anak usaha
    # modal ventura BCA, Central Capital Ventura"
    left = [first] if _apposition(left, text) else left
    right = [second] if _apposition(right, text) else right
    if left == right and directed and is_list(left, text):
        return []
    if left == right:
        pairs = [(p, q) for i, p in enumerate(left) for q in left[i + 1 :]]
    else:
        pairs = [(p, q) for p in left for q in right]
    return [(p, q) for p, q in pairs if p.entity != q.entity] or [pair]


def aliases_of(article: Article) -> dict[str, str]:
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
            and bracket_opens(text, m.end, n.start)
            and BRACKET_CLOSE.match(text, n.end)
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


def topic_end(text: str, language: str, p: Participant) -> int | None:
    """Where the fronted topic a participant is named in ends (its comma), or None when it is
    named in none: "Terkait aplikasi APIP, pihaknya akan berkoordinasi dengan X" is about APIP;
    neither the pronoun nor the trigger after the comma is APIP's (markers.toml `topic`)."""
    topic = pairing_markers().topics.get(language)
    if topic is None or not topic.search(text, 0, p.start):
        return None
    comma = re.match(r"[^,;:]*,", text[p.end :])
    return None if comma is None else p.end + comma.end()


def pronouns(
    text: str,
    language: str,
    index: int,
    named: dict[int, list[Participant]],
    triggers: list[Trigger],
    texts: dict[int, str] | None = None,
) -> list[Participant]:
    """Pronouns that stand for an organization ("pihaknya", "perseroan", "its"; "mereka" only as
    a trigger's possessor: "mitra mereka"; -nya on a relation noun with no name before it:
    "persaingannya dengan X"), each as the organization it points back to: the first
    one named before it in its sentence, else the first one named in the nearest earlier sentence
    that names one (the subject, which a pronoun continues more often than the last name: "Snap
    ... menyewa layanan Amazon. ... mereka")."""
    markers = pairing_markers()
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
            if noun.type in DIRECTED or not nominal(noun) or any(p.end <= noun.start for p in own):
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
            found.append(Participant(m.start("word"), m.end("word"), latter[-1].entity, "pronoun"))
    for (start, end), (at, to) in spans:
        if any(p.start < end and start < p.end for p in own):
            continue
        # "Terkait aplikasi APIP, pihaknya ...": the fronted topic is not who speaks
        earlier = [
            p for p in own if p.end <= start and (topic_end(text, language, p) or len(text)) > start
        ]
        if not earlier:
            previous = next(
                (
                    i
                    for i in range(index - 1, index - 1 - markers.pronoun_window, -1)
                    if named.get(i)
                ),
                None,
            )
            earlier = [] if previous is None else subjects(named[previous], texts.get(previous))
        if earlier:
            found.append(Participant(at, to, earlier[0].entity, "pronoun"))
    return found


def subjects(participants: list[Participant], text: str | None) -> list[Participant]:
    """A sentence's participants, those given as examples or counterparts last: in "Tidak terpaku
    pada kolaborasi dengan perusahaan seperti Sony dan LG, Line juga ..." the subject a pronoun in
    the next sentence continues is Line."""
    if text is None:
        return participants
    markers = pairing_markers()

    def aside(p: Participant) -> bool:
        first = group_of(p, participants, text)[0]
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


def dateline_spans(text: str) -> list[tuple[int, int]]:
    """Char spans of the datelines in a text ("Jakarta, CNN Indonesia - -")."""
    spans = []
    for match in _DATELINE.finditer(text):
        prefix = match.group("prefix")
        if "," in prefix or "(" in prefix or _WEB_ADDRESS.search(prefix):
            spans.append((match.start(), match.end()))
    return spans
