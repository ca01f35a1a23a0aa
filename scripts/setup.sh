#!/usr/bin/env bash
# Installs what berth and its tests need on Debian 12 and creates the
# unprivileged test user. Idempotent; run as root.
set -euo pipefail

PACKAGES=(docker-registry skopeo busybox-static uidmap catatonit libseccomp-dev openssl curl jq ca-certificates
          pkg-config build-essential git python3)
TEST_USER=${BERTH_TEST_USER:-berthtest}

if [ "$(id -u)" -ne 0 ]; then
    echo "setup.sh: run as root (it installs packages and creates the test user)" >&2
    exit 1
fi

missing=()
for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null
fi

# Debian's docker-registry package starts a system registry on :5000; the tests
# start their own on ephemeral ports, so stop it if it runs.
# Only the daemon owned by the package's user: test registries run as root.
if pgrep -x docker-registry -u docker-registry >/dev/null 2>&1; then
    service docker-registry stop >/dev/null 2>&1 || pkill -x docker-registry -u docker-registry || true
fi

if ! id "$TEST_USER" >/dev/null 2>&1; then
    useradd -m -s /bin/bash "$TEST_USER"
fi
grep -q "^$TEST_USER:" /etc/subuid 2>/dev/null || echo "$TEST_USER:100000:65536" >> /etc/subuid
grep -q "^$TEST_USER:" /etc/subgid 2>/dev/null || echo "$TEST_USER:100000:65536" >> /etc/subgid

if ! command -v cargo >/dev/null 2>&1 && [ -f "$HOME/.cargo/env" ]; then
    # shellcheck disable=SC1091
    . "$HOME/.cargo/env"
fi
command -v cargo >/dev/null || { echo "setup.sh: no Rust toolchain (cargo) on PATH" >&2; exit 1; }
