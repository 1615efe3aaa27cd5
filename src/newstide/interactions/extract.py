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

The marker words are compiled in `markers`; who a sentence names, and how its participants group
into lists and appositions, is `participants`; the constructions that add pairs of their own
(funding rounds, joint ventures, majority stakes, arms a party acts through) are `constructions`.
This module holds the stage and the pairing rules above.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from itertools import pairwise

from newstide.interactions.constructions import (
    buys_majority,
    round_pairs,
    through_pairs,
    venture_pairs,
)
from newstide.interactions.groups import same_group
from newstide.interactions.lexicon import (
    DIRECTED,
    OWNERSHIP,
    Lexicon,
    Trigger,
    active_verb,
    nominal,
)
from newstide.interactions.markers import pairing_markers, round_markers, setting_markers
from newstide.interactions.modality import modality
from newstide.interactions.participants import (
    BRACKET_CLOSE,
    BRACKET_OPEN,
    Participant,
    aliases_of,
    bracket_opens,
    dateline_spans,
    distinct,
    expanded_pairs,
    group_of,
    is_list,
    nearest_after,
    nearest_before,
    outside_apposition,
    pronouns,
    same_span,
    subjects,
    topic_end,
)
from newstide.pipeline import stage
from newstide.records import Article, Interaction
from newstide.settings import InteractionSettings


def _is_setting(trigger: Trigger, text: str, language: str) -> bool:
    """Whether a trigger names a relation as the setting of the sentence, after a preposition
    ("di luar kemitraannya dengan OpenAI", "alongside its partnership"), or as one that remains
    ("tetap menjadi penyedia cloud utama", "remains its largest investor"), not as its news."""
    setting = setting_markers()
    if setting.remaining & set(trigger.modifiers):
        return True
    before = setting.before.get(language)
    if before is None or not before.search(text, 0, trigger.start):
        return False
    around = text[max(0, trigger.start - 12) : trigger.end + 8]
    return setting.news.search(around) is None


def _signs_other(trigger: Trigger, triggers: list[Trigger], text: str) -> bool:
    """A signing verb whose object is another trigger, at most `gap` words on in its clause:
    "signed a share subscription agreement" (investment), "menandatangani kontrak pasokan"
    (supply), "the signing of the Memorandum of Understanding between X and Y" (the MoU names
    its own pair)."""
    markers = pairing_markers()
    if trigger.lemma not in markers.signing:
        return False
    return any(
        other is not trigger
        and other.start >= trigger.end
        and len(text[trigger.end : other.start].split()) <= markers.gap
        and not any(c in text[trigger.end : other.start] for c in ",;:()")
        for other in triggers
    )


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


#: "saling" right before a verb makes its act reciprocal ("saling mengecam").
_RECIPROCAL = re.compile(r"\bsaling\s+$", re.IGNORECASE)

#: Words at most between a coordinated pair and the symmetric trigger after it.
_FAR = 8


def _sourced(trigger: Trigger) -> bool:
    """A `seller` word ("dari", "from") marks the trigger's actor: "investasi dari X", "pasokan
    dari X", "gugatan dari X" (the lexicon's source words of its entry)."""
    return bool(trigger.sources & pairing_markers().seller_words)


def _buys(trigger: Trigger) -> bool:
    """An acquisition, or an investment that buys a stake ("membeli saham X dari Y", "bought a
    stake in X from Y"): a `seller` word marks who sells, no party to the act."""
    return trigger.type == "acquisition" or (
        trigger.type == "investment" and bool(trigger.sources) and not _sourced(trigger)
    )


#: A name's possessive, a noun of at most four words, then a comma: "YBKU's holding company, ".
_POSSESSED_APPOSITION = re.compile(r"['’]s(?:\s+[^\s,;:.()]+){1,4}\s*,\s*")


#: An Indonesian passive verb (di-): "digunakan", "diakuisisi".
_PASSIVE = re.compile(r"di[a-z]{4,}", re.IGNORECASE)

#: An Indonesian active verb (meN-, ber-): "mengancam", "berinvestasi".
_ACTIVE = re.compile(r"(?:me|be)[a-z]{3,}", re.IGNORECASE)


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
        aliases = aliases_of(article)
        acting_for = {r.person: aliases.get(r.organization, r.organization) for r in article.roles}
        datelines = dateline_spans(article.text)
        courts = {e.id for e in article.entities if pairing_markers().courts.search(e.name)}
        best: dict[tuple[str, str, str], Interaction] = {}
        stated_in: dict[tuple[str, str, str], set[int]] = {}
        news: dict[tuple[str, str, str], bool] = {}  # stated once as more than a setting
        named = {
            sentence.index: self._participants(
                article, sentence.index, sentence.start, acting_for, aliases, datelines, courts
            )
            for sentence in article.sentences
        }
        markers = pairing_markers()
        window = markers.pronoun_window
        round_subject: str | None = None  # who raised the funding round the article is about
        texts = {s.index: article.text[s.start : s.end] for s in article.sentences}
        sport = len(markers.fixture.findall(article.text)) >= markers.fixture_article
        names = {e.id: e.name for e in article.entities}
        lower = {w.casefold() for w in _LOWER_WORD.findall(article.text)}
        generic = markers.group_generic

        def record(
            trigger: Trigger,
            each: tuple[Participant, Participant],
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
                + pronouns(
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
                for trigger, each in round_pairs(
                    text, article.language, participants, round_subject
                ):
                    record(trigger, each, text, sentence.index, sentence.start)
            # the subject an earlier sentence set, for a directed act stated without its actor
            continued = next(
                (
                    Participant(0, 0, subjects(named[i], texts.get(i))[0].entity, "pronoun")
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
                        BRACKET_OPEN.fullmatch(text, t.end, p.start)
                        and BRACKET_CLOSE.match(text, p.end)
                        for t in triggers
                        if t.end <= p.start
                    )
                    or (
                        _COMMON_ABBREVIATED.search(text, 0, p.start)
                        and BRACKET_CLOSE.match(text, p.end)
                    )
                )
            ]
            if not self._enough(participants, continued):
                continue
            topics = {
                (p.start, p.end): end
                for p in participants
                if (end := topic_end(text, article.language, p)) is not None
            }
            for trigger in triggers:
                # a fronted topic ("Terkait aplikasi APIP, ...") is no party past its comma
                pool = [
                    p
                    for p in participants
                    if topics.get((p.start, p.end), len(text)) > trigger.start
                ]
                pair = self._pair(trigger, pool, text, triggers, article.language)
                if pair is None and continued is not None and self._unsaid(trigger, pool, text):
                    # "This includes an RM18.5 million contract to supply cables to Tenaga
                    # Nasional Bhd.": the company the article follows supplies
                    pool = [continued, *pool]
                    pair = self._pair(trigger, pool, text, triggers, article.language)
                if pair is None:
                    continue
                if buys_majority(trigger, text, triggers):
                    # "the acquisition of a 51 per cent stake in X", "membeli 60 persen saham X":
                    # control changes hands, an acquisition (tone 0, GUIDELINES default)
                    trigger = dataclasses.replace(trigger, type="acquisition", tone=0.0)
                # a merger (direction "none") joins the members of one list: "peleburan Grab dan
                # Uber"; no other directed act does
                expanded = expanded_pairs(
                    pair, pool, text, trigger.type in DIRECTED and trigger.direction != "none"
                )
                for each in expanded + through_pairs(trigger, expanded, pool, text, triggers):
                    record(trigger, each, text, sentence.index, sentence.start)
                for held, each in venture_pairs(trigger, expanded, pool, text):
                    record(held, each, text, sentence.index, sentence.start)
            if (own := named[sentence.index]) and round_markers().nouns[article.language].search(
                text
            ):
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
        courts: set[str],
    ) -> list[Participant]:
        """The organizations a sentence names or refers to, and people acting for one; not the
        outlets it cites ("dilansir TechCrunch") or that sign its dateline, nor courts, where
        cases are heard (`courts`: the ids of the article's organizations named as one, and
        markers.toml `courts`), nor a former name of another ("semula bernama X")."""
        markers = pairing_markers()
        text = article.text
        end_of_sentence = offset + max(
            (s.end - s.start for s in article.sentences if s.index == index), default=0
        )
        participants: list[Participant] = []
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
                close = BRACKET_CLOSE.match(text, mention.end)
                if close and bracket_opens(text, last.end + offset, mention.start):
                    participants[-1] = dataclasses.replace(last, end=close.end() - offset)
                    continue
            participants.append(Participant(start, end, entity, mention.via))
        return participants

    def _pair(
        self,
        trigger: Trigger,
        participants: list[Participant],
        text: str,
        triggers: list[Trigger],
        language: str = "id",
    ) -> tuple[Participant, Participant] | None:
        markers = pairing_markers()
        participants = outside_apposition(
            trigger, self._unclaimed(trigger, participants, text, triggers), text
        )
        before = distinct(nearest_before(participants, trigger.start))
        after = distinct(nearest_after(participants, trigger.end))
        nearby = after + before

        def marked(p: Participant, pattern: re.Pattern[str] | None) -> bool:
            return pattern is not None and bool(pattern.search(text, 0, p.start))

        def other(than: Participant, among: list[Participant]) -> Participant | None:
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
                # are instances of the noun, not the other side of its relation; that is the
                # subject that has them ("aCommerce memiliki 260 klien, termasuk Samsung")
                possessor = before[0] if before else None
                if possessor is None or not markers.having.search(
                    text, possessor.end, trigger.start
                ):
                    return None
                # the direction reads "HOLDER, REL POSSESSOR" ("Samsung, klien aCommerce"), or,
                # with the possessor right before the noun, "POSSESSOR REL HOLDER"
                holder = after[0]
                acts = (trigger.direction == "object") != trigger.possessed
                return (possessor, holder) if acts else (holder, possessor)
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
                        p in (group := group_of(target, participants, text))
                        and is_list(group, text)
                    )
                ]
                between += fronted[:1]
                # not another target: "supply X to A and supply Y to B" has no A -> B
                subjects = [p for p in before if not marked(p, target_marker)]
                if (
                    language == "id"
                    and nominal(trigger)
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
                and not is_list(group_of(after[0], participants, text), text)
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
            and (same_span(p, q) or markers.joined.fullmatch(text, p.end, q.start))
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
            before = distinct(nearest_before(participants, trigger.start))
            after = distinct(nearest_after(participants, trigger.end))
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
            group = group_of(p, participants, text)
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
            if q.end <= trigger.start and self._joint_subject(trigger, text, language):
                # "Gerindra, PAN, dan PKS menolak Perppu tersebut": the names act together on
                # the verb's object; they are not its two parties ("saling mengecam" makes them so)
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
        trigger: Trigger, before: list[Participant], text: str
    ) -> tuple[Participant, Participant] | None:
        """The holder and the possessor of a relational noun with both named before it:
        "Instagram ... Facebook sebagai perusahaan induknya" (holder Facebook, set beside the
        noun; possessor Instagram) or "Microsoft, OpenAI's exclusive cloud provider" / "Microsoft
        is OpenAI's cloud provider" (possessor OpenAI right before it; holder Microsoft)."""
        markers = pairing_markers()
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
        ordered: list[Participant], text: str, start: int
    ) -> tuple[Participant, Participant] | None:
        """The pair a "between" after the trigger opens: the first two names after it, joined by
        "dan" / "dengan" / "and" ("antara semua layanan di Blibli dengan Gojek")."""
        markers = pairing_markers()
        inside = [p for p in ordered if p.start >= start]
        if not inside or not (
            InteractionExtractor._close(text, start, inside[0].start, words=markers.between_gap)
            and "," not in text[start : inside[0].start]
            and not markers.examples.search(text, start, inside[0].start)
        ):
            return None  # "hubungan antara penyedia jasa ... dengan perusahaan macam X, Y"
        first, rest = inside[0], [p for p in inside[1:] if p.entity != inside[0].entity]
        if rest and (
            same_span(first, rest[0]) or markers.joined.fullmatch(text, first.end, rest[0].start)
        ):
            return first, rest[0]
        return None

    @staticmethod
    def _object(text: str, trigger: Trigger, second: Participant, triggers: list[Trigger]) -> bool:
        """A name after a trigger, paired by proximity alone, is its object: in its clause, marked
        as a party ("dari X", "oleh X"), or a few words after its first comma ("menggugat rivalnya,
        Samsung", "tujuh anak usaha, yakni BCA Finance"), not further down a list of clauses
        ("melanggar UU, merugikan negara, pekerja dan JICT"), and not a name a relational noun
        between them introduces ("denda ... perusahaan induk mereka, Alphabet")."""
        markers = pairing_markers()
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
    def _joint_subject(trigger: Trigger, text: str, language: str) -> bool:
        """An Indonesian active transitive verb (me- form: "menolak", "mengecam"), not made
        reciprocal by "saling": names coordinated before it are its joint subject."""
        return (
            language == "id"
            and active_verb(trigger)
            and not _RECIPROCAL.search(text, 0, trigger.start)
        )

    @staticmethod
    def _fronted(
        trigger: Trigger, group: list[Participant], p: Participant, q: Participant, text: str
    ) -> bool:
        """One counterpart in a clause fronted before its subject, the comma between them no list:
        "Prior to the partnership with Victor, BAM were ..." (not "we can compete against JDT, PJ
        City and Sabah", a list whose last member is no organization)."""
        return (
            group == [p, q]
            and not is_list(group, text)
            and len(text[: trigger.start].split()) <= pairing_markers().gap
            and not pairing_markers().listed.match(text, q.end)
        )

    @staticmethod
    def _genitive(
        trigger: Trigger, after: list[Participant], text: str, language: str
    ) -> tuple[Participant, Participant] | None:
        """An Indonesian action noun with a name right after it names its actor, and the next name
        in its clause what it acts on: "menegaskan investasi Tencent terhadap startup lokal
        terbesar Gojek" is Tencent investing in Gojek, whatever subject the sentence has."""
        if (
            language != "id"
            or not nominal(trigger)
            or trigger.text[:1].isupper()  # in a title: "Direktur Penyidikan KPK"
            or trigger.relational
            or trigger.text.lower() in pairing_markers().party_nouns
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
        if {w.lower() for w in found} & (
            pairing_markers().copulas | pairing_markers().bare_copulas
        ):
            return None  # "saham mayoritas MKNT adalah X": X holds it, set beside by "adalah"
        if any(_ACTIVE.match(w) for w in found):
            return None  # "tuduhan DPR mendukung X": a clause, X is no object of the noun
        if (
            not between.strip()  # "Bareskrim Polri": one name after another
            or any(c in between for c in ",;:()")
            or pairing_markers().joined.fullmatch(text, first.end, second.start)
        ):
            return None  # "akuisisi Tokopedia dan Bukalapak": both acted on
        return first, second

    @staticmethod
    def _source_apposed(
        trigger: Trigger, after: list[Participant], text: str, triggers: list[Trigger]
    ) -> Participant | None:
        """The name in apposition to a relational noun and its possessor right after the source
        word of a sourced trigger: "investee dari anak usaha modal ventura BCA, CCV" is CCV."""
        markers = pairing_markers()
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
        trigger: Trigger, before: list[Participant], text: str
    ) -> tuple[Participant, Participant] | None:
        """A name set by "as" beside a possessive pronoun and a relational noun holds the relation,
        the pronoun's organization possesses it: "X has appointed Y as its new external auditor,
        replacing Z" (Y, not Z, is X's auditor)."""
        markers = pairing_markers()
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
        trigger: Trigger, before: list[Participant], after: list[Participant], text: str
    ) -> tuple[Participant, Participant] | None:
        """A name set by a copula beside an investment noun whose holder follows "of": "SilTerra is
        a strategic investment of DNeX and X" (DNeX and X invest in SilTerra; markers.toml
        `[held_of]`)."""
        markers = pairing_markers()
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
        markers = pairing_markers()
        for word in re.findall(r"[\w-]+", between.lower()):
            if word in markers.copulas or word in markers.bare_copulas:
                return True
            if word not in markers.owned_fillers:
                return False
        return True

    @staticmethod
    def _enough(participants: list[Participant], continued: Participant | None) -> bool:
        """Two organizations to pair: in the sentence, or one there and the subject it continues."""
        distinct = {p.entity for p in participants}
        return len(distinct) >= 2 or (
            continued is not None and len(distinct | {continued.entity}) >= 2
        )

    @staticmethod
    def _unsaid(trigger: Trigger, participants: list[Participant], text: str) -> bool:
        """A directed act stated without its actor: no organization before the trigger, and the
        one it acts on marked right after it ("an RM18.5 million contract to supply cables to
        Tenaga Nasional Bhd"), or only other targets before it. Only for the types of
        markers.toml `unsaid_actor`."""
        markers = pairing_markers()
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
    def _foreign_agent(text: str, trigger: Trigger, p: Participant) -> bool:
        """`p` is the agent of another passive verb or participle ("Managed by Hilton, ...")."""
        return bool(
            pairing_markers().agent.search(text, 0, p.start)
        ) and InteractionExtractor._relayed(text, trigger, p)

    @staticmethod
    def _relayed(text: str, trigger: Trigger, agent: Participant) -> bool:
        """An agent marker after another passive verb or participle is that verb's agent: "yang
        dirilis oleh Reuters", "the project held by X" (unless the verb passes the act on: "yang
        dipimpin oleh X", "led by X"; markers.toml `agent_relays`)."""
        markers = pairing_markers()
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
        first: Participant,
        second: Participant,
        triggers: Sequence[Trigger] = (),
    ) -> bool:
        """A relational noun with its possessor right after it ("anak perusahaan Google",
        "investor HaloDoc") relates the possessor to a name before it set beside the noun
        ("Instagram, anak usaha Facebook"; "X tercatat sebagai investor Y"), not to the subject
        of another verb ("UE mengancam anak perusahaan Google"), nor to one another relation noun
        stands between ("X merupakan investee dari anak usaha Y": X is no subsidiary of Y)."""
        markers = pairing_markers()
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
    def _split(text: str, trigger: Trigger, second: Participant, triggers: list[Trigger]) -> bool:
        """A name paired by proximity alone stands in a later clause with its own interaction:
        "... dari persaingan ... ketika Softbank menyuntikkan dana ke Uber" (not "X keluar karena
        gagal bersaing dengan Y": a subject before the trigger is shared across clauses)."""
        opened = pairing_markers().clause.search(text, trigger.end, second.start)
        return opened is not None and any(t.start >= second.end for t in triggers)

    @staticmethod
    def _close(text: str, start: int, end: int, words: int | None = None) -> bool:
        """At most `weak_gap` (or `words`) words between two points of a sentence, in one clause;
        an amount in brackets is an aside ("US$ 2 juta (Rp 26 miliar) yang dipimpin oleh X")."""
        between = _AMOUNT_ASIDE.sub(" ", text[start:end])
        limit = pairing_markers().weak_gap if words is None else words
        return len(between.split()) <= limit and not any(c in between for c in ";:()")

    @staticmethod
    def _examples_after(
        trigger: Trigger, before: list[Participant], after: list[Participant], text: str
    ) -> bool:
        """A weak symmetric trigger whose counterparts are given as examples right after it, its
        subject in the same clause before it: "X is the only provider that works with top banks -
        such as A in Malaysia and B in Korea -" (X works with A and with B)."""
        markers = pairing_markers()
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
        first: Participant,
        after: list[Participant],
        text: str,
        language: str,
    ) -> bool:
        """An Indonesian relation noun (no verb prefix) with its pair right after it, `first`
        coordinated with the next: "kemitraan strategis Grab dengan KAI", "peleburan operasional
        Grab dan Uber". The subject before ("X mengungkapkan, ... kemitraan Grab dengan KAI",
        "SoftBank mendorong peleburan Grab dan Uber") is no party."""
        markers = pairing_markers()

        def marked(pattern: re.Pattern[str]) -> bool:
            return bool(pattern.search(text, 0, first.start))

        return (
            language == "id"
            and nominal(trigger)
            and trigger.text.lower() not in markers.party_nouns
            and first.entity == after[0].entity
            and self._close(text, trigger.end, first.start, words=2)
            and not any(c in text[trigger.end : first.start] for c in ",;:()")
            and not marked(markers.counterpart)
            and not marked(markers.examples)
            and not marked(markers.agent)
        )

    def _beside(
        self, trigger: Trigger, before: list[Participant], after: list[Participant], text: str
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
            pairing_markers().appositive.fullmatch(text, before[0].end, trigger.start)
        )

    @staticmethod
    def _unclaimed(
        trigger: Trigger, participants: list[Participant], text: str, triggers: list[Trigger]
    ) -> list[Participant]:
        """Participants not claimed by another trigger: in "ketegangan antara X dan Y ... bahwa
        persaingan ...", X and Y belong to "ketegangan", which they hang from."""
        markers = pairing_markers()
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
        pair: tuple[Participant, Participant],
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
