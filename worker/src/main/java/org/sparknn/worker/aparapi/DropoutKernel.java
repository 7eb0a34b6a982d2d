package org.sparknn.worker.aparapi;

import com.aparapi.device.OpenCLDevice;

/**
 * Inverted dropout with the CPU backend's masks: the value for (row r, j) is uniform(key, sampleIds[r] * width + j)
 * of {@link org.sparknn.random.CounterRandom} (SplitMix64's finalizer over key + golden * (counter + 1), top 24
 * bits), kept when it is &gt;= rate, scaled by 1 / (1 - rate). Forward writes mask and y = x * mask; backward
 * dx = dy * mask. Unsigned shifts are written as arithmetic shifts and masks, which OpenCL C and Java agree on.
 */
final class DropoutKernel extends DeviceKernel {
  static final int GROUP = 64;
  static final long GOLDEN = 0x9E3779B97F4A7C15L;

  float[] x;
  float[] y;
  float[] mask;
  float[] dy;
  float[] dx;
  long[] sampleIds;
  long key;
  float rate, scale;
  int width, count, backward;

  DropoutKernel(OpenCLDevice device, int width, float rate, float[] x, float[] y, float[] mask, float[] dy, float[] dx,
      long[] sampleIds) {
    super(device);
    this.width = width;
    this.rate = rate;
    this.scale = 1f / (1f - rate);
    this.x = x;
    this.y = y;
    this.mask = mask;
    this.dy = dy;
    this.dx = dx;
    this.sampleIds = sampleIds;
    prepare();
  }

  void forward(long key, int count) {
    this.key = key;
    this.backward = 0;
    this.count = count;
    if (count > 0) launch(range(count, GROUP));
  }

  void backward(int count) {
    this.backward = 1;
    this.count = count;
    if (count > 0) launch(range(count, GROUP));
  }

  @Override
  public void run() {
    int i = getGlobalId();
    if (i < count) {
      if (backward == 0) {
        int r = i / width;
        long counter = sampleIds[r] * width + (i - r * width);
        long z = key + GOLDEN * (counter + 1L);
        z = (z ^ ((z >> 30) & 0x3FFFFFFFFL)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ ((z >> 27) & 0x1FFFFFFFFFL)) * 0x94D049BB133111EBL;
        z = z ^ ((z >> 31) & 0x1FFFFFFFFL);
        int top24 = (int) ((z >> 40) & 0xFFFFFFL);
        float u = top24 * 5.9604645E-8f; // 2^-24
        float m = u < rate ? 0f : scale;
        mask[i] = m;
        y[i] = x[i] * m;
      } else {
        dx[i] = dy[i] * mask[i];
      }
    }
  }
}
