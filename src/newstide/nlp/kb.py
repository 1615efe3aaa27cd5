"""The knowledge base of organizations newstide ships, and the name normalisation that keys it.

`data/kb/organizations.jsonl` holds one organization per line (id, name, aliases in Indonesian and
English, ticker, type, country, sector, parent, and products that news mistakes for companies);
`data/kb/legal_forms.toml` lists the legal-form words ("PT", "Tbk", "(Persero)", "Sdn Bhd",
"Inc.", "GmbH" ...) stripped before names are compared. A user's own JSONL files are merged in by
id. Lookups go through one dict keyed by the normalised name, so they cost the same however large
the knowledge base grows; tickers are a second dict, matched case-sensitively because "BUMI",
"BUKA" and "CUAN" are Indonesian words in lower case.
"""

from __future__ import annotations

import hashlib
import json
import re
import tomllib
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from newstide.errors import SettingsError
from newstide.settings import EntitySettings

#: Kinds of entity a knowledge-base line may describe (the shipped file holds only ORG).
KINDS = frozenset({"ORG", "PER", "LOC"})

#: What an organization is; `README.md` beside the data says what each means.
TYPES = frozenset(
    {
        "company",
        "startup",
        "bank",
        "soe",
        "regulator",
        "ministry",
        "government",
        "party",
        "university",
        "media",
        "ngo",
        "club",
        "exchange",
        "investor",
        "international",
        "other",
    }
)

#: Kind and type given to a user line that names a new entity without them.
DEFAULT_KIND = "ORG"
DEFAULT_TYPE = "other"

#: A bare ticker symbol ("BBRI") is looked up only when at least this long and not all digits:
#: single letters ("C", "V") and Bursa Malaysia's codes ("1155") are too often something else.
MIN_BARE_TICKER_CHARS = 2

#: A word that starts this many of the knowledge base's names is the head of a name ("Bank").
LEADING_WORD_NAMES = 3

#: Length of the hash used as the id of an unknown entity whose name has no letters or digits.
_HASH_ID_CHARS = 12

_FIELDS = (
    "id",
    "name",
    "aliases",
    "kind",
    "type",
    "country",
    "ticker",
    "sector",
    "parent",
    "ambiguous_aliases",
    "products",
)
_USER_ONLY_FIELDS = ("remove_aliases",)
_LIST_FIELDS = ("aliases", "ambiguous_aliases", "remove_aliases", "products")
_NULLABLE_FIELDS = ("country", "ticker", "sector", "parent")

_ID_RE = re.compile(r"^[a-z0-9]+(?:[-_.][a-z0-9]+)*$")
_COUNTRY_RE = re.compile(r"^[A-Z]{2}$")
_TICKER_RE = re.compile(r"^[A-Z][A-Z0-9]*:[A-Z0-9][A-Z0-9.\-]*$")
_SECTOR_RE = re.compile(r"^[a-z]+(?:-[a-z]+)*$")
_TICKER_COLON_RE = re.compile(r"\s*:\s*")
_SLUG_RE = re.compile(r"[\W_]+")

# Quotes, apostrophes and dashes users meet in scraped text, mapped onto their ASCII forms.
_QUOTES_AND_DASHES = str.maketrans(
    {
        "‘": "'",
        "’": "'",
        "‚": "'",
        "‛": "'",
        "′": "'",
        "`": "'",
        "´": "'",
        "“": '"',
        "”": '"',
        "„": '"',
        "‟": '"',
        "″": '"',
        "‐": "-",
        "‑": "-",
        "‒": "-",
        "–": "-",
        "—": "-",
        "―": "-",
        "−": "-",
    }
)
_TOKEN_EDGE_CHARS = "()[],;:"
_SHIPPED_KB = "data/kb/organizations.jsonl"
_SHIPPED_LEGAL_FORMS = "data/kb/legal_forms.toml"


@dataclass(frozen=True, slots=True)
class LegalForms:
    """The legal-form words stripped from names, as read from `legal_forms.toml`.

    Args:
        tokens: Casefolded, dotless single words stripped with or without brackets ("pt", "tbk").
        bracketed: Words stripped only when the whole token is in brackets ("m" of "(M)").
        phrases: Multi-word forms, longest first, stripped as a whole ("sendirian berhad").
    """

    tokens: frozenset[str]
    bracketed: frozenset[str] = frozenset()
    phrases: tuple[tuple[str, ...], ...] = ()

    @classmethod
    def from_words(
        cls, tokens: Iterable[str], bracketed: Iterable[str] = (), phrases: Iterable[str] = ()
    ) -> LegalForms:
        """Build from words as people write them ("Tbk.", "Sdn Bhd", "Kabushiki Kaisha").

        Args:
            tokens: Single-word forms stripped anywhere in a name.
            bracketed: Single-word forms stripped only inside brackets.
            phrases: Multi-word forms stripped as a whole.

        Returns:
            The legal forms, compared the way `normalize_name` compares tokens.
        """
        split = {tuple(_core(word) for word in _unify(phrase).split()) for phrase in phrases}
        return cls(
            tokens=frozenset(_core(_unify(word)) for word in tokens),
            bracketed=frozenset(_core(_unify(word)) for word in bracketed),
            phrases=tuple(sorted((p for p in split if p), key=len, reverse=True)),
        )

    def is_form(self, word: str) -> bool:
        """Whether one word as written ("Corp.", "Tbk", "(Persero)", "(M)") is a legal form."""
        raw = _unify(word)
        core = _core(raw)
        if core in self.tokens:
            return True
        return raw.startswith("(") and raw.endswith(")") and core in self.bracketed

    @staticmethod
    def key(word: str) -> str:
        """A word as legal forms are compared: casefolded, without brackets and dots ("pt")."""
        return _core(_unify(word))

    def span_at(self, cores: Sequence[str], raw: Sequence[str], start: int) -> int:
        """How many tokens from `start` form a legal form (0 when none does)."""
        for phrase in self.phrases:
            if tuple(cores[start : start + len(phrase)]) == phrase:
                return len(phrase)
        core = cores[start]
        if core in self.tokens:
            return 1
        token = raw[start].rstrip(",;")
        if token.startswith("(") and token.endswith(")") and core in self.bracketed:
            return 1
        return 0


@cache
def shipped_legal_forms() -> LegalForms:
    """The legal forms listed in the shipped `legal_forms.toml`, read once."""
    text = resources.files("newstide").joinpath(_SHIPPED_LEGAL_FORMS).read_text(encoding="utf-8")
    data = tomllib.loads(text)
    return LegalForms.from_words(
        tokens=[word for words in data["tokens"].values() for word in words],
        bracketed=data["bracketed"]["only"],
        phrases=data["phrases"]["all"],
    )


@lru_cache(maxsize=1 << 16)
def _unify(text: str) -> str:
    """Casefold, fold width and accents, and map typographic quotes and dashes onto ASCII
    (cached: the same words are unified again and again, token by token)."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES_AND_DASHES)
    decomposed = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", text).casefold()


def _core(token: str) -> str:
    """A token as compared with legal forms: without brackets, trailing commas and dots."""
    return token.strip(_TOKEN_EDGE_CHARS).replace(".", "")


def _is_acronym(text: str) -> bool:
    """Whether a name is written as an acronym: capitals (and digits), no lower-case letter."""
    return any(ch.isupper() for ch in text) and not any(ch.islower() for ch in text)


def _is_edge_char(ch: str) -> bool:
    return ch.isspace() or ch == "&" or unicodedata.category(ch).startswith("P")


def _strip_edges(text: str) -> str:
    start, end = 0, len(text)
    while start < end and _is_edge_char(text[start]):
        start += 1
    while end > start and _is_edge_char(text[end - 1]):
        end -= 1
    return text[start:end]


def normalize_name(name: str, legal_forms: LegalForms | None = None) -> str:
    """The key an organization's name is compared by (cached for the shipped legal forms).

    See `_normalize`.
    """
    if legal_forms is None or legal_forms is shipped_legal_forms():
        return _normalize_with_shipped_forms(name)
    return _normalize(name, legal_forms)


@lru_cache(maxsize=1 << 16)
def _normalize_with_shipped_forms(name: str) -> str:
    # Names repeat heavily across mentions and articles; normalising is a hot path of linking.
    return _normalize(name, shipped_legal_forms())


def _normalize(name: str, legal_forms: LegalForms | None = None) -> str:
    """The key an organization's name is compared by.

    Casefolds, folds accents and full-width forms, unifies quotes and dashes, strips legal forms
    wherever they stand as whole tokens (with or without a final period, and bracketed ones such as
    "(Persero)"), strips punctuation at the edges and collapses whitespace.

    Args:
        name: A name as written: "PT Bank Rakyat Indonesia (Persero) Tbk.", "OpenAI, Inc.".
        legal_forms: The forms to strip; the shipped `legal_forms.toml` when None.

    Returns:
        The normalised name ("bank rakyat indonesia", "openai"); empty when nothing but legal
        forms and punctuation was given.
    """
    forms = legal_forms if legal_forms is not None else shipped_legal_forms()
    # A token's edge punctuation goes before it is compared, as it goes from the result: "?CO" is
    # the legal form "Co", so that the key of a key is the key itself.
    raw = [token for token in _unify(name).split() if _strip_edges(token)]
    cores = [_core(_strip_edges(token)) for token in raw]
    kept: list[str] = []
    index = 0
    while index < len(raw):
        span = forms.span_at(cores, raw, index)
        if span:
            # "Foo, Inc. and Bar": the comma before a dropped form goes with it.
            if kept:
                kept[-1] = kept[-1].rstrip(",;")
            index += span
            continue
        kept.append(raw[index])
        index += 1
    return _strip_edges(" ".join(token for token in kept if _strip_edges(token)))


def entity_id_for_unknown(
    name: str, kind: str = DEFAULT_KIND, legal_forms: LegalForms | None = None
) -> str:
    """A stable id for an entity the knowledge base does not hold, from its normalised name.

    The same organization written "PT Maju Jaya Tbk" and "Maju Jaya" gets the same id, so mentions
    merge across articles. Legal forms are stripped only for organizations.

    Args:
        name: The name as found in text.
        kind: ORG, PER or LOC; its lower case is the id's prefix.
        legal_forms: The forms to strip; the shipped ones when None.

    Returns:
        ``"org:" + slug`` ("org:maju-jaya"); a hash of the name when it has no letters or digits.

    Raises:
        ValueError: The name is empty or only whitespace.
    """
    if not name.strip():
        raise ValueError("an entity needs a non-empty name")
    key = normalize_name(name, legal_forms) if kind == "ORG" else _strip_edges(_unify(name))
    slug = _SLUG_RE.sub("-", key).strip("-")
    if not slug:
        slug = hashlib.sha1(_unify(name).strip().encode("utf-8")).hexdigest()[:_HASH_ID_CHARS]
    return f"{kind.lower()}:{slug}"


@dataclass(frozen=True, slots=True)
class KnownOrganization:
    """One entity of the knowledge base.

    Args:
        id: Stable id ("microsoft"), lower case; used as the entity id in the store.
        name: Canonical display name.
        aliases: Other names and spellings, in Indonesian and English.
        kind: ORG (PER or LOC only in user files).
        type: What it is: company, startup, bank, soe, regulator, ministry, ...
        country: ISO 3166-1 alpha-2 code ("EU" for European Union bodies), None for
            international organizations.
        ticker: "EXCHANGE:SYMBOL" ("IDX:BBRI", "NASDAQ:MSFT") or None.
        sector: Lower-case sector ("banking", "ai", "telecom") or None.
        parent: Id of the majority owner or supervising body, or None.
        ambiguous_aliases: Names among `name` and `aliases` that are ordinary words too ("Apple",
            "Mandiri", "Garuda"); a matcher should want context before linking them.
        products: Names of its products and services ("Google Assistant", "GrabPay", "Bixby"):
            not organizations, and not names of it either; news that pits a product against
            another means their makers.
    """

    id: str
    name: str
    aliases: tuple[str, ...] = ()
    kind: str = DEFAULT_KIND
    type: str = DEFAULT_TYPE
    country: str | None = None
    ticker: str | None = None
    sector: str | None = None
    parent: str | None = None
    ambiguous_aliases: tuple[str, ...] = ()
    products: tuple[str, ...] = ()

    @property
    def surfaces(self) -> tuple[str, ...]:
        """The name and every alias, each once, the name first."""
        return tuple(dict.fromkeys((self.name, *self.aliases)))

    @property
    def ticker_symbol(self) -> str | None:
        """The symbol part of the ticker ("BBRI" of "IDX:BBRI"), or None."""
        return self.ticker.split(":", 1)[1] if self.ticker else None


@dataclass(slots=True)
class _Entry:
    """A knowledge-base line being merged; mutable while files are read, then frozen."""

    values: dict[str, Any]
    origin: str
    line: int


def _fail(origin: str, line: int, message: str, hint: str) -> SettingsError:
    return SettingsError(f"{origin}:{line}: {message}", hint)


def _check_value(key: str, value: Any, origin: str, line: int) -> Any:
    """Check one field's type and form; lists come back as lists of stripped strings."""
    hint = "see the field list in newstide/data/kb/README.md"
    if key in _LIST_FIELDS:
        if not isinstance(value, list) or not all(
            isinstance(item, str) and item.strip() for item in value
        ):
            raise _fail(origin, line, f"{key!r} must be a list of non-empty strings", hint)
        return [item.strip() for item in value]
    if value is None:
        if key not in _NULLABLE_FIELDS:
            raise _fail(origin, line, f"{key!r} cannot be null", hint)
        return None
    if not isinstance(value, str) or not value.strip():
        raise _fail(origin, line, f"{key!r} must be a non-empty string, got {value!r}", hint)
    value = value.strip()
    checks: dict[str, tuple[bool, str]] = {
        "id": (bool(_ID_RE.match(value)), "lower-case letters, digits and - _ . (no ':')"),
        "kind": (value in KINDS, f"one of {', '.join(sorted(KINDS))}"),
        "type": (value in TYPES, f"one of {', '.join(sorted(TYPES))}"),
        "country": (bool(_COUNTRY_RE.match(value)), "a two-letter ISO country code such as ID"),
        "ticker": (bool(_TICKER_RE.match(value)), "EXCHANGE:SYMBOL such as IDX:BBRI"),
        "sector": (bool(_SECTOR_RE.match(value)), "lower-case words joined by -"),
        "parent": (bool(_ID_RE.match(value)), "the id of another entity"),
    }
    valid, expected = checks.get(key, (True, ""))
    if not valid:
        raise _fail(origin, line, f"{key} {value!r} is not valid", f"{key} must be {expected}")
    return value


def _parse_line(text: str, origin: str, line: int, user: bool) -> dict[str, Any]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise _fail(
            origin, line, f"not valid JSON: {exc.msg}", "write one JSON object per line"
        ) from exc
    if not isinstance(data, dict):
        raise _fail(origin, line, "not a JSON object", "write one JSON object per line")
    allowed = _FIELDS + _USER_ONLY_FIELDS if user else _FIELDS
    unknown = sorted(set(data) - set(allowed))
    if unknown:
        raise _fail(
            origin, line, f"unknown field {unknown[0]!r}", f"known fields: {', '.join(allowed)}"
        )
    if "id" not in data:
        raise _fail(origin, line, "missing 'id'", "every line needs an id")
    return {key: _check_value(key, value, origin, line) for key, value in data.items()}


def _read_lines(text: str, origin: str, user: bool) -> Iterator[tuple[int, dict[str, Any]]]:
    """Parsed lines with their numbers; blank lines and lines starting with # are skipped."""
    for number, raw in enumerate(text.splitlines(), start=1):
        stripped = raw.strip()
        if stripped and not stripped.startswith("#"):
            yield number, _parse_line(stripped, origin, number, user)


def _new_entry(values: dict[str, Any], origin: str, line: int) -> _Entry:
    if "name" not in values:
        raise _fail(
            origin,
            line,
            f"new entity {values['id']!r} has no 'name'",
            "give a name, or use the id of an entity the knowledge base already has",
        )
    merged: dict[str, Any] = {
        "aliases": [],
        "kind": DEFAULT_KIND,
        "type": DEFAULT_TYPE,
        "country": None,
        "ticker": None,
        "sector": None,
        "parent": None,
        "ambiguous_aliases": [],
        "products": [],
    }
    merged.update({k: v for k, v in values.items() if k != "remove_aliases"})
    return _Entry(merged, origin, line)


def _extend_entry(entry: _Entry, values: dict[str, Any], origin: str, line: int) -> None:
    """Apply a user line to an entity already known: lists extend, given scalars override."""
    current = entry.values
    if "name" in values and values["name"] != current["name"]:
        # The old canonical name stays findable.
        current["aliases"] = [current["name"], *current["aliases"]]
    for key, value in values.items():
        if key in ("aliases", "ambiguous_aliases", "products"):
            current[key] = list(dict.fromkeys([*current[key], *value]))
        elif key != "remove_aliases":
            current[key] = value
    removed = {alias.casefold() for alias in values.get("remove_aliases", [])}
    for key in ("aliases", "ambiguous_aliases"):
        current[key] = [alias for alias in current[key] if alias.casefold() not in removed]
    entry.origin, entry.line = origin, line


def _freeze(entry: _Entry, legal_forms: LegalForms) -> KnownOrganization:
    values = entry.values
    aliases = [alias for alias in values["aliases"] if alias != values["name"]]
    surfaces = {values["name"].casefold(), *(alias.casefold() for alias in aliases)}
    # An ambiguous alias not listed among the aliases is still a name of the entity.
    aliases += [alias for alias in values["ambiguous_aliases"] if alias.casefold() not in surfaces]
    organization = KnownOrganization(
        id=values["id"],
        name=values["name"],
        aliases=tuple(dict.fromkeys(aliases)),
        kind=values["kind"],
        type=values["type"],
        country=values["country"],
        ticker=values["ticker"],
        sector=values["sector"],
        parent=values["parent"],
        ambiguous_aliases=tuple(dict.fromkeys(values["ambiguous_aliases"])),
        products=tuple(dict.fromkeys(values.get("products", []))),
    )
    for surface in organization.surfaces:
        if not normalize_name(surface, legal_forms):
            raise _fail(
                entry.origin,
                entry.line,
                f"{surface!r} of {organization.id!r} is nothing but legal forms or punctuation",
                "give the name the organization is known by",
            )
    return organization


def _check_parents(entries: dict[str, _Entry]) -> None:
    for entry in entries.values():
        parent = entry.values["parent"]
        if parent is not None and parent not in entries:
            raise _fail(
                entry.origin,
                entry.line,
                f"parent {parent!r} of {entry.values['id']!r} is not in the knowledge base",
                "use the id of an entity defined in the shipped file or a user file",
            )
        seen = {entry.values["id"]}
        while parent is not None:
            if parent in seen:
                raise _fail(
                    entry.origin,
                    entry.line,
                    f"parents of {entry.values['id']!r} form a cycle through {parent!r}",
                    "an entity cannot own itself",
                )
            seen.add(parent)
            parent = entries[parent].values["parent"]


class KnowledgeBase:
    """Organizations newstide knows, looked up by any name, alias or ticker in O(1).

    Build one with `KnowledgeBase.load`, which reads the shipped file once and merges user files.

    Args:
        organizations: The entities, in priority order: when two share a normalised name, the
            later one wins the lookup (so user entities override shipped ones).
        legal_forms: The forms stripped when names are normalised; the shipped ones when None.
    """

    def __init__(
        self, organizations: Iterable[KnownOrganization], legal_forms: LegalForms | None = None
    ) -> None:
        self.legal_forms = legal_forms if legal_forms is not None else shipped_legal_forms()
        self._by_id: dict[str, KnownOrganization] = {}
        self._by_key: dict[str, str] = {}
        self._by_ticker: dict[str, str] = {}
        self._by_product: dict[str, str] = {}
        self._leading_forms: frozenset[str] | None = None
        self._leading_words: frozenset[str] | None = None
        for organization in organizations:
            self._by_id.pop(organization.id, None)
            self._by_id[organization.id] = organization
            for surface in organization.surfaces:
                self._by_key[normalize_name(surface, self.legal_forms)] = organization.id
        for organization in self._by_id.values():
            for product in organization.products:
                # a product that is also an organization's name ("LINE") is left to the name
                key = normalize_name(product, self.legal_forms)
                if key not in self._by_key:
                    self._by_product.setdefault(key, organization.id)
        for organization in self._by_id.values():
            if organization.ticker:
                self._by_ticker[organization.ticker] = organization.id
                symbol = organization.ticker_symbol or ""
                # A bare symbol that is another entity's name ("MA": Mastercard's symbol, the
                # Mahkamah Agung's name) is left to the name.
                owner = self._by_key.get(normalize_name(symbol, self.legal_forms))
                if (
                    len(symbol) >= MIN_BARE_TICKER_CHARS
                    and not symbol.isdigit()
                    and owner in (None, organization.id)
                ):
                    self._by_ticker.setdefault(symbol, organization.id)

    @classmethod
    def load(cls, user_files: Sequence[Path | str] = ()) -> KnowledgeBase:
        """The shipped knowledge base merged with a user's files, cached per set of files.

        A user line whose id is new adds an entity (it needs a name). A line with a known id
        extends it: aliases and ambiguous aliases are added, fields it gives override (a new name
        keeps the old one as an alias), and ``remove_aliases`` drops aliases. Files are applied
        in order; a file changed on disk is read again.

        Args:
            user_files: JSONL files in the shipped format.

        Returns:
            The merged knowledge base.

        Raises:
            SettingsError: A user file is missing or unreadable, or a line is malformed; the message
                names the file and line.
        """
        stamps = []
        for user_file in user_files:
            path = Path(user_file).expanduser().resolve()
            try:
                stat = path.stat()
            except OSError as exc:
                raise SettingsError(
                    f"cannot read knowledge-base file {path}: {exc.strerror}",
                    "check the path given as entities.user_kb",
                ) from exc
            stamps.append((str(path), stat.st_mtime_ns, stat.st_size))
        return _load_cached(tuple(stamps))

    @classmethod
    def from_settings(cls, entities: EntitySettings) -> KnowledgeBase:
        """The shipped knowledge base merged with the file named by ``entities.user_kb``, if any.

        Args:
            entities: The ``[entities]`` settings.

        Returns:
            The merged knowledge base (cached like `load`).

        Raises:
            SettingsError: The user file is missing or malformed.
        """
        return cls.load([entities.user_kb] if entities.user_kb else [])

    def lookup(self, surface: str) -> KnownOrganization | None:
        """The organization a surface form names, if the knowledge base knows it.

        Names and aliases are compared by `normalize_name`; tickers ("IDX:BBRI", "NASDAQ: MSFT",
        or a bare symbol such as "BBRI") only exactly as written, in upper case.

        Args:
            surface: The text found in an article ("PT Telkom Indonesia Tbk", "OJK", "TLKM").

        Returns:
            The organization, or None.
        """
        found = self._by_key.get(normalize_name(surface, self.legal_forms))
        if found is None:
            ticker = _TICKER_COLON_RE.sub(":", surface.strip().strip("()[]"))
            found = self._by_ticker.get(ticker)
        return self._by_id[found] if found is not None else None

    def lookup_as_written(self, surface: str) -> KnownOrganization | None:
        """The organization a surface names unmistakably: as `lookup`, but not through an ambiguous
        alias ("Putrajaya": the city or the government) nor through an acronym written otherwise
        than in capitals ("Ma", a name, is not "MA", the Mahkamah Agung).

        Args:
            surface: The text found in an article.

        Returns:
            The organization, or None when the knowledge base does not know the name or the name
            needs context to mean the organization.
        """
        found = self.lookup(surface)
        if found is None:
            return None
        written = " ".join(surface.split()).casefold()
        if written in {alias.casefold() for alias in found.ambiguous_aliases}:
            return None
        same = [s for s in found.surfaces if " ".join(s.split()).casefold() == written]
        if same and all(_is_acronym(s) for s in same) and not _is_acronym(surface):
            return None
        return found

    def product_owner(self, surface: str) -> KnownOrganization | None:
        """The organization whose product a surface names ("Google Assistant" → Google, "Bixby"
        → Samsung), compared by `normalize_name`; None for any name of an organization.

        Args:
            surface: The text found in an article.

        Returns:
            The maker, or None when the knowledge base lists no product by that name.
        """
        found = self._by_product.get(normalize_name(surface, self.legal_forms))
        return self._by_id[found] if found is not None else None

    def get(self, entity_id: str) -> KnownOrganization | None:
        """The organization with this id, or None."""
        return self._by_id.get(entity_id)

    def entity_id(self, surface: str, kind: str = DEFAULT_KIND) -> str:
        """The knowledge-base id of what a surface names, else a stable id for an unknown entity.

        Args:
            surface: The name as found in text.
            kind: The entity's kind, used for unknown entities' ids.

        Returns:
            "microsoft" for "Microsoft Corp.", "org:maju-jaya" for "PT Maju Jaya Tbk".
        """
        known = self.lookup(surface)
        if known is not None and known.kind == kind:
            return known.id
        return entity_id_for_unknown(surface, kind, self.legal_forms)

    def __len__(self) -> int:
        return len(self._by_id)

    def __iter__(self) -> Iterator[KnownOrganization]:
        return iter(self._by_id.values())

    def __contains__(self, entity_id: object) -> bool:
        return entity_id in self._by_id

    def aliases_for_matching(self) -> list[tuple[str, str, bool]]:
        """Every name and alias, for building a phrase matcher.

        Returns:
            ``(surface, id, is_ambiguous)`` per name and alias as written; ``is_ambiguous`` marks
            ordinary words ("Apple", "Mandiri") that should be linked only with context. Tickers are
            not included: see `tickers_for_matching`.
        """
        rows = []
        for organization in self._by_id.values():
            ambiguous = {alias.casefold() for alias in organization.ambiguous_aliases}
            for surface in organization.surfaces:
                rows.append((surface, organization.id, surface.casefold() in ambiguous))
        return rows

    def leading_legal_forms(self) -> frozenset[str]:
        """Legal forms written before the name (`LegalForms.key` of "PT", "Perum"): those that
        start more of the knowledge base's names than they end ("Tbk", "Bhd", "Inc" end them)."""
        if self._leading_forms is None:
            votes: dict[str, int] = {}
            for organization in self._by_id.values():
                for surface in organization.surfaces:
                    words = surface.split()
                    if len(words) < 2:
                        continue
                    for word, vote in ((words[0], 1), (words[-1], -1)):
                        if self.legal_forms.is_form(word):
                            key = LegalForms.key(word)
                            votes[key] = votes.get(key, 0) + vote
            self._leading_forms = frozenset(key for key, vote in votes.items() if vote > 0)
        return self._leading_forms

    def leading_name_words(self) -> frozenset[str]:
        """Lower-case words that start at least `LEADING_WORD_NAMES` of the knowledge base's
        multi-word names ("bank", "kementerian", "partai"): the head of an organization's name,
        never a stray word before it."""
        if self._leading_words is None:
            counts: dict[str, int] = {}
            for organization in self._by_id.values():
                for surface in organization.surfaces:
                    words = surface.split()
                    if len(words) >= 2 and not self.legal_forms.is_form(words[0]):
                        key = words[0].casefold()
                        counts[key] = counts.get(key, 0) + 1
            self._leading_words = frozenset(
                word for word, count in counts.items() if count >= LEADING_WORD_NAMES
            )
        return self._leading_words

    def tickers_for_matching(self) -> list[tuple[str, str]]:
        """``(symbol, id)`` per bare ticker symbol, to be matched case-sensitively ("BBRI")."""
        return [(symbol, entity) for symbol, entity in self._by_ticker.items() if ":" not in symbol]


def _read_shipped() -> str:
    return resources.files("newstide").joinpath(_SHIPPED_KB).read_text(encoding="utf-8")


@cache
def _load_cached(stamps: tuple[tuple[str, int, int], ...]) -> KnowledgeBase:
    """Build the knowledge base for files identified by (path, mtime, size), once per set."""
    legal_forms = shipped_legal_forms()
    entries: dict[str, _Entry] = {}
    for line, values in _read_lines(_read_shipped(), _SHIPPED_KB, user=False):
        if values["id"] in entries:
            raise _fail(_SHIPPED_KB, line, f"duplicate id {values['id']!r}", "ids are unique")
        entries[values["id"]] = _new_entry(values, _SHIPPED_KB, line)
    for path, _mtime, _size in stamps:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise SettingsError(
                f"cannot read knowledge-base file {path}: {exc}",
                "give a UTF-8 JSONL file as entities.user_kb",
            ) from exc
        for line, values in _read_lines(text, path, user=True):
            existing = entries.pop(values["id"], None)
            # Re-inserted at the end: entities a user touched win lookups over shipped ones.
            if existing is None:
                entries[values["id"]] = _new_entry(values, path, line)
            else:
                _extend_entry(existing, values, path, line)
                entries[values["id"]] = existing
    _check_parents(entries)
    return KnowledgeBase((_freeze(entry, legal_forms) for entry in entries.values()), legal_forms)
