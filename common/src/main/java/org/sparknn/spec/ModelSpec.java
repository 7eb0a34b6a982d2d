package org.sparknn.spec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A model: input shape, ordered layers, loss and weight initializer. Validated on construction: every layer must
 * fit the shape before it, and the output must suit the loss. Errors name the key ({@code layers[i]...}).
 */
public record ModelSpec(Shape input, List<LayerSpec> layers, LossKind loss, InitKind init)
    implements java.io.Serializable {
  public ModelSpec {
    if (input == null) throw new SpecException("input", "missing");
    if (loss == null) throw new SpecException("loss", "missing");
    if (init == null) init = InitKind.AUTO;
    if (layers == null || layers.isEmpty()) throw new SpecException("layers", "expected at least one layer");
    layers = List.copyOf(layers);
    Shape out = input;
    for (int i = 0; i < layers.size(); i++) {
      try {
        out = layers.get(i).outputShape(out);
      } catch (SpecException e) {
        throw e.under("layers[" + i + "]");
      }
    }
    if (loss == LossKind.SOFTMAX_CROSS_ENTROPY) {
      if (out.size() < 2) {
        throw new SpecException("loss", "softmax_cross_entropy needs at least 2 outputs, the last layer gives " + out);
      }
      if (layers.get(layers.size() - 1) instanceof LayerSpec.Activation a && a.kind() == ActivationKind.SOFTMAX) {
        throw new SpecException("layers[" + (layers.size() - 1) + "]",
            "softmax_cross_entropy applies softmax itself; remove the final softmax layer");
      }
    }
  }

  public ModelSpec(Shape input, List<LayerSpec> layers, LossKind loss) {
    this(input, layers, loss, InitKind.AUTO);
  }

  /** Shapes of every layer's input, then the final output: {@code layers().size() + 1} entries. */
  public List<Shape> shapes() {
    List<Shape> shapes = new ArrayList<>(layers.size() + 1);
    Shape s = input;
    shapes.add(s);
    for (LayerSpec layer : layers) {
      s = layer.outputShape(s);
      shapes.add(s);
    }
    return Collections.unmodifiableList(shapes);
  }

  public Shape outputShape() {
    List<Shape> shapes = shapes();
    return shapes.get(shapes.size() - 1);
  }

  public int inputSize() {
    return input.size();
  }

  public int outputSize() {
    return outputShape().size();
  }

  public int labelWidth() {
    return loss.labelWidth(outputSize());
  }
}
