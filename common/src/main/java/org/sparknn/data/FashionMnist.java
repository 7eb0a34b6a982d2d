package org.sparknn.data;

import java.util.List;

/**
 * Facts about Fashion-MNIST (Xiao, Rasul &amp; Vollgraf 2017): 28x28 grey images in 10 classes, 60000 for training
 * and 10000 for testing, in IDX files named {@code <prefix>-images-idx3-ubyte[.gz]} and
 * {@code <prefix>-labels-idx1-ubyte[.gz]}.
 */
public final class FashionMnist {
  /** Where the system package installs the files. A string, not a Path: the driver resolves it through Hadoop. */
  public static final String DEFAULT_DIR = "/usr/share/datasets/fashion-mnist";
  /** File prefixes of the two splits. */
  public static final String TRAIN_PREFIX = "train";
  public static final String TEST_PREFIX = "t10k";
  /** Class names by label index. */
  public static final List<String> CLASS_NAMES = List.of(
      "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
  public static final int ROWS = 28;
  public static final int COLUMNS = 28;

  private FashionMnist() {}
}
