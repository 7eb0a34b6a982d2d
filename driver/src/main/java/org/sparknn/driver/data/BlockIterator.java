package org.sparknn.driver.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.sparknn.data.Block;

/**
 * Packs a partition's records into blocks of up to {@code blockRows} samples, one fresh block at a time, so that a
 * partition never holds one object per sample. The last block of a partition is trimmed to its rows. Data errors
 * leave as {@link UncheckedIOException} (an iterator cannot throw checked exceptions); the cause is the
 * {@link DataFileException}, which {@link DataFileException#find} recovers on the driver.
 */
final class BlockIterator<T> implements Iterator<Block> {
  private final Iterator<T> records;
  private final int features;
  private final int blockRows;
  private final RowWriter<T> writer;

  BlockIterator(Iterator<T> records, int features, int blockRows, RowWriter<T> writer) {
    this.records = records;
    this.features = features;
    this.blockRows = blockRows;
    this.writer = writer;
  }

  @Override
  public boolean hasNext() {
    return records.hasNext();
  }

  @Override
  public Block next() {
    if (!records.hasNext()) throw new NoSuchElementException();
    Block block = Block.allocate(blockRows, features, 1);
    int rows = 0;
    try {
      while (rows < blockRows && records.hasNext()) {
        writer.write(records.next(), block.x(), block.y(), rows);
        rows++;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows == blockRows ? block : block.copyOfRows(0, rows);
  }
}
