package org.sparknn.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import org.sparknn.spec.SpecException;

/** Typed reads of optional keys with defaults, turning the library's type errors into {@link SpecException}s. */
final class ConfigValues {
  private ConfigValues() {}

  static int getInt(Config c, String path, String key, int fallback) {
    try {
      return c.hasPath(path) ? c.getInt(path) : fallback;
    } catch (ConfigException.WrongType e) {
      throw wrongType(c, path, key, "an integer");
    }
  }

  static long getLong(Config c, String path, String key, long fallback) {
    try {
      return c.hasPath(path) ? c.getLong(path) : fallback;
    } catch (ConfigException.WrongType e) {
      throw wrongType(c, path, key, "an integer");
    }
  }

  static double getDouble(Config c, String path, String key, double fallback) {
    try {
      return c.hasPath(path) ? c.getDouble(path) : fallback;
    } catch (ConfigException.WrongType e) {
      throw wrongType(c, path, key, "a number");
    }
  }

  static boolean getBoolean(Config c, String path, String key, boolean fallback) {
    try {
      return c.hasPath(path) ? c.getBoolean(path) : fallback;
    } catch (ConfigException.WrongType e) {
      throw wrongType(c, path, key, "true or false");
    }
  }

  static String getString(Config c, String path, String key, String fallback) {
    try {
      return c.hasPath(path) ? c.getString(path) : fallback;
    } catch (ConfigException.WrongType e) {
      throw wrongType(c, path, key, "a string");
    }
  }

  private static SpecException wrongType(Config c, String path, String key, String expected) {
    return new SpecException(key, "expected " + expected + ", got " + c.getValue(path).render());
  }
}
