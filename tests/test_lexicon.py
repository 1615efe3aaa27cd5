"""The bilingual trigger lexicon, the Indonesian stemmer and modality scope."""

from __future__ import annotations

import itertools
import time

import pytest

from newstide.interactions import (
    DIRECTIONS,
    MODALITIES,
    TYPES,
    Lexicon,
    Trigger,
    candidate_roots,
    modality,
    stem,
)
from newstide.interactions.lexicon import en_analyses, id_analyses

ID = Lexicon.load("id")
EN = Lexicon.load("en")


def _lexicon(language: str) -> Lexicon:
    return ID if language == "id" else EN


def _find(language: str, sentence: str, text: str) -> Trigger:
    triggers = _lexicon(language).triggers(sentence)
    matches = [t for t in triggers if t.text.lower() == text.lower()]
    assert matches, f"no trigger {text!r} in {sentence!r}: {triggers}"
    return matches[0]


# -- stemmer ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "root"),
    [
        ("merekrut", "rekrut"),
        ("perekrutan", "rekrut"),
        ("direkrut", "rekrut"),
        ("kemitraan", "mitra"),
        ("bermitra", "mitra"),
        ("bermitraan", "mitra"),
        ("persaingan", "saing"),
        ("pesaing", "saing"),
        ("bersaing", "saing"),
        ("saingan", "saing"),
        ("menyaingi", "saing"),
        ("menyuntikkan", "suntik"),
        ("suntikan", "suntik"),
        ("diakuisisi", "akuisisi"),
        ("mengakuisisi", "akuisisi"),
        ("pengakuisisian", "akuisisi"),
        ("keretakan", "retak"),
        ("ketegangan", "tegang"),
        ("menegang", "tegang"),
        ("menggugat", "gugat"),
        ("gugatan", "gugat"),
        ("penggugat", "gugat"),
        ("memasok", "pasok"),
        ("pemasok", "pasok"),
        ("pasokan", "pasok"),
        ("berinvestasi", "investasi"),
        ("menginvestasikan", "investasi"),
        ("membeli", "beli"),
        ("pembelian", "beli"),
        ("membajak", "bajak"),
        ("pendanaan", "dana"),
        ("kepemilikan", "milik"),
        ("menandatangani", "tandatangan"),
        ("pengambilalihan", "ambilalih"),
        ("bekerjasama", "kerjasama"),
        ("kemitraannya", "mitra"),
        ("mempererat", "erat"),
        ("semakin", "makin"),
    ],
)
def test_stemmer_finds_the_root(word: str, root: str) -> None:
    assert root in candidate_roots(word, "id")
    assert stem(word, ID.roots() | {"tandatangan", "ambilalih", "kerjasama", "erat", "makin"}) == (
        root
    )


@pytest.mark.parametrize(
    ("word", "not_root"),
    [
        ("menegaskan", "tegang"),  # men+tegas+kan, not tegang
        ("kereta", "retak"),
        ("belum", "beli"),
        ("pasar", "pasok"),
    ],
)
def test_stemmer_does_not_invent_roots(word: str, not_root: str) -> None:
    assert not_root not in candidate_roots(word, "id")


def test_stemmer_keeps_affixes_and_rejects_impossible_confixes() -> None:
    assert id_analyses("diakuisisi")["akuisisi"] == ("di", "")
    assert id_analyses("memasok")["pasok"] == ("mem", "")
    assert id_analyses("ketegangan")["tegang"] == ("ke", "an")
    # ke-...-kan is not an Indonesian confix: "keretakan" is never ke + reta + kan.
    assert "reta" not in id_analyses("keretakan")


@pytest.mark.parametrize(
    ("word", "lemma"),
    [
        ("acquired", "acquire"),
        ("acquires", "acquire"),
        ("partnered", "partner"),
        ("sued", "sue"),
        ("suing", "sue"),
        ("competing", "compete"),
        ("allies", "ally"),
        ("bought", "buy"),
        ("cutting", "cut"),
        ("microsoft's", "microsoft"),
    ],
)
def test_english_lemmas(word: str, lemma: str) -> None:
    assert lemma in en_analyses(word)


# -- triggers: type, tone sign, direction ------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "sentence", "text", "type_", "sign", "direction"),
    [
        (
            "id",
            "Microsoft berinvestasi di OpenAI sejak 2019.",
            "berinvestasi",
            "investment",
            1,
            "subject",
        ),
        ("id", "Microsoft mengakuisisi Activision.", "mengakuisisi", "acquisition", 0, "subject"),
        ("id", "Activision diakuisisi oleh Microsoft.", "diakuisisi", "acquisition", 0, "object"),
        ("id", "Microsoft merekrut petinggi Inflection AI.", "merekrut", "talent", -1, "subject"),
        (
            "id",
            "Petinggi Inflection AI direkrut oleh Microsoft.",
            "direkrut",
            "talent",
            -1,
            "object",
        ),
        ("id", "Apple menggugat Samsung di pengadilan.", "menggugat", "legal", -1, "subject"),
        ("id", "Samsung digugat oleh Apple.", "digugat", "legal", -1, "object"),
        ("id", "Samsung memasok layar untuk Apple.", "memasok", "supply", 1, "subject"),
        ("id", "Layar iPhone dipasok oleh Samsung.", "dipasok", "supply", 1, "object"),
        ("id", "Gojek bersaing dengan Grab di Indonesia.", "bersaing", "competition", -1, "none"),
        ("id", "KPK berkoordinasi dengan Polri.", "berkoordinasi", "partnership", 1, "none"),
        (
            "id",
            "Pesaing Gojek, Grab, meluncurkan layanan baru.",
            "pesaing",
            "competition",
            -1,
            "none",
        ),
        (
            "id",
            "Ketegangan antara Microsoft dan OpenAI meningkat.",
            "ketegangan",
            "tension",
            -1,
            "none",
        ),
        (
            "id",
            "Ada tanda keretakan hubungan Microsoft dan OpenAI.",
            "keretakan",
            "tension",
            -1,
            "none",
        ),
        (
            "id",
            "Tokopedia menggandeng Gojek dalam layanan pembayaran.",
            "menggandeng",
            "partnership",
            1,
            "none",
        ),
        ("id", "OpenAI membajak sejumlah peneliti Google.", "membajak", "talent", -1, "subject"),
        (
            "id",
            "Grab mendapat suntikan dana dari SoftBank.",
            "suntikan dana",
            "investment",
            1,
            "object",
        ),
        (
            "id",
            "BCA memperkenalkan anak usahanya, BCA Digital.",
            "anak usahanya",
            "investment",
            0,
            "subject",
        ),
        ("id", "Gojek melaporkan Grab ke polisi.", "melaporkan", "legal", -1, "subject"),
        ("en", "Microsoft acquired Activision in 2023.", "acquired", "acquisition", 0, "subject"),
        ("en", "Activision was acquired by Microsoft.", "acquired", "acquisition", 0, "object"),
        (
            "en",
            "Activision, acquired by Microsoft, makes games.",
            "acquired",
            "acquisition",
            0,
            "object",
        ),
        ("en", "Microsoft invested in OpenAI.", "invested", "investment", 1, "subject"),
        ("en", "The startup is backed by Sequoia.", "backed", "investment", 1, "object"),
        ("en", "Apple sued Samsung over patents.", "sued", "legal", -1, "subject"),
        ("en", "Google was fined by the EU.", "fined", "legal", -1, "object"),
        ("en", "Meta poached engineers from Google.", "poached", "talent", -1, "subject"),
        ("en", "The engineers were hired by Meta.", "hired", "talent", -1, "object"),
        ("en", "Google is a rival of Microsoft.", "rival", "competition", -1, "none"),
        ("en", "Samsung supplies displays to Apple.", "supplies", "supply", 1, "subject"),
        ("en", "Celcom, a subsidiary of Axiata, said so.", "subsidiary", "investment", 0, "object"),
        (
            "en",
            "Axiata said its subsidiary Celcom agreed.",
            "subsidiary",
            "investment",
            0,
            "subject",
        ),
        (
            "en",
            "The startup received an investment from Sequoia.",
            "investment",
            "investment",
            1,
            "object",
        ),
        ("en", "Relations between the two firms show a deep rift.", "rift", "tension", -1, "none"),
        # ousting a coalition partner; a relation named with "bagian dari" / "holding company"
        (
            "id",
            "Partai itu menggulingkan mitra koalisinya.",
            "menggulingkan",
            "tension",
            -1,
            "none",
        ),
        ("en", "The party overthrew its former ally in 2020.", "overthrew", "tension", -1, "none"),
        (
            "id",
            "Unit itu merupakan bagian dari grup usaha.",
            "bagian dari",
            "investment",
            0,
            "object",
        ),
        (
            "en",
            "The firm's holding company, a fund, sold shares.",
            "holding company",
            "investment",
            0,
            "object",
        ),
        # summoned by a regulator: an inquiry, passive (the regulator after it acts)
        ("id", "Indosat dipanggil KPPU pekan lalu.", "dipanggil", "legal", -1, "object"),
        # clashes and condemnation between bodies; who builds for a client
        ("id", "Terjadi kericuhan antara dua ormas itu.", "kericuhan", "tension", -1, "none"),
        ("id", "Bentrokan kedua kelompok pecah semalam.", "Bentrokan", "tension", -1, "none"),
        ("id", "Pemerintah mengutuk serangan kelompok itu.", "mengutuk", "tension", -1, "none"),
        ("id", "Perusahaan itu ditunjuk sebagai kontraktor proyek.", "kontraktor", "supply", 1, "subject"),
    ],
)  # fmt: skip
def test_trigger_type_tone_direction(
    language: str, sentence: str, text: str, type_: str, sign: int, direction: str
) -> None:
    trigger = _find(language, sentence, text)
    assert trigger.type == type_
    assert (trigger.tone > 0) - (trigger.tone < 0) == sign
    assert trigger.direction == direction
    assert sentence[trigger.start : trigger.end] == trigger.text


@pytest.mark.parametrize(
    ("language", "sentence", "text", "type_"),
    [
        ("id", "Tokopedia dan Gojek bekerja sama dalam logistik.", "bekerja sama", "partnership"),
        ("id", "Tokopedia dan Gojek resmi bekerjasama.", "bekerjasama", "partnership"),
        ("id", "Kerjasama kedua perusahaan diumumkan kemarin.", "kerjasama", "partnership"),
        (
            "id",
            "Telkom dan Indosat menyepakati nota kesepahaman.",
            "nota kesepahaman",
            "partnership",
        ),
        ("id", "Tencent menyuntikkan dana ke Gojek.", "menyuntikkan dana", "investment"),
        (
            "id",
            "Langkah itu menandai melonggarnya ikatan keduanya.",
            "melonggarnya ikatan",
            "tension",
        ),
        (
            "id",
            "Ikatan kedua perusahaan kian melonggar.",
            "Ikatan kedua perusahaan kian melonggar",
            "tension",
        ),
        ("id", "Keduanya berbeda pandangan soal harga.", "berbeda pandangan", "tension"),
        (
            "id",
            "Ketidakjelasan kepemilikan saham Microsoft di OpenAI.",
            "kepemilikan saham",
            "investment",
        ),
        ("id", "Instagram, anak usaha Facebook, meluncurkan fitur.", "anak usaha", "investment"),
        (
            "id",
            "Alphabet, induk perusahaan Google, mencatat laba.",
            "induk perusahaan",
            "investment",
        ),
        ("id", "Gojek memutus kerja sama dengan Tokopedia.", "memutus kerja sama", "tension"),
        ("id", "Gojek memutuskan kerja sama dengan Tokopedia.", "memutuskan kerja sama", "tension"),
        ("id", "Kepala riset Google hengkang ke OpenAI.", "hengkang ke", "talent"),
        ("id", "Grab mengambil alih operasional Uber.", "mengambil alih", "acquisition"),
        ("id", "Pengambilalihan Uber oleh Grab rampung.", "pengambilalihan", "acquisition"),
        (
            "id",
            "Telkomsel menandatangani perjanjian dengan Gojek.",
            "menandatangani",
            "partnership",
        ),
        ("en", "Sony and Honda formed a joint venture.", "joint venture", "partnership"),
        ("en", "Google teamed up with Samsung on the watch.", "teamed up", "partnership"),
        ("en", "Meta cut ties with the agency.", "cut ties", "tension"),
        (
            "en",
            "Amazon took a 10 percent stake in Anthropic.",
            "took a 10 percent stake",
            "investment",
        ),
        ("en", "The startup closed a funding round with Sequoia.", "funding round", "investment"),
        ("en", "Sequoia led the Series B round.", "led the Series B round", "investment"),
        ("en", "The tie-up between Nissan and Renault ended.", "tie-up", "partnership"),
        (
            "en",
            "Intel signed a memorandum of understanding with Tata.",
            "memorandum of understanding",
            "partnership",
        ),
    ],
)
def test_multi_word_triggers(language: str, sentence: str, text: str, type_: str) -> None:
    assert _find(language, sentence, text).type == type_


def test_longer_phrase_wins_and_triggers_do_not_overlap() -> None:
    triggers = ID.triggers("Gojek memutus kerja sama dengan Tokopedia.")
    assert [(t.text, t.type) for t in triggers] == [("memutus kerja sama", "tension")]
    # "memutuskan untuk bekerja sama" = "decided to work together": no tension.
    decided = ID.triggers("Gojek memutuskan untuk bekerja sama dengan Tokopedia.")
    assert [(t.text, t.type) for t in decided] == [("bekerja sama", "partnership")]
    sentences = [
        "Microsoft dan OpenAI mengalami ketegangan dalam kemitraan strategis mereka.",
        "SoftBank menyuntikkan dana dan membeli 20 persen saham Grab, pesaing Gojek.",
        "Microsoft's strategic partnership with OpenAI, a rival of Google, deepened.",
    ]
    for sentence in sentences:
        for lexicon in (ID, EN):
            triggers = lexicon.triggers(sentence)
            assert triggers == sorted(triggers, key=lambda t: t.start)
            for first, second in itertools.pairwise(triggers):
                assert first.end <= second.start


@pytest.mark.parametrize(
    ("language", "sentence"),
    [
        ("id", "Harga cabai naik di pasar tradisional pagi ini."),
        ("id", "Pertandingan final itu sangat menegangkan."),
        ("id", "Ia menegaskan bahwa hujan turun sejak pagi."),
        ("id", "Mitra pengemudi Gojek berunjuk rasa di depan kantor."),
        ("id", "Juru bicara perusahaan menolak berkomentar."),
        ("id", "Daya beli masyarakat menurun tahun ini."),
        ("id", "Tokopedia adalah marketplace jual beli barang bekas."),  # trade, no acquisition
        ("id", "Gojek melaporkan pendapatan naik."),
        ("id", "Warga berdiri di tepi jalan dan memiliki rumah sendiri."),
        ("id", "Komisi Pengawas Persaingan Usaha menggelar rapat."),
        ("id", "Perusahaan itu memanggil pengemudi untuk pelatihan."),  # active: "to call (in)"
        ("id", "Laptop itu dibekali GPU terintegrasi."),  # "integrated", an adjective
        ("id", "Tim itu bertugas di bawah koordinasi inspektur."),  # a chain of command
        ("en", "The weather was fine on Tuesday."),
        ("en", "The company held its own conference in the United States."),
        ("en", "She is a managing partner at the firm."),
        ("en", "Other banks are expected to follow suit."),
        ("en", "A spokesperson declined to comment."),
        ("en", "The Competition and Markets Authority opened an office."),
        ("id", "Perusahaan itu sepakat untuk mematuhi aturan baru."),  # agreed to do something
        ("en", "The investment bank expects growth to slow."),  # a kind of firm, not a stake
        ("en", "Bo Lim will take over as chief executive next month."),  # a post, not a takeover
    ],
)
def test_no_trigger_in_neutral_sentences(language: str, sentence: str) -> None:
    assert _lexicon(language).triggers(sentence) == []


def test_tone_magnitude_and_modifiers() -> None:
    strategic = _find("id", "Microsoft menjalin kemitraan strategis dengan OpenAI.", "kemitraan")
    plain = _find("id", "Microsoft dan OpenAI bekerja sama.", "bekerja sama")
    assert strategic.tone == pytest.approx(0.8, abs=0.02)
    assert "strategis" in strategic.modifiers
    assert plain.tone == pytest.approx(0.5)
    assert _find("id", "Ada keretakan di antara mereka.", "keretakan").tone == pytest.approx(-0.7)
    assert _find("id", "Ketegangan di antara mereka.", "ketegangan").tone == pytest.approx(-0.6)
    assert _find("id", "Apple menggugat Samsung.", "menggugat").tone == pytest.approx(-0.7)
    heated = _find("id", "Ketegangan semakin memanas di antara mereka.", "ketegangan")
    assert heated.tone < -0.6
    bitter = _find("en", "The bitter feud between the firms went on.", "feud")
    assert bitter.tone < _find("en", "The feud between the firms went on.", "feud").tone
    # A modifier in another clause does not count.
    assert _find("id", "Hubungan itu erat, ketegangan muncul.", "ketegangan").tone == -0.6
    # Reaffirming a standing relation is milder than a new act, and keeps its sign.
    kept = _find("id", "Microsoft tetap berkomitmen pada kemitraannya.", "kemitraannya")
    new = _find("id", "Microsoft menjalin kemitraan dengan OpenAI.", "kemitraan")
    assert 0 < kept.tone < new.tone
    remains = _find("en", "Microsoft remains OpenAI's largest investor.", "investor")
    assert (
        0 < remains.tone < _find("en", "Microsoft is OpenAI's largest investor.", "investor").tone
    )


def test_every_entry_is_valid() -> None:
    for lexicon in (ID, EN):
        sizes = lexicon.sizes()
        for kind in TYPES:
            assert sizes[kind] >= 10, (lexicon.language, kind)
        for entry in lexicon.entries:
            assert entry.type in (*TYPES, "background")
            assert -1.0 <= entry.tone <= 1.0
            assert entry.direction in DIRECTIONS


def test_bad_data_and_unknown_language_are_refused() -> None:
    with pytest.raises(ValueError, match="no trigger lexicon"):
        Lexicon.load("fr")
    data = {kind: {"entries": []} for kind in TYPES}
    data["legal"] = {"entries": [{"lemma": "gugat", "tone": -3}]}
    with pytest.raises(ValueError, match="outside"):
        Lexicon("id", data)
    data["legal"] = {"entries": [{"lemma": "gugat", "tone": -0.7, "tnoe": 1}]}
    with pytest.raises(ValueError, match="unknown keys"):
        Lexicon("id", data)
    with pytest.raises(ValueError, match="no modality"):
        modality("x", 0, "fr")


def test_matching_is_fast() -> None:
    sentences = [
        "Microsoft dan OpenAI mengalami ketegangan dalam kemitraan strategis mereka tahun ini.",
        "Harga saham perusahaan teknologi itu naik tajam setelah laporan keuangan kuartal ketiga.",
        "Microsoft's strategic partnership with OpenAI, a rival of Google, deepened this year.",
    ] * 100
    ID.triggers(sentences[0])
    started = time.perf_counter()
    for sentence in sentences:
        ID.triggers(sentence)
        EN.triggers(sentence)
    per_sentence = (time.perf_counter() - started) / (2 * len(sentences))
    assert per_sentence < 0.001  # target 0.2 ms; generous for loaded CI machines


# -- modality --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "sentence", "trigger", "expected"),
    [
        ("id", "Microsoft mengakuisisi Activision.", "mengakuisisi", "asserted"),
        ("id", "Microsoft tidak akan berinvestasi di OpenAI.", "berinvestasi", "denied"),
        ("id", "Gojek belum bekerja sama dengan Grab.", "bekerja sama", "denied"),
        ("id", "Microsoft membantah akan mengakuisisi OpenAI.", "mengakuisisi", "denied"),
        (
            "id",
            "Microsoft menampik kabar bahwa pihaknya akan mengakuisisi OpenAI.",
            "mengakuisisi",
            "denied",
        ),
        ("id", "Rencana akuisisi Grab oleh Gojek akhirnya dibatalkan.", "akuisisi", "denied"),
        ("id", "Microsoft dikabarkan bermitra dengan OpenAI.", "bermitra", "reported"),
        (
            "id",
            "Menurut sumber anonim, Microsoft berinvestasi di OpenAI.",
            "berinvestasi",
            "reported",
        ),
        ("id", "Microsoft berencana mengakuisisi Activision.", "mengakuisisi", "speculative"),
        ("id", "Gojek sedang menjajaki kerja sama dengan Tokopedia.", "kerja sama", "speculative"),
        ("id", "Tencent kemungkinan berinvestasi di Gojek.", "berinvestasi", "speculative"),
        (
            "id",
            "Line tidak menutup kemungkinan untuk berkolaborasi dengan Google.",
            "berkolaborasi",
            "speculative",
        ),
        ("id", "Rumor akuisisi Snap oleh Tencent kembali beredar.", "akuisisi", "speculative"),
        ("id", "Microsoft akan bermitra dengan OpenAI.", "bermitra", "asserted"),
        ("id", "Tak lama kemudian, Microsoft bermitra dengan OpenAI.", "bermitra", "asserted"),
        (
            "id",
            "Tidak terpaku pada kolaborasi dengan Sony, Line membuka diri.",  # not limited to
            "kolaborasi",
            "asserted",
        ),
        (
            "id",
            "Perusahaan yang tidak disebutkan namanya bermitra dengan Gojek.",
            "bermitra",
            "asserted",
        ),
        (
            "id",
            "Microsoft tidak berkomentar, tetapi bermitra dengan OpenAI.",
            "bermitra",
            "asserted",
        ),
        (
            "id",
            "Dikabarkan, Microsoft berencana mengakuisisi Activision.",
            "mengakuisisi",
            "speculative",
        ),
        ("en", "Microsoft acquired Activision.", "acquired", "asserted"),
        ("en", "In May, Microsoft acquired Nuance.", "acquired", "asserted"),
        ("en", "Microsoft will acquire Activision.", "acquire", "asserted"),
        ("en", "Microsoft did not acquire Nintendo.", "acquire", "denied"),
        ("en", "Warisan will not be working with PH.", "working with", "denied"),
        ("en", "Microsoft denied that it plans to acquire OpenAI.", "acquire", "denied"),
        ("en", "The merger was called off in March.", "merger", "denied"),
        ("en", "Microsoft reportedly invested in OpenAI.", "invested", "reported"),
        (
            "en",
            "Microsoft invested in OpenAI, people familiar with the matter said.",
            "invested",
            "reported",
        ),
        ("en", "Microsoft could partner with OpenAI.", "partner", "speculative"),
        ("en", "Microsoft plans to acquire Activision.", "acquire", "speculative"),
        ("en", "Microsoft is in talks to buy Nintendo, sources said.", "buy", "speculative"),
        ("en", "Microsoft did not rule out a deal with Nintendo.", "deal", "speculative"),
        ("en", "Apple is not only a partner of Samsung.", "partner", "asserted"),
    ],
)
def test_modality(language: str, sentence: str, trigger: str, expected: str) -> None:
    found = _find(language, sentence, trigger)
    assert modality(sentence, found.start, language, found.end) == expected
    assert expected in MODALITIES


def test_modality_without_trigger_end_and_markers_inside_the_trigger() -> None:
    sentence = "Microsoft berencana mengakuisisi Activision."
    assert modality(sentence, sentence.index("mengakuisisi"), "id") == "speculative"
    # "persaingan usaha tidak sehat" is one legal trigger: its "tidak" does not deny it.
    legal = "KPPU menemukan persaingan usaha tidak sehat oleh Grab."
    found = _find("id", legal, "persaingan usaha tidak sehat")
    assert found.type == "legal"
    assert modality(legal, found.start, "id", found.end) == "asserted"


# -- the founding example --------------------------------------------------------------------------


def test_seed_article_triggers(seed_text: str) -> None:
    from newstide.nlp.sentences import split_spans

    types = set()
    reported_tension = False
    for start, end in split_spans(seed_text, 2000):
        sentence = seed_text[start:end]
        for trigger in ID.triggers(sentence):
            types.add(trigger.type)
            mode = modality(sentence, trigger.start, "id", trigger.end)
            reported_tension |= trigger.type == "tension" and mode == "reported"
    assert {"partnership", "investment", "tension", "talent", "competition"} <= types
    assert reported_tension  # "Sejumlah sumber anonim ... mengalami ketegangan"


def test_an_entry_that_needs_a_near_word_wins_over_the_bare_word() -> None:
    legal = _find("en", "Bursa Malaysia has rejected X's application for an extension.", "rejected")
    assert legal.type == "legal"
    tension = _find("en", "Maxis rejected the claims made by Celcom.", "rejected")
    assert tension.type == "tension"
