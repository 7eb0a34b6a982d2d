#!/usr/bin/env bash
# spark-submit for sparknn: the application jar, its main class and the JVM options Spark and sparknn need.
#
#   scripts/submit.sh [spark-submit options...] -- train CONFIG [--set key=value]... [--output DIR] [--resume]
#   scripts/submit.sh train CONFIG ...          (no spark-submit options: Spark's default master)
#   scripts/submit.sh --help
#
# Everything before "--" goes to spark-submit (--master, --deploy-mode, --executor-memory, --total-executor-cores,
# --conf k=v, ...); everything after it to the sparknn command line. Give the master to spark-submit, not to
# train's own --master. Added for you:
#   --class org.sparknn.driver.cli.Main and driver/target/sparknn-driver-*-app.jar (built on first use);
#   --conf spark.executorEnv.OPENBLAS_NUM_THREADS=1 (one BLAS thread per task: Spark runs a task per core);
#   the JVM options of scripts/jvm-options plus --add-modules=jdk.incubator.vector, for the driver
#   (--driver-java-options) and the executors (spark.executor.extraJavaOptions). Your own
#   --driver-java-options and --conf spark.{driver,executor}.extraJavaOptions=... are appended to them.
#
# Which spark-submit: $SPARK_HOME/bin/spark-submit when SPARK_HOME is a Spark distribution (use one of Spark 4.2 for
# Scala 2.13, the version sparknn is built against). Otherwise spark-submit runs as
# `java ... org.apache.spark.deploy.SparkSubmit` on the Spark jars Maven resolved (driver/target/spark-jars): enough
# for local mode and for the development cluster of scripts/dev-cluster.sh (or any cluster of the same Spark). In
# that case, in client mode, the driver runs in this java process: its heap is --driver-memory (default 1g, as
# spark-submit's) and its logging conf/log4j2.properties (warnings; SPARKNN_LOG4J=FILE for another).
#
# Environment: SPARK_HOME (see above); SPARKNN_SKIP_BUILD=1 (do not run scripts/build.sh). For a local master or one
# on 127.0.0.1 SPARK_LOCAL_IP defaults to 127.0.0.1, so that the driver binds only to the loopback interface.
#
# Examples:
#   scripts/dev-cluster.sh start
#   scripts/submit.sh --master spark://127.0.0.1:7177 -- train conf/fashion-mnist-mlp.conf --set training.epochs=2
#   SPARK_HOME=/opt/spark scripts/submit.sh --master spark://head:7077 --executor-memory 4g -- \
#     train hdfs:///jobs/fashion-mnist-mlp.conf --output hdfs:///runs/mlp
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
main_class=org.sparknn.driver.cli.Main

usage() { awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; }

case "${1:-}" in
  "") usage >&2; exit 2 ;;
  -h|--help) usage; exit 0 ;;
esac

# Split the arguments at "--" (or take them all for sparknn when they start with its command).
spark_args=()
app_args=()
has_separator=0
for a in "$@"; do [ "$a" = "--" ] && { has_separator=1; break; }; done
if [ "$has_separator" = 1 ]; then
  while [ "$1" != "--" ]; do spark_args+=("$1"); shift; done
  shift
  app_args=("$@")
elif [[ $1 != -* ]]; then
  app_args=("$@")
else
  echo "submit: put '--' between the spark-submit options and the sparknn command, e.g." >&2
  echo "  scripts/submit.sh --master spark://127.0.0.1:7177 -- train conf/fashion-mnist-mlp.conf" >&2
  exit 2
fi
[ ${#app_args[@]} -gt 0 ] || { echo "submit: no sparknn command after '--' (e.g. train CONFIG)" >&2; exit 2; }

# Take out the options we merge with ours; note the ones this script needs to know.
user_driver_opts=""
user_executor_opts=""
master=""
deploy_mode=client
driver_memory=""
driver_class_path=""
passed=()
need() { [ "$2" -ge 2 ] || { echo "submit: $1 needs a value" >&2; exit 2; }; }
set -- ${spark_args[@]+"${spark_args[@]}"}
while [ $# -gt 0 ]; do
  case "$1" in
    --driver-java-options) need "$1" $#; user_driver_opts+=" $2"; shift 2 ;;
    --driver-java-options=*) user_driver_opts+=" ${1#*=}"; shift ;;
    --conf|-c)
      need "$1" $#
      case "$2" in
        spark.driver.extraJavaOptions=*) user_driver_opts+=" ${2#*=}" ;;
        spark.executor.extraJavaOptions=*) user_executor_opts+=" ${2#*=}" ;;
        spark.master=*) master=${2#*=}; passed+=("$1" "$2") ;;
        spark.submit.deployMode=*) deploy_mode=${2#*=}; passed+=("$1" "$2") ;;
        spark.driver.memory=*) driver_memory=${2#*=}; passed+=("$1" "$2") ;;
        *) passed+=("$1" "$2") ;;
      esac
      shift 2 ;;
    --master) need "$1" $#; master=$2; passed+=("$1" "$2"); shift 2 ;;
    --master=*) master=${1#*=}; passed+=("$1"); shift ;;
    --deploy-mode) need "$1" $#; deploy_mode=$2; passed+=("$1" "$2"); shift 2 ;;
    --deploy-mode=*) deploy_mode=${1#*=}; passed+=("$1"); shift ;;
    --driver-memory) need "$1" $#; driver_memory=$2; passed+=("$1" "$2"); shift 2 ;;
    --driver-memory=*) driver_memory=${1#*=}; passed+=("$1"); shift ;;
    --driver-class-path) need "$1" $#; driver_class_path=$2; passed+=("$1" "$2"); shift 2 ;;
    --driver-class-path=*) driver_class_path=${1#*=}; passed+=("$1"); shift ;;
    --class|--class=*)
      echo "submit: --class is set by this script ($main_class)" >&2; exit 2 ;;
    *) passed+=("$1"); shift ;;
  esac
done

if [ "${SPARKNN_SKIP_BUILD:-0}" != 1 ]; then "$root/scripts/build.sh"; fi
app=$(ls "$root"/driver/target/sparknn-driver-*-app.jar 2>/dev/null | head -1 || true)
[ -n "$app" ] || { echo "submit: no application jar in driver/target (./mvnw package -DskipTests)" >&2; exit 1; }

jvm_opts="--add-modules=jdk.incubator.vector $(grep -v '^[[:space:]]*#' "$root/scripts/jvm-options" | tr '\n' ' ')"
jvm_opts=$(echo $jvm_opts) # one line, single spaces
driver_opts="$jvm_opts${user_driver_opts}"
executor_opts="$jvm_opts${user_executor_opts}"

# A local or loopback master: keep every socket of the driver on 127.0.0.1 (its UI included).
case "$master" in
  local|local\[*|spark://127.*|spark://localhost:*|spark://localhost|"")
    if [ -n "$master" ] || [ ! -x "${SPARK_HOME:-/nonexistent}/bin/spark-submit" ]; then
      export SPARK_LOCAL_IP=${SPARK_LOCAL_IP:-127.0.0.1}
    fi ;;
esac
# One BLAS thread in the driver too (local mode runs the tasks in the driver's JVM).
export OPENBLAS_NUM_THREADS=${OPENBLAS_NUM_THREADS:-1}
# The JDK's libjsig in the driver and the executors (scripts/jsig.sh says why). The executors get this machine's
# path: where their JDK lives elsewhere, pass --conf spark.executorEnv.LD_PRELOAD=<their JDK>/lib/libjsig.so.
. "$root/scripts/jsig.sh"
jsig_conf=()
case " ${passed[*]:-} " in
  *spark.executorEnv.LD_PRELOAD=*) ;;
  *) [ -n "$SPARKNN_JSIG" ] && jsig_conf=(--conf "spark.executorEnv.LD_PRELOAD=$SPARKNN_JSIG") ;;
esac

submit_args=(--class "$main_class"
  --conf spark.executorEnv.OPENBLAS_NUM_THREADS=1
  ${jsig_conf[@]+"${jsig_conf[@]}"}
  --driver-java-options "$driver_opts"
  --conf "spark.executor.extraJavaOptions=$executor_opts"
  ${passed[@]+"${passed[@]}"}
  "$app" "${app_args[@]}")

if [ -n "${SPARK_HOME:-}" ] && [ -x "$SPARK_HOME/bin/spark-submit" ]; then
  ours=$(cd "$root/driver/target/spark-jars" 2>/dev/null && ls spark-core_*.jar 2>/dev/null | head -1 || true)
  if [ -n "$ours" ] && [ ! -f "$SPARK_HOME/jars/$ours" ]; then
    echo "submit: warning: sparknn is built against ${ours%.jar} but $SPARK_HOME/jars has" \
      "$(cd "$SPARK_HOME/jars" 2>/dev/null && ls spark-core_*.jar 2>/dev/null | head -1 || echo 'no spark-core jar')" >&2
  fi
  exec "$SPARK_HOME/bin/spark-submit" "${submit_args[@]}"
fi

# No distribution: spark-submit's own main class on the Maven-resolved Spark jars. In client mode it runs the
# driver in this JVM, so the driver's options and heap go on this java command line (spark-submit's launcher script
# would do that from --driver-java-options and --driver-memory).
jars=$root/driver/target/spark-jars
ls "$jars"/spark-core_*.jar >/dev/null 2>&1 || { echo "submit: no Spark jars in $jars" >&2; exit 1; }
java_args=()
if [ "$deploy_mode" = client ]; then
  # shellcheck disable=SC2206
  java_args=($driver_opts "-Xmx${driver_memory:-1g}"
    "-Dlog4j2.configurationFile=${SPARKNN_LOG4J:-$root/conf/log4j2.properties}")
fi
exec java ${java_args[@]+"${java_args[@]}"} -cp "${driver_class_path:+$driver_class_path:}$jars/*" \
  org.apache.spark.deploy.SparkSubmit "${submit_args[@]}"
