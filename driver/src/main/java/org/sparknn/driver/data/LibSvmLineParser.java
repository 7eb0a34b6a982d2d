package org.sparknn.driver.data;

import org.sparknn.data.FeatureScaling;

/**
 * One LibSVM line: {@code label index:value index:value ...}, indices 1-based and strictly increasing, at most
 * {@code features}; features not listed are 0. Anything after {@code #} is a comment.
 */
final class LibSvmLineParser implements LineParser {
  private static final long serialVersionUID = 1L;
  private final int features;
  private final LabelRule labels;
  private final FeatureScaling scaling;

  LibSvmLineParser(int features, LabelRule labels, FeatureScaling scaling) {
    if (features <= 0) throw new IllegalArgumentException("features must be positive, got " + features);
    this.features = features;
    this.labels = labels;
    this.scaling = scaling;
  }

  @Override
  public int features() {
    return features;
  }

  @Override
  public void parse(String line, float[] x, int xAt, float[] y, int yAt) throws BadRecord {
    String[] tokens = tokens(line);
    float label = label(tokens);
    String problem = labels.problem(label);
    if (problem != null) throw new BadRecord(problem);
    y[yAt] = label;
    int previous = 0;
    for (int t = 1; t < tokens.length; t++) {
      int colon = colon(tokens[t]);
      int index = index(tokens[t], colon, previous);
      if (index > features) {
        throw new BadRecord("feature index " + index + " is beyond the feature count; expected 1.." + features);
      }
      x[xAt + index - 1] = scaling.apply(value(tokens[t], colon));
      previous = index;
    }
  }

  /** A line with nothing before its {@code #}: not a sample. */
  static boolean isComment(String line) {
    int hash = line.indexOf('#');
    return hash >= 0 && line.substring(0, hash).isBlank();
  }

  /** The largest feature index on the line (0 when it has none), checking the syntax as {@link #parse} does. */
  static int maxIndex(String line) throws BadRecord {
    String[] tokens = tokens(line);
    label(tokens);
    int previous = 0;
    for (int t = 1; t < tokens.length; t++) {
      int colon = colon(tokens[t]);
      previous = index(tokens[t], colon, previous);
      value(tokens[t], colon);
    }
    return previous;
  }

  private static String[] tokens(String line) throws BadRecord {
    int hash = line.indexOf('#');
    String[] tokens = (hash >= 0 ? line.substring(0, hash) : line).trim().split("\\s+");
    if (tokens.length == 0 || tokens[0].isEmpty()) throw new BadRecord("no label; expected 'label index:value ...'");
    return tokens;
  }

  private static float label(String[] tokens) throws BadRecord {
    try {
      return Float.parseFloat(tokens[0]);
    } catch (NumberFormatException e) {
      throw new BadRecord("label '" + tokens[0] + "' is not a number; expected 'label index:value ...'");
    }
  }

  private static int colon(String token) throws BadRecord {
    int colon = token.indexOf(':');
    if (colon <= 0 || colon == token.length() - 1) {
      throw new BadRecord("'" + token + "' is not index:value");
    }
    return colon;
  }

  private static int index(String token, int colon, int previous) throws BadRecord {
    int index;
    try {
      index = Integer.parseInt(token.substring(0, colon));
    } catch (NumberFormatException e) {
      throw new BadRecord("'" + token + "': index is not an integer");
    }
    if (index < 1) throw new BadRecord("'" + token + "': index " + index + "; indices are 1-based");
    if (index <= previous) {
      throw new BadRecord("'" + token + "': index " + index + " after " + previous + "; expected increasing indices");
    }
    return index;
  }

  private static float value(String token, int colon) throws BadRecord {
    float value;
    try {
      value = Float.parseFloat(token.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new BadRecord("'" + token + "': value is not a number");
    }
    if (!Float.isFinite(value)) throw new BadRecord("'" + token + "': value is " + value + "; expected a finite number");
    return value;
  }
}
