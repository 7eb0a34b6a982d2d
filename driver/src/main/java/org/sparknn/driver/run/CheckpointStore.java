package org.sparknn.driver.run;

import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.sparknn.io.Checkpoint;
import org.sparknn.io.CheckpointFile;

/**
 * Checkpoints in {@code <output>/checkpoints/epoch-NNNNN.ckpt}, each written atomically; the newest {@code keep}
 * are kept. {@link #latest()} returns the newest one that reads back intact, skipping damaged ones.
 */
public final class CheckpointStore {
  private final AtomicFiles files;
  private final String directory;
  private final int keep;

  public CheckpointStore(AtomicFiles files, String directory, int keep) {
    if (keep < 1) throw new IllegalArgumentException("keep at least one checkpoint, got " + keep);
    this.files = files;
    this.directory = directory;
    this.keep = keep;
  }

  public String save(Checkpoint c) throws IOException {
    String path = directory + "/" + String.format("epoch-%05d.ckpt", c.epochsDone());
    files.write(path, out -> CheckpointFile.write(c, out));
    List<String> names = names();
    for (int i = 0; i < names.size() - keep; i++) files.delete(directory + "/" + names.get(i));
    return path;
  }

  public Optional<Checkpoint> latest() throws IOException {
    List<String> names = names();
    for (int i = names.size() - 1; i >= 0; i--) {
      String path = directory + "/" + names.get(i);
      try {
        return Optional.of(files.read(path, in -> CheckpointFile.read(in, path)));
      } catch (IOException e) {
        System.err.println("warning: skipping unreadable checkpoint " + e.getMessage());
      }
    }
    return Optional.empty();
  }

  /** Checkpoint file names, oldest first. */
  private List<String> names() throws IOException {
    return files.list(directory).stream().filter(n -> n.startsWith("epoch-") && n.endsWith(".ckpt"))
        .sorted(Comparator.naturalOrder()).toList();
  }
}
