#!/usr/bin/env bash
# Obtains Fashion-MNIST: Debian's dataset-fashion-mnist package where apt-get works (files land in
# /usr/share/datasets/fashion-mnist, the path conf/ uses), else the data set's official download into
# data/fashion-mnist/ (then run with data.train=data/fashion-mnist/train data.test=data/fashion-mnist/t10k).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -f /usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz ]; then
  echo "Fashion-MNIST is in /usr/share/datasets/fashion-mnist"; exit 0
fi
scripts/setup.sh || true
if [ -f /usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz ]; then
  echo "Fashion-MNIST installed in /usr/share/datasets/fashion-mnist"; exit 0
fi
base=http://fashion-mnist.s3-website.eu-central-1.amazonaws.com
mkdir -p data/fashion-mnist
for f in train-images-idx3-ubyte.gz train-labels-idx1-ubyte.gz t10k-images-idx3-ubyte.gz t10k-labels-idx1-ubyte.gz; do
  if [ ! -f "data/fashion-mnist/$f" ]; then
    curl -fSL -o "data/fashion-mnist/$f.part" "$base/$f"
    mv "data/fashion-mnist/$f.part" "data/fashion-mnist/$f"   # no half-written file under the real name
  fi
done
echo "Fashion-MNIST downloaded to data/fashion-mnist; use data.train=data/fashion-mnist/train data.test=data/fashion-mnist/t10k"
