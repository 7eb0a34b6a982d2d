package org.sparknn.driver.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.sparknn.data.Block;

/**
 * CSV files as blocks in file order. The column count is the spec's features + 1 when given; otherwise the driver
 * reads the first data line of the first file (a few bytes, not the data) and every other line must match it.
 */
final class CsvSource {
  private CsvSource() {}

  static JavaRDD<Block> read(JavaSparkContext sc, DataSpec spec, int blockRows) throws IOException {
    Configuration conf = sc.hadoopConfiguration();
    List<String> files = InputFiles.expand(spec.path(), conf);
    int columns = spec.features() > 0 ? spec.features() + 1 : firstLineColumns(files.get(0), spec.csv(), conf);
    CsvLineParser parser = new CsvLineParser(columns, spec.csv().labelIndex(columns), new LabelRule(spec.classes()),
        spec.scaling());
    return TextBlocks.parse(TextLines.read(sc, files, spec.csv().header()), parser, blockRows, conf);
  }

  private static int firstLineColumns(String file, CsvOptions options, Configuration conf) throws IOException {
    Path path = new Path(file);
    CompressionCodec codec = new CompressionCodecFactory(conf).getCodec(path);
    try (InputStream raw = path.getFileSystem(conf).open(path);
        InputStream in = codec == null ? raw : codec.createInputStream(raw);
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      boolean skipHeader = options.header();
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (skipHeader) {
          skipHeader = false;
        } else if (!line.isBlank()) {
          return CsvLineParser.countColumns(line);
        }
      }
    }
    throw new DataFileException(file, 0, "no data lines; expected comma-separated numbers"
        + (options.header() ? " after the header" : ""));
  }
}
