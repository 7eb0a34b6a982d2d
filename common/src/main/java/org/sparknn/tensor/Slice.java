package org.sparknn.tensor;

import org.sparknn.spec.ParamKind;

/** A view into a flat vector: the block of {@code kind} owned by layer {@code layer}, at [offset, offset + length). */
public record Slice(int layer, ParamKind kind, int offset, int length, int fanIn, int fanOut) {
  public int end() {
    return offset + length;
  }
}
