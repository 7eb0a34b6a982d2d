package org.sparknn.spec;

/**
 * Weight initializers (biases start at zero, batch-norm scale at one). fanIn and fanOut are those of the layer
 * (for Conv2D: in_channels*k*k and filters*k*k).
 * <ul>
 *   <li>Glorot &amp; Bengio 2010: XAVIER_UNIFORM U(-a, a), a = sqrt(6/(fanIn+fanOut)); XAVIER_NORMAL N(0, 2/(fanIn+fanOut)).</li>
 *   <li>He et al. 2015: HE_UNIFORM U(-a, a), a = sqrt(6/fanIn); HE_NORMAL N(0, 2/fanIn).</li>
 *   <li>AUTO: He normal for a layer followed by ReLU, Xavier normal otherwise (as the reference benchmarks).</li>
 * </ul>
 */
public enum InitKind {
  AUTO,
  XAVIER_UNIFORM,
  XAVIER_NORMAL,
  HE_UNIFORM,
  HE_NORMAL;

  public String configName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
