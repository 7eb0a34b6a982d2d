package org.sparknn.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.sparknn.spec.SpecException;

/**
 * Typed reads of one config object's keys, the only place the config package turns HOCON values into Java ones,
 * so every section fails the same way: a {@link SpecException} naming the full key ({@code prefix.name}), what was
 * expected and what was found, e.g. {@code training.epochs: expected an integer, got 2.5}.
 *
 * <p>Conversions follow HOCON (a quoted {@code "5"} is a number, {@code 5} a string where one is asked for), with
 * one exception: an integer must be integral, because the library's {@code getInt} silently truncates 2.5 to 2 and
 * a typo would then train a different model. An explicit {@code null} counts as present and is a type error; it
 * means "none" only for {@link #optionalString}. Names are single keys, not dotted paths.
 */
final class ConfigValues {
  private final Config config;
  private final String prefix;

  /** Reads {@code config}, the object found at {@code prefix} ("" for the root) of the whole configuration. */
  ConfigValues(Config config, String prefix) {
    this.config = config;
    this.prefix = prefix;
  }

  Config config() {
    return config;
  }

  /** The full key of {@code name}, as messages show it. */
  String key(String name) {
    return prefix.isEmpty() ? name : prefix + "." + name;
  }

  /** The keys present, for {@link KnownKeys#check}. */
  Set<String> names() {
    return config.root().keySet();
  }

  /** Whether {@code name} is written at all, {@code null} included. */
  boolean has(String name) {
    return config.hasPathOrNull(name);
  }

  /** The error for a missing key; {@code why} (may be empty) tells the user what to write. */
  SpecException missing(String name, String why) {
    return new SpecException(key(name), why.isEmpty() ? "missing" : "missing; " + why);
  }

  int integer(String name) {
    return (int) integral(read(name, "an integer", config::getNumber), name, Integer.MIN_VALUE, Integer.MAX_VALUE);
  }

  int integer(String name, int fallback) {
    return has(name) ? integer(name) : fallback;
  }

  long longInteger(String name) {
    return integral(read(name, "an integer", config::getNumber), name, Long.MIN_VALUE, Long.MAX_VALUE);
  }

  long longInteger(String name, long fallback) {
    return has(name) ? longInteger(name) : fallback;
  }

  /** A float: every real-valued setting in sparknn is one (rates, decays, fractions). */
  float number(String name) {
    return read(name, "a number", config::getDouble).floatValue();
  }

  float number(String name, float fallback) {
    return has(name) ? number(name) : fallback;
  }

  boolean bool(String name, boolean fallback) {
    return has(name) ? read(name, "true or false", config::getBoolean) : fallback;
  }

  String string(String name) {
    return read(name, "a string", config::getString);
  }

  String string(String name, String fallback) {
    return has(name) ? string(name) : fallback;
  }

  /** A string, or null when absent or written as {@code null} (so an override {@code data.test=null} drops it). */
  String optionalString(String name) {
    return config.hasPath(name) ? string(name) : null;
  }

  /** The constant whose config name is the value (in any case), or an error suggesting the closest name. */
  <E> E choice(String name, String what, E[] values, Function<E, String> configName) {
    String value = string(name);
    for (E e : values) {
      if (configName.apply(e).equalsIgnoreCase(value)) return e;
    }
    throw KnownKeys.unknownName(key(name), what, value,
        Arrays.stream(values).map(configName).collect(Collectors.toList()));
  }

  <E> E choice(String name, String what, E[] values, Function<E, String> configName, E fallback) {
    return has(name) ? choice(name, what, values, configName) : fallback;
  }

  ConfigList list(String name) {
    return read(name, "a list", config::getList);
  }

  /** The object at {@code name}; wrap it in a reader with prefix {@link #key key(name)} to read it in turn. */
  Config object(String name) {
    return read(name, "an object", config::getConfig);
  }

  /**
   * A list element read as an integer. Elements have no key of their own, so the caller names one (e.g.
   * {@code model.input[1]}); unlike keyed reads, only a number is accepted.
   */
  static int integer(ConfigValue v, String key) {
    if (v.valueType() != ConfigValueType.NUMBER) throw wrongType(key, "an integer", v);
    return (int) integral((Number) v.unwrapped(), key, v, Integer.MIN_VALUE, Integer.MAX_VALUE);
  }

  /** What a message shows for {@code v}: its concise HOCON (no comments), with the kind for lists and objects. */
  static String describe(ConfigValue v) {
    if (v == null || v.valueType() == ConfigValueType.NULL) return "null";
    String text = v.render(ConfigRenderOptions.concise());
    boolean container = v.valueType() == ConfigValueType.LIST || v.valueType() == ConfigValueType.OBJECT;
    return container ? v.valueType().name().toLowerCase(Locale.ROOT) + " " + text : text;
  }

  private <T> T read(String name, String expected, Function<String, T> get) {
    if (!has(name)) throw missing(name, "");
    try {
      return get.apply(name);
    } catch (ConfigException.WrongType | ConfigException.Null e) {
      throw wrongType(key(name), expected, value(name));
    }
  }

  private long integral(Number n, String name, long min, long max) {
    return integral(n, key(name), value(name), min, max);
  }

  /** HOCON numbers are Integer, Long or Double; a Double is accepted only when it is a whole number. */
  private static long integral(Number n, String key, ConfigValue v, long min, long max) {
    if (n instanceof Double d && !(d == Math.rint(d) && Math.abs(d) < 0x1p63)) throw wrongType(key, "an integer", v);
    long l = n.longValue();
    if (l < min || l > max) {
      throw new SpecException(key, "expected an integer from " + min + " to " + max + ", got " + describe(v));
    }
    return l;
  }

  /** The value at {@code name}, or null for a HOCON null (which {@code getValue} refuses to return). */
  private ConfigValue value(String name) {
    return config.hasPath(name) ? config.getValue(name) : null;
  }

  private static SpecException wrongType(String key, String expected, ConfigValue v) {
    return new SpecException(key, "expected " + expected + ", got " + describe(v));
  }
}
