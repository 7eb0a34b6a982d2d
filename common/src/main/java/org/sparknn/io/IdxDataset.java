package org.sparknn.io;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.sparknn.data.Block;
import org.sparknn.data.Dataset;
import org.sparknn.data.FeatureScaling;

/**
 * An image/label pair of IDX files (MNIST layout) as a {@link Dataset}: images of rank 3 (n, rows, columns) become
 * n samples of rows*columns features, labels of rank 1 become class indices stored as floats (label width 1).
 * Streams are the core API because the driver opens files through Hadoop; {@link #loadPrefix} is for local files.
 * The number of classes is the largest label + 1 and no names are attached; use
 * {@link Dataset#withClassNames} when the dataset is known (e.g. Fashion-MNIST).
 */
public final class IdxDataset {
  /** Labels must be exact as floats. */
  private static final int MAX_LABEL = 1 << 24;

  private IdxDataset() {}

  /** Reads both streams to their end; does not close them. */
  public static Dataset load(InputStream images, String imagesName, InputStream labels, String labelsName,
      FeatureScaling scaling) throws IOException {
    IdxArray imageArray = IdxReader.read(images, imagesName);
    if (imageArray.rank() != 3) {
      throw new IdxFormatException(imagesName, "expected images of rank 3 (count, rows, columns), found rank "
          + imageArray.rank() + " " + Arrays.toString(imageArray.dims()));
    }
    IdxArray labelArray = IdxReader.read(labels, labelsName);
    if (labelArray.rank() != 1) {
      throw new IdxFormatException(labelsName, "expected labels of rank 1 (count), found rank " + labelArray.rank() + " "
          + Arrays.toString(labelArray.dims()));
    }
    int n = imageArray.dim(0);
    if (labelArray.dim(0) != n) {
      throw new IdxFormatException(imagesName, "holds " + n + " images but " + labelsName + " holds " + labelArray.dim(0)
          + " labels; expected the same count");
    }
    int features = imageArray.dim(1) * imageArray.dim(2);
    float[] x = new float[n * features];
    for (int i = 0; i < x.length; i++) x[i] = scaling.apply(imageArray.valueAt(i));
    float[] y = new float[n];
    int maxLabel = 0;
    for (int i = 0; i < n; i++) {
      float label = labelArray.valueAt(i);
      if (!(label >= 0 && label < MAX_LABEL && label == (int) label)) {
        throw new IdxFormatException(labelsName, "label " + label + " at index " + i
            + " is not a class index (expected an integer in [0, " + MAX_LABEL + "))");
      }
      y[i] = label;
      maxLabel = Math.max(maxLabel, (int) label);
    }
    return new Dataset(new Block(n, features, 1, x, y), maxLabel + 1, List.of());
  }

  /**
   * Loads {@code <prefix>-images-idx3-ubyte} and {@code <prefix>-labels-idx1-ubyte}, each plain or with
   * {@code .gz} (the plain file wins when both exist), e.g. prefix {@code /usr/share/datasets/fashion-mnist/train}.
   */
  public static Dataset loadPrefix(Path prefix, FeatureScaling scaling) throws IOException {
    Path images = find(prefix, "-images-idx3-ubyte");
    Path labels = find(prefix, "-labels-idx1-ubyte");
    try (InputStream xi = Files.newInputStream(images); InputStream yi = Files.newInputStream(labels)) {
      return load(xi, images.toString(), yi, labels.toString(), scaling);
    }
  }

  private static Path find(Path prefix, String suffix) throws FileNotFoundException {
    Path plain = prefix.resolveSibling(prefix.getFileName() + suffix);
    Path gzipped = prefix.resolveSibling(prefix.getFileName() + suffix + ".gz");
    if (Files.isRegularFile(plain)) return plain;
    if (Files.isRegularFile(gzipped)) return gzipped;
    throw new FileNotFoundException("no IDX file for prefix " + prefix + ": neither " + plain + " nor " + gzipped
        + " exists");
  }
}
