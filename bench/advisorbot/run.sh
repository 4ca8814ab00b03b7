#!/usr/bin/env bash
# Build, start, load and stop AdvisorBot on loopback with a mixed question corpus (bounded in time).
# Usage: ./run.sh     (PORT=3979 THREADS=2 CONNS=64 DURATION=20 WARMUP=5, the settings of ../../shared/bench)
# Prints the wrk report and one "RESULT ..." line in the format of ../../shared/bench/*/run.sh.
# It only ever signals the processes it started itself, by their PID.
set -euo pipefail
cd "$(dirname "$0")"

PORT=${PORT:-3979}
THREADS=${THREADS:-2}
CONNS=${CONNS:-64}
DURATION=${DURATION:-20}
WARMUP=${WARMUP:-5}
HOST=127.0.0.1
URL="http://$HOST:$PORT/api/messages"
NAME=advisorbot

command -v wrk >/dev/null || { echo "wrk missing (Debian: apt-get install -y wrk)" >&2; exit 2; }
if curl -s -o /dev/null --max-time 1 "http://$HOST:$PORT/"; then
  echo "something already listens on $HOST:$PORT; set PORT=..." >&2; exit 2
fi

echo "== build (Release)"
dotnet publish ../../src/AdvisorBot/AdvisorBot.csproj -c Release -o out --nologo -v quiet >/dev/null

mkdir -p results
LOG=results/server.log
STATE=$(mktemp -d)
SERVER_PID=""
SAMPLER_PID=""
cleanup() {
  if [ -n "$SAMPLER_PID" ]; then kill "$SAMPLER_PID" 2>/dev/null || true; wait "$SAMPLER_PID" 2>/dev/null || true; fi
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$STATE"
}
trap cleanup EXIT

echo "== start on $HOST:$PORT"
ASPNETCORE_URLS="http://$HOST:$PORT" State__SqlitePath="$STATE/state.db" Logging__LogLevel__Default=Warning \
  DOTNET_CLI_TELEMETRY_OPTOUT=1 dotnet out/AdvisorBot.dll >"$LOG" 2>&1 &
SERVER_PID=$!
STARTED=$(date +%s.%N)
for _ in $(seq 300); do
  curl -s -o /dev/null --max-time 1 "http://$HOST:$PORT/healthz" && break
  kill -0 "$SERVER_PID" 2>/dev/null || { echo "server died:" >&2; cat "$LOG" >&2; exit 1; }
  sleep 0.1
done
echo "ready after $(awk -v s="$STARTED" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }') s (knowledge loaded, classifier trained)"

echo "== single request check"
body='{"type":"message","id":"check","channelId":"loadtest","serviceUrl":"http://127.0.0.1:9/","from":{"id":"u"},"recipient":{"id":"advisorbot"},"conversation":{"id":"check"},"locale":"nl-NL","text":"hoe schaars zijn ze?","deliveryMode":"expectReplies"}'
code=$(curl -s -o results/single.json -w '%{http_code}' --max-time 5 -H 'Content-Type: application/json' --data-binary "$body" "$URL")
bytes=$(wc -c <results/single.json)
grep -q 'Zeer schaars' results/single.json || { echo "no scarcity answer in the reply (HTTP $code)" >&2; cat results/single.json >&2; exit 1; }
echo "HTTP $code, response $bytes bytes"
rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$SERVER_PID/status" 2>/dev/null || echo 0; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$SERVER_PID/stat" 2>/dev/null || echo 0; }
RSS_START=$(rss_kb)

echo "== warm-up ${WARMUP}s"
timeout $((WARMUP + 30)) wrk -t"$THREADS" -c"$CONNS" -d"${WARMUP}s" -s mixed.lua "$URL" >/dev/null

( max=0; while kill -0 "$SERVER_PID" 2>/dev/null; do r=$(rss_kb); [ "$r" -gt "$max" ] && max=$r && echo "$max" >results/rss_max_kb; sleep 0.5; done ) &
SAMPLER_PID=$!

echo "== load: wrk -t$THREADS -c$CONNS -d${DURATION}s --latency -s mixed.lua $URL"
T0=$(cpu_ticks)
timeout $((DURATION + 30)) wrk -t"$THREADS" -c"$CONNS" -d"${DURATION}s" --latency -s mixed.lua "$URL" | tee results/wrk.txt
T1=$(cpu_ticks)
kill "$SAMPLER_PID" 2>/dev/null || true; wait "$SAMPLER_PID" 2>/dev/null || true; SAMPLER_PID=""
RSS_MAX=$(cat results/rss_max_kb 2>/dev/null || echo 0)
HZ=$(getconf CLK_TCK)

to_ms() { awk -v v="$1" 'BEGIN { if (v ~ /us$/) { sub(/us$/, "", v); printf "%.2f", v / 1000 } else if (v ~ /ms$/) { sub(/ms$/, "", v); printf "%.2f", v } else if (v ~ /s$/) { sub(/s$/, "", v); printf "%.2f", v * 1000 } else print v }'; }
pct() { to_ms "$(awk -v p="$1" '$1 == p {print $2}' results/wrk.txt)"; }
RPS=$(awk '/^Requests\/sec:/ {printf "%.0f", $2}' results/wrk.txt)
NON2XX=$(awk '/Non-2xx/ {print $NF}' results/wrk.txt); NON2XX=${NON2XX:-0}
ERRS=$(awk '/Socket errors/ {print $0}' results/wrk.txt | sed 's/^ *//'); ERRS=${ERRS:-none}
CPU=$(awk -v t=$((T1 - T0)) -v hz="$HZ" -v d="$DURATION" 'BEGIN { printf "%.0f", 100 * t / hz / d }')
echo "RESULT name=$NAME rps=$RPS p50_ms=$(pct 50%) p75_ms=$(pct 75%) p90_ms=$(pct 90%) p99_ms=$(pct 99%) rss_start_mb=$((RSS_START / 1024)) rss_max_mb=$((RSS_MAX / 1024)) server_cpu_pct=$CPU non2xx=$NON2XX resp_bytes=$bytes socket_errors=\"$ERRS\"" | tee results/result.txt
