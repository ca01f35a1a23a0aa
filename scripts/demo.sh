#!/usr/bin/env bash
# berth's main job on a fresh machine, offline: build a busybox image, serve it
# from a real registry on loopback, pull it and run containers from it as an
# unprivileged user (rootless). Run as root: it installs what it needs.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
[ -f "$HOME/.cargo/env" ] && . "$HOME/.cargo/env"
cargo build --release
USER_NAME=${BERTH_TEST_USER:-berthtest}

work=$(mktemp -d /tmp/berth-demo.XXXXXX)
chmod 755 "$work"
cleanup() { [ -n "${reg_pid:-}" ] && kill "$reg_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

# An image from Debian's busybox-static.
mkdir -p "$work/rootfs/bin" "$work/rootfs/etc" "$work/rootfs/tmp"
cp /bin/busybox "$work/rootfs/bin/busybox"
for t in sh ls cat echo id ps sleep hostname; do ln -s busybox "$work/rootfs/bin/$t"; done
printf 'root:x:0:0:root:/root:/bin/sh\n' > "$work/rootfs/etc/passwd"
python3 scripts/mkimage.py "$work/rootfs" "$work/layout" latest sh

# A registry on a free loopback port.
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cat > "$work/registry.yml" <<YML
version: 0.1
storage:
  filesystem:
    rootdirectory: $work/registry
http:
  addr: 127.0.0.1:$port
YML
docker-registry serve "$work/registry.yml" >"$work/registry.log" 2>&1 &
reg_pid=$!
for _ in $(seq 50); do curl -fs "http://127.0.0.1:$port/v2/" >/dev/null && break; sleep 0.1; done
skopeo copy -q --dest-tls-verify=false "oci:$work/layout:latest" "docker://127.0.0.1:$port/demo/busybox:latest"

install -m 755 target/release/berth "$work/berth"
as_user() { runuser -u "$USER_NAME" -- env -C /tmp HOME="$(getent passwd "$USER_NAME" | cut -d: -f6)" \
    XDG_RUNTIME_DIR="$work/run" PATH=/usr/sbin:/usr/bin:/sbin:/bin "$@"; }
mkdir -p "$work/run" && chown "$USER_NAME" "$work/run" && chmod 700 "$work/run"
set -x
ref="127.0.0.1:$port/demo/busybox:latest"
as_user "$work/berth" pull "$ref"
as_user "$work/berth" images
as_user "$work/berth" run --rm "$ref" sh -c 'echo "hello from $(hostname): I am $(id -un), and I see:"; ps'
echo hi | as_user "$work/berth" run --rm -i "$ref" cat
as_user "$work/berth" run -d --name demo "$ref" sh -c 'echo started; sleep 60'
as_user "$work/berth" ps
as_user "$work/berth" exec demo sh -c 'echo "exec in $(hostname)"'
as_user "$work/berth" logs demo
as_user "$work/berth" rm -f -t 0 demo
as_user "$work/berth" rmi "$ref"
