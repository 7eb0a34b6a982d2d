package org.sparknn.driver.data;

import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeArrayData;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.UserDefinedType;

/**
 * A stand-in for Spark ML's {@code VectorUDT} (MLlib is not published for this Spark version, so the tests cannot
 * use the real one): the same stored struct, so a column of it is written and read back the way a vector column
 * is. Dense vectors only.
 */
public final class DenseTestVectorUdt extends UserDefinedType<DenseTestVector> {
  private static final long serialVersionUID = 1L;

  static final StructType STORED = new StructType()
      .add("type", DataTypes.ByteType, false)
      .add("size", DataTypes.IntegerType, true)
      .add("indices", DataTypes.createArrayType(DataTypes.IntegerType, false), true)
      .add("values", DataTypes.createArrayType(DataTypes.DoubleType, false), true);

  @Override
  public DataType sqlType() {
    return STORED;
  }

  @Override
  public Object serialize(DenseTestVector v) {
    return new GenericInternalRow(new Object[] {(byte) 1, null, null, UnsafeArrayData.fromPrimitiveArray(v.values())});
  }

  @Override
  public DenseTestVector deserialize(Object datum) {
    return new DenseTestVector(((InternalRow) datum).getArray(3).toDoubleArray());
  }

  @Override
  public Class<DenseTestVector> userClass() {
    return DenseTestVector.class;
  }
}
