package org.sparknn.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.sparknn.data.FeatureScaling;
import org.sparknn.optim.OptimizerSpec;
import org.sparknn.spec.ModelSpec;
import org.sparknn.spec.SpecException;

/**
 * A whole training job as read from a HOCON file plus {@code key=value} overrides: model, optimizer, training
 * settings, data and output. Every value is validated here, before any work starts; errors name the key.
 */
public record JobConfig(ModelSpec model, OptimizerSpec optimizer, TrainSettings training, DataSettings data,
    String output, Config source) {

  private static final Set<String> TOP_LEVEL = Set.of("model", "optimizer", "training", "data", "output");
  private static final Set<String> TRAINING_KEYS = Set.of("epochs", "batch_size", "seed", "shuffle");
  private static final Set<String> DATA_KEYS = Set.of("train", "test", "validation_split", "scaling");

  /** Parses {@code text} (the file's content; {@code origin} names it in messages) with overrides applied on top. */
  public static JobConfig parse(String text, String origin, List<String> overrides) {
    Config base;
    try {
      base = ConfigFactory.parseString(text, com.typesafe.config.ConfigParseOptions.defaults().setOriginDescription(origin));
    } catch (ConfigException e) {
      throw new SpecException("", origin + ": " + e.getMessage());
    }
    Config merged = base;
    for (String o : overrides) {
      int eq = o.indexOf('=');
      if (eq <= 0) throw new SpecException(o, "an override must look like key=value");
      try {
        merged = ConfigFactory.parseString(o).withFallback(merged);
      } catch (ConfigException e) {
        throw new SpecException(o.substring(0, eq).trim(), "cannot parse override '" + o + "': " + e.getMessage());
      }
    }
    return of(merged.resolve());
  }

  public static JobConfig of(Config c) {
    KnownKeys.check(c.root().keySet(), TOP_LEVEL, "");
    require(c, "model");
    require(c, "optimizer");
    require(c, "training");
    require(c, "data");
    ModelSpec model = ModelConfig.parse(c.getConfig("model"), "model");
    OptimizerSpec optimizer = OptimizerConfig.parse(c.getConfig("optimizer"), "optimizer");
    Config t = c.getConfig("training");
    KnownKeys.check(t.root().keySet(), TRAINING_KEYS, "training");
    TrainSettings training = new TrainSettings(
        ConfigValues.getInt(t, "epochs", "training.epochs", 10),
        ConfigValues.getInt(t, "batch_size", "training.batch_size", 64),
        ConfigValues.getLong(t, "seed", "training.seed", 42),
        ConfigValues.getBoolean(t, "shuffle", "training.shuffle", true));
    Config d = c.getConfig("data");
    KnownKeys.check(d.root().keySet(), DATA_KEYS, "data");
    DataSettings data = new DataSettings(
        ConfigValues.getString(d, "train", "data.train", null),
        ConfigValues.getString(d, "test", "data.test", null),
        (float) ConfigValues.getDouble(d, "validation_split", "data.validation_split", 0),
        scaling(ConfigValues.getString(d, "scaling", "data.scaling", "unit")));
    String output = ConfigValues.getString(c, "output", "output", "runs/sparknn");
    return new JobConfig(model, optimizer, training, data, output, c);
  }

  private static FeatureScaling scaling(String name) {
    try {
      return FeatureScaling.valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new SpecException("data.scaling", "expected one of none, unit, got '" + name + "'");
    }
  }

  private static void require(Config c, String key) {
    if (!c.hasPath(key)) throw new SpecException(key, "missing; every job needs a " + key + " section");
  }
}
