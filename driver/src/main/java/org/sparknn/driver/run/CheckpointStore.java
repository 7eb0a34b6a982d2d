package org.sparknn.driver.run;

import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.sparknn.io.Checkpoint;
import org.sparknn.io.CheckpointFile;

/**
 * Checkpoints in {@code <output>/checkpoints/}, each written atomically: {@code epoch-NNNNN.ckpt} after epoch N,
 * and with {@code training.checkpoint_every}, {@code epoch-NNNNN.round-NNNNNNNNN.ckpt} after that many rounds of
 * epoch N + 1. Names sort in training order ('c' before 'r'). The newest {@code keep} epoch checkpoints are kept, and
 * the newest {@code keep} mid-epoch ones that are newer than the newest epoch checkpoint (older ones are superseded).
 * {@link #latest()} returns the newest one that reads back intact, skipping damaged ones.
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
    String name = String.format("epoch-%05d", c.epochsDone())
        + (c.cursor().atStart() ? "" : String.format(".round-%09d", c.cursor().roundsDone())) + ".ckpt";
    String path = directory + "/" + name;
    files.write(path, out -> CheckpointFile.write(c, out));
    prune();
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

  private void prune() throws IOException {
    List<String> names = names();
    List<String> epochs = names.stream().filter(CheckpointStore::atEpochEnd).toList();
    String newestEpoch = epochs.isEmpty() ? "" : epochs.get(epochs.size() - 1);
    List<String> current = names.stream().filter(n -> !atEpochEnd(n) && n.compareTo(newestEpoch) > 0).toList();
    for (String n : names) {
      List<String> group = atEpochEnd(n) ? epochs : current;
      int i = group.indexOf(n);
      if (i < 0 || i < group.size() - keep) files.delete(directory + "/" + n);
    }
  }

  private static boolean atEpochEnd(String name) {
    return !name.contains(".round-");
  }

  /** Checkpoint file names, oldest first. */
  private List<String> names() throws IOException {
    return files.list(directory).stream().filter(n -> n.startsWith("epoch-") && n.endsWith(".ckpt"))
        .sorted(Comparator.naturalOrder()).toList();
  }
}
