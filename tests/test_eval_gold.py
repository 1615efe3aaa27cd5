"""`newstide eval interactions --gold FILE`: a user scores newstide on articles they annotated."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from newstide.cli import cli

ARTICLES = [
    {
        "text": "Kementerian Perindustrian (Kemenperin) bekerja sama dengan Telkom Indonesia untuk "
        "digitalisasi industri kecil. Kemenperin juga berencana menggandeng Bank Mandiri.",
        # the annotator calls it "Telkom", the article "Telkom Indonesia"
        "aliases": {"Telkom": ["Telkom Indonesia"]},
        "interactions": [
            {"a": "Kementerian Perindustrian", "b": "Telkom", "type": "partnership",
             "tone": "+", "directed": False, "modality": "asserted"},
            {"a": "Bank Mandiri", "b": "Kementerian Perindustrian", "type": "partnership",
             "tone": "+", "directed": False, "modality": "speculative"},
        ],
    },
    {"text": "Harga cabai naik menjelang Lebaran di pasar tradisional.", "interactions": []},
]  # fmt: skip


def _scores(output: str) -> dict[str, list[str]]:
    return {line[5:53].strip(): line[53:].split() for line in output.splitlines()[2:]}


def test_a_users_gold_file_is_scored_with_its_aliases(tmp_path: Path) -> None:
    gold = tmp_path / "mine.jsonl"
    gold.write_text("\n".join(json.dumps(a) for a in ARTICLES) + "\n", encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["eval", "interactions", "--gold", str(gold), "--language", "id"]
    )
    assert result.exit_code == 0, result.output
    assert str(gold) in result.output.splitlines()[0]
    precision, recall, f1, tone, _, modality, hedged = _scores(result.output)["newstide"]
    # both partnerships found, "Telkom Indonesia" scored as the gold's "Telkom"
    assert (precision, recall, f1, tone) == ("1.000", "1.000", "1.000", "1.00")
    # the plan is told from the fact: the hedge is scored apart from the asserted majority
    assert (modality, hedged) == ("1.00", "1.00")
    # the baseline asserts every pair it calls a partnership
    assert _scores(result.output)["baseline: co-occurring pairs are partnerships"][-1] == "0.00"


def test_a_malformed_gold_line_is_named_in_one_line(tmp_path: Path) -> None:
    gold = tmp_path / "bad.jsonl"
    gold.write_text(json.dumps(ARTICLES[1]) + '\n{"text": "x", "interactions": [{"a": "A"}]}\n')
    result = CliRunner().invoke(
        cli, ["eval", "interactions", "--gold", str(gold), "--language", "id"]
    )
    assert result.exit_code != 0
    assert f"{gold}:2 is no gold article" in result.output
    assert "Traceback" not in result.output


def test_a_gold_file_needs_its_language(tmp_path: Path) -> None:
    gold = tmp_path / "mine.jsonl"
    gold.write_text(json.dumps(ARTICLES[1]) + "\n")
    result = CliRunner().invoke(cli, ["eval", "interactions", "--gold", str(gold)])
    assert result.exit_code == 2
    assert "--language" in result.output
