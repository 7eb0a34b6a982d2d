package org.sparknn.driver.data;

import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;
import org.apache.hadoop.mapreduce.lib.input.TextInputFormat;
import org.apache.spark.api.java.JavaNewHadoopRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import scala.Tuple2;

/**
 * The data lines of text files through Hadoop's {@link TextInputFormat}, so large files are split across tasks and
 * compressed ones ({@code .gz}, {@code .bz2}, ...) are decompressed. Partitions come in file order, then split
 * order, which makes the line order of the RDD the order of the files. Blank lines are skipped, and so is the first
 * line of each file when it is a header. Each line knows its file, which Spark's {@code textFile} would forget.
 */
final class TextLines {
  private TextLines() {}

  static JavaRDD<TextLine> read(JavaSparkContext sc, List<String> files, boolean header) throws IOException {
    Job job = Job.getInstance(sc.hadoopConfiguration());
    FileInputFormat.setInputPaths(job, files.stream().map(Path::new).toArray(Path[]::new));
    JavaNewHadoopRDD<LongWritable, Text> raw = (JavaNewHadoopRDD<LongWritable, Text>) sc.newAPIHadoopRDD(
        job.getConfiguration(), TextInputFormat.class, LongWritable.class, Text.class);
    return raw.mapPartitionsWithInputSplit(
        (split, records) -> new DataLines(((FileSplit) split).getPath().toString(), records, header), false);
  }

  /** Turns Hadoop's reused (offset, Text) pairs into {@link TextLine}s, skipping blank and header lines. */
  private static final class DataLines implements Iterator<TextLine> {
    private final String file;
    private final Iterator<Tuple2<LongWritable, Text>> records;
    private final boolean header;
    private TextLine next;

    DataLines(String file, Iterator<Tuple2<LongWritable, Text>> records, boolean header) {
      this.file = file;
      this.records = records;
      this.header = header;
    }

    @Override
    public boolean hasNext() {
      while (next == null && records.hasNext()) {
        Tuple2<LongWritable, Text> record = records.next();
        long offset = record._1().get();
        String text = record._2().toString(); // now: Hadoop reuses the Text object for the next line
        if ((header && offset == 0) || text.isBlank()) continue;
        next = new TextLine(file, offset, text);
      }
      return next != null;
    }

    @Override
    public TextLine next() {
      if (!hasNext()) throw new NoSuchElementException();
      TextLine line = next;
      next = null;
      return line;
    }
  }
}
