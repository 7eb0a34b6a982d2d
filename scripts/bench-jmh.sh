#!/usr/bin/env bash
# JMH micro-benchmarks: matrix products (GemmJmh), each layer's forward/backward (LayerJmh), optimizer updates
# (OptimizerJmh), a streamed step's exchange over loopback (StepWireJmh) and a Kryo round trip of a parameter
# vector (KryoRoundTripJmh). Arguments go to JMH, e.g. a benchmark regex and options:
#   scripts/bench-jmh.sh                                   # everything (about 20 minutes)
#   scripts/bench-jmh.sh LayerJmh -p layer=dense784x128    # one worker benchmark
#   scripts/bench-jmh.sh KryoRoundTripJmh                  # one driver benchmark
# Single-threaded BLAS, as in Spark tasks (OPENBLAS_NUM_THREADS=1).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
./mvnw -B -ntp -q -pl worker,driver -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/jmh.classpath
export OPENBLAS_NUM_THREADS=${OPENBLAS_NUM_THREADS:-1}
opts="--add-modules=jdk.incubator.vector $(grep -v '^#' scripts/jvm-options | tr '\n' ' ')"
jmh() { # module, JMH arguments: each module's test classes carry their own benchmark list
  java -cp "$1/target/test-classes:$1/target/classes:$(cat "$1/target/jmh.classpath")" org.openjdk.jmh.Main \
    -jvmArgsAppend "$opts" "${@:2}"
}
case "${1:-}" in
  "") jmh worker; jmh driver ;;
  Kryo*|*driver*) jmh driver "$@" ;;
  *) jmh worker "$@" ;;
esac
