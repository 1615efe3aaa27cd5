"""An organization's span that swallowed an official's title, rank or name is cut back to it."""

from __future__ import annotations

import pytest

from newstide.ingest.run import analyze_documents
from newstide.records import Article, RawDocument
from newstide.settings import load_settings


def spans(text: str) -> set[tuple[str, str]]:
    (article,) = analyze_documents(
        [RawDocument("t", "record", text, {"language": "id"})], load_settings()
    )
    assert isinstance(article, Article)
    return {(m.text, m.kind) for m in article.mentions if m.kind in ("ORG", "PER")}


@pytest.mark.parametrize(
    ("text", "organization", "person"),
    [
        # job title, organization, rank, name: the model tags the run from the organization on
        (
            "Kepala Bidang Humas Polda Metro Jaya Komisaris Besar Polisi Argo Yuwono mengatakan,"
            " penyelidikan berjalan.",
            "Polda Metro Jaya",
            "Argo Yuwono",
        ),
        (
            "Kepala Polresta Denpasar Komisaris Besar Hadi Purnomo hadir dalam rapat itu.",
            "Polresta Denpasar",
            "Hadi Purnomo",
        ),
        ("Menurut Kadiv Humas Polri Irjen Boy Rafli Amar, penangkapan itu sah.", "Polri", "Boy Rafli Amar"),
        # a public-relations division named before its institution, spelled out
        (
            "Kata Kepala Bidang Hubungan Masyarakat Polda Metro Jaya Komisaris Besar Argo Yuwono.",
            "Polda Metro Jaya",
            "Argo Yuwono",
        ),
        # a post before an organization and a name with no rank between them
        ("Analis Mandiri Sekuritas Hadiansyah mengatakan indeks naik.", "Mandiri Sekuritas", "Hadiansyah"),
        ("Direktur Utama PT PP Tumiyana mengatakan, perseroan optimistis.", "PT PP", "Tumiyana"),
    ],
)  # fmt: skip
def test_an_officials_title_and_name_are_cut_from_the_organization(
    text: str, organization: str, person: str
) -> None:
    found = spans(text)
    assert (organization, "ORG") in found
    assert (person, "PER") in found
    assert not any(kind == "ORG" and person in name for name, kind in found)


def test_a_police_unit_keeps_the_prefix_the_model_left_out() -> None:
    assert ("Polda Metro Jaya", "ORG") in spans("Andrew melapor ke Polda Metro Jaya, Selasa.")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Direktorat Jenderal Pajak memeriksa PT Trans Distributor.", "Direktorat Jenderal Pajak"),
        ("Dewan Komisaris PT Bank Mandiri Tbk menyetujui rencana itu.", "PT Bank Mandiri Tbk"),
        ("Startup itu lulus dari program Founder Institute di Jakarta.", "Founder Institute"),
        ("Lagu itu dibawakan Fariz RM bersama Java Jive.", "Java Jive"),
    ],
)
def test_names_that_hold_a_title_word_stay_whole(text: str, name: str) -> None:
    # "Jenderal" of a directorate general, a board of commissioners, an institute named after
    # founders, a musician's initials that read as ringgit: none is cut
    found = spans(text)
    assert any(kind == "ORG" and n == name for n, kind in found), found
