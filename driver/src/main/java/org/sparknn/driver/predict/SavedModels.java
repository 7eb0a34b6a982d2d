package org.sparknn.driver.predict;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.sparknn.driver.run.AtomicFiles;
import org.sparknn.io.ModelFile;
import org.sparknn.io.SavedModel;

/**
 * Finds and reads a model file through Hadoop {@link FileSystem} (local, HDFS, S3A...). A location names either the
 * {@code .snn} file itself or a directory: a training run's output directory ({@code DIR/model/model.snn}) or the
 * directory holding the file ({@code DIR/model.snn}), tried in that order.
 */
public final class SavedModels {
  /** The model file name a training run writes under {@code <output>/model/}. */
  public static final String FILE_NAME = "model.snn";

  /** A model and the file it was read from. */
  public record Loaded(String path, SavedModel model) {}

  private SavedModels() {}

  public static Loaded load(Configuration conf, String location) throws IOException {
    String path = resolve(conf, location);
    SavedModel model = new AtomicFiles(conf).read(path, in -> ModelFile.read(in, path));
    return new Loaded(path, model);
  }

  /** The model file {@code location} names; a {@link FileNotFoundException} lists what was tried. */
  public static String resolve(Configuration conf, String location) throws IOException {
    String trimmed = location.replaceAll("(?<=.)/+$", "");
    Path given = new Path(trimmed);
    FileSystem fs = given.getFileSystem(conf);
    List<String> tried = new ArrayList<>();
    if (isFile(fs, given)) return trimmed;
    tried.add(trimmed);
    if (!trimmed.endsWith(".snn")) {
      for (String candidate : List.of(trimmed + "/model/" + FILE_NAME, trimmed + "/" + FILE_NAME)) {
        if (isFile(fs, new Path(candidate))) return candidate;
        tried.add(candidate);
      }
    }
    throw new FileNotFoundException("no model at " + location + " (looked for " + String.join(", ", tried) + ")");
  }

  private static boolean isFile(FileSystem fs, Path path) throws IOException {
    try {
      return fs.getFileStatus(path).isFile();
    } catch (FileNotFoundException e) {
      return false;
    }
  }
}
