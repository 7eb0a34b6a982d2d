#!/usr/bin/env bash
# Side by side, in one go: the reference peers (../shared/bench/run.sh) and sparknn (scripts/bench.sh) on the same
# benchmarks, then for B1 the peak resident memory of pytorch-single and of sparknn, each under /usr/bin/time -v;
# REPEAT=N runs all of it N times and the table shows medians. One table: benchmark, system/mode, samples/s, test
# accuracy, peak RSS, and sparknn's ratio to each peer (samples/s and peak RSS).
# Usage: scripts/bench-compare.sh
#   env: PEERS, BENCHES (B1 B2 B3), QUICK=1 (one epoch each; passed to both), REPEAT (1), PARTITIONS (2),
#        BENCH_WORK (the peers' scratch copy, default ${TMPDIR:-/tmp}/sparknn-bench; never inside ../shared),
#        SHARED_BENCH (the reference benchmarks, default ../shared/bench beside this checkout)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
shared=${SHARED_BENCH:-}
if [ -z "$shared" ]; then
  for d in "$root/../shared/bench" "$root/../../shared/bench"; do [ -x "$d/run.sh" ] && { shared=$d; break; }; done
fi
[ -n "$shared" ] && [ -x "$shared/run.sh" ] || { echo "no reference benchmarks found: set SHARED_BENCH" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "/usr/bin/time is missing (Debian: apt-get install time)" >&2; exit 2; }
export BENCH_WORK=${BENCH_WORK:-${TMPDIR:-/tmp}/sparknn-bench}
export BENCHES=${BENCHES:-B1 B2 B3}
repeat=${REPEAT:-1}
parts=${PARTITIONS:-2}
quick=${QUICK:-0}
if [ "$quick" = 1 ]; then export QUICK=1; b1_epochs=1; else unset QUICK; b1_epochs=${B1_EPOCHS:-5}; fi
stamp=$(date -u +%Y%m%dT%H%M%SZ)
out=$root/runs/compare/$stamp
mkdir -p "$out"
"$root/scripts/build.sh"
app=$(ls "$root"/driver/target/sparknn-driver-*-app.jar | head -1)

for r in $(seq 1 "$repeat"); do
  dir=$out/r$r
  mkdir -p "$dir"
  echo "== repeat $r/$repeat: reference peers (${PEERS:-all}) on $BENCHES" >&2
  RUN_ID=compare-$stamp-r$r bash "$shared/run.sh" > "$dir/peers.log" 2>&1 || echo "run.sh failed (see $dir/peers.log)" >&2
  echo "$BENCH_WORK/results/compare-$stamp-r$r" > "$dir/peers-dir"
  echo "== repeat $r/$repeat: sparknn on $BENCHES" >&2
  BENCH_OUT=$dir/sparknn PARTITIONS=$parts "$root/scripts/bench.sh" $BENCHES > "$dir/sparknn-table.txt" \
    2> "$dir/sparknn.log" || echo "scripts/bench.sh failed (see $dir/sparknn.log)" >&2
  cat "$dir/sparknn-table.txt" >&2
  labels=()
  for run in "$dir"/sparknn/*-p[0-9]*; do # B1-step-p2 -> B1,step,2; only runs that wrote their metrics
    [ -d "$run" ] || continue
    [ -s "$run/metrics.jsonl" ] || continue
    name=$(basename "$run"); labels+=("${name%%-*},$(echo "$name" | cut -d- -f2),${name##*-p}=$run")
  done
  java -cp "$app:$root/driver/target/spark-jars/*" org.sparknn.driver.bench.BenchTable \
    --tsv ${labels[@]+"${labels[@]}"} > "$dir/sparknn.tsv" \
    || echo "no sparknn rows for repeat $r (see $dir/sparknn.log)" >&2
  case " $BENCHES " in *" B1 "*)
    echo "== repeat $r/$repeat: B1 peak RSS under /usr/bin/time -v (pytorch-single, then sparknn)" >&2
    (cd "$BENCH_WORK" && OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-PASSIVE} \
      /usr/bin/time -v -o "$dir/rss-pytorch-single-B1.time" /usr/bin/python3 pytorch/bench_torch.py --mode single \
      --threads "${THREADS:-2}" --bench B1 --epochs "$b1_epochs" --out "$dir/rss-pytorch-single-B1.json" > "$dir/rss-pytorch-single-B1.log" 2>&1) \
      || echo "pytorch-single RSS run failed (see $dir/rss-pytorch-single-B1.log)" >&2
    /usr/bin/time -v -o "$dir/rss-sparknn-B1.time" "$root/scripts/sparknn" train "$root/bench/conf/b1-mlp.conf" \
      --master "local[$parts]" --output "$dir/rss-sparknn-B1" --set training.partitions="$parts" \
      --set training.epochs="$b1_epochs" --progress lines > "$dir/rss-sparknn-B1.log" 2>&1 \
      || echo "sparknn RSS run failed (see $dir/rss-sparknn-B1.log)" >&2 ;;
  esac
done
python3 "$root/scripts/bench-compare-table.py" "$out" | tee "$out/table.md"
