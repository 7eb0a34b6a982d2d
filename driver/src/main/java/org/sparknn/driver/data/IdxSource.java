package org.sparknn.driver.data;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.util.SerializableConfiguration;
import org.sparknn.data.Block;
import org.sparknn.data.Dataset;
import org.sparknn.data.FeatureScaling;
import org.sparknn.io.IdxDataset;
import org.sparknn.io.IdxFormatException;

/**
 * An IDX image/label pair, named by the common prefix of its files, as blocks in file order. Gzip cannot be split,
 * and an image must meet its label, so one task reads both files (through Hadoop, so {@code hdfs:} and {@code s3a:}
 * work) with {@link IdxDataset#load}, the same code as single-process training, and cuts the result into blocks;
 * {@link BlockLayout} then spreads them over the partitions. The driver only checks that the files exist.
 */
final class IdxSource {
  private static final String IMAGES = "-images-idx3-ubyte";
  private static final String LABELS = "-labels-idx1-ubyte";

  private IdxSource() {}

  static JavaRDD<Block> read(JavaSparkContext sc, DataSpec spec, int blockRows) throws IOException {
    Configuration conf = sc.hadoopConfiguration();
    String images = find(spec.path(), IMAGES, conf);
    String labels = find(spec.path(), LABELS, conf);
    SerializableConfiguration taskConf = new SerializableConfiguration(conf);
    FeatureScaling scaling = spec.scaling();
    int classes = spec.classes();
    int features = spec.features();
    return sc.parallelize(List.of(spec.path()), 1).flatMap(prefix -> {
      Dataset data = load(taskConf.value(), images, labels, scaling);
      if (features > 0 && data.features() != features) {
        throw new IdxFormatException(images, "holds images of " + data.features() + " values each; expected "
            + features + " (model.input)");
      }
      if (classes > 0 && data.classes() > classes) {
        throw new IdxFormatException(labels, "holds label " + (data.classes() - 1) + "; expected class indices in [0, "
            + classes + ")");
      }
      return new Slices(data.samples(), blockRows);
    });
  }

  private static Dataset load(Configuration conf, String images, String labels, FeatureScaling scaling)
      throws IOException {
    Path imagesPath = new Path(images);
    Path labelsPath = new Path(labels);
    try (InputStream x = imagesPath.getFileSystem(conf).open(imagesPath);
        InputStream y = labelsPath.getFileSystem(conf).open(labelsPath)) {
      return IdxDataset.load(x, images, y, labels, scaling);
    }
  }

  /** The plain file, else the {@code .gz} one (the order {@link IdxDataset#loadPrefix} uses), fully qualified. */
  private static String find(String prefix, String suffix, Configuration conf) throws IOException {
    Path plain = new Path(prefix + suffix);
    Path gzipped = new Path(prefix + suffix + ".gz");
    FileSystem fs = plain.getFileSystem(conf);
    if (isFile(fs, plain)) return fs.makeQualified(plain).toString();
    if (isFile(fs, gzipped)) return fs.makeQualified(gzipped).toString();
    throw new FileNotFoundException("no IDX file for prefix " + prefix + ": neither " + fs.makeQualified(plain)
        + " nor " + fs.makeQualified(gzipped) + " exists");
  }

  private static boolean isFile(FileSystem fs, Path path) throws IOException {
    try {
      return fs.getFileStatus(path).isFile();
    } catch (FileNotFoundException e) {
      return false;
    }
  }

  /** Consecutive copies of {@code blockRows} rows of one big block, made as they are consumed. */
  private static final class Slices implements Iterator<Block> {
    private final Block all;
    private final int blockRows;
    private int from;

    Slices(Block all, int blockRows) {
      this.all = all;
      this.blockRows = blockRows;
    }

    @Override
    public boolean hasNext() {
      return from < all.rows();
    }

    @Override
    public Block next() {
      if (!hasNext()) throw new NoSuchElementException();
      int to = Math.min(all.rows(), from + blockRows);
      Block block = all.copyOfRows(from, to);
      from = to;
      return block;
    }
  }
}
