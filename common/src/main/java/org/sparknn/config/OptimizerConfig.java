package org.sparknn.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.sparknn.optim.LrSchedule;
import org.sparknn.optim.OptimizerSpec;
import org.sparknn.spec.SpecException;

/**
 * Reads an optimizer section of a HOCON file into an {@link OptimizerSpec}, and writes one back:
 * <pre>
 * optimizer {
 *   type = adam         # sgd, momentum, nesterov, adam, adamw, adagrad, rmsprop
 *   lr = 0.001          # sgd/momentum/nesterov: momentum, dampening, nesterov; adam/adamw: beta1, beta2, eps;
 *   weight_decay = 0    # adagrad: eps, initial_accumulator; rmsprop: alpha, eps, momentum
 *   schedule { type = cosine, total_steps = 10000, min_lr = 0 }   # or constant, or step (step_size, gamma)
 * }
 * </pre>
 * Omitted keys take PyTorch's defaults (the records' {@code defaults()}); {@code momentum} and {@code nesterov}
 * are aliases of {@code sgd} that switch momentum (default 0.9) and Nesterov on. A key the chosen method does not
 * use is an error, not silently ignored. Errors are {@link SpecException}s naming the full key.
 */
public final class OptimizerConfig {
  /** Momentum for the {@code momentum} and {@code nesterov} aliases: the usual choice; PyTorch has no such alias. */
  private static final float ALIAS_MOMENTUM = 0.9f;
  /** StepLR's default decay factor in PyTorch. */
  private static final float DEFAULT_GAMMA = 0.1f;

  private static final List<String> TYPES = List.of("sgd", "momentum", "nesterov", "adam", "adamw", "adagrad", "rmsprop");
  private static final List<String> SGD_KEYS =
      List.of("type", "lr", "momentum", "dampening", "nesterov", "weight_decay", "schedule");
  private static final List<String> ADAM_KEYS = List.of("type", "lr", "beta1", "beta2", "eps", "weight_decay", "schedule");
  private static final Map<String, List<String>> KEYS = Map.of(
      "sgd", SGD_KEYS,
      "momentum", SGD_KEYS,
      "nesterov", SGD_KEYS,
      "adam", ADAM_KEYS,
      "adamw", ADAM_KEYS,
      "adagrad", List.of("type", "lr", "eps", "initial_accumulator", "weight_decay", "schedule"),
      "rmsprop", List.of("type", "lr", "alpha", "eps", "momentum", "weight_decay", "schedule"));

  private static final List<String> SCHEDULES = List.of("constant", "step", "cosine");
  private static final Map<String, List<String>> SCHEDULE_KEYS = Map.of(
      "constant", List.of("type"),
      "step", List.of("type", "step_size", "gamma"),
      "cosine", List.of("type", "total_steps", "min_lr"));

  private OptimizerConfig() {}

  /**
   * The optimizer that {@code c} describes. {@code c} is the optimizer object itself (for a job file,
   * {@code root.getConfig("optimizer")}); {@code path} only prefixes keys in error messages ("" for none).
   */
  public static OptimizerSpec parse(Config c, String path) {
    try {
      return read(c);
    } catch (SpecException e) {
      throw path.isEmpty() ? e : e.under(path);
    }
  }

  /** HOCON for {@code spec}, every setting explicit, that {@link #parse} reads back to an equal spec. */
  public static String render(OptimizerSpec spec) {
    StringBuilder out = new StringBuilder();
    line(out, "type", spec.type());
    line(out, "lr", spec.lr());
    // Java 17 has no pattern switch; OptimizerSpec is sealed, so these five cases are all there are.
    if (spec instanceof OptimizerSpec.Sgd s) {
      line(out, "momentum", s.momentum());
      line(out, "dampening", s.dampening());
      line(out, "nesterov", s.nesterov());
    } else if (spec instanceof OptimizerSpec.Adam a) {
      line(out, "beta1", a.beta1());
      line(out, "beta2", a.beta2());
      line(out, "eps", a.eps());
    } else if (spec instanceof OptimizerSpec.AdamW a) {
      line(out, "beta1", a.beta1());
      line(out, "beta2", a.beta2());
      line(out, "eps", a.eps());
    } else if (spec instanceof OptimizerSpec.Adagrad a) {
      line(out, "eps", a.eps());
      line(out, "initial_accumulator", a.initialAccumulator());
    } else if (spec instanceof OptimizerSpec.RmsProp r) {
      line(out, "alpha", r.alpha());
      line(out, "eps", r.eps());
      line(out, "momentum", r.momentum());
    }
    line(out, "weight_decay", spec.weightDecay());
    line(out, "schedule", render(spec.schedule()));
    return out.toString();
  }

  private static String render(LrSchedule schedule) {
    String fields;
    if (schedule instanceof LrSchedule.StepDecay s) {
      fields = ", step_size = " + s.stepSize() + ", gamma = " + s.gamma();
    } else if (schedule instanceof LrSchedule.Cosine s) {
      fields = ", total_steps = " + s.totalSteps() + ", min_lr = " + s.minLr();
    } else {
      fields = "";
    }
    return "{ type = " + schedule.type() + fields + " }";
  }

  private static void line(StringBuilder out, String key, Object value) {
    out.append(key).append(" = ").append(value).append('\n');
  }

  private static OptimizerSpec read(Config c) {
    String type = requiredString(c, "type");
    List<String> keys = KEYS.get(type);
    if (keys == null) throw unknown("type", "optimizer", type, TYPES);
    checkKeys(c, keys, "optimizer '" + type + "'");
    LrSchedule schedule = c.hasPathOrNull("schedule") ? schedule(object(c, "schedule")) : new LrSchedule.Constant();
    switch (type) {
      case "adam": {
        OptimizerSpec.Adam d = OptimizerSpec.Adam.defaults();
        return new OptimizerSpec.Adam(number(c, "lr", d.lr()), number(c, "beta1", d.beta1()),
            number(c, "beta2", d.beta2()), number(c, "eps", d.eps()), number(c, "weight_decay", d.weightDecay()), schedule);
      }
      case "adamw": {
        OptimizerSpec.AdamW d = OptimizerSpec.AdamW.defaults();
        return new OptimizerSpec.AdamW(number(c, "lr", d.lr()), number(c, "beta1", d.beta1()),
            number(c, "beta2", d.beta2()), number(c, "eps", d.eps()), number(c, "weight_decay", d.weightDecay()), schedule);
      }
      case "adagrad": {
        OptimizerSpec.Adagrad d = OptimizerSpec.Adagrad.defaults();
        return new OptimizerSpec.Adagrad(number(c, "lr", d.lr()), number(c, "eps", d.eps()),
            number(c, "initial_accumulator", d.initialAccumulator()), number(c, "weight_decay", d.weightDecay()),
            schedule);
      }
      case "rmsprop": {
        OptimizerSpec.RmsProp d = OptimizerSpec.RmsProp.defaults();
        return new OptimizerSpec.RmsProp(number(c, "lr", d.lr()), number(c, "alpha", d.alpha()),
            number(c, "eps", d.eps()), number(c, "momentum", d.momentum()), number(c, "weight_decay", d.weightDecay()),
            schedule);
      }
      default:
        return sgd(c, type, schedule);
    }
  }

  /** sgd, or its aliases momentum and nesterov, which must not be contradicted by the flags they stand for. */
  private static OptimizerSpec.Sgd sgd(Config c, String type, LrSchedule schedule) {
    OptimizerSpec.Sgd d = OptimizerSpec.Sgd.defaults();
    boolean alias = !type.equals("sgd");
    float momentum = number(c, "momentum", alias ? ALIAS_MOMENTUM : d.momentum());
    boolean nesterov = bool(c, "nesterov", type.equals("nesterov"));
    if (alias && momentum == 0) {
      throw new SpecException("momentum", "type '" + type + "' needs momentum > 0, got " + momentum + "; use type = sgd");
    }
    if (type.equals("nesterov") && !nesterov) {
      throw new SpecException("nesterov", "type 'nesterov' needs nesterov = true, got false; use type = momentum");
    }
    return new OptimizerSpec.Sgd(number(c, "lr", d.lr()), momentum, number(c, "dampening", d.dampening()), nesterov,
        number(c, "weight_decay", d.weightDecay()), schedule);
  }

  private static LrSchedule schedule(Config s) {
    try {
      String type = requiredString(s, "type");
      List<String> keys = SCHEDULE_KEYS.get(type);
      if (keys == null) throw unknown("type", "schedule", type, SCHEDULES);
      checkKeys(s, keys, "schedule '" + type + "'");
      switch (type) {
        case "step":
          return new LrSchedule.StepDecay(requiredInteger(s, "step_size"), number(s, "gamma", DEFAULT_GAMMA));
        case "cosine":
          return new LrSchedule.Cosine(requiredInteger(s, "total_steps"), number(s, "min_lr", 0f));
        default:
          return new LrSchedule.Constant();
      }
    } catch (SpecException e) {
      throw e.under("schedule");
    }
  }

  private static void checkKeys(Config c, List<String> allowed, String owner) {
    for (String key : new TreeSet<>(c.root().keySet())) {
      if (!allowed.contains(key)) {
        throw new SpecException(key, "not a setting of " + owner + suggestion(key, allowed) + "; valid keys: "
            + String.join(", ", allowed));
      }
    }
  }

  private static SpecException unknown(String key, String what, String value, List<String> known) {
    return new SpecException(key, "unknown " + what + " '" + value + "'; expected one of " + String.join(", ", known)
        + suggestion(value, known));
  }

  private static String suggestion(String wrong, List<String> known) {
    return ClosestName.among(wrong, known).map(k -> " (did you mean '" + k + "'?)").orElse("");
  }

  private static float number(Config c, String key, float fallback) {
    if (!c.hasPathOrNull(key)) return fallback;
    try {
      return (float) c.getDouble(key);
    } catch (ConfigException.WrongType | ConfigException.Null e) {
      throw wrongType(c, key, "a number");
    }
  }

  private static boolean bool(Config c, String key, boolean fallback) {
    if (!c.hasPathOrNull(key)) return fallback;
    try {
      return c.getBoolean(key);
    } catch (ConfigException.WrongType | ConfigException.Null e) {
      throw wrongType(c, key, "true or false");
    }
  }

  private static String requiredString(Config c, String key) {
    if (!c.hasPathOrNull(key)) throw new SpecException(key, "missing");
    try {
      return c.getString(key);
    } catch (ConfigException.WrongType | ConfigException.Null e) {
      throw wrongType(c, key, "a string");
    }
  }

  /** The library's getLong truncates 2.5 to 2 without a word; a step count must be written as an integer. */
  private static long requiredInteger(Config c, String key) {
    if (!c.hasPathOrNull(key)) throw new SpecException(key, "missing");
    Number n;
    try {
      n = c.getNumber(key);
    } catch (ConfigException.WrongType | ConfigException.Null e) {
      throw wrongType(c, key, "an integer");
    }
    if (n instanceof Double d && !(d == Math.rint(d) && Math.abs(d) < 0x1p63)) throw wrongType(c, key, "an integer");
    return n.longValue();
  }

  private static Config object(Config c, String key) {
    try {
      return c.getConfig(key);
    } catch (ConfigException.WrongType | ConfigException.Null e) {
      throw wrongType(c, key, "an object such as { type = cosine, total_steps = 10000 }");
    }
  }

  /** Names the key, the expected type and what was found (for example {@code got string "fast"}). */
  private static SpecException wrongType(Config c, String key, String expected) {
    ConfigValue v = c.root().get(key);
    String got = v == null || v.valueType() == ConfigValueType.NULL
        ? "null"
        : v.valueType().name().toLowerCase(Locale.ROOT) + " " + v.render(ConfigRenderOptions.concise());
    return new SpecException(key, "expected " + expected + ", got " + got);
  }
}
