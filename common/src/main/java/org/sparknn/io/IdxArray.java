package org.sparknn.io;

import java.util.Arrays;

/**
 * One IDX array as stored: element type, sizes (outermost first) and the raw big-endian element bytes, row-major.
 * The bytes are kept rather than converted so that a 60000-image file costs 47 MB, not four times that; callers
 * convert with {@link #valueAt}. The data array is shared, not copied.
 */
public record IdxArray(ElementType type, int[] dims, byte[] data) {
  /** IDX element types: the third magic byte, and the bytes per element. */
  public enum ElementType {
    UNSIGNED_BYTE(0x08, 1),
    SIGNED_BYTE(0x09, 1),
    SHORT(0x0B, 2),
    INT(0x0C, 4),
    FLOAT(0x0D, 4),
    DOUBLE(0x0E, 8);

    private final int code;
    private final int width;

    ElementType(int code, int width) {
      this.code = code;
      this.width = width;
    }

    public int code() {
      return code;
    }

    public int width() {
      return width;
    }

    /** The type with magic byte {@code code}, or null. */
    static ElementType ofCode(int code) {
      for (ElementType t : values()) {
        if (t.code == code) return t;
      }
      return null;
    }

    @Override
    public String toString() {
      return String.format("0x%02x (%s)", code, name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
    }
  }

  public IdxArray {
    if (type == null || dims == null || data == null) throw new IllegalArgumentException("type, dims and data are required");
    dims = dims.clone();
    long count = 1;
    for (int d : dims) {
      if (d <= 0) throw new IllegalArgumentException("dims must be positive, got " + Arrays.toString(dims));
      count *= d;
    }
    if (count * type.width() != data.length) {
      throw new IllegalArgumentException("dims " + Arrays.toString(dims) + " of " + type + " need " + count * type.width()
          + " bytes, got " + data.length);
    }
  }

  @Override
  public int[] dims() {
    return dims.clone();
  }

  public int rank() {
    return dims.length;
  }

  public int dim(int axis) {
    return dims[axis];
  }

  /** Number of elements: the product of the sizes. */
  public int count() {
    return data.length / type.width();
  }

  /** Element {@code index} (row-major) as a float; doubles and large ints are rounded to the nearest float. */
  public float valueAt(int index) {
    int at = index * type.width();
    return switch (type) {
      case UNSIGNED_BYTE -> data[index] & 0xFF;
      case SIGNED_BYTE -> data[index];
      case SHORT -> (short) ((data[at] << 8) | (data[at + 1] & 0xFF));
      case INT -> intAt(at);
      case FLOAT -> Float.intBitsToFloat(intAt(at));
      case DOUBLE -> (float) Double.longBitsToDouble(((long) intAt(at) << 32) | (intAt(at + 4) & 0xFFFFFFFFL));
    };
  }

  private int intAt(int at) {
    return (data[at] << 24) | ((data[at + 1] & 0xFF) << 16) | ((data[at + 2] & 0xFF) << 8) | (data[at + 3] & 0xFF);
  }

  @Override
  public String toString() {
    return "IdxArray[" + type + " " + Arrays.toString(dims) + "]";
  }
}
