#!/usr/bin/env bash
# Side by side in one run, identical wrk settings, loopback only: the bare Kestrel echo (the machine's limit),
# the Bot Framework Node SDK echo bot (what users would otherwise pick) and AdvisorBot on a mixed question corpus.
# The two baselines come from ../shared/bench (beside this repository) and run from a temporary copy, so the
# shared folder stays untouched. Usage: bench/run-all.sh   (THREADS=2 CONNS=64 DURATION=20 WARMUP=5 RUNS=3)
set -euo pipefail
cd "$(dirname "$0")"
export THREADS=${THREADS:-2} CONNS=${CONNS:-64} DURATION=${DURATION:-20} WARMUP=${WARMUP:-5}
RUNS=${RUNS:-3}
SHARED=${SHARED_BENCH:-../../shared/bench}
[ -d "$SHARED" ] || { echo "no baselines at $SHARED (set SHARED_BENCH)" >&2; exit 2; }
command -v wrk >/dev/null || { echo "wrk missing (Debian: apt-get install -y wrk)" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$SHARED/kestrel-echo" "$SHARED/botbuilder-js" "$work/"
chmod -R u+w "$work"

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo); dotnet $(dotnet --version); node $(node --version); $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2)"
echo "wrk: -t$THREADS -c$CONNS -d${DURATION}s --latency (after a ${WARMUP}s warm-up); client and server share the machine; $RUNS runs each, interleaved"
mkdir -p results
: > results/all.txt
for run in $(seq "$RUNS"); do
  for name in kestrel-echo botbuilder-js advisorbot; do
    case $name in
      advisorbot) script=./advisorbot/run.sh ;;
      *) script="$work/$name/run.sh" ;;
    esac
    echo "################ run $run: $name"
    out=$("$script" 2>&1 | tee "results/$name.$run.log" | grep '^RESULT ' || true)
    [ -n "$out" ] || out="RESULT name=$name rps=FAILED"
    echo "$out" | tee -a results/all.txt
  done
done

# Medians per endpoint, and ratios against the two baselines.
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p"; }
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print "-"; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
med() { grep "name=$1 " results/all.txt | field "$2" | grep -v FAILED | median; }
echo
printf '| %-13s | %8s | %7s | %7s | %7s | %11s | %10s |\n' endpoint "req/s" "p50 ms" "p90 ms" "p99 ms" "RSS load MB" "server CPU"
printf '|%s|\n' "---------------|----------|---------|---------|---------|-------------|------------"
for name in kestrel-echo botbuilder-js advisorbot; do
  printf '| %-13s | %8s | %7s | %7s | %7s | %11s | %9s%% |\n' "$name" "$(med "$name" rps)" "$(med "$name" p50_ms)" "$(med "$name" p90_ms)" "$(med "$name" p99_ms)" "$(med "$name" rss_max_mb)" "$(med "$name" server_cpu_pct)"
done
awk -v a="$(med advisorbot rps)" -v k="$(med kestrel-echo rps)" -v b="$(med botbuilder-js rps)" \
  'BEGIN { if (k > 0 && b > 0) printf "\nadvisorbot / kestrel-echo = %.2f; advisorbot / botbuilder-js = %.1f (medians of req/s)\n", a / k, a / b }'
