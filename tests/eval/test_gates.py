"""Quality gates: scores on the development data must not fall below the pinned floors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newstide.eval.extraction import evaluate_extraction
from newstide.settings import Settings

FLOORS = json.loads((Path(__file__).parent / "eval_baseline.json").read_text(encoding="utf-8"))


@pytest.mark.slow
def test_extraction_is_no_worse_than_plain_trafilatura(
    shared_data: Path, settings: Settings
) -> None:
    ours, plain = evaluate_extraction(shared_data, settings)
    floors = FLOORS["extraction"]
    assert ours.f1 >= floors["newstide_f1"], f"newstide body F1 {ours.f1:.3f}"
    assert ours.f1 - plain.f1 >= floors["margin_over_trafilatura"], (ours.f1, plain.f1)


@pytest.mark.slow
@pytest.mark.parametrize("language", ["id", "en"])
def test_interactions_hold_their_floors(
    shared_data: Path, settings: Settings, language: str
) -> None:
    from newstide.eval.interactions import evaluate_interactions

    ours, baseline, *_ = evaluate_interactions(shared_data, settings, language)
    floors = FLOORS["interactions"][language]
    assert ours.f1 >= floors["f1"], f"{language} pair+type F1 {ours.f1:.3f}"
    assert ours.precision >= floors["precision"], f"{language} precision {ours.precision:.3f}"
    assert ours.tone_accuracy is not None and ours.tone_accuracy >= floors["tone_accuracy"]
    assert ours.modality_accuracy is not None
    assert ours.modality_accuracy >= floors["modality_accuracy"], ours.modality_accuracy
    assert ours.hedged_accuracy is not None
    assert ours.hedged_accuracy >= floors["hedged_accuracy"], ours.hedged_accuracy
    assert ours.f1 - baseline.f1 >= floors["margin_over_baseline"], (ours.f1, baseline.f1)


@pytest.mark.slow
def test_ner_holds_its_floors(shared_data: Path, settings: Settings) -> None:
    from newstide.eval.ner import evaluate_ner

    org = {
        (r.system.split(" ")[0], r.dev_set): r.f1
        for r in evaluate_ner(shared_data, settings)
        if r.label == "ORG"
    }
    for dev_set, floors in FLOORS["ner"].items():
        if dev_set.startswith("_"):
            continue
        ours, baseline = org[("newstide", dev_set)], org[("baseline:", dev_set)]
        assert ours >= floors["org_f1"], f"{dev_set} ORG F1 {ours:.3f}"
        assert ours - baseline >= floors["margin_over_baseline"], (dev_set, ours, baseline)


REPO = Path(__file__).resolve().parents[2]


@pytest.mark.slow
@pytest.mark.parametrize(
    "gold", [k for k in FLOORS["interactions_unseen"] if not k.startswith("_")]
)
def test_interactions_on_unseen_news_hold_their_floors(settings: Settings, gold: str) -> None:
    # the annotated unseen articles ship in the repo: this gate runs without ../shared/data
    from newstide.eval.interactions import evaluate_interactions

    ours, baseline, organizations = evaluate_interactions(REPO, settings, "id", REPO / gold)
    floors = FLOORS["interactions_unseen"][gold]
    assert ours.f1 >= floors["f1"], f"{gold}: pair+type F1 {ours.f1:.3f}"
    assert ours.precision >= floors["precision"], f"{gold}: precision {ours.precision:.3f}"
    assert organizations.f1 >= floors["organizations_f1"], f"{gold}: orgs F1 {organizations.f1:.3f}"
    assert ours.f1 - baseline.f1 >= floors["margin_over_baseline"], (ours.f1, baseline.f1)
