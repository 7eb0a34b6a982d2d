#!/usr/bin/env bash
# Installs the system packages sparknn uses, where apt-get is available:
#   dataset-fashion-mnist  Fashion-MNIST under /usr/share/datasets/fashion-mnist (the main job's data)
#   libopenblas0-pthread   native OpenBLAS: the CPU backend's matrix products run about 3x faster than without it
#   ocl-icd-libopencl1, pocl-opencl-icd  an OpenCL runtime with a CPU device (PoCL): the aparapi backend's kernels
#                          and their tests run on it (slowly) where there is no GPU; without it those tests are skipped
# Without apt-get it says what is missing and carries on: Java-only BLAS still works, and
# scripts/fetch-data.sh can download the data set instead.
set -euo pipefail
packages=(dataset-fashion-mnist libopenblas0-pthread ocl-icd-libopencl1 pocl-opencl-icd)

# With --test (scripts/test.sh), also what only the tests use: chromium, the headless browser in which
# ReportInBrowserTest opens report.html (that test is skipped, saying why, without it).
if [ "${1:-}" = "--test" ]; then packages+=(chromium); fi
missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
  echo "setup: apt-get not found; install these yourself if you can: ${missing[*]}" >&2
  exit 0
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
    echo "setup: not root and no sudo; skipping install of: ${missing[*]}" >&2
    exit 0
  fi
fi
echo "setup: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
