"""The knowledge base of organizations: name normalisation, lookups, user files, and the shipped data."""

from __future__ import annotations

import dataclasses
import json
import os
from collections import defaultdict
from importlib import resources
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from newstide.errors import SettingsError
from newstide.nlp.kb import (
    TYPES,
    KnowledgeBase,
    KnownOrganization,
    LegalForms,
    entity_id_for_unknown,
    normalize_name,
    shipped_legal_forms,
)
from newstide.settings import Settings

SHIPPED = resources.files("newstide").joinpath("data/kb/organizations.jsonl")
FIELDS = [
    "id", "name", "aliases", "kind", "type", "country", "ticker", "sector", "parent",
    "ambiguous_aliases",
]  # fmt: skip
# The sector vocabulary documented in data/kb/README.md.
SECTORS = {
    "tech", "ai", "chips", "telecom", "ecommerce", "fintech", "crypto", "banking", "insurance",
    "investment", "finance", "energy", "mining", "automotive", "aviation", "transport", "logistics",
    "travel", "media", "gaming", "consumer", "retail", "food", "tobacco", "pharma", "healthcare",
    "property", "construction", "infrastructure", "industrial", "chemicals", "agriculture",
    "conglomerate", "government", "politics", "law", "competition", "trade", "economy", "defence",
    "education", "environment", "sports",
}  # fmt: skip
# Normalised names two shipped entities may share on purpose (none so far).
DELIBERATELY_SHARED: set[str] = set()
MIN_ORGANIZATIONS = 500


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase.load()


def shipped_rows() -> list[dict]:
    return [json.loads(line) for line in SHIPPED.read_text(encoding="utf-8").splitlines()]


def write(tmp_path: Path, *lines: str, name: str = "mine.jsonl") -> Path:
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


# --- normalisation ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("PT Bank Rakyat Indonesia (Persero) Tbk.", "bank rakyat indonesia"),
        ("PT Bank Rakyat Indonesia (Persero), Tbk", "bank rakyat indonesia"),
        ("PT Telkom Indonesia (Persero) Tbk", "telkom indonesia"),
        ("P.T. Gudang Garam TBK", "gudang garam"),
        ("Perum Bulog", "bulog"),
        ("PT Jakarta Propertindo (Perseroda)", "jakarta propertindo"),
        ("CV Maju Jaya", "maju jaya"),
        ("Koperasi Desa Merah Putih", "koperasi desa merah putih"),
        ("Badan Pusat Statistik", "badan pusat statistik"),
        ("Petroliam Nasional Berhad", "petroliam nasional"),
        ("Nexia SSY PLT", "nexia ssy"),  # a Malaysian limited liability partnership
        ("Malayan Banking Bhd.", "malayan banking"),
        ("U Mobile Sdn. Bhd.", "u mobile"),
        ("Unisem (M) Berhad", "unisem"),
        ("Foo Holdings (S) Pte. Ltd.", "foo holdings"),
        ("Microsoft Corp.", "microsoft"),
        ("Microsoft Corporation", "microsoft"),
        ("OpenAI, Inc.", "openai"),
        ("Anthropic PBC", "anthropic"),
        ("Samsung Electronics Co., Ltd.", "samsung electronics"),
        ("JPMorgan Chase & Co.", "jpmorgan chase"),
        ("Shell plc", "shell"),
        ("SAP SE", "sap"),
        ("Siemens AG", "siemens"),
        ("Nestlé S.A.", "nestle"),
        ("Toyota Motor Kabushiki Kaisha", "toyota motor"),
        ("Grab Holdings Limited", "grab holdings"),
        ("Samsung Group", "samsung group"),
        ("L’Oréal", "l'oreal"),
        ("“Gojek”", "gojek"),
        ("Mercedes–Benz", "mercedes-benz"),
        ("  Bank   Central\tAsia  ", "bank central asia"),
        ("ＯＪＫ", "ojk"),
        ("Pemerintah AS", "pemerintah as"),
        ("The Star", "the star"),
        ("Foo, Inc. and Bar", "foo and bar"),
        ("PT Tbk", ""),
    ],
)
def test_normalize_name(name: str, expected: str) -> None:
    assert normalize_name(name, shipped_legal_forms()) == expected


def test_normalize_name_with_custom_forms() -> None:
    forms = LegalForms.from_words(["Oy"], phrases=["Osakeyhtiö Oy"])
    assert normalize_name("Supercell Oy", forms) == "supercell"
    assert normalize_name("PT Supercell", forms) == "pt supercell"


@given(st.text(max_size=60))
@example("?CO")  # a legal form behind punctuation: stripped the first time, not the second
def test_normalize_name_is_idempotent(name: str) -> None:
    once = normalize_name(name)
    assert normalize_name(once) == once
    assert once == once.strip()
    assert "  " not in once


# --- lookups ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("surface", "expected"),
    [
        # the founding example
        ("Microsoft", "microsoft"),
        ("Microsoft Corp.", "microsoft"),
        ("OpenAI", "openai"),
        ("Inflection AI", "inflection-ai"),
        # Indonesian names, abbreviations and legal names
        ("PT Bank Rakyat Indonesia (Persero) Tbk", "bri"),
        ("Bank Rakyat Indonesia", "bri"),
        ("BRI", "bri"),
        ("Otoritas Jasa Keuangan", "ojk"),
        ("OJK", "ojk"),
        ("Komisi Pengawas Persaingan Usaha", "kppu"),
        ("KPPU", "kppu"),
        ("Kementerian Badan Usaha Milik Negara", "kementerian-bumn"),
        ("Kementerian BUMN", "kementerian-bumn"),
        ("Kominfo", "komdigi"),
        ("Kementerian Komunikasi dan Digital", "komdigi"),
        ("Bursa Efek Indonesia", "idx"),
        ("BEI", "idx"),
        ("PT Telkom Indonesia (Persero) Tbk", "telkom-indonesia"),
        ("Telkom", "telkom-indonesia"),
        ("PT KAI", "kai"),
        ("Partai Golkar", "golkar"),
        ("Golkar", "golkar"),
        ("PDIP", "pdi-p"),
        ("Bank Dunia", "world-bank"),
        ("PBB", "united-nations"),
        ("Gedung Putih", "white-house"),
        # English names
        ("Indonesia Stock Exchange", "idx"),
        ("IDX", "idx"),
        ("Financial Services Authority", "ojk"),
        ("Federal Trade Commission", "ftc"),
        ("Indonesian Finance Ministry", "kementerian-keuangan"),
        # Malaysian names
        ("Petroliam Nasional Berhad", "petronas"),
        ("Malayan Banking Berhad", "maybank"),
        ("Tenaga Nasional Berhad", "tenaga-nasional"),
        ("Bank Negara Malaysia", "bank-negara-malaysia"),
        ("CIMB Niaga", "cimb-niaga"),
        ("CIMB", "cimb"),
        # former names still in the news
        ("Facebook", "meta"),
        ("Twitter", "x-corp"),
        ("XL Axiata", "xlsmart"),
        # Indonesia's regional police commands and national agencies, by their short names
        ("Polda Metro Jaya", "polda-metro-jaya"),
        ("Polda Jatim", "polda-jawa-timur"),
        ("Kepolisian Daerah Jawa Timur", "polda-jawa-timur"),
        ("BNPB", "bnpb"),
        ("Densus 88", "densus-88"),
        # case, accents and punctuation
        ("microsoft corporation", "microsoft"),
        ("Nestle", "nestle"),
        ("“Tokopedia”", "tokopedia"),
    ],
)
def test_lookup_by_name(kb: KnowledgeBase, surface: str, expected: str) -> None:
    found = kb.lookup(surface)
    assert found is not None, surface
    assert found.id == expected


@pytest.mark.parametrize(
    ("surface", "expected"),
    [
        ("BBRI", "bri"),
        ("TLKM", "telkom-indonesia"),
        ("IDX:BBCA", "bca"),
        ("NASDAQ:MSFT", "microsoft"),
        ("NASDAQ: MSFT", "microsoft"),
        ("(NYSE:ORCL)", "oracle"),
        ("MSFT", "microsoft"),
        ("BUMI", "bumi-resources"),
        ("MYX:1155", "maybank"),
        ("NYSE:MA", "mastercard"),
        # a bare symbol that is another entity's name goes to the name
        ("MA", "mahkamah-agung"),
    ],
)
def test_lookup_by_ticker(kb: KnowledgeBase, surface: str, expected: str) -> None:
    found = kb.lookup(surface)
    assert found is not None, surface
    assert found.id == expected


@pytest.mark.parametrize(
    "surface",
    [
        "bbri",  # tickers only as written
        "bumi",  # "earth": an IDX symbol in lower case is a word
        "Buka",
        "1155",  # a Bursa Malaysia code alone
        "C",  # a one-letter NYSE symbol alone
        "Perusahaan teknologi raksasa itu",
        "PT Maju Jaya Tbk",
        "",
        "PT",
    ],
)
def test_lookup_misses(kb: KnowledgeBase, surface: str) -> None:
    assert kb.lookup(surface) is None


def test_two_firms_merged_into_one_entry_are_not_both_its_names(kb: KnowledgeBase) -> None:
    # CelcomDigi goes by Celcom's names; Digi.com Bhd, which news before the 2022 merger names
    # beside Celcom Axiata (a partner, a rival), is not one of them
    found = kb.lookup("Celcom Axiata")
    assert found is not None and found.id == "celcomdigi"
    assert kb.lookup("Digi.com Bhd") is None


def test_lookup_as_written_wants_a_name_that_means_the_organization(kb: KnowledgeBase) -> None:
    # an unambiguous name or alias, in any spelling of its case, and tickers as written
    assert kb.lookup_as_written("Microsoft Corp.").id == "microsoft"
    assert kb.lookup_as_written("Apple Inc").id == "apple"
    assert kb.lookup_as_written("BBRI").id == "bri"
    # an alias that is also a word or a place needs context: lookup finds it, this does not
    assert kb.lookup("Putrajaya").id == "malaysia-government"
    assert kb.lookup_as_written("Putrajaya") is None
    assert kb.lookup_as_written("Apple") is None
    # an acronym means the organization only in capitals ("Ma" is a name)
    assert kb.lookup_as_written("OJK").id == "ojk"
    assert kb.lookup("Ojk").id == "ojk"
    assert kb.lookup_as_written("Ojk") is None
    assert kb.lookup_as_written("Maju Jaya") is None


def test_legal_forms_recognise_one_word_as_written() -> None:
    forms = shipped_legal_forms()
    for word in ("PT", "Tbk.", "Corp", "(Persero)", "Bhd", "(M)"):
        assert forms.is_form(word), word
    for word in ("M", "Bank", "Holdings", "Microsoft"):
        assert not forms.is_form(word), word


def test_get_len_iter_contains(kb: KnowledgeBase) -> None:
    microsoft = kb.get("microsoft")
    assert microsoft is not None
    assert microsoft.name == "Microsoft"
    assert microsoft.ticker == "NASDAQ:MSFT"
    assert microsoft.ticker_symbol == "MSFT"
    assert microsoft.kind == "ORG"
    assert kb.get("no-such-id") is None
    assert "openai" in kb
    assert len(kb) == len(list(kb)) >= MIN_ORGANIZATIONS
    assert all(isinstance(organization, KnownOrganization) for organization in kb)


def test_parents(kb: KnowledgeBase) -> None:
    assert kb.get("telkomsel").parent == "telkom-indonesia"
    assert kb.get("gojek").parent == "goto"
    assert kb.get("google-deepmind").parent == "google"


def test_aliases_for_matching(kb: KnowledgeBase) -> None:
    rows = kb.aliases_for_matching()
    assert ("Apple", "apple", True) in rows
    assert ("Apple Inc", "apple", False) in rows
    assert ("Mandiri", "bank-mandiri", True) in rows
    assert ("Otoritas Jasa Keuangan", "ojk", False) in rows
    assert all(isinstance(surface, str) and surface for surface, _, _ in rows)
    assert {entity for _, entity, _ in rows} == {organization.id for organization in kb}
    tickers = dict(kb.tickers_for_matching())
    assert tickers["BBRI"] == "bri"
    assert "MA" not in tickers
    assert "1155" not in tickers


def test_entity_ids(kb: KnowledgeBase) -> None:
    assert kb.entity_id("Microsoft Corp.") == "microsoft"
    assert kb.entity_id("PT Maju Jaya Tbk") == "org:maju-jaya"
    assert kb.entity_id("Sam Altman", kind="PER") == "per:sam-altman"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("PT Maju Jaya Tbk", "org:maju-jaya"),
        ("Maju Jaya", "org:maju-jaya"),
        ("MAJU JAYA, Inc.", "org:maju-jaya"),
        ("Toko Sumber Rejeki & Co.", "org:toko-sumber-rejeki"),
        ("J&T Cargo", "org:j-t-cargo"),
        ("华为技术有限公司", "org:华为技术有限公司"),
    ],
)
def test_entity_id_for_unknown(name: str, expected: str) -> None:
    assert entity_id_for_unknown(name) == expected


def test_entity_id_for_unknown_edge_cases() -> None:
    only_forms = entity_id_for_unknown("PT Tbk")
    assert only_forms.startswith("org:")
    assert only_forms == entity_id_for_unknown("PT Tbk")
    assert entity_id_for_unknown("Bellevue", kind="LOC") == "loc:bellevue"
    with pytest.raises(ValueError, match="non-empty"):
        entity_id_for_unknown("  ")


@given(st.text(min_size=1, max_size=40).filter(str.strip))
def test_entity_id_for_unknown_is_stable(name: str) -> None:
    entity = entity_id_for_unknown(name)
    assert entity.startswith("org:")
    assert len(entity) > len("org:")
    assert entity == entity_id_for_unknown(name)


def test_custom_knowledge_base() -> None:
    kb = KnowledgeBase(
        [
            KnownOrganization("acme", "Acme", ("PT Acme Tbk",), ticker="IDX:ACME"),
            KnownOrganization("acme-labs", "Acme Labs", parent="acme"),
        ]
    )
    assert len(kb) == 2
    assert kb.lookup("acme").id == "acme"
    assert kb.lookup("ACME").id == "acme"
    assert kb.lookup("Acme Labs Inc.").id == "acme-labs"


def test_products_name_their_maker_and_are_no_organization(tmp_path: Path) -> None:
    kb = KnowledgeBase(
        [
            KnownOrganization("acme", "Acme", products=("Acme Cloud", "Roadrunner")),
            KnownOrganization("roadrunner", "Roadrunner Inc"),
        ]
    )
    assert kb.product_owner("Acme Cloud").id == "acme"
    assert kb.lookup("Acme Cloud") is None  # a product is no name of its maker
    # a product named like an organization is left to the organization
    assert kb.product_owner("Roadrunner") is None
    assert kb.lookup("Roadrunner").id == "roadrunner"
    # a user file adds products to a shipped organization
    path = write(tmp_path, '{"id": "google", "products": ["Google Quantum Widget"]}')
    extended = KnowledgeBase.load([path])
    assert extended.product_owner("Google Quantum Widget").id == "google"
    assert extended.product_owner("Google Assistant").id == "google"  # shipped ones stay


def test_leading_name_words_head_many_names() -> None:
    kb = KnowledgeBase(
        [
            KnownOrganization("a", "Bank Alfa"),
            KnownOrganization("b", "Bank Beta"),
            KnownOrganization("c", "Bank Gamma", ("PT Bank Gamma",)),
            KnownOrganization("d", "Delta Labs"),
        ]
    )
    assert kb.leading_name_words() == frozenset({"bank"})


# --- user files ------------------------------------------------------------------------------


def test_load_is_cached(kb: KnowledgeBase) -> None:
    assert KnowledgeBase.load() is kb


def test_from_settings(tmp_path: Path, settings: Settings) -> None:
    assert KnowledgeBase.from_settings(settings.entities) is KnowledgeBase.load()
    path = write(tmp_path, '{"id": "maju-jaya", "name": "PT Maju Jaya Tbk"}')
    entities = dataclasses.replace(settings.entities, user_kb=str(path))
    assert KnowledgeBase.from_settings(entities).lookup("Maju Jaya").id == "maju-jaya"


def test_user_file_adds_and_extends(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "# my organizations",
        "",
        '{"id": "maju-jaya", "name": "PT Maju Jaya Tbk", "aliases": ["Maju Jaya"], '
        '"type": "company", "country": "ID", "ticker": "IDX:MAJU", "sector": "retail", '
        '"parent": "sinar-mas"}',
        '{"id": "openai", "aliases": ["OpenAI Foundation"], "ambiguous_aliases": ["Open"]}',
        '{"id": "bank-mandiri", "remove_aliases": ["Mandiri"]}',
        '{"id": "budi", "name": "Budi Santoso", "kind": "PER"}',
    )
    kb = KnowledgeBase.load([path])
    assert len(kb) == len(KnowledgeBase.load()) + 2

    maju = kb.lookup("Maju Jaya")
    assert maju is not None
    assert maju.id == "maju-jaya"
    assert (maju.type, maju.country, maju.sector, maju.parent) == (
        "company",
        "ID",
        "retail",
        "sinar-mas",
    )
    assert kb.lookup("MAJU").id == "maju-jaya"
    assert kb.get("budi").kind == "PER"

    openai = kb.get("openai")
    assert "OpenAI Inc" in openai.aliases  # shipped aliases stay
    assert "OpenAI Foundation" in openai.aliases
    assert "Open" in openai.aliases and "Open" in openai.ambiguous_aliases
    assert kb.lookup("OpenAI Foundation").id == "openai"

    assert kb.lookup("Mandiri") is None
    assert kb.lookup("Bank Mandiri").id == "bank-mandiri"
    # the shipped base is untouched
    assert KnowledgeBase.load().lookup("Mandiri").id == "bank-mandiri"


def test_user_file_overrides(tmp_path: Path) -> None:
    first = write(tmp_path, '{"id": "tokopedia", "name": "Tokopedia by TikTok", "sector": null}')
    second = write(
        tmp_path,
        '{"id": "my-apple", "name": "Apple Records", "aliases": ["Apple"]}',
        name="second.jsonl",
    )
    kb = KnowledgeBase.load([first, second])
    tokopedia = kb.get("tokopedia")
    assert tokopedia.name == "Tokopedia by TikTok"
    assert tokopedia.sector is None
    assert kb.lookup("Tokopedia").id == "tokopedia"  # the old name stays an alias
    assert kb.lookup("Apple").id == "my-apple"  # user entities win shared names
    assert kb.lookup("Apple Inc").id == "my-apple"


def test_user_file_changed_on_disk_is_read_again(tmp_path: Path) -> None:
    path = write(tmp_path, '{"id": "one", "name": "Perusahaan Satu"}')
    assert KnowledgeBase.load([path]).lookup("Perusahaan Satu").id == "one"
    path.write_text('{"id": "two", "name": "Perusahaan Dua Baru"}\n', encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    reloaded = KnowledgeBase.load([path])
    assert reloaded.lookup("Perusahaan Satu") is None
    assert reloaded.lookup("Perusahaan Dua Baru").id == "two"


@pytest.mark.parametrize(
    ("lines", "bad_line", "message"),
    [
        (['{"id": "a", "name": "A"}', '{"id": "b", "name": '], 2, "not valid JSON"),
        (['["a", "b"]'], 1, "not a JSON object"),
        (['{"id": "a", "name": "A", "alias": ["B"]}'], 1, "unknown field 'alias'"),
        (['{"name": "Tanpa Id"}'], 1, "missing 'id'"),
        (['{"id": "tanpa-nama"}'], 1, "has no 'name'"),
        (['{"id": "Bad Id", "name": "A"}'], 1, "id 'Bad Id' is not valid"),
        (['{"id": "org:x", "name": "A"}'], 1, "is not valid"),
        (['{"id": "a", "name": "A", "type": "corporation"}'], 1, "type 'corporation'"),
        (['{"id": "a", "name": "A", "kind": "ORGANIZATION"}'], 1, "kind"),
        (['{"id": "a", "name": "A", "country": "Indonesia"}'], 1, "country"),
        (['{"id": "a", "name": "A", "ticker": "BBRI"}'], 1, "ticker"),
        (['{"id": "a", "name": "A", "aliases": "B"}'], 1, "list of non-empty strings"),
        (['{"id": "a", "name": "A", "aliases": [""]}'], 1, "list of non-empty strings"),
        (['{"id": "a", "name": 5}'], 1, "non-empty string"),
        (['{"id": "a", "name": null}'], 1, "cannot be null"),
        (
            ['{"id": "a", "name": "A"}', '{"id": "b", "name": "B", "parent": "nope"}'],
            2,
            "parent 'nope'",
        ),
        (
            ['{"id": "a", "name": "A", "parent": "b"}', '{"id": "b", "name": "B", "parent": "a"}'],
            1,
            "cycle",
        ),
        (['{"id": "a", "name": "PT Tbk"}'], 1, "nothing but legal forms"),
    ],
)
def test_malformed_user_file(tmp_path: Path, lines: list[str], bad_line: int, message: str) -> None:
    path = write(tmp_path, *lines)
    with pytest.raises(SettingsError, match=message) as caught:
        KnowledgeBase.load([path])
    assert f"{path.resolve()}:{bad_line}:" in str(caught.value)
    assert caught.value.hint


def test_missing_user_file(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match="cannot read knowledge-base file"):
        KnowledgeBase.load([tmp_path / "nope.jsonl"])


def test_user_file_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin1.jsonl"
    path.write_bytes('{"id": "a", "name": "Société"}\n'.encode("latin-1"))
    with pytest.raises(SettingsError, match="cannot read knowledge-base file"):
        KnowledgeBase.load([path])


# --- the shipped file ------------------------------------------------------------------------


def test_shipped_lines_are_valid() -> None:
    rows = shipped_rows()
    assert len(rows) >= MIN_ORGANIZATIONS
    ids = [row["id"] for row in rows]
    assert ids == sorted(ids), "keep the file sorted by id"
    assert len(set(ids)) == len(ids)
    for row in rows:
        # `products` is written only by organizations that list some
        assert list(row) in (FIELDS, [*FIELDS, "products"]), row["id"]
        assert row.get("products", [None]), row["id"]
        assert row["kind"] == "ORG", row["id"]
        assert row["type"] in TYPES - {"other"}, row["id"]
        assert row["sector"] in SECTORS, row["id"]
        assert row["parent"] is None or row["parent"] in ids, row["id"]
        assert row["parent"] != row["id"]
        assert row["country"] is None or len(row["country"]) == 2, row["id"]
        surfaces = [row["name"], *row["aliases"]]
        assert len(set(surfaces)) == len(surfaces), f"repeated alias in {row['id']}"
        assert set(row["ambiguous_aliases"]) <= set(surfaces), row["id"]
        assert all(normalize_name(surface) for surface in surfaces), row["id"]


def test_shipped_names_are_unique_across_entities() -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for row in shipped_rows():
        for surface in [row["name"], *row["aliases"]]:
            owners[normalize_name(surface)].add(row["id"])
    shared = {key: ids for key, ids in owners.items() if len(ids) > 1}
    assert set(shared) <= DELIBERATELY_SHARED, shared


def test_shipped_products_are_no_organizations_names(kb: KnowledgeBase) -> None:
    for organization in kb:
        for product in organization.products:
            assert kb.lookup(product) is None, product
            assert kb.product_owner(product) is organization, product


def test_shipped_tickers_are_unique() -> None:
    tickers = [row["ticker"] for row in shipped_rows() if row["ticker"]]
    assert len(set(tickers)) == len(tickers)
    symbols = [ticker.split(":", 1)[1] for ticker in tickers]
    assert len(set(symbols)) == len(symbols)


def test_shipped_coverage(kb: KnowledgeBase) -> None:
    by_country: dict[str | None, int] = defaultdict(int)
    for organization in kb:
        by_country[organization.country] += 1
    assert by_country["ID"] >= 200
    assert by_country["MY"] >= 50
    for entity in [
        "openai", "anthropic", "alphabet", "google", "meta", "nvidia", "tsmc", "goto", "gojek",
        "tokopedia", "bri", "bank-mandiri", "bca", "ojk", "bank-indonesia", "kppu", "komdigi",
        "pertamina", "pln", "danantara", "petronas", "maybank", "imf", "ftc", "sec", "reuters",
    ]:  # fmt: skip
        assert entity in kb, entity
