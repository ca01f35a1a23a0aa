#!/usr/bin/env bash
# The whole test suite: set-up (as root), the formatting and lint checks
# (cargo fmt --check, cargo clippy --all-targets -- -D warnings), then every
# unit and end-to-end test. Stops at the first step that fails.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "$(id -u)" -eq 0 ]; then
    scripts/setup.sh
fi
[ -f "$HOME/.cargo/env" ] && . "$HOME/.cargo/env"

fail() {
    echo "test.sh: FAILED: $*" >&2
    exit 1
}

# rustfmt and clippy are rustup components that a minimal profile leaves out.
if command -v rustup >/dev/null 2>&1; then
    installed=$(rustup component list --installed)
    for component in rustfmt clippy; do
        if ! grep -q "^$component-" <<<"$installed"; then
            echo "test.sh: installing the $component component" >&2
            rustup component add "$component" || fail "rustup component add $component"
        fi
    done
fi
cargo fmt --version >/dev/null 2>&1 || fail "cargo fmt is not available (install rustfmt)"
cargo clippy --version >/dev/null 2>&1 || fail "cargo clippy is not available (install clippy)"

cargo fmt --check || fail "the code is not formatted as rustfmt would (the diff is above): run 'cargo fmt'"
cargo clippy --all-targets -- -D warnings ||
    fail "clippy reports the problems above (warnings are errors here): fix them before the tests run"
cargo test
