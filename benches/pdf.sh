#!/usr/bin/env bash
# PDF against PNG for the same pictures of the same model, in the same run: the time to make
# each picture's PDF must not exceed the time to make its PNG. Medians and spread by hyperfine.
# Usage: benches/pdf.sh [model] (default model/azure.yaml); needs hyperfine and a release build.
set -euo pipefail
cd "$(dirname "$0")/.."
model=${1:-model/azure.yaml}
bin=target/release/demarcate
cargo build --release --quiet
uptime
pictures=stack,matrix,shift
hyperfine -N -w 3 -r 30 --prepare 'rm -rf /tmp/demarcate-bench-pdf' \
  --export-markdown /dev/stdout \
  "$bin build $model --format png --no-slides --only $pictures --output /tmp/demarcate-bench-pdf" \
  "$bin build $model --format pdf --no-slides --only $pictures --output /tmp/demarcate-bench-pdf" \
  "$bin build $model --format pdf --no-slides --only handout --output /tmp/demarcate-bench-pdf" \
  "$bin build $model --format svg --no-slides --only $pictures --output /tmp/demarcate-bench-pdf"
