#!/usr/bin/env bash
# End-to-end benchmarks B1-B3 (the definitions of ../shared/bench; configurations in bench/conf/), trained by
# scripts/sparknn in local[PARTITIONS] on Fashion-MNIST, then one table from the runs' metrics.jsonl
# (see org.sparknn.driver.bench.BenchTable for what is timed).
# Usage: scripts/bench.sh [B1 B2 B3]   env: PARTITIONS (default 2), QUICK=1 (one epoch each, B1 modes only step)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/build.sh"
parts=${PARTITIONS:-2}
benches=${*:-B1 B2 B3}
out=${BENCH_OUT:-$root/runs/bench}
quick=()
[ -n "${QUICK:-}" ] && quick=(--set training.epochs=1)
rows=()
run() { # bench conf sync
  local dir="$out/$1-$3-p$parts"
  echo "== $1 sync=$3 local[$parts]" >&2
  "$root/scripts/sparknn" train "$root/bench/conf/$2" --master "local[$parts]" --output "$dir" \
    --set training.sync="$3" --set training.partitions="$parts" "${quick[@]}" 2>&1 \
    | grep -E '^(epoch|test:)' >&2
  rows+=("$1,$3,$parts=$dir")
}
for b in $benches; do
  case $b in
    B1) run B1 b1-mlp.conf step; [ -n "${QUICK:-}" ] || { run B1 b1-mlp.conf 8; run B1 b1-mlp.conf epoch; } ;;
    B2) run B2 b2-wide-mlp.conf step ;;
    B3) run B3 b3-cnn.conf step ;;
    *) echo "unknown benchmark $b (B1, B2 or B3)" >&2; exit 2 ;;
  esac
done
app=$(ls "$root"/driver/target/sparknn-driver-*-app.jar | head -1)
java -cp "$app:$root/driver/target/spark-jars/*" org.sparknn.driver.bench.BenchTable "${rows[@]}"
