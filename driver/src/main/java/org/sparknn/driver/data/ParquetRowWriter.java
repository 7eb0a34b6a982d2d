package org.sparknn.driver.data;

import java.util.List;
import org.apache.spark.sql.Row;
import org.sparknn.data.FeatureScaling;

/**
 * Writes one selected Parquet row {@code (features, label: float, file: string, row index: long)} into a block,
 * where features are either {@code array<float>} or a vector struct ({@link VectorColumn}). Every value is checked:
 * nulls, a wrong length, non-finite numbers and bad labels fail with the file and the row's index in it.
 */
final class ParquetRowWriter implements RowWriter<Row> {
  private static final long serialVersionUID = 1L;
  private final int features;
  private final boolean vector;
  private final LabelRule labels;
  private final FeatureScaling scaling;

  ParquetRowWriter(int features, boolean vector, LabelRule labels, FeatureScaling scaling) {
    this.features = features;
    this.vector = vector;
    this.labels = labels;
    this.scaling = scaling;
  }

  @Override
  public void write(Row row, float[] x, float[] y, int at) throws DataFileException {
    try {
      if (row.isNullAt(1)) throw new BadRecord("label is null; expected a number");
      float label = row.getFloat(1);
      String problem = labels.problem(label);
      if (problem != null) throw new BadRecord(problem);
      y[at] = label;
      if (row.isNullAt(0)) throw new BadRecord("features are null; expected " + features + " numbers");
      if (vector) {
        writeVector(row.getStruct(0), x, at * features);
      } else {
        writeArray(row.getList(0), x, at * features);
      }
    } catch (BadRecord e) {
      throw new DataFileException(row.getString(2), 0, "row " + row.getLong(3) + " (0-based): " + e.getMessage());
    }
  }

  private void writeArray(List<Float> values, float[] x, int offset) throws BadRecord {
    if (values.size() != features) throw new BadRecord(values.size() + " features; expected " + features);
    for (int i = 0; i < features; i++) x[offset + i] = value(values.get(i), i);
  }

  private void writeVector(Row v, float[] x, int offset) throws BadRecord {
    List<Double> values = v.getList(3);
    if (v.getByte(0) == VectorColumn.DENSE) {
      if (values.size() != features) throw new BadRecord("dense vector of " + values.size() + "; expected " + features);
      for (int i = 0; i < features; i++) x[offset + i] = value(values.get(i), i);
      return;
    }
    int size = v.isNullAt(1) ? -1 : v.getInt(1);
    if (size != features) throw new BadRecord("sparse vector of size " + size + "; expected " + features);
    List<Integer> indices = v.getList(2);
    if (indices.size() != values.size()) {
      throw new BadRecord("sparse vector with " + indices.size() + " indices but " + values.size() + " values");
    }
    for (int k = 0; k < indices.size(); k++) {
      int i = indices.get(k);
      if (i < 0 || i >= features) throw new BadRecord("sparse index " + i + "; expected 0.." + (features - 1));
      x[offset + i] = value(values.get(k), i);
    }
  }

  private float value(Number raw, int index) throws BadRecord {
    if (raw == null) throw new BadRecord("feature " + index + " is null; expected a number");
    float value = raw.floatValue();
    if (!Float.isFinite(value)) throw new BadRecord("feature " + index + " is " + raw + "; expected a finite number");
    return scaling.apply(value);
  }
}
