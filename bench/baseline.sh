#!/usr/bin/env bash
# The pull baseline: fetch every layer blob of an image, gunzip it and untar
# it into its own directory, two layers at a time -- the bare work a pull
# has to do, without any store bookkeeping.
#
# Usage: bench/baseline.sh BLOBS_URL DEST_DIR DIGEST...
#   BLOBS_URL  e.g. http://127.0.0.1:5000/v2/bench/big/blobs
#   DEST_DIR   an empty directory; layer N is extracted into DEST_DIR/N
set -euo pipefail

if (($# < 3)); then
    echo "usage: $0 BLOBS_URL DEST_DIR DIGEST..." >&2
    exit 2
fi
blobs_url=$1 dest=$2
shift 2

fetch_and_extract() { # DIGEST DIR
    mkdir -p "$2"
    curl -sfL "$blobs_url/$1" | gzip -d | tar -x -C "$2"
}
export -f fetch_and_extract
export blobs_url

n=0
for digest in "$@"; do
    printf '%s\0%s\0' "$digest" "$dest/$n"
    n=$((n + 1))
done | xargs -0 -n2 -P2 bash -o pipefail -c 'fetch_and_extract "$@"' fetch_and_extract
