package org.sparknn.driver.data;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The data files a text path names, listed on the driver (metadata only): a file, the visible files of a directory
 * (not recursive; names starting with {@code _} or {@code .}, such as {@code _SUCCESS}, are skipped) or a glob.
 * Sorted by path, so that the sample order, and with it the validation split, does not depend on listing order.
 */
final class InputFiles {
  private InputFiles() {}

  /** Fully qualified paths ({@code file:/...} for a plain local path), sorted; never empty. */
  static List<String> expand(String path, Configuration conf) throws IOException {
    Path pattern = new Path(path);
    FileSystem fs = pattern.getFileSystem(conf);
    FileStatus[] matches = fs.globStatus(pattern);
    if (matches == null || matches.length == 0) throw new FileNotFoundException(path + ": no such file or directory");
    List<String> files = new ArrayList<>();
    for (FileStatus match : matches) {
      if (!match.isDirectory()) {
        files.add(fs.makeQualified(match.getPath()).toString());
        continue;
      }
      for (FileStatus child : fs.listStatus(match.getPath())) {
        String name = child.getPath().getName();
        if (child.isFile() && !name.startsWith("_") && !name.startsWith(".")) {
          files.add(fs.makeQualified(child.getPath()).toString());
        }
      }
    }
    if (files.isEmpty()) throw new FileNotFoundException(path + ": no data files (only directories or hidden files)");
    files.sort(null);
    return files;
  }
}
