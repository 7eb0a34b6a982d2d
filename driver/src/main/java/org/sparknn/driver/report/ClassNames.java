package org.sparknn.driver.report;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sparknn.data.FashionMnist;

/**
 * Names for class indices. Data files carry only numbers, so names are known only for a data set recognised from
 * the run's configuration: Fashion-MNIST, when a data path names it and the model has its 10 classes. Otherwise
 * the index is the name.
 */
final class ClassNames {
  private ClassNames() {}

  static List<String> of(String configText, int classes) {
    if (classes == FashionMnist.CLASS_NAMES.size() && namesFashionMnist(configText)) return FashionMnist.CLASS_NAMES;
    List<String> names = new ArrayList<>();
    for (int c = 0; c < classes; c++) names.add(Integer.toString(c));
    return names;
  }

  private static boolean namesFashionMnist(String configText) {
    if (configText == null || configText.isBlank()) return false;
    try {
      Config data = ConfigFactory.parseString(configText).getConfig("data");
      for (String key : List.of("train", "test")) {
        if (data.hasPath(key) && data.getString(key).toLowerCase(Locale.ROOT).matches(".*fashion[-_]?mnist.*")) {
          return true;
        }
      }
      return false;
    } catch (ConfigException e) {
      return false; // not a configuration we can read: numbers are still correct names
    }
  }
}
