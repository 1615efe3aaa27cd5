#!/usr/bin/env bash
# Reproduce newstide's shipped NER pipelines (src/newstide/models/ner-id, ner-en).
#
#   training/ner/train.sh [id|en|all]        (from the repo root; default: all)
#
# Env: DATA (default ../shared/data), PY (default .venv/bin/python), THREADS (default 1).
# Steps: convert -> (id: static vectors) -> spacy train -> copy model-best into the package
# -> evaluate.  Deterministic given the same data, package versions and thread count.
set -euo pipefail
cd "$(dirname "$0")/../.."
DATA=${DATA:-../shared/data}
PY=${PY:-.venv/bin/python}
THREADS=${THREADS:-1}
WHAT=${1:-all}
export OMP_NUM_THREADS=$THREADS OPENBLAS_NUM_THREADS=$THREADS MKL_NUM_THREADS=$THREADS
export PYTHONHASHSEED=0
T=training/ner

$PY $T/convert.py --data "$DATA"

train_one() {  # lang
    local lang=$1
    local extra=()
    if [ "$lang" = id ]; then
        $PY $T/vectors.py id --data "$DATA"
        extra=(--paths.vectors $T/vectors/id)
    fi
    rm -rf "$T/output/$lang"
    $PY -m spacy train "$T/configs/$lang.cfg" -o "$T/output/$lang" "${extra[@]}"
    $PY $T/package.py "$lang" "$T/output/$lang/model-best" "src/newstide/models/ner-$lang" "$DATA"
}

case "$WHAT" in
    id|en) train_one "$WHAT" ;;
    all) train_one id; train_one en ;;
    *) echo "usage: $0 [id|en|all]" >&2; exit 2 ;;
esac

$PY $T/evaluate.py --data "$DATA" --json $T/scores.json
