#!/usr/bin/env python3
"""Generate the deterministic OCI image layouts used by bench/pull.sh.

Three layouts are written under OUT_DIR (each an OCI image layout that
`skopeo copy oci:DIR:TAG ...` can read):

  big/   tag "latest": ~500 MB uncompressed in 5 gzip layers, each a mix of
         many small files and a few big ones, partly text-like (compressible)
         and partly random (incompressible) data.
  many/  tag "latest": 50 small layers of a few files each (2 KB - 100 KB).
  tiny/  tags "t000".."t099": 100 distinct single-layer images (for listing).

Everything derives from a fixed seed, so the digests are the same on every
machine and every run.  A layout is complete once OUT_DIR/<name>/.complete
exists; complete layouts are left alone, so reruns cost nothing.

Usage: mkimage.py OUT_DIR
"""

import gzip
import hashlib
import io
import json
import multiprocessing
import os
import platform
import random
import shutil
import sys
import tarfile

SEED = 20241125
MTIME = 1700000000  # fixed timestamp for every tar entry
CREATED = "2023-11-14T22:13:20Z"  # the same instant, for the image config
MB = 1000 * 1000

# Uncompressed size, share of bytes in small files, share of text-like bytes.
BIG_LAYERS = [
    (100 * MB, 0.60, 0.70),  # like a base OS: many small text files
    (100 * MB, 0.20, 0.30),  # like binaries: a few big, dense files
    (100 * MB, 0.50, 0.50),
    (100 * MB, 0.30, 0.60),
    (100 * MB, 0.40, 0.40),
]
MANY_LAYER_COUNT = 50
TINY_IMAGE_COUNT = 100

MEDIA_MANIFEST = "application/vnd.oci.image.manifest.v1+json"
MEDIA_CONFIG = "application/vnd.oci.image.config.v1+json"
MEDIA_LAYER = "application/vnd.oci.image.layer.v1.tar+gzip"


# ---------------------------------------------------------------- content --


class TextSource:
    """Text-like bytes: lines of Zipf-distributed pseudo-words.

    A pool of a few MB is generated once; files are random slices of it.
    Slices start at random offsets far apart compared to gzip's 32 KB
    window, so they compress like ordinary text (about 3:1), not like
    repeated data.
    """

    def __init__(self, rng, pool_bytes=4 * 1024 * 1024):
        vocabulary = [self._word(rng) for _ in range(6000)]
        weights = [1.0 / (rank + 1) for rank in range(len(vocabulary))]
        lines, size = [], 0
        while size < pool_bytes:
            words = rng.choices(vocabulary, weights, k=rng.randint(4, 14))
            line = " ".join(words) + "\n"
            lines.append(line)
            size += len(line)
        self.pool = "".join(lines).encode()

    @staticmethod
    def _word(rng):
        letters = "etaoinshrdlucmfwypvbgkjqxz"
        return "".join(rng.choice(letters[: rng.randint(8, 26)]) for _ in range(rng.randint(2, 10)))

    def take(self, rng, size):
        chunks, left = [], size
        while left > 0:
            n = min(left, rng.randint(64 * 1024, 1024 * 1024), len(self.pool))
            start = rng.randrange(0, len(self.pool) - n + 1)
            chunks.append(self.pool[start : start + n])
            left -= n
        return b"".join(chunks)


def file_bytes(rng, text, size, text_share):
    """`size` bytes, text-like with probability `text_share`, else random."""
    if rng.random() < text_share:
        return text.take(rng, size)
    return rng.randbytes(size)


def small_size(rng, low=512, high=64 * 1024):
    """Log-uniform size, so most small files are really small."""
    return int(low * (high / low) ** rng.random())


# ------------------------------------------------------------------ layers --


class HashingWriter:
    """File-like object that hashes and counts what passes through it."""

    def __init__(self, sink):
        self.sink = sink
        self.sha = hashlib.sha256()
        self.size = 0

    def write(self, data):
        self.sha.update(data)
        self.size += len(data)
        return self.sink.write(data)

    def digest(self):
        return "sha256:" + self.sha.hexdigest()


class LayerWriter:
    """Streams a tar through gzip into blobs/sha256/, hashing both forms."""

    def __init__(self, layout_dir, name):
        self.blob_dir = os.path.join(layout_dir, "blobs", "sha256")
        self.tmp_path = os.path.join(self.blob_dir, f".tmp-{name}")
        self.raw = open(self.tmp_path, "wb")
        self.compressed = HashingWriter(self.raw)
        self.gzip = gzip.GzipFile(filename="", mode="wb", compresslevel=6, fileobj=self.compressed, mtime=0)
        self.uncompressed = HashingWriter(self.gzip)
        self.tar = tarfile.open(fileobj=self.uncompressed, mode="w|", format=tarfile.GNU_FORMAT)
        self.dirs = set()

    def _add_dir(self, path):
        if not path or path in self.dirs:
            return
        self._add_dir(os.path.dirname(path))
        info = tarfile.TarInfo(path + "/")
        info.type, info.mode, info.mtime = tarfile.DIRTYPE, 0o755, MTIME
        self.tar.addfile(info)
        self.dirs.add(path)

    def add_file(self, path, data, mode=0o644):
        self._add_dir(os.path.dirname(path))
        info = tarfile.TarInfo(path)
        info.size, info.mode, info.mtime = len(data), mode, MTIME
        self.tar.addfile(info, io.BytesIO(data))

    def finish(self):
        """Close the streams; return the layer's descriptor and diff ID."""
        self.tar.close()
        self.gzip.close()
        self.raw.close()
        digest = self.compressed.digest()
        os.replace(self.tmp_path, os.path.join(self.blob_dir, digest.split(":")[1]))
        descriptor = {"mediaType": MEDIA_LAYER, "digest": digest, "size": self.compressed.size}
        return descriptor, self.uncompressed.digest()


def big_layer(job):
    """One layer of the "big" image (runs in a worker process)."""
    layout_dir, index, (total, small_share, text_share) = job
    rng = random.Random(SEED * 100 + index)
    text = TextSource(rng)
    layer = LayerWriter(layout_dir, f"big{index}")
    root = f"usr/lib/bench{index}"

    small_budget = int(total * small_share)
    count = 0
    while small_budget > 0:
        size = min(small_size(rng), small_budget)
        path = f"{root}/d{count % 40:02d}/f{count:05d}.dat"
        layer.add_file(path, file_bytes(rng, text, size, text_share))
        small_budget -= size
        count += 1

    # The remaining bytes go into a few big files of 5-30 MB.
    big_budget = total - int(total * small_share)
    count = 0
    while big_budget > 0:
        size = min(rng.randint(5 * MB, 30 * MB), big_budget)
        layer.add_file(f"{root}/big/blob{count}.bin", file_bytes(rng, text, size, text_share), mode=0o755)
        big_budget -= size
        count += 1
    return layer.finish()


def many_layer(job):
    """One of the 50 small layers of the "many" image."""
    layout_dir, index = job
    rng = random.Random(SEED * 1000 + index)
    text = TextSource(rng, pool_bytes=256 * 1024)
    layer = LayerWriter(layout_dir, f"many{index}")
    for n in range(rng.randint(2, 5)):
        size = small_size(rng, 2 * 1024, 100 * 1024)
        layer.add_file(f"opt/many/layer{index:02d}/file{n}.dat", file_bytes(rng, text, size, 0.5))
    return layer.finish()


def tiny_layer(layout_dir, index):
    rng = random.Random(SEED * 10000 + index)
    layer = LayerWriter(layout_dir, f"tiny{index}")
    layer.add_file("etc/tiny-image", f"tiny image {index}\n".encode() + rng.randbytes(1024))
    return layer.finish()


# ----------------------------------------------------------------- layout --


def write_blob(layout_dir, data, media_type):
    digest = "sha256:" + hashlib.sha256(data).hexdigest()
    with open(os.path.join(layout_dir, "blobs", "sha256", digest.split(":")[1]), "wb") as f:
        f.write(data)
    return {"mediaType": media_type, "digest": digest, "size": len(data)}


def oci_arch():
    machine = platform.machine()
    return {"x86_64": "amd64", "aarch64": "arm64", "armv7l": "arm"}.get(machine, machine)


def write_image(layout_dir, layers, label):
    """Write config and manifest blobs for `layers`; return the manifest descriptor."""
    config = {
        "created": CREATED,
        "architecture": oci_arch(),
        "os": "linux",
        "config": {
            "Env": ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],
            "Cmd": ["/bin/sh"],
            "Labels": {"org.berth.bench": label},
        },
        "rootfs": {"type": "layers", "diff_ids": [diff_id for _, diff_id in layers]},
        "history": [{"created": CREATED, "created_by": f"bench {label} layer {n}"} for n in range(len(layers))],
    }
    config_desc = write_blob(layout_dir, json.dumps(config, sort_keys=True).encode(), MEDIA_CONFIG)
    manifest = {
        "schemaVersion": 2,
        "mediaType": MEDIA_MANIFEST,
        "config": config_desc,
        "layers": [descriptor for descriptor, _ in layers],
    }
    return write_blob(layout_dir, json.dumps(manifest, sort_keys=True).encode(), MEDIA_MANIFEST)


def start_layout(layout_dir):
    os.makedirs(os.path.join(layout_dir, "blobs", "sha256"), exist_ok=True)
    with open(os.path.join(layout_dir, "oci-layout"), "w") as f:
        json.dump({"imageLayoutVersion": "1.0.0"}, f)


def finish_layout(layout_dir, tagged_manifests):
    manifests = [
        dict(descriptor, annotations={"org.opencontainers.image.ref.name": tag})
        for tag, descriptor in tagged_manifests
    ]
    with open(os.path.join(layout_dir, "index.json"), "w") as f:
        json.dump({"schemaVersion": 2, "manifests": manifests}, f, indent=1)
    open(os.path.join(layout_dir, ".complete"), "w").close()


def is_complete(layout_dir):
    return os.path.exists(os.path.join(layout_dir, ".complete"))


def generate(out_dir, name, build):
    layout_dir = os.path.join(out_dir, name)
    if is_complete(layout_dir):
        return
    print(f"generating the {name} image layout in {layout_dir} (cached for later runs)", file=sys.stderr)
    shutil.rmtree(layout_dir, ignore_errors=True)  # leftovers of an interrupted run
    start_layout(layout_dir)
    finish_layout(layout_dir, build(layout_dir))


def build_big(layout_dir):
    with multiprocessing.Pool(os.cpu_count()) as pool:
        layers = pool.map(big_layer, [(layout_dir, i, spec) for i, spec in enumerate(BIG_LAYERS)])
    return [("latest", write_image(layout_dir, layers, "big"))]


def build_many(layout_dir):
    with multiprocessing.Pool(os.cpu_count()) as pool:
        layers = pool.map(many_layer, [(layout_dir, i) for i in range(MANY_LAYER_COUNT)])
    return [("latest", write_image(layout_dir, layers, "many"))]


def build_tiny(layout_dir):
    return [
        (f"t{i:03d}", write_image(layout_dir, [tiny_layer(layout_dir, i)], f"tiny-{i:03d}"))
        for i in range(TINY_IMAGE_COUNT)
    ]


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__.strip().splitlines()[-1])
    out_dir = sys.argv[1]
    generate(out_dir, "big", build_big)
    generate(out_dir, "many", build_many)
    generate(out_dir, "tiny", build_tiny)


if __name__ == "__main__":
    main()
