#!/usr/bin/env bash
# The one test command (README, .ci/run): typecheck, lint, unit tests, browser tests, then one closing line
# "N passed, N failed" over both runners.
set -euo pipefail
cd "$(dirname "$0")/.."
export TZ=UTC
[ -d node_modules ] || npm ci
bash scripts/ensure-chromium.sh
mkdir -p reports
echo "== typecheck" && npm run -s typecheck
echo "== lint" && npm run -s lint
status=0
echo "== unit tests (vitest; the server's API suite also against a throwaway PostgreSQL 15)"
bash scripts/with-postgres.sh npx vitest run --reporter=default --reporter=json --outputFile.json=reports/vitest.json || status=$?
echo "== browser tests (playwright)"
PLAYWRIGHT_JSON_OUTPUT_NAME=reports/playwright.json npx playwright test --reporter=list,json || status=$?
node scripts/test-summary.mjs reports/vitest.json reports/playwright.json || status=$?
exit "$status"
