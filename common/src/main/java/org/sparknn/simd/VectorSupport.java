package org.sparknn.simd;

import java.util.Locale;

/**
 * Whether the hand-written SIMD loops ({@code jdk.incubator.vector}) run: the JVM must have the module (our
 * launchers pass {@code --add-modules=jdk.incubator.vector}; a plain {@code spark-submit} does not) and vectors of at
 * least 8 floats (AVX2), below which C2's own vectorization of the scalar loops is as fast.
 * {@code -Dsparknn.simd=false} turns them off. Callers must not touch a class that imports the module unless
 * {@link #ENABLED}: loading one without the module fails.
 */
public final class VectorSupport {
  /** System property: {@code auto} (default) or {@code false}. */
  public static final String PROPERTY = "sparknn.simd";

  public static final boolean ENABLED = detect();

  private VectorSupport() {}

  private static boolean detect() {
    if ("false".equals(System.getProperty(PROPERTY, "auto").toLowerCase(Locale.ROOT))) return false;
    if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) return false;
    return FloatLanes.preferred() >= 8;
  }
}
