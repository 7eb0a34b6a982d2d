package org.sparknn.worker.aparapi;

import com.aparapi.device.OpenCLDevice;

/**
 * Bias add: y[i] += v[vOff + (i / area) % channels] over {@code count} values. A dense layer's bias is area 1,
 * channels = units; a conv layer's is area = OH*OW, channels = filters on per-sample [F][OH][OW] outputs.
 */
final class ChannelAddKernel extends DeviceKernel {
  static final int GROUP = 64;

  float[] y;
  float[] v;
  int vOff, area, channels, count;

  ChannelAddKernel(OpenCLDevice device, float[] y, float[] v) {
    super(device);
    this.y = y;
    this.v = v;
    prepare();
  }

  void add(int vOff, int area, int channels, int count) {
    this.vOff = vOff;
    this.area = area;
    this.channels = channels;
    this.count = count;
    if (count > 0) launch(range(count, GROUP));
  }

  @Override
  public void run() {
    int i = getGlobalId();
    if (i < count) y[i] = y[i] + v[vOff + (i / area) % channels];
  }
}
