package org.sparknn.worker.aparapi;

import com.aparapi.device.OpenCLDevice;

/**
 * Per-channel sums, one work item per channel: out[outOff + c] = sum over r &lt; rows, i &lt; area of
 * d[r * stride + c * area + i]. It writes (not adds) the bias gradient (dense: area 1, stride = units; conv: rows 1 over the
 * [F x n*OH*OW] wide layout). Kahan-compensated float sums stand in for the CPU backend's double sums.
 */
final class ChannelSumKernel extends DeviceKernel {
  static final int GROUP = 16;

  float[] d;
  float[] out;
  int outOff, channels, rows, area, stride;

  ChannelSumKernel(OpenCLDevice device, float[] d, float[] out) {
    super(device);
    this.d = d;
    this.out = out;
    prepare();
  }

  void sum(int outOff, int channels, int rows, int area, int stride) {
    this.outOff = outOff;
    this.channels = channels;
    this.rows = rows;
    this.area = area;
    this.stride = stride;
    if (channels > 0) launch(range(channels, GROUP));
  }

  @Override
  public void run() {
    int c = getGlobalId();
    if (c < channels) {
      float s = 0f;
      float comp = 0f;
      for (int r = 0; r < rows; r++) {
        int base = r * stride + c * area;
        for (int i = 0; i < area; i++) {
          float yv = d[base + i] - comp;
          float t = s + yv;
          comp = (t - s) - yv;
          s = t;
        }
      }
      out[outOff + c] = s;
    }
  }
}
