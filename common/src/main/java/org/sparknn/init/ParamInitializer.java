package org.sparknn.init;

import java.util.List;
import org.sparknn.random.CounterRandom;
import org.sparknn.random.RandomPurpose;
import org.sparknn.spec.ActivationKind;
import org.sparknn.spec.InitKind;
import org.sparknn.spec.LayerSpec;
import org.sparknn.spec.ModelSpec;
import org.sparknn.spec.ParamKind;
import org.sparknn.tensor.ModelState;
import org.sparknn.tensor.ParamLayout;
import org.sparknn.tensor.Slice;

/**
 * Fresh parameters for a model: weights from the model's {@link InitKind}, biases and batch-norm shifts zero,
 * batch-norm scales and running variances one. Value i of a slice comes from the counter-based stream keyed by
 * (seed, layer, kind), so the result depends only on the seed and the model.
 */
public final class ParamInitializer {
  private ParamInitializer() {}

  public static ModelState initialize(ModelSpec spec, long seed) {
    ParamLayout layout = ParamLayout.of(spec);
    float[] params = new float[layout.paramSize()];
    float[] buffers = new float[layout.bufferSize()];
    for (Slice s : layout.params()) {
      switch (s.kind()) {
        case WEIGHT -> fillWeights(params, s, resolve(spec.init(), spec.layers(), s.layer()), seed);
        case GAMMA -> java.util.Arrays.fill(params, s.offset(), s.end(), 1f);
        default -> { } // BIAS, BETA: zero
      }
    }
    for (Slice s : layout.buffers()) {
      if (s.kind() == ParamKind.RUNNING_VAR) java.util.Arrays.fill(buffers, s.offset(), s.end(), 1f);
    }
    return new ModelState(params, buffers);
  }

  /** AUTO means He for a layer whose next layer is ReLU (He et al. derived it for ReLU), Xavier otherwise. */
  static InitKind resolve(InitKind kind, List<LayerSpec> layers, int layer) {
    if (kind != InitKind.AUTO) return kind;
    boolean reluNext = layer + 1 < layers.size()
        && layers.get(layer + 1) instanceof LayerSpec.Activation a && a.kind() == ActivationKind.RELU;
    return reluNext ? InitKind.HE_NORMAL : InitKind.XAVIER_NORMAL;
  }

  private static void fillWeights(float[] params, Slice s, InitKind kind, long seed) {
    long key = CounterRandom.key(seed, RandomPurpose.INIT, s.layer(), s.kind().ordinal());
    double uniformBound;
    double normalStd;
    switch (kind) {
      case XAVIER_UNIFORM -> { uniformBound = Math.sqrt(6.0 / (s.fanIn() + s.fanOut())); normalStd = 0; }
      case XAVIER_NORMAL -> { uniformBound = 0; normalStd = Math.sqrt(2.0 / (s.fanIn() + s.fanOut())); }
      case HE_UNIFORM -> { uniformBound = Math.sqrt(6.0 / s.fanIn()); normalStd = 0; }
      case HE_NORMAL -> { uniformBound = 0; normalStd = Math.sqrt(2.0 / s.fanIn()); }
      default -> throw new IllegalStateException("unresolved initializer " + kind);
    }
    for (int i = 0; i < s.length(); i++) {
      double v = uniformBound > 0
          ? (2.0 * CounterRandom.uniform(key, i) - 1.0) * uniformBound
          : CounterRandom.gaussian(key, i) * normalStd;
      params[s.offset() + i] = (float) v;
    }
  }
}
