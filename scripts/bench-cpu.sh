#!/usr/bin/env bash
# CPU backend benchmarks, native OpenBLAS and the Java BLAS side by side in one run:
#   SGEMM GFLOP/s at (M,K,N) = (64,784,128), (512,784,512), (1024,1024,1024), and single-process training
#   samples/s of the 784-128-64-10 MLP (Adam, batch 64) on Fashion-MNIST. Medians; see GemmBench and TrainBench.
# Usage: scripts/bench-cpu.sh [epochs]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/build.sh"
jar=$(ls "$root"/worker/target/sparknn-worker-*-all.jar | head -1)
epochs=${1:-4}
for blas in native java; do
  echo "== sparknn.blas=$blas"
  if ! java --add-modules=jdk.incubator.vector -Dsparknn.blas=$blas -cp "$jar" \
      org.sparknn.worker.bench.GemmBench 2>/dev/null; then
    echo "(native BLAS unavailable: install libopenblas0-pthread)"; continue
  fi
  java --add-modules=jdk.incubator.vector -Dsparknn.blas=$blas -cp "$jar" \
      org.sparknn.worker.bench.TrainBench "$epochs" mlp 2>/dev/null
done
