package org.sparknn.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
  private static final List<String> MODEL_KEYS = List.of("input", "loss", "init", "layers");
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
    ConfigValues in = new ConfigValues(c, path);
    KnownKeys.check(in, MODEL_KEYS, "models");
    Shape input = input(in);
    LossKind loss = in.choice("loss", "loss", LossKind.values(), LossKind::configName);
    InitKind init = in.choice("init", "initializer", InitKind.values(), InitKind::configName, InitKind.AUTO);
    List<LayerSpec> layers = new ArrayList<>();
    List<String> origins = new ArrayList<>(); // origins.get(i): the config key that produced layers.get(i)
    if (!in.has("layers")) throw in.missing("layers", "expected a list of layer objects");
    ConfigList list = in.list("layers");
    for (int i = 0; i < list.size(); i++) {
      String at = in.key("layers[" + i + "]");
      ConfigValue v = list.get(i);
      if (v.valueType() != ConfigValueType.OBJECT) {
        throw new SpecException(at, "expected a layer object such as { type = dense, units = 10 }, got "
            + ConfigValues.describe(v));
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

  private static Shape input(ConfigValues in) {
    String key = in.key("input");
    if (!in.has("input")) throw in.missing("input", "expected the size of one sample, e.g. 784 or [1, 28, 28]");
    ConfigValue v = in.config().root().get("input"); // getValue would throw on null
    if (v.valueType() == ConfigValueType.NUMBER) return Shape.vector(positive(v, key));
    if (v.valueType() == ConfigValueType.LIST && (((ConfigList) v).size() == 1 || ((ConfigList) v).size() == 3)) {
      ConfigList dims = (ConfigList) v;
      int[] d = new int[dims.size()];
      for (int i = 0; i < d.length; i++) d[i] = positive(dims.get(i), key + "[" + i + "]");
      return d.length == 1 ? Shape.vector(d[0]) : new Shape(d[0], d[1], d[2]);
    }
    throw new SpecException(key, "expected a positive integer or a list [channels, height, width], got "
        + ConfigValues.describe(v));
  }

  private static int positive(ConfigValue v, String key) {
    int n = ConfigValues.integer(v, key);
    if (n <= 0) throw new SpecException(key, "expected a positive integer, got " + n);
    return n;
  }

  /** Reads one layer object at config key {@code at}. */
  private static final class LayerReader {
    private final ConfigValues in;
    private final String at;
    private String type;

    LayerReader(Config c, String at) {
      this.in = new ConfigValues(c, at);
      this.at = at;
    }

    void addTo(List<LayerSpec> layers, List<String> origins) {
      String name = in.string("type");
      type = name.toLowerCase(Locale.ROOT);
      List<String> keys = LAYER_KEYS.get(type);
      if (keys == null) {
        throw KnownKeys.unknownName(in.key("type"), "layer type", name, List.copyOf(LAYER_KEYS.keySet()));
      }
      KnownKeys.check(in, keys, type + " layers");
      layers.add(build());
      origins.add(at);
      if (in.has("activation")) {
        layers.add(new LayerSpec.Activation(
            in.choice("activation", "activation", ActivationKind.values(), ActivationKind::configName)));
        origins.add(in.key("activation"));
      }
    }

    private LayerSpec build() {
      return switch (type) {
        case "dense" -> {
          int units = integer("units");
          yield construct(() -> new LayerSpec.Dense(units));
        }
        case "conv2d" -> {
          int filters = integer("filters");
          int kernel = integer("kernel");
          int stride = in.integer("stride", 1);
          int padding = in.integer("padding", 0);
          yield construct(() -> new LayerSpec.Conv2D(filters, kernel, stride, padding));
        }
        case "maxpool2d" -> {
          int size = integer("size");
          int stride = in.integer("stride", size);
          yield construct(() -> new LayerSpec.MaxPool2D(size, stride));
        }
        case "flatten" -> new LayerSpec.Flatten();
        case "dropout" -> {
          float rate = number("rate");
          yield construct(() -> new LayerSpec.Dropout(rate));
        }
        case "batchnorm" -> {
          float momentum = in.number("momentum", 0.1f);
          float eps = in.number("eps", 1e-5f);
          yield construct(() -> new LayerSpec.BatchNorm(momentum, eps));
        }
        default -> new LayerSpec.Activation(
            in.choice("type", "layer type", ActivationKind.values(), ActivationKind::configName));
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

    private int integer(String name) {
      need(name);
      return in.integer(name);
    }

    private float number(String name) {
      need(name);
      return in.number(name);
    }

    /** A missing required key is reported with what needs it: "missing; a dense layer needs units". */
    private void need(String name) {
      if (!in.has(name)) throw in.missing(name, "a " + type + " layer needs " + name);
    }
  }
}
