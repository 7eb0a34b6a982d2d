package org.sparknn.driver.data;

import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaRDD;
import org.sparknn.data.Block;

/** Parses text lines into blocks, partition by partition; a bad line fails the load naming its file and line. */
final class TextBlocks {
  private TextBlocks() {}

  static JavaRDD<Block> parse(JavaRDD<TextLine> lines, LineParser parser, int blockRows, Configuration conf) {
    LineLocator locator = new LineLocator(conf);
    int features = parser.features();
    RowWriter<TextLine> writer = (line, x, y, row) -> {
      try {
        parser.parse(line.text(), x, row * features, y, row);
      } catch (BadRecord e) {
        throw locator.error(line, e.getMessage());
      }
    };
    return lines.mapPartitions(records -> new BlockIterator<>(records, features, blockRows, writer));
  }
}
