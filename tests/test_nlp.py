"""Language identification and sentence segmentation for Indonesian and English news."""

from __future__ import annotations

import pytest

from newstide.nlp.language import identify
from newstide.nlp.sentences import split_spans
from newstide.settings import Settings


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Perusahaan itu mengatakan pemerintah akan memberikan bantuan karena ekonomi sedang lemah, "
         "menurut pernyataan yang dirilis kemarin di Jakarta.", "id"),
        ("Syarikat itu berkata kerajaan akan memberi bantuan kerana ekonomi negara semakin lemah, "
         "menurut kenyataan yang dikeluarkan semalam di Kuala Lumpur.", "ms"),
        ("Bank Negara Malaysia berkata kadar dasar semalaman kekal kerana inflasi terkawal, "
         "dan kerajaan boleh meneruskan pelaburan awam tahun ini.", "ms"),
        ("Telkomsel resmi berinvestasi di Gojek senilai US$150 juta, kata perusahaan dalam "
         "keterangan tertulis, Senin.", "id"),
        ("Microsoft said on Tuesday it would invest a further billion dollars in the startup.", "en"),
        ("Le gouvernement a annoncé mardi de nouvelles mesures pour soutenir les entreprises.", "fr"),
        ("12345 678 90", "und"),
    ],
)  # fmt: skip
def test_language(text: str, expected: str, settings: Settings) -> None:
    assert identify(text, settings.language) == expected


CASES = [
    (
        "PT Telkom Indonesia Tbk. melaporkan laba. Dr. Budi dkk. hadir di Jl. Sudirman No. 5 kemarin.",
        [
            "PT Telkom Indonesia Tbk. melaporkan laba.",
            "Dr. Budi dkk. hadir di Jl. Sudirman No. 5 kemarin.",
        ],
    ),
    (
        'Bpk. Joko datang. "Kami bermitra." katanya. Harga naik 3,5 persen.',
        ["Bpk. Joko datang.", '"Kami bermitra." katanya.', "Harga naik 3,5 persen."],
    ),
    (
        'Apple Inc. said U.S. sales rose. Mr. Cook spoke. "We agree," he said. J. K. Rowling wrote.',
        [
            "Apple Inc. said U.S. sales rose.",
            "Mr. Cook spoke.",
            '"We agree," he said.',
            "J. K. Rowling wrote.",
        ],
    ),
    (
        "Sahamnya naik 3.5% pada Jumat... Lalu turun! Benarkah? Ya.\nBaris baru tanpa titik",
        [
            "Sahamnya naik 3.5% pada Jumat...",
            "Lalu turun!",
            "Benarkah?",
            "Ya.",
            "Baris baru tanpa titik",
        ],
    ),
    (
        "“Kami tidak akan menjual,” ujar Direktur Utama. “Itu keputusan final.” Rapat ditutup.",
        [
            "“Kami tidak akan menjual,” ujar Direktur Utama.",
            "“Itu keputusan final.”",
            "Rapat ditutup.",
        ],
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_sentences(text: str, expected: list[str]) -> None:
    assert [text[s:e] for s, e in split_spans(text, 1200)] == expected


def test_a_run_on_sentence_is_cut_below_the_limit() -> None:
    text = "kata, " * 500
    spans = split_spans(text, 200)
    assert len(spans) > 1 and all(e - s <= 200 for s, e in spans)
    assert "".join(text[s:e] for s, e in spans).replace(" ", "") == text.strip().replace(" ", "")


BATCH = [
    ("id", "PT Telkom Indonesia bekerja sama dengan Gojek di Jakarta, kata Budi Santoso kemarin."),
    ("en", "Microsoft invested a further billion dollars in OpenAI, Satya Nadella said in Redmond."),
    ("fr", "Le gouvernement a annoncé mardi de nouvelles mesures pour soutenir les entreprises."),
    ("id", "Bank Rakyat Indonesia (BRI) dan Bank Mandiri menaikkan suku bunga di Surabaya."),
    ("en", "Grab bought Uber's Southeast Asian business; Anthony Tan called it a new chapter."),
]  # fmt: skip


@pytest.mark.parametrize("batch_size", [1, 2, 8])
def test_entities_in_batches_are_the_entities_one_at_a_time(
    settings: Settings, batch_size: int
) -> None:
    from newstide.ingest.run import worker_pipeline
    from newstide.nlp.entities import EntityRecognizer
    from newstide.nlp.kb import KnowledgeBase
    from newstide.pipeline import Pipeline
    from newstide.records import Article

    before = Pipeline(worker_pipeline(settings).stages[:2])  # language, sentences
    articles = [
        before(Article(id=str(i), source="t", text=text, language=lang if lang != "fr" else None))
        for i, (lang, text) in enumerate(BATCH)
    ]
    kb = KnowledgeBase.from_settings(settings.entities)
    one = EntityRecognizer(settings.entities, kb)
    batched = EntityRecognizer(settings.entities, kb, batch_size=batch_size)
    expected = [one(a) if not a.skipped else a for a in articles]
    assert list(batched.pipe(articles)) == expected
    assert any(a.mentions for a in expected) and any(a.skipped for a in expected)
