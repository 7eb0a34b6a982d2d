# Sourced by the launchers. Puts the JDK's libjsig (signal chaining) in front of LD_PRELOAD. The OpenCL backend on
# PoCL loads LLVM, which replaces the JVM's SIGSEGV handler; the JVM then dies (exit 139, no hs_err file) the next
# time it relies on that signal itself. libjsig keeps the JVM's handler and chains the others.
# Usage: . scripts/jsig.sh; then $SPARKNN_JSIG is the library's path (empty where the JDK has none).
SPARKNN_JSIG=""
if java_bin=$(command -v java 2>/dev/null) && java_bin=$(readlink -f "$java_bin"); then
  lib="$(dirname "$(dirname "$java_bin")")/lib/libjsig.so"
  if [ -f "$lib" ]; then
    SPARKNN_JSIG=$lib
    case ":${LD_PRELOAD:-}:" in *":$lib:"*) ;; *) export LD_PRELOAD="$lib${LD_PRELOAD:+:$LD_PRELOAD}" ;; esac
  fi
fi
