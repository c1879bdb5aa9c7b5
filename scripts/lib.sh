# Shared steps of start.sh, test.sh and .ci/run. Each step is idempotent and cheap when already done.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

ensure_node_modules() {
	# Reinstall when the lockfile is newer than the last install.
	if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
		step "Installing dependencies (npm ci)"
		npm ci --no-audit --no-fund
	fi
}

ensure_chromium() {
	if [ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then return; fi
	step "Installing Debian's chromium for the browser tests"
	local sudo=""
	[ "$(id -u)" -ne 0 ] && sudo="sudo"
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
}

train() {
	# Incremental: the pipeline skips every artifact whose inputs and code are unchanged.
	step "Training (incremental)"
	npm run --silent train
}

build() {
	step "Building the static site"
	npx vite build
}
