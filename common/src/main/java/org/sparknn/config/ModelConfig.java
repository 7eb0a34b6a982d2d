package org.sparknn.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.sparknn.spec.ActivationKind;
import org.sparknn.spec.InitKind;
import org.sparknn.spec.LayerSpec;
import org.sparknn.spec.LossKind;
import org.sparknn.spec.ModelSpec;
import org.sparknn.spec.Shape;
import org.sparknn.spec.SpecException;

/**
 * The HOCON {@code model} section and {@link ModelSpec}, both ways. Parsing is strict, because a typo that is
 * silently ignored costs a whole training run: unknown keys, wrong types and non-integral sizes are rejected with
 * the full key ({@code model.layers[0].units}). {@code activation = relu} on a dense or conv2d layer is sugar for a
 * separate activation layer; {@link #render} writes activations as separate layers, so render then parse gives an
 * equal spec.
 */
public final class ModelConfig {
  private static final Set<String> MODEL_KEYS = Set.of("input", "loss", "init", "layers");
  /** The keys each layer type accepts, in the order {@link #render} writes them. */
  private static final Map<String, List<String>> LAYER_KEYS = new LinkedHashMap<>();

  static {
    LAYER_KEYS.put("dense", List.of("type", "units", "activation"));
    LAYER_KEYS.put("conv2d", List.of("type", "filters", "kernel", "stride", "padding", "activation"));
    LAYER_KEYS.put("maxpool2d", List.of("type", "size", "stride"));
    LAYER_KEYS.put("flatten", List.of("type"));
    LAYER_KEYS.put("dropout", List.of("type", "rate"));
    LAYER_KEYS.put("batchnorm", List.of("type", "momentum", "eps"));
    for (ActivationKind a : ActivationKind.values()) LAYER_KEYS.put(a.configName(), List.of("type"));
  }

  private static final Pattern LAYER_KEY = Pattern.compile("layers\\[(\\d+)\\](.*)");

  private ModelConfig() {}

  /** Parses the model object {@code c}, found at {@code path} (e.g. "model"; "" for the root) of the whole config. */
  public static ModelSpec parse(Config c, String path) {
    KnownKeys.check(c.root().keySet(), MODEL_KEYS, path);
    Shape input = input(c, key(path, "input"));
    LossKind loss = choice(string(c, "loss", key(path, "loss"), null), LossKind.values(), LossKind::configName,
        key(path, "loss"), "loss");
    InitKind init = choice(string(c, "init", key(path, "init"), "auto"), InitKind.values(), InitKind::configName,
        key(path, "init"), "initializer");
    List<LayerSpec> layers = new ArrayList<>();
    List<String> origins = new ArrayList<>(); // origins.get(i): the config key that produced layers.get(i)
    ConfigList list = list(c, "layers", key(path, "layers"));
    for (int i = 0; i < list.size(); i++) {
      String at = key(path, "layers[" + i + "]");
      ConfigValue v = list.get(i);
      if (v.valueType() != ConfigValueType.OBJECT) {
        throw new SpecException(at, "expected a layer object such as { type = dense, units = 10 }, got " + v.render());
      }
      new LayerReader(((ConfigObject) v).toConfig(), at).addTo(layers, origins);
    }
    try {
      return new ModelSpec(input, layers, loss, init);
    } catch (SpecException e) {
      throw relocate(e, origins, path);
    }
  }

  /** HOCON for {@code spec} as a {@code model { ... }} block; parsing its {@code model} object gives an equal spec. */
  public static String render(ModelSpec spec) {
    Shape in = spec.input();
    StringBuilder s = new StringBuilder("model {\n");
    s.append("  input = ").append(in.isVector() ? Integer.toString(in.size())
        : "[" + in.channels() + ", " + in.height() + ", " + in.width() + "]").append('\n');
    s.append("  loss = ").append(spec.loss().configName()).append('\n');
    s.append("  init = ").append(spec.init().configName()).append('\n');
    s.append("  layers = [\n");
    for (LayerSpec layer : spec.layers()) s.append("    { ").append(renderLayer(layer)).append(" }\n");
    return s.append("  ]\n}\n").toString();
  }

  private static String renderLayer(LayerSpec layer) {
    String fields = "";
    if (layer instanceof LayerSpec.Dense d) {
      fields = ", units = " + d.units();
    } else if (layer instanceof LayerSpec.Conv2D c) {
      fields = ", filters = " + c.filters() + ", kernel = " + c.kernel() + ", stride = " + c.stride()
          + ", padding = " + c.padding();
    } else if (layer instanceof LayerSpec.MaxPool2D p) {
      fields = ", size = " + p.size() + ", stride = " + p.stride();
    } else if (layer instanceof LayerSpec.Dropout d) {
      fields = ", rate = " + exact(d.rate());
    } else if (layer instanceof LayerSpec.BatchNorm b) {
      fields = ", momentum = " + exact(b.momentum()) + ", eps = " + exact(b.eps());
    } // Flatten and Activation: the type says everything
    return "type = " + layer.type() + fields;
  }

  /** The shortest decimal when it reads back (through double, as HOCON does) to the same float; else the exact one. */
  private static String exact(float f) {
    String shortest = Float.toString(f);
    return (float) Double.parseDouble(shortest) == f ? shortest : new BigDecimal(f).toString();
  }

  /** ModelSpec names its layers by spec index; sugar makes those differ from config indices, so map them back. */
  private static SpecException relocate(SpecException e, List<String> origins, String path) {
    Matcher m = LAYER_KEY.matcher(e.key());
    if (m.matches() && Integer.parseInt(m.group(1)) < origins.size()) {
      String origin = origins.get(Integer.parseInt(m.group(1)));
      // a layer made from activation sugar has no keys of its own: its error belongs to the activation key
      return new SpecException(origin.endsWith(".activation") ? origin : origin + m.group(2), e.problem());
    }
    return path.isEmpty() ? e : e.under(path);
  }

  private static Shape input(Config c, String key) {
    if (!c.hasPath("input")) {
      throw new SpecException(key, "missing; expected the size of one sample, e.g. 784 or [1, 28, 28]");
    }
    ConfigValue v = c.getValue("input");
    if (v.valueType() == ConfigValueType.NUMBER) return Shape.vector(positive(v, key));
    if (v.valueType() == ConfigValueType.LIST && (((ConfigList) v).size() == 1 || ((ConfigList) v).size() == 3)) {
      ConfigList dims = (ConfigList) v;
      int[] d = new int[dims.size()];
      for (int i = 0; i < d.length; i++) d[i] = positive(dims.get(i), key + "[" + i + "]");
      return d.length == 1 ? Shape.vector(d[0]) : new Shape(d[0], d[1], d[2]);
    }
    throw new SpecException(key, "expected a positive integer or a list [channels, height, width], got " + v.render());
  }

  private static int positive(ConfigValue v, String key) {
    int n = integer(v, key);
    if (n <= 0) throw new SpecException(key, "expected a positive integer, got " + n);
    return n;
  }

  /** An integral number in int range; HOCON's own getInt would silently truncate 1.5 to 1. */
  private static int integer(ConfigValue v, String key) {
    if (v.valueType() == ConfigValueType.NUMBER) {
      double d = ((Number) v.unwrapped()).doubleValue();
      if (d == Math.rint(d) && d >= Integer.MIN_VALUE && d <= Integer.MAX_VALUE) return (int) d;
    }
    throw new SpecException(key, "expected an integer, got " + v.render());
  }

  private static String string(Config c, String name, String key, String fallback) {
    if (!c.hasPath(name)) {
      if (fallback == null) throw new SpecException(key, "missing");
      return fallback;
    }
    try {
      return c.getString(name);
    } catch (ConfigException.WrongType e) {
      throw new SpecException(key, "expected a name (string), got " + c.getValue(name).render());
    }
  }

  private static ConfigList list(Config c, String name, String key) {
    if (!c.hasPath(name)) throw new SpecException(key, "missing; expected a list of layer objects");
    try {
      return c.getList(name);
    } catch (ConfigException.WrongType e) {
      throw new SpecException(key, "expected a list of layer objects, got " + c.getValue(name).render());
    }
  }

  /** The constant whose config name is {@code name} (any case), or an error suggesting the closest one. */
  private static <E> E choice(String name, E[] values, Function<E, String> configName, String key, String what) {
    String lower = name.toLowerCase(Locale.ROOT);
    for (E e : values) {
      if (configName.apply(e).equals(lower)) return e;
    }
    List<String> names = Arrays.stream(values).map(configName).collect(Collectors.toList());
    throw unknown(name, names, key, what);
  }

  private static SpecException unknown(String name, List<String> names, String key, String what) {
    String hint = ClosestName.among(name, names).map(k -> " (did you mean '" + k + "'?)").orElse("");
    return new SpecException(key, "unknown " + what + " '" + name + "'" + hint + "; expected one of "
        + String.join(", ", names));
  }

  private static String key(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  /** Reads one layer object at config key {@code at}. */
  private static final class LayerReader {
    private final Config c;
    private final String at;
    private String type;

    LayerReader(Config c, String at) {
      this.c = c;
      this.at = at;
    }

    void addTo(List<LayerSpec> layers, List<String> origins) {
      String name = string(c, "type", at + ".type", null);
      type = name.toLowerCase(Locale.ROOT);
      List<String> keys = LAYER_KEYS.get(type);
      if (keys == null) throw unknown(name, List.copyOf(LAYER_KEYS.keySet()), at + ".type", "layer type");
      for (String k : new TreeSet<>(c.root().keySet())) {
        if (keys.contains(k)) continue;
        String hint = ClosestName.among(k, keys).map(s -> " (did you mean '" + s + "'?)").orElse("");
        throw new SpecException(at + "." + k, "not a key of " + type + " layers" + hint + "; valid keys: "
            + String.join(", ", keys));
      }
      layers.add(build());
      origins.add(at);
      if (c.hasPath("activation")) {
        ActivationKind kind = choice(string(c, "activation", at + ".activation", null), ActivationKind.values(),
            ActivationKind::configName, at + ".activation", "activation");
        layers.add(new LayerSpec.Activation(kind));
        origins.add(at + ".activation");
      }
    }

    private LayerSpec build() {
      return switch (type) {
        case "dense" -> {
          int units = integer("units", null);
          yield construct(() -> new LayerSpec.Dense(units));
        }
        case "conv2d" -> {
          int filters = integer("filters", null);
          int kernel = integer("kernel", null);
          int stride = integer("stride", 1);
          int padding = integer("padding", 0);
          yield construct(() -> new LayerSpec.Conv2D(filters, kernel, stride, padding));
        }
        case "maxpool2d" -> {
          int size = integer("size", null);
          int stride = integer("stride", size);
          yield construct(() -> new LayerSpec.MaxPool2D(size, stride));
        }
        case "flatten" -> new LayerSpec.Flatten();
        case "dropout" -> {
          float rate = number("rate", null);
          yield construct(() -> new LayerSpec.Dropout(rate));
        }
        case "batchnorm" -> {
          float momentum = number("momentum", 0.1f);
          float eps = number("eps", 1e-5f);
          yield construct(() -> new LayerSpec.BatchNorm(momentum, eps));
        }
        default -> new LayerSpec.Activation(choice(type, ActivationKind.values(), ActivationKind::configName,
            at + ".type", "layer type"));
      };
    }

    /** Layer constructors name keys relative to the layer; place them under this layer's key. */
    private LayerSpec construct(Supplier<LayerSpec> make) {
      try {
        return make.get();
      } catch (SpecException e) {
        throw e.under(at);
      }
    }

    private int integer(String name, Integer fallback) {
      if (!c.hasPath(name)) {
        if (fallback == null) throw new SpecException(at + "." + name, "missing; a " + type + " layer needs " + name);
        return fallback;
      }
      return ModelConfig.integer(c.getValue(name), at + "." + name);
    }

    private float number(String name, Float fallback) {
      if (!c.hasPath(name)) {
        if (fallback == null) throw new SpecException(at + "." + name, "missing; a " + type + " layer needs " + name);
        return fallback;
      }
      ConfigValue v = c.getValue(name);
      if (v.valueType() != ConfigValueType.NUMBER) throw new SpecException(at + "." + name, "expected a number, got " + v.render());
      return ((Number) v.unwrapped()).floatValue();
    }
  }
}
