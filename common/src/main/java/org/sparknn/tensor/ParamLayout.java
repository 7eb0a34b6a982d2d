package org.sparknn.tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.sparknn.spec.LayerSpec;
import org.sparknn.spec.ModelSpec;
import org.sparknn.spec.ParamBlock;
import org.sparknn.spec.ParamKind;
import org.sparknn.spec.Shape;

/**
 * Where every layer's parameters live in the model's one flat {@code float[]} (and its running statistics in the
 * one flat buffer vector). Gradients and optimizer state use the same layout, so aggregation, broadcast and
 * checkpoints each move one array.
 */
public final class ParamLayout {
  private final List<Slice> params;
  private final List<Slice> buffers;
  private final int paramSize;
  private final int bufferSize;

  private ParamLayout(List<Slice> params, List<Slice> buffers) {
    this.params = List.copyOf(params);
    this.buffers = List.copyOf(buffers);
    this.paramSize = params.isEmpty() ? 0 : params.get(params.size() - 1).end();
    this.bufferSize = buffers.isEmpty() ? 0 : buffers.get(buffers.size() - 1).end();
  }

  public static ParamLayout of(ModelSpec spec) {
    List<Slice> params = new ArrayList<>();
    List<Slice> buffers = new ArrayList<>();
    long p = 0;
    long b = 0;
    List<Shape> shapes = spec.shapes();
    for (int i = 0; i < spec.layers().size(); i++) {
      LayerSpec layer = spec.layers().get(i);
      for (ParamBlock block : layer.params(shapes.get(i))) {
        params.add(new Slice(i, block.kind(), Math.toIntExact(p), block.length(), block.fanIn(), block.fanOut()));
        p += block.length();
      }
      for (ParamBlock block : layer.buffers(shapes.get(i))) {
        buffers.add(new Slice(i, block.kind(), Math.toIntExact(b), block.length(), block.fanIn(), block.fanOut()));
        b += block.length();
      }
    }
    if (p > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("model has " + p + " parameters; at most 2^31 fit");
    return new ParamLayout(params, buffers);
  }

  public int paramSize() {
    return paramSize;
  }

  public int bufferSize() {
    return bufferSize;
  }

  public List<Slice> params() {
    return params;
  }

  public List<Slice> buffers() {
    return buffers;
  }

  /** The parameter slice of {@code kind} owned by {@code layer}. */
  public Optional<Slice> param(int layer, ParamKind kind) {
    return params.stream().filter(s -> s.layer() == layer && s.kind() == kind).findFirst();
  }

  /** The buffer slice of {@code kind} owned by {@code layer}. */
  public Optional<Slice> buffer(int layer, ParamKind kind) {
    return buffers.stream().filter(s -> s.layer() == layer && s.kind() == kind).findFirst();
  }
}
