"""Copy a trained ``model-best`` into the package with attribution metadata.

    .venv/bin/python training/ner/package.py LANG SRC_DIR DEST_DIR [DATA_DIR]

Writes the pipeline with ``nlp.to_disk`` (loadable by ``spacy.load(DEST_DIR)``), keeping only the
tok2vec + ner components, and records in ``meta.json``: the training data (``sources``, spaCy's
attribution field), their licences (also in ``ATTRIBUTION.md`` with the licence texts and the
NERGRIT contributors, as NERGRIT's README requires) and ``newstide.training_sources`` (read by
``evaluate.py`` to pick the official idner dev row).
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import spacy

HERE = Path(__file__).resolve().parent

SOURCES = {
    "idner_news_2k": {
        "spdx": "MIT",
        "name": "idner-news-2k",
        "url": "https://github.com/khairunnisaor/idner-news-2k",
        "license": "MIT",
        "author": "Siti Oryza Khairunnisa, Aizhan Imankulova, Mamoru Komachi (2020); "
        "data originally by Syaifudin & Nurwidyantoro (2016)",
    },
    "nergrit": {
        "spdx": "Apache-2.0",
        "name": "NERGrit (via IndoNLU)",
        "url": "https://github.com/grit-id/nergrit-corpus ; https://github.com/IndoNLP/indonlu",
        "license": "Apache-2.0 (IndoNLU; MIT in the 2021 snapshot). Upstream: 'All NERGRIT "
        "contributors and LICENSE must be included if You use this corpus.'",
        "author": "NERGRIT contributors, PT Gria Inovasi Teknologi (GRIT); "
        "IndoNLU (Wilie et al. 2020)",
    },
    "nerp": {
        "spdx": "Apache-2.0",
        "name": "NERP (via IndoNLU)",
        "url": "https://github.com/IndoNLP/indonlu",
        "license": "Apache-2.0 (IndoNLU)",
        "author": "Prosa.ai; IndoNLU (Wilie et al. 2020)",
    },
    "indosum": {
        "spdx": "CC-BY-SA-4.0",
        "name": "IndoSum articles (raw text for the static word vectors only)",
        "url": "https://github.com/kata-ai/indosum (copy: github.com/CalDev-id/INDOSUM2)",
        "license": "CC BY-SA 4.0",
        "author": "Kurniawan & Louvan (2018), Kata.ai",
    },
    "newstide_kb": {
        "spdx": "MIT",
        "name": "newstide's knowledge base of organizations (names only, for ORG mention "
        "replacement in the Indonesian training sentences)",
        "url": "src/newstide/data/kb/organizations.jsonl (this repository)",
        "license": "MIT (newstide)",
        "author": "newstide",
    },
    "men": {
        "spdx": "MIT",
        "name": "MEN: Malaysian English News (entity annotations)",
        "url": "https://github.com/mohanraj-nlp/MEN-Dataset",
        "license": "MIT",
        "author": "Mohan Raj et al., MEN-Dataset (LREC-COLING 2024)",
    },
    "wnut17": {
        "spdx": "CC-BY-4.0",
        "name": "WNUT17 Emerging and Rare Entities",
        "url": "https://noisy-text.github.io/2017/emerging-rare-entities.html",
        "license": "CC BY 4.0",
        "author": "Derczynski, Nichols, van Erp, Limsopatham (2017)",
    },
    "btc": {
        "spdx": "CC-BY-4.0",
        "name": "Broad Twitter Corpus",
        "url": "https://github.com/GateNLP/broad_twitter_corpus",
        "license": "CC BY 4.0",
        "author": "Derczynski, Bontcheva, Roberts (COLING 2016)",
    },
}


def used_sources(lang: str, cfg_text: str) -> list[str]:
    report = json.loads((HERE / "corpus/report.json").read_text(encoding="utf-8"))
    keys = report.get("train_sources", {}).get(lang, [])
    if lang == "id" and "include_static_vectors = true" in cfg_text:
        keys = [*keys, "indosum"]
    return keys


# Licence / credit files shipped next to the weights (paths relative to the data dir).
LICENSE_FILES = {
    "idner_news_2k": ["ner/id/idner_news_2k/LICENSE"],
    "nergrit": ["ner/id/nergrit/LICENSE", "ner/id/nergrit/NERGRIT-upstream-README.md"],
    "nerp": ["ner/id/nerp/LICENSE"],
    "indosum": ["summarization/id/indosum/LICENSE.txt"],
    "men": ["relations/en/men/LICENSE"],
    "wnut17": ["ner/en/wnut17/LICENSE"],
    "btc": ["ner/en/btc/LICENSE"],
}


def attribution(srcs: list[str], data: Path) -> str:
    out = [
        "# Training data of this model: attribution and licences",
        "",
        "These weights were trained from scratch by newstide (training/ner) on the data below.",
        "",
    ]
    for s in srcs:
        m = SOURCES[s]
        out += [f"## {m['name']}", "", f"- source: {m['url']}", f"- licence: {m['license']}",
                f"- authors / contributors: {m['author']}", ""]  # fmt: skip
        for rel in LICENSE_FILES.get(s, []):
            p = data / rel
            if p.exists():
                body = p.read_text(encoding="utf-8", errors="replace")
                if rel.endswith("NERGRIT-upstream-README.md"):
                    # the upstream README's credits section: all NERGRIT contributors
                    i = body.find("Copyright (C)")
                    body = body[i - 5 :] if i >= 0 else body
                out += [f"### {rel}", "", "```", body.strip(), "```", ""]
    return "\n".join(out) + "\n"


def main(argv: list[str]) -> int:
    lang, src, dest = argv[0], Path(argv[1]), Path(argv[2])
    data = Path(argv[3]) if len(argv) > 3 else HERE.parent.parent.parent / "shared" / "data"
    nlp = spacy.load(src)
    keep = {"tok2vec", "ner"}
    for name in list(nlp.pipe_names):
        if name not in keep:
            nlp.remove_pipe(name)
    cfg_text = (src / "config.cfg").read_text(encoding="utf-8")
    srcs = used_sources(lang, cfg_text)
    nlp.meta.update(
        {
            "name": f"ner_{lang}",
            "version": "0.1.0",
            "description": f"newstide NER ({lang}): ORG, PER, LOC; spaCy CNN trained from scratch "
            "in training/ner (see training/ner/README.md).",
            "author": "newstide",
            "license": "weights derived from data under: "
            + ", ".join(sorted({SOURCES[s]["spdx"] for s in srcs})),
            "sources": [SOURCES[s] for s in srcs],
            "newstide": {"training_sources": srcs},
        }
    )
    if dest.exists():
        shutil.rmtree(dest)
    nlp.to_disk(dest)
    (dest / "ATTRIBUTION.md").write_text(attribution(srcs, data), encoding="utf-8")
    size = sum(p.stat().st_size for p in dest.rglob("*") if p.is_file())
    print(f"{dest}: {size / 1e6:.1f} MB, sources={srcs}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
