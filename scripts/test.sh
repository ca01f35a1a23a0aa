#!/usr/bin/env bash
# The whole test suite: set-up (as root), then every unit and end-to-end test.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "$(id -u)" -eq 0 ]; then
    scripts/setup.sh
fi
[ -f "$HOME/.cargo/env" ] && . "$HOME/.cargo/env"
cargo test
