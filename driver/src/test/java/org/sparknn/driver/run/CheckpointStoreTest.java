package org.sparknn.driver.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparknn.io.Checkpoint;
import org.sparknn.io.EpochCursor;
import org.sparknn.io.Provenance;
import org.sparknn.io.SavedModel;
import org.sparknn.optim.OptState;
import org.sparknn.spec.LayerSpec;
import org.sparknn.spec.LossKind;
import org.sparknn.spec.ModelSpec;
import org.sparknn.spec.Shape;
import org.sparknn.tensor.ModelState;

/**
 * Which checkpoints the store keeps (the newest 3 epoch ones; mid-epoch ones only while newer than the newest epoch
 * one, the newest 3) and which it resumes from (the newest that reads back, mid-epoch ones included), on Hadoop's
 * local file system.
 */
class CheckpointStoreTest {
  private static final ModelSpec SPEC = new ModelSpec(Shape.vector(2), List.of(new LayerSpec.Dense(2)),
      LossKind.SOFTMAX_CROSS_ENTROPY);
  @TempDir
  Path dir;

  private static Checkpoint at(int epochsDone, long rounds) {
    Provenance p = new Provenance("model {}", 1, "dev", "17", "cpu", "test", Map.of());
    return new Checkpoint(new SavedModel(SPEC, new ModelState(new float[6], new float[0]), p), new OptState(0, 6,
        new float[0]), epochsDone, epochsDone * 10L + rounds, new EpochCursor(rounds, 0, 0, 0, 0));
  }

  @Test
  void keepsTheNewestEpochsAndOnlyCurrentMidEpochCheckpoints() throws IOException {
    CheckpointStore store = new CheckpointStore(new AtomicFiles(new Configuration()), dir.toString(), 3);
    store.save(at(1, 0));
    for (long r = 2; r <= 8; r += 2) store.save(at(1, r));
    assertEquals(List.of("epoch-00001.ckpt", "epoch-00001.round-000000004.ckpt", "epoch-00001.round-000000006.ckpt",
        "epoch-00001.round-000000008.ckpt"), names());
    assertEquals(8, store.latest().orElseThrow().cursor().roundsDone());
    store.save(at(2, 0));
    store.save(at(3, 0));
    store.save(at(3, 5));
    store.save(at(4, 0));
    assertEquals(List.of("epoch-00002.ckpt", "epoch-00003.ckpt", "epoch-00004.ckpt"), names());
    store.save(at(4, 5));
    Files.writeString(dir.resolve("epoch-00004.round-000000005.ckpt"), "damaged");
    Checkpoint newestIntact = store.latest().orElseThrow();
    assertEquals(4, newestIntact.epochsDone());
    assertEquals(EpochCursor.START, newestIntact.cursor());
  }

  private List<String> names() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".ckpt") && !n.startsWith("."))
          .sorted().toList();
    }
  }
}
