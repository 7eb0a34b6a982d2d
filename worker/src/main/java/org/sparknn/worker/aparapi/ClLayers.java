package org.sparknn.worker.aparapi;

import com.aparapi.device.OpenCLDevice;
import org.sparknn.spec.LayerSpec;
import org.sparknn.spec.ParamKind;
import org.sparknn.spec.Shape;
import org.sparknn.tensor.ParamLayout;
import org.sparknn.tensor.Slice;

/** Builds the OpenCL implementation of a layer spec, wired to its arrays and its slices of the flat vectors. */
final class ClLayers {
  private ClLayers() {}

  static ClLayer create(OpenCLDevice d, int index, LayerSpec spec, Shape in, Shape out, ParamLayout layout,
      int maxRows, Wires wires) {
    if (spec instanceof LayerSpec.Dense) {
      return new ClDense(d, in.size(), out.size(), param(layout, index, ParamKind.WEIGHT),
          param(layout, index, ParamKind.BIAS), wires);
    } else if (spec instanceof LayerSpec.Activation a) {
      return new ClActivation(d, a.kind(), in.size(), wires);
    } else if (spec instanceof LayerSpec.Flatten) {
      return new ClFlatten(in.size(), wires);
    } else if (spec instanceof LayerSpec.Dropout drop) {
      return new ClDropout(d, index, in.size(), drop.rate(), maxRows, wires);
    } else if (spec instanceof LayerSpec.Conv2D c) {
      return new ClConv2D(d, in, out, c, param(layout, index, ParamKind.WEIGHT), param(layout, index, ParamKind.BIAS),
          wires);
    } else if (spec instanceof LayerSpec.MaxPool2D p) {
      return new ClMaxPool(d, in, out, p, maxRows, wires);
    } else if (spec instanceof LayerSpec.BatchNorm b) {
      return new ClBatchNorm(d, in, b, param(layout, index, ParamKind.GAMMA), param(layout, index, ParamKind.BETA),
          layout.buffer(index, ParamKind.RUNNING_MEAN).orElseThrow(),
          layout.buffer(index, ParamKind.RUNNING_VAR).orElseThrow(), maxRows, wires);
    }
    throw new IllegalArgumentException("no OpenCL implementation for layer " + spec);
  }

  private static Slice param(ParamLayout layout, int layer, ParamKind kind) {
    return layout.param(layer, kind).orElseThrow(() -> new IllegalStateException("layer " + layer + " has no " + kind));
  }
}
