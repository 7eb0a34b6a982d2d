package org.sparknn.driver.data;

import java.io.IOException;
import java.io.Serializable;

/** Writes one record (a text line, a Parquet row) as row {@code row} of a block being filled. */
interface RowWriter<T> extends Serializable {
  /** {@code x} and {@code y} are the block's arrays; the row's features start at {@code row * features}. */
  void write(T record, float[] x, float[] y, int row) throws IOException;
}
