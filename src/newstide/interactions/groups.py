"""Whether two organizations of an article are one group's: a parent and its unit, or two units.

GUIDELINES rule 6 makes ownership `investment`. Beyond that, news about a group's own members
("CIMB Group said Lani transformed CIMB Niaga's consumer banking", "the decision to appoint
suppliers is made by Honda's headquarters" in a story on Honda Malaysia) states no supply,
rivalry, dispute or partnership between them: the extractor keeps only ownership (`investment`,
`acquisition`) between members of one group.

Names say it, not the knowledge base's parents: those are today's, and news is of its day (Grab
partnered with OVO years before it took OVO over). Two organizations are one group's when one
name, without legal form and group words ("Group", "Holdings"), begins the other ("Pertamina" and
"Pertamina Patra Niaga", "CIMB Group" and "CIMB Niaga"), or when both begin with the same
distinctive word ("Honda Motor" and "Honda Malaysia"). A word is distinctive when it is no generic
word of institutions' names (markers.toml `group_generic`: "Bank", "Kementerian", "National" ...)
and the article never writes it in lower case ("bank", "media").
"""

from __future__ import annotations

from collections.abc import Collection

from newstide.nlp.kb import normalize_name
from newstide.nlp.wordlists import entity_words


def _name_words(name: str) -> list[str]:
    """A name's words, casefolded, without legal forms and group words."""
    groups = entity_words("heads.toml", "groups")
    return [word for word in normalize_name(name).split() if word not in groups]


def same_group(a: str, b: str, lower_words: Collection[str], generic: Collection[str]) -> bool:
    """Whether the organizations named `a` and `b` (canonical names) are members of one group.

    Args:
        a: One organization's canonical name.
        b: The other's.
        lower_words: The words the article writes in lower case, casefolded.
        generic: Casefolded words that begin the names of unrelated institutions.
    """
    first, second = _name_words(a), _name_words(b)
    if not first or not second:
        return False
    shorter, longer = sorted((first, second), key=len)
    if longer[: len(shorter)] == shorter:
        return True
    word = first[0]
    return (
        word == second[0]
        and word not in generic
        and word not in lower_words
        and any(c.isalpha() for c in word)
    )
