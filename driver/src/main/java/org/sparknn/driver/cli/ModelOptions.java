package org.sparknn.driver.cli;

import java.util.Locale;
import org.sparknn.data.FeatureScaling;
import org.sparknn.driver.data.DataFormat;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** Options that {@code evaluate} and {@code predict} share: the model, how to read the data, the Spark master. */
final class ModelOptions {
  @Option(names = "--model", required = true, order = 1, paramLabel = "PATH",
      description = "The model: a training run's output directory (reads DIR/model/model.snn), a directory holding "
          + "model.snn, or the .snn file itself (any Hadoop path).")
  String model;

  @Option(names = "--format", order = 4, paramLabel = "FORMAT", converter = FormatConverter.class,
      description = "Data format: idx, csv, libsvm or parquet (default: from the extension, .csv, .libsvm/.svm, "
          + ".parquet, else idx).")
  DataFormat format;

  @Option(names = "--scaling", order = 5, paramLabel = "SCALING", converter = ScalingConverter.class,
      description = "Feature scaling: unit (values / 255) or none (default: the data.scaling the model was trained "
          + "with).")
  FeatureScaling scaling;

  @Option(names = "--master", order = 6, paramLabel = "URL",
      description = "Spark master (default: the one spark-submit gives, else local[*], Spark embedded in this JVM).")
  String master;

  static final class FormatConverter implements ITypeConverter<DataFormat> {
    @Override
    public DataFormat convert(String value) {
      try {
        return DataFormat.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  static final class ScalingConverter implements ITypeConverter<FeatureScaling> {
    @Override
    public FeatureScaling convert(String value) {
      for (FeatureScaling s : FeatureScaling.values()) {
        if (s.configName().equals(value.trim().toLowerCase(Locale.ROOT))) return s;
      }
      throw new TypeConversionException("unknown scaling '" + value + "'; expected unit or none");
    }
  }
}
