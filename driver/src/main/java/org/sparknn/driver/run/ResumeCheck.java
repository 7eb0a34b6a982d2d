package org.sparknn.driver.run;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.sparknn.config.JobConfig;
import org.sparknn.config.ModelConfig;
import org.sparknn.config.OptimizerConfig;
import org.sparknn.io.Checkpoint;
import org.sparknn.spec.SpecException;

/**
 * Whether {@code train --resume} may continue a checkpoint with this run's configuration. Refused, naming each key
 * that differs: anything that changes what the steps compute or in which order, so that the continuation would
 * not be the run the checkpoint belongs to: the model, the optimizer (type and every hyperparameter and schedule
 * except {@code lr}), {@code training.batch_size}, {@code seed}, {@code shuffle}, {@code shards}, {@code sync},
 * {@code deterministic},
 * the training data ({@code data.train}, {@code format}, {@code scaling}, {@code validation_split}, and the
 * training sample count).
 *
 * <p>May change: {@code training.epochs} (to extend a run), {@code training.partitions} and the master (where the
 * work runs; the same partition count continues bit for bit, another one sums partitions in another order unless
 * {@code training.deterministic}), {@code training.checkpoint_every}, {@code training.hash_every}, {@code data.test}, {@code backend}, {@code output}; and {@code optimizer.lr}
 * with a note, because lowering it and resuming from the last good checkpoint is what a diverged run's message
 * advises.
 */
final class ResumeCheck {
  static final String SAMPLES = "train_samples";

  private ResumeCheck() {}

  /** Throws a {@link SpecException} for key --resume naming what differs; returns a note about lr, or null. */
  static String check(Checkpoint c, JobConfig now, long trainSamples, String where) {
    JobConfig then;
    try {
      then = JobConfig.of(ConfigFactory.parseString(c.model().provenance().configText()).resolve());
    } catch (RuntimeException e) {
      then = null; // written by a sparknn whose configuration this one no longer reads: compare the model only
    }
    List<String> differences = new ArrayList<>();
    if (!c.model().spec().equals(now.model())) {
      differences.add("model (" + firstDifference(ModelConfig.render(c.model().spec()), ModelConfig.render(now.model()))
          + ")");
    }
    String note = null;
    if (then != null) {
      Map<String, String> a = flat(OptimizerConfig.render(then.optimizer()));
      Map<String, String> b = flat(OptimizerConfig.render(now.optimizer()));
      for (String key : new java.util.TreeSet<>(a.keySet())) {
        if (!key.equals("lr") && !Objects.equals(a.get(key), b.get(key))) {
          differences.add("optimizer." + key + " (" + a.get(key) + " -> " + b.get(key) + ")");
        }
      }
      if (differences.isEmpty() && then.optimizer().lr() != now.optimizer().lr()) {
        note = "note: optimizer.lr changed since the checkpoint (" + then.optimizer().lr() + " -> "
            + now.optimizer().lr() + "); continuing with the new rate";
      }
      compare(differences, "training.batch_size", then.training().batchSize(), now.training().batchSize());
      compare(differences, "training.seed", then.training().seed(), now.training().seed());
      compare(differences, "training.shuffle", then.training().shuffle(), now.training().shuffle());
      compare(differences, "training.shards", then.training().shards(), now.training().shards());
      compare(differences, "training.sync", then.parallel().sync(), now.parallel().sync());
      compare(differences, "training.deterministic", then.training().deterministic(),
          now.training().deterministic());
      compare(differences, "data.train", then.data().train(), now.data().train());
      compare(differences, "data.format", then.data().format(), now.data().format());
      compare(differences, "data.scaling", then.data().scaling(), now.data().scaling());
      compare(differences, "data.validation_split", then.data().validationSplit(), now.data().validationSplit());
    }
    String samples = c.model().provenance().extra().get(SAMPLES);
    if (samples != null && !samples.equals(Long.toString(trainSamples))) {
      differences.add("training samples (" + samples + " -> " + trainSamples + ")");
    }
    if (!differences.isEmpty()) {
      boolean model = differences.size() == 1 && differences.get(0).startsWith("model ");
      String what = model ? "another model" : "another configuration";
      throw new SpecException("--resume", "the checkpoint in " + where + " is of " + what + ": "
          + String.join(", ", differences) + " differ (checkpoint -> this run); resume with the configuration it was"
          + " trained with, or choose another output");
    }
    return note;
  }

  private static void compare(List<String> out, String key, Object then, Object now) {
    if (!Objects.equals(then, now)) out.add(key + " (" + then + " -> " + now + ")");
  }

  private static Map<String, String> flat(String hocon) {
    Config c = ConfigFactory.parseString(hocon);
    Map<String, String> out = new TreeMap<>();
    c.entrySet().forEach(e -> out.put(e.getKey(), String.valueOf(e.getValue().unwrapped())));
    return out;
  }

  /** The first line where two renderings differ, as "then -> now". */
  private static String firstDifference(String then, String now) {
    String[] a = then.split("\n");
    String[] b = now.split("\n");
    for (int i = 0; i < Math.max(a.length, b.length); i++) {
      String x = i < a.length ? a[i].strip() : "(nothing)";
      String y = i < b.length ? b[i].strip() : "(nothing)";
      if (!x.equals(y)) return x + " -> " + y;
    }
    return "same rendering";
  }
}
