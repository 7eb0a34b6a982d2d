package org.sparknn.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sparknn.tensor.ParamLayout;
import org.sparknn.tensor.Slice;

/**
 * A Keras-like text table of a model: one row per layer (index, type with its key settings, output shape, trainable
 * parameter count), then the totals, the input shape and the loss. Counts come from {@link ParamLayout}, so they are
 * exactly the slices training updates; batch-norm running statistics are non-trainable buffers, shown in their own
 * column when the model has any.
 */
public final class ModelSummary {
  private ModelSummary() {}

  public static String render(ModelSpec spec) {
    ParamLayout layout = ParamLayout.of(spec);
    List<Shape> shapes = spec.shapes();
    int n = spec.layers().size();
    long[] params = new long[n];
    long[] buffers = new long[n];
    for (Slice s : layout.params()) params[s.layer()] += s.length();
    for (Slice s : layout.buffers()) buffers[s.layer()] += s.length();
    boolean withBuffers = layout.bufferSize() > 0;

    List<String[]> rows = new ArrayList<>();
    rows.add(withBuffers ? new String[] {"#", "layer", "output", "params", "buffers"}
        : new String[] {"#", "layer", "output", "params"});
    for (int i = 0; i < n; i++) {
      String[] row = withBuffers ? new String[5] : new String[4];
      row[0] = Integer.toString(i);
      row[1] = describe(spec.layers().get(i));
      row[2] = shapes.get(i + 1).toString();
      row[3] = count(params[i]);
      if (withBuffers) row[4] = count(buffers[i]);
      rows.add(row);
    }
    int cols = rows.get(0).length;
    int[] width = new int[cols];
    for (String[] row : rows) {
      for (int c = 0; c < cols; c++) width[c] = Math.max(width[c], row[c].length());
    }
    int total = 0;
    for (int c = 0; c < cols; c++) total += width[c] + (c == 0 ? 0 : 2);
    String rule = "-".repeat(total);

    StringBuilder out = new StringBuilder();
    for (int r = 0; r < rows.size(); r++) {
      String[] row = rows.get(r);
      StringBuilder line = new StringBuilder();
      for (int c = 0; c < cols; c++) {
        if (c > 0) line.append("  ");
        boolean right = c == 0 || c >= 3; // numbers right-aligned
        String cell = row[c];
        String pad = " ".repeat(width[c] - cell.length());
        line.append(right ? pad + cell : cell + pad);
      }
      out.append(line.toString().stripTrailing()).append('\n');
      if (r == 0) out.append(rule).append('\n');
    }
    out.append(rule).append('\n');
    out.append("total trainable parameters: ").append(count(layout.paramSize())).append('\n');
    out.append("buffers (non-trainable running statistics): ").append(count(layout.bufferSize())).append('\n');
    out.append("input: ").append(spec.input()).append("; output: ").append(spec.outputShape())
        .append("; loss: ").append(spec.loss().configName()).append('\n');
    return out.toString();
  }

  /** The layer's type with its key settings, e.g. {@code dense 128} or {@code conv2d 32 3x3 s1 p0}. */
  static String describe(LayerSpec layer) {
    if (layer instanceof LayerSpec.Dense d) return "dense " + d.units();
    if (layer instanceof LayerSpec.Conv2D c) {
      return "conv2d " + c.filters() + " " + c.kernel() + "x" + c.kernel() + " s" + c.stride() + " p" + c.padding();
    }
    if (layer instanceof LayerSpec.MaxPool2D p) {
      return "maxpool2d " + p.size() + (p.stride() == p.size() ? "" : " s" + p.stride());
    }
    if (layer instanceof LayerSpec.Dropout d) return "dropout " + d.rate();
    if (layer instanceof LayerSpec.BatchNorm b) return "batchnorm m" + plain(b.momentum()) + " eps" + plain(b.eps());
    return layer.type();
  }

  /** A float as its shortest decimal, without an exponent ({@code 1e-5f} is {@code 0.00001}). */
  private static String plain(float x) {
    return new java.math.BigDecimal(Float.toString(x)).stripTrailingZeros().toPlainString();
  }

  private static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }
}
