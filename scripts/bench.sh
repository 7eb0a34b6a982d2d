#!/usr/bin/env bash
# End-to-end benchmarks B1-B3 (the definitions of ../shared/bench; configurations in bench/conf/), trained by
# scripts/sparknn in local[PARTITIONS] on Fashion-MNIST, then one table from the runs' metrics.jsonl
# (see org.sparknn.driver.bench.BenchTable for what is timed).
# Usage: scripts/bench.sh [B1 B2 B3]   env: PARTITIONS (default 2), QUICK=1 (one epoch each, the first mode only),
#   B1_MODES (default "step 32 epoch"), B2_MODES ("step/1 4 step"), B3_MODES ("epoch step"): the training.sync
#   values run; SYNC/1 means one partition whose BLAS uses all PARTITIONS cores. The first mode of each is the
#   fastest one measured that reaches the reference's test accuracy (bench/RESULTS.md).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/build.sh"
parts=${PARTITIONS:-2}
benches=${*:-B1 B2 B3}
out=${BENCH_OUT:-$root/runs/bench}
quick=()
[ -n "${QUICK:-}" ] && quick=(--set training.epochs=1)
rows=()
run() { # bench conf mode; mode SYNC trains on PARTITIONS single-threaded tasks, SYNC/1 on one partition whose BLAS
  # gets every core (OPENBLAS_NUM_THREADS): better when the products are large enough to use them (B2)
  local sync=${3%/1} p=$parts blas=${OPENBLAS_NUM_THREADS:-1}
  [ "$sync" != "$3" ] && { p=1; blas=$parts; }
  local dir="$out/$1-$sync-p$p"
  echo "== $1 sync=$sync local[$parts], $p partition(s), $blas BLAS thread(s)" >&2
  mkdir -p "$out"
  if OPENBLAS_NUM_THREADS=$blas "$root/scripts/sparknn" train "$root/bench/conf/$2" --master "local[$parts]" \
      --output "$dir" --set training.sync="$sync" --set training.partitions="$p" "${quick[@]}" > "$dir.log" 2>&1; then
    grep -E '^(epoch|test:)' "$dir.log" >&2
    rows+=("$1,$sync,$p=$dir")
  else # keep going with the other runs; the table leaves this one out
    echo "FAILED: $1 sync=$sync on $p partition(s); the end of $dir.log:" >&2
    tail -15 "$dir.log" >&2
  fi
}
modes() { # bench default-modes
  local var="${1}_MODES" list
  list=${!var:-$2}
  if [ -n "${QUICK:-}" ]; then echo "${list%% *}"; else echo "$list"; fi
}
for b in $benches; do
  case $b in
    B1) for m in $(modes B1 "step 32 epoch"); do run B1 b1-mlp.conf "$m"; done ;;
    B2) for m in $(modes B2 "step/1 4 step"); do run B2 b2-wide-mlp.conf "$m"; done ;;
    B3) for m in $(modes B3 "epoch step"); do run B3 b3-cnn.conf "$m"; done ;;
    *) echo "unknown benchmark $b (B1, B2 or B3)" >&2; exit 2 ;;
  esac
done
app=$(ls "$root"/driver/target/sparknn-driver-*-app.jar | head -1)
java -cp "$app:$root/driver/target/spark-jars/*" org.sparknn.driver.bench.BenchTable "${rows[@]}"
