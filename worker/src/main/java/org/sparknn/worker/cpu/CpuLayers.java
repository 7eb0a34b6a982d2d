package org.sparknn.worker.cpu;

import org.sparknn.spec.LayerSpec;
import org.sparknn.spec.ParamKind;
import org.sparknn.spec.Shape;
import org.sparknn.tensor.ParamLayout;
import org.sparknn.tensor.Slice;

/** Builds the CPU implementation of a layer spec, wired to its slices of the flat vectors. */
final class CpuLayers {
  private CpuLayers() {}

  static CpuLayer create(int index, LayerSpec spec, Shape in, Shape out, ParamLayout layout, int maxRows) {
    // Java 17 has no pattern matching in switch; the sealed interface keeps this list complete by review.
    if (spec instanceof LayerSpec.Dense) {
      return new DenseLayer(in.size(), out.size(), param(layout, index, ParamKind.WEIGHT), param(layout, index, ParamKind.BIAS));
    } else if (spec instanceof LayerSpec.Activation a) {
      return new ActivationLayer(a.kind(), in.size());
    } else if (spec instanceof LayerSpec.Flatten) {
      return new FlattenLayer(in.size());
    } else if (spec instanceof LayerSpec.Dropout d) {
      return new DropoutLayer(index, in.size(), d.rate(), maxRows);
    } else if (spec instanceof LayerSpec.Conv2D c) {
      return new Conv2DLayer(in, out, c, param(layout, index, ParamKind.WEIGHT), param(layout, index, ParamKind.BIAS));
    } else if (spec instanceof LayerSpec.MaxPool2D p) {
      return new MaxPool2DLayer(in, out, p, maxRows);
    } else if (spec instanceof LayerSpec.BatchNorm b) {
      return new BatchNormLayer(in, b, param(layout, index, ParamKind.GAMMA), param(layout, index, ParamKind.BETA),
          layout.buffer(index, ParamKind.RUNNING_MEAN).orElseThrow(),
          layout.buffer(index, ParamKind.RUNNING_VAR).orElseThrow(), maxRows);
    }
    throw new IllegalArgumentException("no CPU implementation for layer " + spec);
  }

  private static Slice param(ParamLayout layout, int layer, ParamKind kind) {
    return layout.param(layer, kind).orElseThrow(() -> new IllegalStateException("layer " + layer + " has no " + kind));
  }
}
