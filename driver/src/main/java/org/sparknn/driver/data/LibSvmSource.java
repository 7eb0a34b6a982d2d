package org.sparknn.driver.data;

import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.sparknn.data.Block;

/**
 * LibSVM files as blocks in file order. Parsed here rather than through Spark's {@code libsvm} source, which needs
 * MLlib and reports a bad line without its file or number. Without a feature count in the spec, one extra pass
 * over the lines finds the largest index (as Spark's source does); give the count to skip it and to reject
 * larger indices.
 */
final class LibSvmSource {
  private LibSvmSource() {}

  static JavaRDD<Block> read(JavaSparkContext sc, DataSpec spec, int blockRows) throws IOException {
    Configuration conf = sc.hadoopConfiguration();
    List<String> files = InputFiles.expand(spec.path(), conf);
    JavaRDD<TextLine> lines = TextLines.read(sc, files, false).filter(l -> !LibSvmLineParser.isComment(l.text()));
    int features = spec.features() > 0 ? spec.features() : largestIndex(lines, conf, spec.path());
    LibSvmLineParser parser = new LibSvmLineParser(features, new LabelRule(spec.classes()), spec.scaling());
    return TextBlocks.parse(lines, parser, blockRows, conf);
  }

  private static int largestIndex(JavaRDD<TextLine> lines, Configuration conf, String path) throws IOException {
    LineLocator locator = new LineLocator(conf);
    int largest = SparkJobs.run(() -> lines.mapPartitions((Iterator<TextLine> it) -> {
      int max = 0;
      while (it.hasNext()) {
        TextLine line = it.next();
        try {
          max = Math.max(max, LibSvmLineParser.maxIndex(line.text()));
        } catch (BadRecord e) {
          throw locator.error(line, e.getMessage());
        }
      }
      return List.of(max).iterator();
    }).fold(0, Math::max));
    if (largest == 0) throw new DataFileException(path, 0, "no features on any line; expected 'label index:value ...'");
    return largest;
  }
}
