#!/usr/bin/env bash
# A development Spark standalone cluster on this machine: one master and N workers, separate JVMs, bound to
# 127.0.0.1 only. No Spark distribution is needed: the cluster's SPARK_HOME is target/dev-cluster, whose jars/ is
# the Spark that Maven resolved (driver/target/spark-jars).
#
#   scripts/dev-cluster.sh start [--workers N] [--cores C] [--memory M] [--port P] [--webui-port P] [--home DIR]
#   scripts/dev-cluster.sh status [--home DIR]
#   scripts/dev-cluster.sh stop [--home DIR]
#   scripts/dev-cluster.sh url [--home DIR]
#
# start prints the master URL (spark://127.0.0.1:7177 by default) on stdout, everything else on stderr; then submit
# jobs with scripts/submit.sh --master spark://127.0.0.1:7177 -- train CONFIG ...
# Logs: <home>/logs (master.log, worker-N.log); executors' stdout/stderr: <home>/work/worker-N/app-*/*/.
# Environment: SPARKNN_CLUSTER_HOME (default for --home), SPARKNN_CLUSTER_TIMEOUT (seconds to wait for the workers,
# default 120), SPARK_DAEMON_MEMORY (heap of master and workers, default 1g), SPARKNN_SKIP_BUILD=1 (do not run
# scripts/build.sh; the jars must exist).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)

usage() {
  awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"
  cat <<'EOF'

Options of start (defaults in brackets):
  --workers N       worker JVMs [1]
  --cores C         cores each worker offers [2]
  --memory M        memory each worker offers to executors, e.g. 4g [4g]
  --port P          master RPC port [7177]
  --webui-port P    master web UI port, on 127.0.0.1 [8177]; workers' UI and RPC ports are chosen free
  --home DIR        the cluster's SPARK_HOME, pids and logs [target/dev-cluster]
EOF
}

die() { echo "dev-cluster: $*" >&2; exit 1; }
say() { echo "dev-cluster: $*" >&2; }

cmd=${1:-}
[ -n "$cmd" ] || { usage >&2; exit 2; }
shift
case "$cmd" in
  -h|--help|help) usage; exit 0 ;;
  start|stop|status|url) ;;
  *) echo "dev-cluster: unknown command '$cmd' (start, stop, status, url)" >&2; exit 2 ;;
esac

workers=1 cores=2 memory=4g port=7177 webui_port=8177
home=${SPARKNN_CLUSTER_HOME:-$root/target/dev-cluster}
need_value() { [ $# -ge 2 ] && [ -n "$2" ] || die "$1 needs a value"; }
while [ $# -gt 0 ]; do
  case "$1" in
    --workers) need_value "$@"; workers=$2; shift 2 ;;
    --cores) need_value "$@"; cores=$2; shift 2 ;;
    --memory) need_value "$@"; memory=$2; shift 2 ;;
    --port) need_value "$@"; port=$2; shift 2 ;;
    --webui-port) need_value "$@"; webui_port=$2; shift 2 ;;
    --home) need_value "$@"; home=$2; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "dev-cluster: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
done
for v in workers cores port webui_port; do
  [[ ${!v} =~ ^[1-9][0-9]*$ ]] || die "--${v//_/-} must be a positive integer, got '${!v}'"
done
[[ $memory =~ ^[1-9][0-9]*[mMgG]$ ]] || die "--memory must look like 4g or 512m, got '$memory'"
if [ "$cmd" = start ]; then mkdir -p "$home"; fi
if [ ! -d "$home" ]; then
  echo "no dev cluster runs from $home" >&2
  case "$cmd" in status) exit 3 ;; url) exit 1 ;; *) exit 0 ;; esac
fi
home=$(cd "$home" && pwd)
host=127.0.0.1

# Every daemon JVM carries this marker, so that stop and status only ever touch this cluster's processes.
marker="-Dsparknn.devcluster=$home"

# The pid in a pid file if that process is alive and is one of ours, else nothing.
live_pid() {
  local file=$1 pid
  [ -f "$file" ] || return 0
  pid=$(cat "$file" 2>/dev/null || true)
  [[ $pid =~ ^[0-9]+$ ]] || return 0
  if kill -0 "$pid" 2>/dev/null && ps -ww -o args= -p "$pid" 2>/dev/null | grep -qF -- "$marker"; then
    echo "$pid"
  fi
}

worker_pidfiles() { ls "$home"/pids/worker-*.pid 2>/dev/null || true; }

# The master's JSON state (web UI), or nothing when it does not answer (or curl is missing).
master_json() {
  [ -f "$home/cluster.env" ] && command -v curl >/dev/null || return 0
  local ui
  ui=$(sed -n 's/^webui_port=//p' "$home/cluster.env")
  curl -fsS --max-time 3 "http://$host:$ui/json/" 2>/dev/null || true
}

json_number() { # json_number KEY JSON: the top-level "KEY" : number of the master's (pretty-printed) JSON
  sed -n "s/^  \"$1\" *: *\([0-9][0-9]*\).*/\1/p" <<<"$2" | head -1
}

# Workers the master has registered: from its JSON state, else (no curl) from its log of this start.
alive_workers() {
  if command -v curl >/dev/null; then
    json_number aliveworkers "$(master_json)"
  else
    grep -c "Master: Registering worker" "$home/logs/master.log" 2>/dev/null || true
  fi
}

tail_logs() {
  local f
  for f in "$home"/logs/*.log; do
    [ -f "$f" ] || continue
    echo "---- last lines of $f" >&2
    tail -n 25 "$f" >&2
  done
}

port_in_use() { # a TCP connect to 127.0.0.1:PORT succeeds
  (exec 3<>"/dev/tcp/$host/$1") 2>/dev/null
}

# Stops one daemon: TERM (its shutdown hook kills its executors), then KILL after 15 s; then any of its child
# processes (executors) still alive.
stop_daemon() {
  local name=$1 file=$2 pid children i
  pid=$(live_pid "$file")
  if [ -z "$pid" ]; then rm -f "$file"; return 0; fi
  children=$(pgrep -P "$pid" 2>/dev/null || ps -o pid= --ppid "$pid" 2>/dev/null || true)
  kill -TERM "$pid" 2>/dev/null || true
  for i in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  if kill -0 "$pid" 2>/dev/null; then
    say "$name (pid $pid) did not stop in 15 s; killing it"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  for i in $children; do
    if kill -0 "$i" 2>/dev/null; then
      for _ in $(seq 1 10); do kill -0 "$i" 2>/dev/null || break; sleep 0.5; done
      kill -0 "$i" 2>/dev/null && { say "killing leftover executor pid $i of $name"; kill -KILL "$i" 2>/dev/null || true; }
    fi
  done
  rm -f "$file"
  say "stopped $name (pid $pid)"
}

stop_all() {
  local f
  for f in $(worker_pidfiles); do stop_daemon "$(basename "$f" .pid)" "$f"; done
  stop_daemon master "$home/pids/master.pid"
}

master_url() {
  [ -f "$home/cluster.env" ] && sed -n 's/^master_url=//p' "$home/cluster.env"
}

case "$cmd" in
  url)
    [ -n "$(live_pid "$home/pids/master.pid")" ] || die "no dev cluster runs from $home"
    master_url
    exit 0
    ;;
  stop)
    if [ -z "$(live_pid "$home/pids/master.pid")" ] && [ -z "$(for f in $(worker_pidfiles); do live_pid "$f"; done)" ]
    then
      say "no dev cluster runs from $home"
      rm -f "$home"/pids/*.pid
      exit 0
    fi
    stop_all
    exit 0
    ;;
  status)
    running=0
    mpid=$(live_pid "$home/pids/master.pid")
    if [ -n "$mpid" ]; then
      running=1
      echo "master $(master_url) (pid $mpid), web UI http://$host:$(sed -n 's/^webui_port=//p' "$home/cluster.env")"
    else
      echo "master: not running"
    fi
    for f in $(worker_pidfiles); do
      wpid=$(live_pid "$f")
      if [ -n "$wpid" ]; then running=1; echo "$(basename "$f" .pid): running (pid $wpid)"
      else echo "$(basename "$f" .pid): not running"; fi
    done
    if [ -n "$mpid" ]; then
      json=$(master_json)
      if [ -n "$json" ]; then
        echo "alive workers: $(json_number aliveworkers "$json"), cores: $(json_number cores "$json")" \
          "(used $(json_number coresused "$json")), running applications: $(sed -n '/^  "activeapps"/,/^  "completedapps"/p' \
          <<<"$json" | sed -n 's/^    "name" *: *"\(.*\)",\{0,1\}$/\1/p' | paste -sd, -)"
      fi
    fi
    [ "$running" = 1 ] || { echo "no dev cluster runs from $home"; exit 3; }
    exit 0
    ;;
esac

# ---- start
command -v java >/dev/null || die "java not found (a JDK 17 is needed)"
if [ -n "$(live_pid "$home/pids/master.pid")" ]; then
  say "already running from $home (scripts/dev-cluster.sh stop first to change its shape)"
  master_url
  exit 0
fi
for f in $(worker_pidfiles); do
  [ -z "$(live_pid "$f")" ] || die "a worker of an earlier start still runs ($f); run scripts/dev-cluster.sh stop"
done

if [ "${SPARKNN_SKIP_BUILD:-0}" != 1 ]; then "$root/scripts/build.sh"; fi
jars=$root/driver/target/spark-jars
ls "$jars"/spark-core_*.jar >/dev/null 2>&1 || die "no Spark jars in $jars (build with ./mvnw package -DskipTests)"
for p in "$port" "$webui_port"; do
  port_in_use "$p" && die "port $p on $host is in use; choose another with --port / --webui-port"
done

# SPARK_HOME layout: jars/ (Spark's jars), conf/ (on the daemons' and executors' class path), logs, pids, work.
rm -rf "$home/logs" "$home/pids"
mkdir -p "$home/conf" "$home/logs" "$home/pids" "$home/work"
ln -sfn "$jars" "$home/jars"
url="spark://$host:$port"
printf 'master_url=%s\nport=%s\nwebui_port=%s\nworkers=%s\ncores=%s\nmemory=%s\n' \
  "$url" "$port" "$webui_port" "$workers" "$cores" "$memory" >"$home/cluster.env"

export SPARK_HOME=$home
export SPARK_CONF_DIR=$home/conf
# Executors are launched by the workers through Spark's launcher, which needs the Scala version of jars/ when
# SPARK_HOME is not a distribution ("Cannot find any build directories" otherwise).
export SPARK_SCALA_VERSION=2.13
# Every service (master, workers, executors, their block managers and UIs) binds to the loopback interface.
export SPARK_LOCAL_IP=$host
export SPARK_LOCAL_HOSTNAME=$host
export OPENBLAS_NUM_THREADS=${OPENBLAS_NUM_THREADS:-1}
opts=$(grep -v '^[[:space:]]*#' "$root/scripts/jvm-options" | tr '\n' ' ')
heap=${SPARK_DAEMON_MEMORY:-1g}

daemon() { # daemon NAME CLASS ARGS...: started in the background, immune to the terminal's SIGHUP/SIGINT
  local name=$1 class=$2
  shift 2
  # shellcheck disable=SC2086
  nohup java "$marker" $opts "-Xmx$heap" -Dspark.port.maxRetries=0 -Dspark.master.rest.enabled=false \
    -cp "$home/conf:$home/jars/*" "$class" "$@" </dev/null >"$home/logs/$name.log" 2>&1 &
  echo $! >"$home/pids/$name.pid"
}

fail_start() {
  say "$*"
  tail_logs
  say "stopping what was started"
  stop_all >/dev/null 2>&1 || true
  exit 1
}

timeout=${SPARKNN_CLUSTER_TIMEOUT:-120}
started=$SECONDS
daemon master org.apache.spark.deploy.master.Master --host "$host" --port "$port" --webui-port "$webui_port"
# Workers start as soon as the master's RPC port accepts connections (a worker that finds no master retries only
# after several seconds).
until port_in_use "$port"; do
  [ -n "$(live_pid "$home/pids/master.pid")" ] || fail_start "the master exited (log: $home/logs/master.log)"
  [ $((SECONDS - started)) -lt "$timeout" ] || fail_start "the master did not listen on port $port within $timeout s"
  sleep 0.5
done
for i in $(seq 1 "$workers"); do
  mkdir -p "$home/work/worker-$i"
  daemon "worker-$i" org.apache.spark.deploy.worker.Worker --host "$host" --port 0 --webui-port 0 \
    --cores "$cores" --memory "$memory" --work-dir "$home/work/worker-$i" "$url"
done
while :; do
  alive=$(alive_workers)
  [ "${alive:-0}" -ge "$workers" ] && break
  for f in $(worker_pidfiles) "$home/pids/master.pid"; do
    [ -n "$(live_pid "$f")" ] || fail_start "$(basename "$f" .pid) exited (log: $home/logs/$(basename "$f" .pid).log)"
  done
  [ $((SECONDS - started)) -lt "$timeout" ] \
    || fail_start "only ${alive:-0} of $workers workers registered with the master in $timeout s"
  sleep 0.5
done
say "master $url with $workers worker(s) of $cores cores and $memory each, up in $((SECONDS - started)) s;" \
  "web UI http://$host:$webui_port; logs in $home/logs"
say "submit: scripts/submit.sh --master $url -- train CONFIG [--set key=value]...; stop: scripts/dev-cluster.sh stop"
echo "$url"
