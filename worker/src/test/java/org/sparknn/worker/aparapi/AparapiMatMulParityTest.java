package org.sparknn.worker.aparapi;

import com.aparapi.device.OpenCLDevice;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sparknn.random.CounterRandom;
import org.sparknn.random.RandomPurpose;
import org.sparknn.worker.cpu.Gemm;

/**
 * The tiled product in its three forms (NN, TN, NT, with offsets and accumulation) against the CPU backend's BLAS
 * product, on shapes that are and are not multiples of the 16 x 16 tile. Tolerance 2e-6 normwise: both sum k float
 * products, in different orders, so they differ by about k * 2^-24 of the largest partial sums (observed on PoCL:
 * at most 3.7e-7).
 */
class AparapiMatMulParityTest {
  static final double TOLERANCE = 2e-6;
  static OpenCLDevice device;
  static float[] a, b, c;
  static MatMulKernel kernel;

  @BeforeEach // not BeforeAll: surefire shows a skipped test with its reason, not a silent empty class
  void setUp() {
    device = OpenClDevice.require();
    if (kernel != null) return;
    a = random(70 * 90 + 5, 1);
    b = random(90 * 70 + 5, 2);
    c = new float[70 * 70 + 5];
    kernel = new MatMulKernel(device, a, b, c);
  }

  @AfterAll
  static void tearDown() {
    if (kernel != null) kernel.release();
  }

  @Test
  void allTransposesOnTileAndOddShapes() {
    int[][] shapes = {{16, 16, 16}, {1, 1, 1}, {17, 5, 33}, {37, 29, 53}, {64, 10, 70}, {3, 64, 16}};
    for (int[] s : shapes) {
      for (int form = 0; form < 4; form++) {
        check(form == 1 || form == 3, form == 2 || form == 3, s[0], s[1], s[2]);
      }
    }
    OpenClDevice.assertRanOnOpenCl(MatMulKernel.class);
  }

  @Test
  void accumulatesAndHonoursOffsets() {
    float[] expected = new float[c.length];
    for (int i = 0; i < c.length; i++) c[i] = expected[i] = 0.25f * (i % 7);
    int m = 19, n = 23, k = 31;
    Gemm.gemm(true, false, m, n, k, 1f, a, 3, m + 2, b, 5, n, 1f, expected, 4, n);
    kernel.shape(true, false, m, n, k, 3, m + 2, 5, n, 4, n, true);
    kernel.put(a).put(b).put(c);
    kernel.multiply();
    kernel.get(c);
    Closeness.assertClose("TN accumulate with offsets", c, expected, c.length, TOLERANCE);
  }

  private static void check(boolean transA, boolean transB, int m, int n, int k) {
    int lda = transA ? m : k;
    int ldb = transB ? k : n;
    float[] expected = new float[m * n];
    Gemm.gemm(transA, transB, m, n, k, 1f, a, 0, lda, b, 0, ldb, 0f, expected, 0, n);
    kernel.shape(transA, transB, m, n, k, 0, lda, 0, ldb, 0, n, false);
    kernel.put(a).put(b);
    kernel.multiply();
    kernel.get(c);
    Closeness.assertClose((transA ? "T" : "N") + (transB ? "T" : "N") + " " + m + "x" + n + "x" + k, c, expected,
        m * n, TOLERANCE);
  }

  static float[] random(int n, long stream) {
    long key = CounterRandom.key(7, RandomPurpose.INIT, stream);
    float[] v = new float[n];
    for (int i = 0; i < n; i++) v[i] = 2f * CounterRandom.uniform(key, i) - 1f;
    return v;
  }
}
