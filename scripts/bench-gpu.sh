#!/usr/bin/env bash
# Aparapi (OpenCL) backend benchmarks, see org.sparknn.worker.aparapi.AparapiBench: lists the OpenCL devices, then
# on a GPU if there is one (else a CPU OpenCL device such as PoCL) measures SGEMM GFLOP/s of the tiled kernel at
# 1024^3 and 4096^3 (kernel only, and with transfers) and training samples/s of the 784-128-64-10 MLP and the
# Fashion-MNIST CNN at batch 64 beside the CPU backend.
#
#   scripts/bench-gpu.sh [sizes=1024,4096] [mlpSteps=50] [cnnSteps=10] [reps=5]
#   scripts/bench-gpu.sh --bundle DIR     # DIR = a jlink'ed JRE + the worker jar + run.sh, for a machine with no
#                                         # Java, Maven or network: copy DIR there and run DIR/run.sh [args]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/build.sh"
jar=$(ls "$root"/worker/target/sparknn-worker-*-all.jar | head -1)
if [ "${1:-}" = "--bundle" ]; then
  out=${2:?usage: scripts/bench-gpu.sh --bundle DIR}
  rm -rf "$out" && mkdir -p "$out"
  # the modules jdeps reports for the worker jar (Aparapi needs java.desktop and java.logging)
  jlink --add-modules java.base,java.desktop,java.logging,jdk.incubator.vector --strip-debug --compress=2 \
    --no-header-files --no-man-pages --output "$out/jre"
  cp "$jar" "$out/sparknn-worker-all.jar"
  cat > "$out/run.sh" <<'RUN'
#!/usr/bin/env bash
# Runs the sparknn Aparapi benchmark with the bundled JRE. Needs an OpenCL ICD on this machine (for NVIDIA:
# /etc/OpenCL/vendors/nvidia.icd naming libnvidia-opencl.so.1, and libOpenCL.so.1 from ocl-icd); without one the
# benchmark says that no OpenCL device was found.
here=$(cd "$(dirname "$0")" && pwd)
# signal chaining: an OpenCL runtime built on LLVM (PoCL) would otherwise replace the JVM's SIGSEGV handler
[ -f "$here/jre/lib/libjsig.so" ] && export LD_PRELOAD="$here/jre/lib/libjsig.so${LD_PRELOAD:+:$LD_PRELOAD}"
exec "$here/jre/bin/java" --add-modules=jdk.incubator.vector -Xmx8g -cp "$here/sparknn-worker-all.jar" \
  org.sparknn.worker.aparapi.AparapiBench "$@"
RUN
  chmod +x "$out/run.sh"
  du -sh "$out"
  exit 0
fi
. "$root/scripts/jsig.sh"
exec java --add-modules=jdk.incubator.vector -Xmx8g -cp "$jar" org.sparknn.worker.aparapi.AparapiBench "$@"
