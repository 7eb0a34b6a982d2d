package org.sparknn.spec;

/**
 * The shape of one sample as channels x height x width, stored row-major (CHW). A plain feature vector of n values
 * is {@code (n, 1, 1)}, so a vector and a 1-channel image with the same size have the same memory layout.
 */
public record Shape(int channels, int height, int width) implements java.io.Serializable {
  public Shape {
    Require.positive("channels", channels);
    Require.positive("height", height);
    Require.positive("width", width);
    if ((long) channels * height * width > Integer.MAX_VALUE) {
      throw new SpecException("", "shape " + channels + "x" + height + "x" + width + " has more than 2^31 values");
    }
  }

  public static Shape vector(int size) {
    return new Shape(size, 1, 1);
  }

  public int size() {
    return channels * height * width;
  }

  public boolean isVector() {
    return height == 1 && width == 1;
  }

  @Override
  public String toString() {
    return isVector() ? Integer.toString(channels) : channels + "x" + height + "x" + width;
  }
}
