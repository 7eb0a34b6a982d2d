package org.sparknn.driver.data;

import java.util.Set;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.UserDefinedType;

/**
 * Recognises a Spark ML (or MLlib) vector column without needing MLlib: its {@code VectorUDT} is stored as the
 * struct {@code (type: byte, size: int, indices: array<int>, values: array<double>)}, type 0 sparse and 1 dense.
 * Read with MLlib on the class path, the column is the UDT; without it, Spark falls back to that struct. Either way
 * we read the struct.
 */
final class VectorColumn {
  static final int SPARSE = 0;
  static final int DENSE = 1;
  private static final Set<String> FIELDS = Set.of("type", "size", "indices", "values");

  private VectorColumn() {}

  /** The struct to read {@code type} as, when it is a vector; null otherwise. */
  static StructType storedAs(DataType type) {
    DataType stored = type instanceof UserDefinedType<?> udt ? udt.sqlType() : type;
    return stored instanceof StructType struct && isVector(struct) ? struct : null;
  }

  private static boolean isVector(StructType struct) {
    if (struct.fields().length != FIELDS.size()) return false;
    for (StructField f : struct.fields()) {
      if (!FIELDS.contains(f.name())) return false;
    }
    return struct.apply("type").dataType().equals(DataTypes.ByteType)
        && struct.apply("size").dataType().equals(DataTypes.IntegerType)
        && struct.apply("indices").dataType() instanceof ArrayType indices
        && indices.elementType().equals(DataTypes.IntegerType)
        && struct.apply("values").dataType() instanceof ArrayType values
        && values.elementType().equals(DataTypes.DoubleType);
  }
}
