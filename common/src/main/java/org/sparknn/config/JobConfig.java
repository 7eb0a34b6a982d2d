package org.sparknn.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import java.util.List;
import java.util.stream.Stream;
import org.sparknn.data.FeatureScaling;
import org.sparknn.optim.OptimizerSpec;
import org.sparknn.spec.ModelSpec;
import org.sparknn.spec.SpecException;

/**
 * A whole training job as read from a HOCON file plus {@code key=value} overrides: model, optimizer, training
 * settings, data and output. Every value is validated here, before any work starts; errors name the key.
 */
public record JobConfig(ModelSpec model, OptimizerSpec optimizer, TrainSettings training, ParallelSettings parallel,
    DataSettings data, String output, Config source) {

  private static final List<String> TOP_LEVEL =
      List.of("model", "optimizer", "training", "data", "output", "backend");
  private static final List<String> TRAINING_KEYS =
      List.of("epochs", "batch_size", "seed", "shuffle", "shards", "partitions", "sync", "checkpoint_every",
          "deterministic", "hash_every");
  private static final List<String> DATA_KEYS = List.of("train", "test", "validation_split", "scaling", "format");
  /** Suggested for an unknown top-level key, which is most often one of these without its section. */
  private static final List<String> SECTION_KEYS = Stream.of(
      TRAINING_KEYS.stream().map(k -> "training." + k), DATA_KEYS.stream().map(k -> "data." + k),
      Stream.of("optimizer.type", "optimizer.lr")).flatMap(s -> s).toList();

  /** Parses {@code text} (the file's content; {@code origin} names it in messages) with overrides applied on top. */
  public static JobConfig parse(String text, String origin, List<String> overrides) {
    Config merged;
    try {
      merged = ConfigFactory.parseString(text, ConfigParseOptions.defaults().setOriginDescription(origin));
    } catch (ConfigException e) {
      throw new SpecException("", e.getMessage()); // the library's message starts with "origin: line:"
    }
    for (String o : overrides) {
      int eq = o.indexOf('=');
      if (eq <= 0) throw new SpecException("", "override '" + o + "' must look like key=value, e.g. training.epochs=2");
      try {
        ConfigParseOptions named = ConfigParseOptions.defaults().setOriginDescription("override '" + o + "'");
        merged = ConfigFactory.parseString(o, named).withFallback(merged);
      } catch (ConfigException e) {
        throw new SpecException(o.substring(0, eq).trim(), "cannot parse override '" + o + "': " + detail(e));
      }
    }
    try {
      merged = merged.resolve();
    } catch (ConfigException e) {
      throw new SpecException("", e.getMessage()); // e.g. an unresolved ${substitution}, with its origin
    }
    return of(merged);
  }

  public static JobConfig of(Config c) {
    ConfigValues job = new ConfigValues(c, "");
    KnownKeys.check(job, TOP_LEVEL, SECTION_KEYS, "job files");
    Config modelSection = section(job, "model");
    Config optimizerSection = section(job, "optimizer");
    ConfigValues t = new ConfigValues(section(job, "training"), "training");
    ConfigValues d = new ConfigValues(section(job, "data"), "data");
    ModelSpec model = ModelConfig.parse(modelSection, "model");
    OptimizerSpec optimizer = OptimizerConfig.parse(optimizerSection, "optimizer");
    KnownKeys.check(t, TRAINING_KEYS, "training settings");
    TrainSettings training = new TrainSettings(t.integer("epochs", 10), t.integer("batch_size", 64),
        t.longInteger("seed", 42), t.bool("shuffle", true), t.integer("shards", TrainSettings.DEFAULT_SHARDS),
        t.integer("checkpoint_every", 0), t.bool("deterministic", TrainSettings.DEFAULT_DETERMINISTIC),
        t.integer("hash_every", 0));
    ParallelSettings parallel = new ParallelSettings(t.integer("partitions", 0),
        SyncMode.parse(t.string("sync", "step")),
        job.choice("backend", "backend", ParallelSettings.Backend.values(), ParallelSettings.Backend::configName,
            ParallelSettings.Backend.AUTO));
    KnownKeys.check(d, DATA_KEYS, "data settings");
    DataSettings data = new DataSettings(d.optionalString("train"), d.optionalString("test"),
        d.number("validation_split", 0f),
        d.choice("scaling", "scaling", FeatureScaling.values(), FeatureScaling::configName, FeatureScaling.UNIT),
        d.optionalString("format"));
    String output = job.string("output", "runs/sparknn");
    return new JobConfig(model, optimizer, training, parallel, data, output, c);
  }

  private static Config section(ConfigValues job, String name) {
    if (!job.has(name)) throw job.missing(name, "every job needs a " + name + " section");
    return job.object(name);
  }

  /** The library's message without its origin ("override '...': 1: "), which the message already names. */
  private static String detail(ConfigException e) {
    String prefix = e.origin() == null ? "" : e.origin().description() + ": ";
    return e.getMessage().startsWith(prefix) ? e.getMessage().substring(prefix.length()) : e.getMessage();
  }
}
