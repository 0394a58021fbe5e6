#!/usr/bin/env bash
# The I/O shoot-out: Gearbox's example HTTP and echo servers beside the same servers on Netty's
# NIO transport, on one JDK, loaded by the same clients in the same run (docs/benchmarks.md).
#
#   benchmarks/io-shootout.sh            3 rounds, 10 s each, every server
#
# Environment: ROUNDS (3), DURATION (10, seconds of each measured run), WARMUP (3, seconds of load before each measured run),
# CONNECTIONS (64), RUNTIME (workstealing, the Gearbox runtime), SERVERS (a space-separated subset
# of: gearbox-http netty-http gearbox-echo netty-echo), JAVA_OPTS (the servers' JVM options),
# NO_BUILD=1 to use the jars already built, BASELINE=DIR to add the servers gearbox-http-baseline and
# gearbox-echo-baseline, run from a copy of an earlier build (DIR/lib and DIR/classes, copied from
# examples/target) for a before/after comparison in one run.
#
# Each round starts every server in turn on 127.0.0.1, warms it up, loads it (wrk -t2 for HTTP, the
# Java EchoLoadClient with 64-byte messages for echo) and stops it; the servers are interleaved so
# that a change in the machine's load hits all of them alike. Prints every run, the load average,
# and the median of each server. Needs wrk (apt-get install wrk).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
rounds=${ROUNDS:-3}
seconds=${DURATION:-10}
warmup=${WARMUP:-3}
connections=${CONNECTIONS:-64}
runtime=${RUNTIME:-workstealing}
servers=${SERVERS:-gearbox-http netty-http gearbox-echo netty-echo}
if [ -n "${BASELINE:-}" ] && [ -z "${SERVERS:-}" ]; then
  servers="gearbox-http-baseline gearbox-http netty-http gearbox-echo-baseline gearbox-echo netty-echo"
fi
java_opts=${JAVA_OPTS:--Xms512m -Xmx512m -XX:+AlwaysPreTouch}
port=18080

command -v wrk >/dev/null || { echo "io-shootout: wrk is missing (apt-get install wrk)" >&2; exit 1; }
if [ "${NO_BUILD:-0}" != 1 ]; then
  ./gearbox mvn -B -q -pl examples,benchmarks -am package -DskipTests -Dmaven.javadoc.skip=true \
    -Dmaven.source.skip=true -Dspotless.check.skip=true >/dev/null
fi
java_bin=$(./gearbox java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.home = //p')/bin/java
bench_jar=benchmarks/target/benchmarks.jar
examples_path=examples/target/lib:examples/target/classes

# Starts server $1 on $port in the background; sets server_pid.
start_server() {
  local name=$1 cmd
  # shellcheck disable=SC2206
  case "$name" in
    gearbox-http-baseline) cmd=(-p "$BASELINE/lib:$BASELINE/classes"
      -m dev.gearbox.examples/dev.gearbox.examples.HttpServer --port "$port" --runtime "$runtime") ;;
    gearbox-echo-baseline) cmd=(-p "$BASELINE/lib:$BASELINE/classes"
      -m dev.gearbox.examples/dev.gearbox.examples.EchoServer --port "$port" --runtime "$runtime") ;;
    gearbox-http) cmd=(-p "$examples_path" -m dev.gearbox.examples/dev.gearbox.examples.HttpServer
      --port "$port" --runtime "$runtime") ;;
    gearbox-echo) cmd=(-p "$examples_path" -m dev.gearbox.examples/dev.gearbox.examples.EchoServer
      --port "$port" --runtime "$runtime") ;;
    netty-http) cmd=(-cp "$bench_jar" dev.gearbox.benchmarks.netty.NettyNioServer http "$port" 2) ;;
    netty-echo) cmd=(-cp "$bench_jar" dev.gearbox.benchmarks.netty.NettyNioServer echo "$port" 2) ;;
    *) echo "io-shootout: unknown server $name" >&2; exit 2 ;;
  esac
  # shellcheck disable=SC2086
  "$java_bin" $java_opts "${cmd[@]}" >"target/io-shootout-$name.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 100); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      return
    fi
    sleep 0.1
  done
  echo "io-shootout: $name did not start; see target/io-shootout-$name.log" >&2
  exit 1
}

stop_server() {
  if [ -n "${server_pid:-}" ]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=
  fi
}
trap stop_server EXIT

# Loads server $1 for $2 seconds; prints its rate (requests or round trips per second).
load() {
  local name=$1 duration=$2
  case "$name" in
    *-http | *-http-baseline)
      wrk -t2 -c"$connections" -d"${duration}s" "http://127.0.0.1:$port/" |
        sed -n 's/^Requests\/sec: *\([0-9.]*\).*/\1/p' ;;
    *-echo | *-echo-baseline)
      "$java_bin" -cp "$bench_jar" dev.gearbox.benchmarks.io.EchoLoadClient 127.0.0.1 "$port" \
        --connections "$connections" --size 64 --seconds "$duration" --warmup 0 |
        sed -n 's/^echo round trips\/s: *\([0-9.]*\).*/\1/p' ;;
  esac
}

mkdir -p target
results=target/io-shootout-results.txt
: >"$results"
echo "io-shootout: runtime $runtime, $rounds rounds of ${seconds} s, $connections connections; $(nproc) CPUs"
for round in $(seq "$rounds"); do
  for name in $servers; do
    start_server "$name"
    load "$name" "$warmup" >/dev/null
    rate=$(load "$name" "$seconds")
    stop_server
    if [ -z "$rate" ]; then
      echo "io-shootout: no figure from the load of $name; see target/io-shootout-$name.log" >&2
      exit 1
    fi
    printf 'round %d  %-22s %10.0f /s   (load average %s)\n' "$round" "$name" "$rate" \
      "$(cut -d' ' -f1-3 /proc/loadavg)"
    echo "$name $rate" >>"$results"
  done
done
echo "medians:"
for name in $servers; do
  grep "^$name " "$results" | awk '{print $2}' | sort -n |
    awk -v n="$name" '{v[NR]=$1} END {m = NR % 2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2; printf "  %-22s %10.0f /s\n", n, m}'
done
