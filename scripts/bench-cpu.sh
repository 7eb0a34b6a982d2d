#!/usr/bin/env bash
# CPU backend benchmarks, native OpenBLAS and the Java BLAS side by side in one run:
#   SGEMM GFLOP/s at (M,K,N) = (64,784,128), (512,784,512), (1024,1024,1024), and single-process training
#   samples/s of the 784-128-64-10 MLP (Adam, batch 64) on Fashion-MNIST; then, native BLAS with one thread as in a
#   Spark task, B3's CNN at batch 32 (one local[2] task's share of a step). Medians; see GemmBench and TrainBench.
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
echo "== B3 CNN, batch 32, sparknn.blas=native, OPENBLAS_NUM_THREADS=1"
OPENBLAS_NUM_THREADS=1 java --add-modules=jdk.incubator.vector -Dsparknn.blas=native -cp "$jar" \
    org.sparknn.worker.bench.TrainBench "$epochs" cnn 32 2>/dev/null || echo "(native BLAS unavailable)"
