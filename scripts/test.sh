#!/usr/bin/env bash
# The one test command: typecheck, lint, unit tests, browser tests. Used by the README and .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."
export TZ=UTC
[ -d node_modules ] || npm ci
bash scripts/ensure-chromium.sh
echo "== typecheck" && npm run -s typecheck
echo "== lint" && npm run -s lint
echo "== unit tests" && npx vitest run
echo "== browser tests" && npx playwright test
