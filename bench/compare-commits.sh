#!/usr/bin/env bash
# AdvisorBot at two commits, side by side in one run on this machine, with the bare Kestrel echo as the machine's
# limit in every round: kestrel-echo, BASE, HEAD, interleaved, RUNS rounds, the same wrk settings as run-all.sh.
# Usage: bench/compare-commits.sh BASE [HEAD]     (THREADS=2 CONNS=64 DURATION=20 WARMUP=5 RUNS=3)
set -euo pipefail
cd "$(dirname "$0")"
BASE=${1:?usage: compare-commits.sh BASE [HEAD]}
HEAD_REV=${2:-HEAD}
export THREADS=${THREADS:-2} CONNS=${CONNS:-64} DURATION=${DURATION:-20} WARMUP=${WARMUP:-5}
RUNS=${RUNS:-3}
SHARED=${SHARED_BENCH:-../../shared/bench}
command -v wrk >/dev/null || { echo "wrk missing (Debian: apt-get install -y wrk)" >&2; exit 2; }

work=$(mktemp -d)
cleanup() {
  git -C .. worktree remove --force "$work/base" >/dev/null 2>&1 || true
  git -C .. worktree remove --force "$work/head" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
git -C .. worktree add -q --detach "$work/base" "$BASE"
git -C .. worktree add -q --detach "$work/head" "$HEAD_REV"
cp -r "$SHARED/kestrel-echo" "$work/"
chmod -R u+w "$work/kestrel-echo"

echo "base $(git -C .. rev-parse --short "$BASE"), head $(git -C .. rev-parse --short "$HEAD_REV"); wrk -t$THREADS -c$CONNS -d${DURATION}s; $RUNS rounds"
: > "$work/all.txt"
for run in $(seq "$RUNS"); do
  for name in kestrel-echo base head; do
    case $name in
      kestrel-echo) script="$work/kestrel-echo/run.sh" ;;
      *) script="$work/$name/bench/advisorbot/run.sh" ;;
    esac
    out=$("$script" 2>&1 | grep '^RESULT ' | sed "s/name=advisorbot/name=$name/" || true)
    [ -n "$out" ] || out="RESULT name=$name rps=FAILED"
    echo "round $run: $out" | tee -a "$work/all.txt"
  done
done

field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p"; }
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print "-"; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
med() { grep "name=$1 " "$work/all.txt" | field "$2" | grep -v FAILED | median; }
echo
printf '| %-12s | %8s | %7s | %7s | %7s | %11s |\n' endpoint "req/s" "p50 ms" "p90 ms" "p99 ms" "RSS load MB"
printf '|%s|\n' "--------------|----------|---------|---------|---------|-------------"
for name in kestrel-echo base head; do
  printf '| %-12s | %8s | %7s | %7s | %7s | %11s |\n' "$name" "$(med "$name" rps)" "$(med "$name" p50_ms)" "$(med "$name" p90_ms)" "$(med "$name" p99_ms)" "$(med "$name" rss_max_mb)"
done
awk -v b="$(med base rps)" -v h="$(med head rps)" -v k="$(med kestrel-echo rps)" \
  'BEGIN { if (b > 0 && k > 0) printf "\nhead / base = %.2f; base / kestrel-echo = %.3f; head / kestrel-echo = %.3f (medians of req/s)\n", h / b, b / k, h / k }'
