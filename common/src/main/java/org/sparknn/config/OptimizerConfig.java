package org.sparknn.config;

import com.typesafe.config.Config;
import java.util.List;
import java.util.Map;
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
   * Everything below reads with keys relative to the optimizer object, because the specs' own checks name keys
   * that way ("lr", "schedule.min_lr"); this one place then puts every error under {@code path}.
   */
  public static OptimizerSpec parse(Config c, String path) {
    try {
      return read(new ConfigValues(c, ""));
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

  private static OptimizerSpec read(ConfigValues c) {
    String type = c.string("type");
    List<String> keys = KEYS.get(type);
    if (keys == null) throw KnownKeys.unknownName(c.key("type"), "optimizer", type, TYPES);
    KnownKeys.check(c, keys, "optimizer '" + type + "'");
    LrSchedule schedule = c.has("schedule") ? schedule(c.object("schedule")) : new LrSchedule.Constant();
    switch (type) {
      case "adam": {
        OptimizerSpec.Adam d = OptimizerSpec.Adam.defaults();
        return new OptimizerSpec.Adam(c.number("lr", d.lr()), c.number("beta1", d.beta1()),
            c.number("beta2", d.beta2()), c.number("eps", d.eps()), c.number("weight_decay", d.weightDecay()),
            schedule);
      }
      case "adamw": {
        OptimizerSpec.AdamW d = OptimizerSpec.AdamW.defaults();
        return new OptimizerSpec.AdamW(c.number("lr", d.lr()), c.number("beta1", d.beta1()),
            c.number("beta2", d.beta2()), c.number("eps", d.eps()), c.number("weight_decay", d.weightDecay()),
            schedule);
      }
      case "adagrad": {
        OptimizerSpec.Adagrad d = OptimizerSpec.Adagrad.defaults();
        return new OptimizerSpec.Adagrad(c.number("lr", d.lr()), c.number("eps", d.eps()),
            c.number("initial_accumulator", d.initialAccumulator()), c.number("weight_decay", d.weightDecay()),
            schedule);
      }
      case "rmsprop": {
        OptimizerSpec.RmsProp d = OptimizerSpec.RmsProp.defaults();
        return new OptimizerSpec.RmsProp(c.number("lr", d.lr()), c.number("alpha", d.alpha()),
            c.number("eps", d.eps()), c.number("momentum", d.momentum()), c.number("weight_decay", d.weightDecay()),
            schedule);
      }
      default:
        return sgd(c, type, schedule);
    }
  }

  /** sgd, or its aliases momentum and nesterov, which must not be contradicted by the flags they stand for. */
  private static OptimizerSpec.Sgd sgd(ConfigValues c, String type, LrSchedule schedule) {
    OptimizerSpec.Sgd d = OptimizerSpec.Sgd.defaults();
    boolean alias = !type.equals("sgd");
    float momentum = c.number("momentum", alias ? ALIAS_MOMENTUM : d.momentum());
    boolean nesterov = c.bool("nesterov", type.equals("nesterov"));
    if (alias && momentum == 0) {
      throw new SpecException("momentum", "type '" + type + "' needs momentum > 0, got " + momentum + "; use type = sgd");
    }
    if (type.equals("nesterov") && !nesterov) {
      throw new SpecException("nesterov", "type 'nesterov' needs nesterov = true, got false; use type = momentum");
    }
    return new OptimizerSpec.Sgd(c.number("lr", d.lr()), momentum, c.number("dampening", d.dampening()), nesterov,
        c.number("weight_decay", d.weightDecay()), schedule);
  }

  /** Reads with keys relative to the schedule object, like the schedules' own checks, then places both under it. */
  private static LrSchedule schedule(Config object) {
    ConfigValues s = new ConfigValues(object, "");
    try {
      String type = s.string("type");
      List<String> keys = SCHEDULE_KEYS.get(type);
      if (keys == null) throw KnownKeys.unknownName(s.key("type"), "schedule", type, SCHEDULES);
      KnownKeys.check(s, keys, "schedule '" + type + "'");
      switch (type) {
        case "step":
          return new LrSchedule.StepDecay(s.longInteger("step_size"), s.number("gamma", DEFAULT_GAMMA));
        case "cosine":
          return new LrSchedule.Cosine(s.longInteger("total_steps"), s.number("min_lr", 0f));
        default:
          return new LrSchedule.Constant();
      }
    } catch (SpecException e) {
      throw e.under("schedule");
    }
  }
}
