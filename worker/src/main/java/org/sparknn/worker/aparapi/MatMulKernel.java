package org.sparknn.worker.aparapi;

import com.aparapi.device.OpenCLDevice;

/**
 * C[m x n] = op(A)[m x k] op(B)[k x n] (+ C when accumulating), all row-major with row strides lda, ldb, ldc as
 * stored and offsets into their arrays; op is the identity or the transpose. Tiled (Volkov &amp; Demmel 2008 style):
 * a TILE x TILE work group loads one tile of op(A) and one of op(B) into local memory per step along k, so each
 * global value is read once per tile instead of once per product. Edges are padded with zeros, so m, n, k need not
 * be multiples of TILE. The three shapes a dense or conv layer needs are NN (forward), TN (weight gradient of a
 * dense layer, dCol of a conv) and NT (input gradient of a dense layer, weight gradient of a conv).
 */
final class MatMulKernel extends DeviceKernel {
  static final int TILE = 16;

  float[] a;
  float[] b;
  float[] c;
  int m, n, k;
  int aOff, lda, bOff, ldb, cOff, ldc;
  int transA, transB, accumulate; // 0 or 1
  @Local final float[] tileA = new float[TILE * TILE];
  @Local final float[] tileB = new float[TILE * TILE];

  MatMulKernel(OpenCLDevice device, float[] a, float[] b, float[] c) {
    super(device);
    this.a = a;
    this.b = b;
    this.c = c;
    prepare();
  }

  /** Sets the shape of the next product (see the class comment); {@link #run()} reads these fields. */
  MatMulKernel shape(boolean transA, boolean transB, int m, int n, int k, int aOff, int lda, int bOff, int ldb,
      int cOff, int ldc, boolean accumulate) {
    this.transA = transA ? 1 : 0;
    this.transB = transB ? 1 : 0;
    this.m = m;
    this.n = n;
    this.k = k;
    this.aOff = aOff;
    this.lda = lda;
    this.bOff = bOff;
    this.ldb = ldb;
    this.cOff = cOff;
    this.ldc = ldc;
    this.accumulate = accumulate ? 1 : 0;
    return this;
  }

  /** One product; the caller has put a, b (and c when accumulating) and gets c afterwards. */
  void multiply() {
    if (m == 0 || n == 0) return;
    launch(range2D(n, m, TILE, TILE));
  }

  @Override
  public void run() {
    int tx = getLocalId(0);
    int ty = getLocalId(1);
    int col = getGlobalId(0);
    int row = getGlobalId(1);
    float acc = 0f;
    for (int t = 0; t < k; t += TILE) {
      int ka = t + tx; // the op(A) column this work item loads
      float va = 0f;
      if (row < m && ka < k) va = transA == 0 ? a[aOff + row * lda + ka] : a[aOff + ka * lda + row];
      tileA[ty * TILE + tx] = va;
      int kb = t + ty; // the op(B) row this work item loads
      float vb = 0f;
      if (kb < k && col < n) vb = transB == 0 ? b[bOff + kb * ldb + col] : b[bOff + col * ldb + kb];
      tileB[ty * TILE + tx] = vb;
      localBarrier();
      for (int q = 0; q < TILE; q++) acc += tileA[ty * TILE + q] * tileB[q * TILE + tx];
      localBarrier();
    }
    if (row < m && col < n) {
      int i = cOff + row * ldc + col;
      c[i] = accumulate == 1 ? c[i] + acc : acc;
    }
  }
}
