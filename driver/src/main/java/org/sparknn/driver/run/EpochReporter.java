package org.sparknn.driver.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.sparknn.driver.train.EpochSummary;
import org.sparknn.driver.train.TrainJob;
import org.sparknn.io.Checkpoint;
import org.sparknn.io.EpochCursor;
import org.sparknn.io.SavedModel;
import org.sparknn.optim.OptState;
import org.sparknn.spec.ModelSpec;
import org.sparknn.tensor.ModelState;
import org.sparknn.tensor.ParamsHash;
import org.sparknn.io.Provenance;

/**
 * After every epoch: prints the progress line, appends the epoch (with the parameters' SHA-256) to metrics.jsonl and
 * writes a checkpoint; every {@code training.hash_every} steps, logs the hash; mid-epoch,
 * every {@code training.checkpoint_every} steps, writes a checkpoint only. A diverged
 * run never gets here: {@link TrainJob} stops it after the round that diverged (see
 * {@link org.sparknn.driver.train.DivergedException}).
 */
public final class EpochReporter implements TrainJob.EpochListener {
  private final int epochs;
  private final long stepsPerEpoch;
  private final ModelSpec spec;
  private final Provenance provenance;
  private final MetricsLog metrics;
  private final CheckpointStore checkpoints;
  private int reported; // epochs reported so far; the communication note judges one of them (CommunicationAdvice)

  EpochReporter(int epochs, long stepsPerEpoch, ModelSpec spec, Provenance provenance, MetricsLog metrics,
      CheckpointStore checkpoints) {
    this.epochs = epochs;
    this.stepsPerEpoch = stepsPerEpoch;
    this.spec = spec;
    this.provenance = provenance;
    this.metrics = metrics;
    this.checkpoints = checkpoints;
  }

  @Override
  public void onEpoch(EpochSummary s, ModelState state, OptState optState) {
    String validation = s.validation() == null ? ""
        : String.format(" | val loss %.4f acc %.4f", s.validation().meanLoss(), s.validation().accuracy());
    System.out.printf("epoch %d/%d: train loss %.4f acc %.4f%s | %,.0f samples/s, %.1f s (compute %.1f s, spark %.1f s,"
        + " update %.1f s; %d rounds)%n", s.epoch(), epochs, s.train().meanLoss(), s.train().accuracy(), validation,
        s.samplesPerSecond(), s.seconds(), s.computeSeconds(), s.sparkSeconds(), s.updateSeconds(), s.rounds());
    boolean streamed = s.transport() == EpochSummary.Transport.STREAMED_STEPS
        || s.transport() == EpochSummary.Transport.STREAMED_ROUNDS;
    if (streamed && s.rounds() > 0) {
      double ms = 1e3 / s.rounds();
      double exchange = Math.max(0, s.sparkSeconds() - s.aggregateSeconds() - s.broadcastSeconds()
          - s.serializationSeconds());
      System.out.printf("  per %s %.2f ms: compute %.2f, serialization %.2f, exchange and wait %.2f, aggregate %.2f, "
          + "update %.2f, broadcast %.2f%n", s.transport() == EpochSummary.Transport.STREAMED_STEPS ? "step" : "round",
          s.seconds() * ms, s.computeSeconds() * ms, s.serializationSeconds() * ms, exchange * ms,
          s.aggregateSeconds() * ms, s.updateSeconds() * ms, s.broadcastSeconds() * ms);
    }
    if (CommunicationAdvice.judges(++reported, s.epoch(), epochs)) {
      String advice = CommunicationAdvice.of(s);
      if (advice != null) System.out.println(advice);
    }
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("epoch", s.epoch());
    fields.put("train_loss", s.train().meanLoss());
    fields.put("train_accuracy", s.train().accuracy());
    fields.put("val_loss", s.validation() == null ? null : s.validation().meanLoss());
    fields.put("val_accuracy", s.validation() == null ? null : s.validation().accuracy());
    fields.put("samples_per_second", s.samplesPerSecond());
    fields.put("seconds", s.seconds());
    fields.put("rounds", s.rounds());
    fields.put("compute_seconds", s.computeSeconds());
    fields.put("spark_seconds", s.sparkSeconds());
    fields.put("update_seconds", s.updateSeconds());
    fields.put("aggregate_seconds", Double.isNaN(s.aggregateSeconds()) ? null : s.aggregateSeconds());
    fields.put("broadcast_seconds", Double.isNaN(s.broadcastSeconds()) ? null : s.broadcastSeconds());
    fields.put("serialization_seconds", Double.isNaN(s.serializationSeconds()) ? null : s.serializationSeconds());
    fields.put("transport", s.transport().name().toLowerCase(java.util.Locale.ROOT));
    fields.put("params_sha256", ParamsHash.of(state)); // sparknn verify compares runs by it
    PeakRss.bytes().ifPresent(b -> fields.put("peak_rss_bytes", b)); // absent where the OS does not say
    try {
      metrics.record("epoch", fields);
      checkpoints.save(new Checkpoint(new SavedModel(spec, state.copy(), provenance), optState.copy(), s.epoch(),
          s.epoch() * stepsPerEpoch));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every {@code training.hash_every} steps: a {@code step} line with the parameters' hash, printed and logged. */
  @Override
  public void onStepHash(int epoch, long step, ModelState state) {
    String hash = ParamsHash.of(state);
    System.out.printf("step %d (epoch %d): params_sha256 %s%n", step, epoch, hash);
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("epoch", epoch);
    fields.put("step", step);
    fields.put("params_sha256", hash);
    try {
      metrics.record("step", fields);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A mid-epoch checkpoint ({@code training.checkpoint_every}); no progress line, no metrics line. */
  @Override
  public void onMidEpoch(int epoch, long globalStep, EpochCursor cursor, ModelState state, OptState optState) {
    try {
      checkpoints.save(new Checkpoint(new SavedModel(spec, state.copy(), provenance), optState.copy(), epoch,
          globalStep, cursor));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
