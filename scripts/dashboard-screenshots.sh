#!/usr/bin/env bash
# The README's dashboard screenshots, taken by the browser tests' own code (tests/PetriDish.Tests/
# Dashboard, headless Chromium via chromium-driver) into docs/images/dashboard/: run-list.png,
# run-live.png, run.png, comparison.png, benchmark.png. Needs Debian's chromium and chromium-driver.
# Usage: scripts/dashboard-screenshots.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$root/docs/images/dashboard"
mkdir -p "$out"
rm -f "$out"/*.png
cd "$root"
PETRIDISH_SCREENSHOTS="$out" dotnet test tests/PetriDish.Tests -c Release --filter "Category=Browser" --logger "console;verbosity=minimal"
for page in run-list.png run-live.png run.png comparison.png benchmark.png; do
  [ -f "$out/$page" ] || { echo "dashboard-screenshots: $page was not taken" >&2; exit 1; }
done
echo "wrote $(ls "$out" | tr '\n' ' ')to $out"
