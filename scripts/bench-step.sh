#!/usr/bin/env bash
# The cost of one synchronous step (sync = step) in local[2], split into Spark scheduling, parameter
# broadcast/serialization/aggregation, and compute. Usage: scripts/bench-step.sh [CONFIG] [rounds]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/build.sh"
app=$(ls "$root"/driver/target/sparknn-driver-*-app.jar | head -1)
opts=$(grep -v '^#' "$root/scripts/jvm-options" | tr '\n' ' ')
SPARK_LOCAL_IP=127.0.0.1 OPENBLAS_NUM_THREADS=1 exec java --add-modules=jdk.incubator.vector $opts -Xmx6g \
  -Dlog4j2.configurationFile="$root/conf/log4j2.properties" \
  -cp "$app:$root/driver/target/spark-jars/*" org.sparknn.driver.bench.StepCostBench \
  "${1:-$root/conf/fashion-mnist-mlp.conf}" "${2:-200}"
