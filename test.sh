#!/usr/bin/env bash
# Runs every test of the repository on a fresh machine: installs what is missing, then runs them all.
# Usage: ./test.sh [extra dotnet test arguments]      (.ci/run calls exactly this)
set -euo pipefail
cd "$(dirname "$0")"

# --- What a fresh machine may lack --------------------------------------------------------------
# The .NET SDK and Node.js are on every machine of this project. The placeholder vswhere package for the local
# NuGet feed is built by MSBuild itself before restore (build/LocalFeed.targets), so restore works
# from an empty package cache without any step here.
need_apt() {
  # Installs Debian packages that are missing; later test suites (browser, Redis) list theirs here.
  local missing=()
  for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "test.sh: installing ${missing[*]}"
    local sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
  fi
}
# Chart PNGs use DejaVu Sans; the card tests render every card in Debian's chromium; the scale-out tests start
# their own redis-server on a free loopback port (and stop it).
need_apt fonts-dejavu-core chromium redis-server

# The JS checks use the real client libraries (adaptivecards, adaptivecards-templating, @microsoft/teams.cards,
# typescript, playwright-core, botframework-directlinejs, @microsoft/app-manifest, the Agents Playground,
# @microsoft/agents-activity), from the lock file.
if [ ! -d tests/cards-js/node_modules ] || [ tests/cards-js/package-lock.json -nt tests/cards-js/node_modules ]; then
  echo "test.sh: installing the npm packages of the JS checks"
  (cd tests/cards-js && npm ci --no-audit --no-fund)
fi

# --- All tests ----------------------------------------------------------------------------------
log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
dotnet test AdvisorBot.sln --nologo "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# One closing line over all test projects, in the plain form CI reads.
sum() { grep -oE "$1: +[0-9]+" "$log" | awk '{ s += $2 } END { print s + 0 }'; }
echo "$(sum Passed) passed, $(sum Failed) failed, $(sum Skipped) skipped"
exit "$status"
