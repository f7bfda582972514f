#!/usr/bin/env bash
# setup.sh installs what newsgraph's tests need beyond Go and its modules:
# Debian's Chromium, used headless by the web UI tests (internal/web).
# It is idempotent and quiet when everything is already present.
set -euo pipefail

if ! command -v chromium >/dev/null 2>&1; then
	echo "setup: installing chromium (Debian package)" >&2
	export DEBIAN_FRONTEND=noninteractive
	sudo=""
	if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then
		sudo="sudo -E"
	fi
	$sudo apt-get update -qq >/dev/null
	$sudo apt-get install -y -qq chromium >/dev/null
fi
chromium --version >&2 || true
