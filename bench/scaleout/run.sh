#!/usr/bin/env bash
# One instance on SQLite, one on Redis, and two on one Redis, side by side on this machine with the same corpus
# (../advisorbot/mixed.lua) and the same total load: wrk -c64, split 32 + 32 over the two instances (no proxy: each
# wrk drives one instance, as a round-robin proxy would). Bounded in time; only signals the processes it started.
# Usage: bench/scaleout/run.sh     (THREADS=2 CONNS=64 DURATION=20 WARMUP=5 RUNS=2)
set -euo pipefail
cd "$(dirname "$0")"
THREADS=${THREADS:-2} CONNS=${CONNS:-64} DURATION=${DURATION:-20} WARMUP=${WARMUP:-5} RUNS=${RUNS:-2}
LUA=../advisorbot/mixed.lua
command -v wrk >/dev/null || { echo "wrk missing (Debian: apt-get install -y wrk)" >&2; exit 2; }
command -v redis-server >/dev/null || { echo "redis-server missing (Debian: apt-get install -y redis-server)" >&2; exit 2; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]:-}"; do [ -n "$p" ] && kill -KILL "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
echo "== build (Release)"
dotnet publish ../../src/AdvisorBot/AdvisorBot.csproj -c Release -o "$work/out" --nologo -v quiet >/dev/null

REDIS_PORT=$(free_port)
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no --dir "$work" >/dev/null 2>&1 &
pids+=($!)
for _ in $(seq 50); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break; sleep 0.1; done

start() { # start NAME PORT [redis]
  local env=(ASPNETCORE_URLS="http://127.0.0.1:$2" State__SqlitePath="$work/$1.db" Logging__LogLevel__Default=Warning)
  [ "${3:-}" = redis ] && env+=(State__Provider=Redis ConnectionStrings__Redis="127.0.0.1:$REDIS_PORT,abortConnect=false" State__KeyPrefix="bench-$1:")
  env "${env[@]}" dotnet "$work/out/AdvisorBot.dll" >"$work/$1.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 300); do curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$2/healthz/ready" && return 0; sleep 0.1; done
  echo "$1 did not start" >&2; cat "$work/$1.log" >&2; exit 1
}
stop_all_services() { for p in "${pids[@]:1}"; do kill -TERM "$p" 2>/dev/null || true; done; sleep 1; pids=("${pids[0]}"); }
load() { # load CONNS URL OUT
  timeout $((WARMUP + 30)) wrk -t1 -c"$1" -d"${WARMUP}s" -s "$LUA" "$2" >/dev/null
}
measure() { timeout $((DURATION + 30)) wrk -t1 -c"$1" -d"${DURATION}s" --latency -s "$LUA" "$2" >"$3"; }
rps() { awk '/^Requests\/sec:/ {printf "%.0f", $2}' "$1"; }
p99() { awk '$1 == "99%" {print $2}' "$1"; }
errors() { awk '/Non-2xx/ {print $NF}' "$1"; }

for run in $(seq "$RUNS"); do
  # one instance, SQLite (the embedded default)
  P=$(free_port); start sqlite "$P"
  load "$CONNS" "http://127.0.0.1:$P/api/messages"; measure "$CONNS" "http://127.0.0.1:$P/api/messages" "$work/s.txt"
  echo "round $run: one instance, SQLite: $(rps "$work/s.txt") turns/s, p99 $(p99 "$work/s.txt"), non-2xx $(errors "$work/s.txt" || echo 0)"
  stop_all_services
  # one instance, Redis
  P=$(free_port); start redis1 "$P" redis
  load "$CONNS" "http://127.0.0.1:$P/api/messages"; measure "$CONNS" "http://127.0.0.1:$P/api/messages" "$work/r1.txt"
  echo "round $run: one instance, Redis: $(rps "$work/r1.txt") turns/s, p99 $(p99 "$work/r1.txt"), non-2xx $(errors "$work/r1.txt" || echo 0)"
  stop_all_services
  # two instances, one Redis, the load split
  PA=$(free_port); start redisA "$PA" redis; PB=$(free_port); start redisB "$PB" redis
  load $((CONNS / 2)) "http://127.0.0.1:$PA/api/messages" & w1=$!
  load $((CONNS / 2)) "http://127.0.0.1:$PB/api/messages"; wait "$w1" || true
  measure $((CONNS / 2)) "http://127.0.0.1:$PA/api/messages" "$work/a.txt" & w1=$!
  measure $((CONNS / 2)) "http://127.0.0.1:$PB/api/messages" "$work/b.txt"; wait "$w1" || true
  echo "round $run: two instances, one Redis: $(( $(rps "$work/a.txt") + $(rps "$work/b.txt") )) turns/s ($(rps "$work/a.txt") + $(rps "$work/b.txt")), p99 $(p99 "$work/a.txt") / $(p99 "$work/b.txt"), non-2xx $(errors "$work/a.txt" || echo 0) / $(errors "$work/b.txt" || echo 0)"
  stop_all_services
done
