#!/usr/bin/env bash
# Install, train what is missing or stale, build, and serve the app on http://localhost:4173
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
ensure_node_modules
train
build
step "Serving build/ on http://localhost:${PORT:-4173} (Ctrl+C to stop)"
exec npx tsx scripts/serve.ts --port "${PORT:-4173}"
