#!/usr/bin/env bash
# Every test: type checks, unit tests (vitest) and browser tests (playwright-core in Debian's chromium)
# against the built site. Trains and builds first when needed.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
ensure_node_modules
ensure_chromium
train
build
mkdir -p test-results

step "Type check (svelte-check)"
npx svelte-kit sync
npx svelte-check --tsconfig ./tsconfig.json --threshold error

status=0
step "Unit tests (vitest)"
npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/unit.json || status=1

step "Browser tests (node:test + playwright-core + chromium)"
node --import tsx --test --test-concurrency=1 --test-reporter=spec --test-reporter-destination=stdout \
	--test-reporter=./test/e2e/count_reporter.mjs --test-reporter-destination=test-results/e2e.json \
	test/e2e/*.test.ts || status=1

# One closing line over both runners, in the plain 'N passed, N failed' form.
node -e '
const fs = require("fs");
const read = (f) => { try { return JSON.parse(fs.readFileSync(f, "utf8")); } catch { return null; } };
const u = read("test-results/unit.json"), e = read("test-results/e2e.json");
const passed = (u?.numPassedTests ?? 0) + (e?.passed ?? 0), failed = (u?.numFailedTests ?? 0) + (e?.failed ?? 0);
if (!u) console.log("unit test report missing"); if (!e) console.log("browser test report missing");
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(failed || !u || !e ? 1 : 0);' || status=1
exit $status
