#!/usr/bin/env bash
# Reproduce newstide's shipped NER pipelines (src/newstide/models/ner-id, ner-en).
#
#   training/ner/train.sh [id|en|all]        (from anywhere; default: all)
#
# Env: DATA   shared data dir (default ../shared/data, relative to the repo root)
#      PY     python with spaCy 3.8 + gensim (default .venv/bin/python)
#      JOBS   1 = train id then en; 2 = train both at once (default 1)
#
# Steps: convert.py (DocBins in training/ner/corpus; id train sentences with an ORG also get a
# copy with knowledge-base organization names swapped in) -> vectors.py (id only: word2vec on
# IndoSum + train-split text) -> spacy train (configs/<lang>.cfg, fixed seeds, max_steps and
# patience bounded) -> package.py (model-best -> src/newstide/models/ner-<lang>, with
# attribution) -> evaluate.py (prints the score tables of the models alone and of newstide's
# entity stage with them, writes training/ner/scores.json).
# Each process uses one thread (OMP/BLAS), and PYTHONHASHSEED is fixed.
set -euo pipefail
cd "$(dirname "$0")/../.."
DATA=${DATA:-../shared/data}
PY=${PY:-.venv/bin/python}
JOBS=${JOBS:-1}
WHAT=${1:-all}
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 PYTHONHASHSEED=0
T=training/ner

case "$WHAT" in id|en|all) ;; *) echo "usage: $0 [id|en|all]" >&2; exit 2 ;; esac

$PY $T/convert.py --data "$DATA"

train_one() {  # lang
    local lang=$1
    rm -rf "$T/output/$lang"
    mkdir -p "$T/output"
    $PY -m spacy train "$T/configs/$lang.cfg" -o "$T/output/$lang" \
        > "$T/output/$lang.log" 2>&1 || { tail -n 30 "$T/output/$lang.log" >&2; return 1; }
    tail -n 5 "$T/output/$lang.log"
    $PY $T/package.py "$lang" "$T/output/$lang/model-best" "src/newstide/models/ner-$lang" "$DATA"
}

if [ "$WHAT" != en ]; then
    $PY $T/vectors.py id --data "$DATA"
fi
if [ "$WHAT" = all ] && [ "$JOBS" -ge 2 ]; then
    train_one id & pid=$!
    train_one en
    wait $pid
elif [ "$WHAT" = all ]; then
    train_one id
    train_one en
else
    train_one "$WHAT"
fi

$PY $T/evaluate.py --data "$DATA" --json $T/scores.json
