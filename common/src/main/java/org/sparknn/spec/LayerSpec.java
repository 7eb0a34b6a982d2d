package org.sparknn.spec;

import java.util.List;

/**
 * One layer's description: immutable, validated on construction, no weights. Weights live in the model's flat
 * parameter vector at the offsets that {@link org.sparknn.tensor.ParamLayout} assigns.
 */
public sealed interface LayerSpec extends java.io.Serializable
    permits LayerSpec.Dense, LayerSpec.Activation, LayerSpec.Conv2D, LayerSpec.MaxPool2D, LayerSpec.Flatten,
        LayerSpec.Dropout, LayerSpec.BatchNorm {

  /** The name used in configuration files ({@code type = ...}). */
  String type();

  /** The shape this layer produces from {@code in}; throws {@link SpecException} when {@code in} does not fit. */
  Shape outputShape(Shape in);

  /** Trainable parameter blocks, in layout order. */
  default List<ParamBlock> params(Shape in) {
    return List.of();
  }

  /** Non-trainable state (batch-norm running statistics), in layout order. */
  default List<ParamBlock> buffers(Shape in) {
    return List.of();
  }

  /** Fully connected: y = x W + b with W stored [in][units] row-major. Any input shape is flattened. */
  record Dense(int units) implements LayerSpec {
    public Dense {
      Require.positive("units", units);
    }

    public String type() {
      return "dense";
    }

    public Shape outputShape(Shape in) {
      return Shape.vector(units);
    }

    public List<ParamBlock> params(Shape in) {
      return List.of(
          new ParamBlock(ParamKind.WEIGHT, in.size() * units, in.size(), units),
          new ParamBlock(ParamKind.BIAS, units, in.size(), units));
    }
  }

  /** An activation function applied to every value (softmax: to each sample's values). */
  record Activation(ActivationKind kind) implements LayerSpec {
    public Activation {
      if (kind == null) throw new SpecException("type", "activation kind is missing");
    }

    public String type() {
      return kind.configName();
    }

    public Shape outputShape(Shape in) {
      return in;
    }
  }

  /**
   * 2-D convolution (cross-correlation, as in every framework) over a CHW input with square kernels. Weights are
   * stored [filters][in_channels][kernel][kernel]; output is filters x H' x W' with H' = (H + 2p - k)/s + 1.
   */
  record Conv2D(int filters, int kernel, int stride, int padding) implements LayerSpec {
    public Conv2D {
      Require.positive("filters", filters);
      Require.positive("kernel", kernel);
      Require.positive("stride", stride);
      Require.nonNegative("padding", padding);
      if (padding >= kernel) throw new SpecException("padding", "expected less than kernel " + kernel + ", got " + padding);
    }

    public String type() {
      return "conv2d";
    }

    public Shape outputShape(Shape in) {
      int h = in.height() + 2 * padding - kernel;
      int w = in.width() + 2 * padding - kernel;
      if (h < 0 || w < 0) {
        throw new SpecException("kernel", "kernel " + kernel + " (padding " + padding + ") does not fit input "
            + in + "; a flat input needs a CHW shape such as model.input = [1, 28, 28]");
      }
      return new Shape(filters, h / stride + 1, w / stride + 1);
    }

    public List<ParamBlock> params(Shape in) {
      int fanIn = in.channels() * kernel * kernel;
      int fanOut = filters * kernel * kernel;
      return List.of(
          new ParamBlock(ParamKind.WEIGHT, filters * fanIn, fanIn, fanOut),
          new ParamBlock(ParamKind.BIAS, filters, fanIn, fanOut));
    }
  }

  /** Max pooling over size x size windows moved by stride; windows must lie inside the input (no padding). */
  record MaxPool2D(int size, int stride) implements LayerSpec {
    public MaxPool2D {
      Require.positive("size", size);
      Require.positive("stride", stride);
    }

    public String type() {
      return "maxpool2d";
    }

    public Shape outputShape(Shape in) {
      if (in.height() < size || in.width() < size) {
        throw new SpecException("size", "pool size " + size + " does not fit input " + in);
      }
      return new Shape(in.channels(), (in.height() - size) / stride + 1, (in.width() - size) / stride + 1);
    }
  }

  /** Reshape CHW to a flat vector (no data movement: the layout is already row-major). */
  record Flatten() implements LayerSpec {
    public String type() {
      return "flatten";
    }

    public Shape outputShape(Shape in) {
      return Shape.vector(in.size());
    }
  }

  /** Inverted dropout: in training each value is zeroed with probability rate, survivors scaled by 1/(1-rate). */
  record Dropout(float rate) implements LayerSpec {
    public Dropout {
      Require.inHalfOpen("rate", rate, 0f, 1f);
    }

    public String type() {
      return "dropout";
    }

    public Shape outputShape(Shape in) {
      return in;
    }
  }

  /**
   * Batch normalization (Ioffe &amp; Szegedy 2015) per channel: over the batch for vectors, over batch x H x W for
   * images. Training normalizes with the batch mean and biased variance and updates running statistics as
   * running = (1 - momentum) running + momentum batch (unbiased variance), as PyTorch does; inference uses them.
   */
  record BatchNorm(float momentum, float eps) implements LayerSpec {
    public BatchNorm {
      Require.inOpenClosed("momentum", momentum, 0f, 1f);
      Require.positive("eps", eps);
    }

    public String type() {
      return "batchnorm";
    }

    public Shape outputShape(Shape in) {
      return in;
    }

    public List<ParamBlock> params(Shape in) {
      return List.of(
          new ParamBlock(ParamKind.GAMMA, in.channels(), 1, 1),
          new ParamBlock(ParamKind.BETA, in.channels(), 1, 1));
    }

    public List<ParamBlock> buffers(Shape in) {
      return List.of(
          new ParamBlock(ParamKind.RUNNING_MEAN, in.channels(), 1, 1),
          new ParamBlock(ParamKind.RUNNING_VAR, in.channels(), 1, 1));
    }
  }
}
