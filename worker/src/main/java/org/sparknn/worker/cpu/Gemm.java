package org.sparknn.worker.cpu;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.blas.JavaBLAS;
import dev.ludovic.netlib.blas.NativeBLAS;
import java.util.Locale;

/**
 * Row-major single-precision matrix products through netlib BLAS, which is column-major. A row-major m x n matrix
 * is its column-major transpose, so C = op(A) op(B) is computed as C^T = op(B)^T op(A)^T with the operands swapped.
 * {@link BLAS#getInstance()} picks native BLAS (OpenBLAS via JNI) when the system has libblas.so.3, else the Java
 * Vector API implementation (needs --add-modules=jdk.incubator.vector), else plain Java loops. The system property
 * {@code sparknn.blas} = {@code auto} (default), {@code native} (fail if unavailable) or {@code java} overrides it.
 */
public final class Gemm {
  /** System property choosing the BLAS implementation. */
  public static final String PROPERTY = "sparknn.blas";

  private static final BLAS BLAS_INSTANCE = choose(System.getProperty(PROPERTY, "auto"));

  private Gemm() {}

  /**
   * C[m x n] = alpha * op(A)[m x k] * op(B)[k x n] + beta * C, all row-major with leading dimensions (row strides)
   * lda, ldb, ldc as stored (before op).
   */
  public static void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
      float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
    if (m == 0 || n == 0) return;
    BLAS_INSTANCE.sgemm(transB ? "T" : "N", transA ? "T" : "N", n, m, k, alpha,
        b, bOff, ldb, a, aOff, lda, beta, c, cOff, ldc);
  }

  private static BLAS choose(String wanted) {
    return switch (wanted.toLowerCase(Locale.ROOT)) {
      case "auto" -> BLAS.getInstance();
      case "native" -> NativeBLAS.getInstance(); // throws when libblas.so.3 cannot be loaded
      case "java" -> JavaBLAS.getInstance();
      default -> throw new IllegalArgumentException(PROPERTY + ": expected auto, native or java, got '" + wanted + "'");
    };
  }

  /** Which BLAS implementation serves the products, e.g. "JNIBLAS" (native) or "VectorBLAS". */
  public static String implementation() {
    return BLAS_INSTANCE.getClass().getSimpleName();
  }

  /** True when the products run in native BLAS rather than Java. */
  public static boolean isNative() {
    return implementation().contains("JNI") || implementation().contains("Native");
  }
}
