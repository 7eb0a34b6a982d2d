package org.sparknn.driver.data;

import java.util.Iterator;
import java.util.NoSuchElementException;
import org.sparknn.data.Block;
import scala.Tuple2;

/**
 * Joins the sorted pieces of one target partition into blocks of exactly {@code blockRows} samples (the last one
 * shorter). The partition must receive rows [firstRow, firstRow + rows) without gaps or extras; anything else is a
 * bug in the layout, and failing beats training on silently lost or duplicated samples.
 */
final class ReBlocker implements Iterator<Block> {
  private final Iterator<Tuple2<Long, Block>> pieces;
  private final long firstRow;
  private final long rows;
  private final int blockRows;
  private final int features;
  private final int labelWidth;
  private long produced;
  private Block piece;
  private int used;

  ReBlocker(Iterator<Tuple2<Long, Block>> pieces, long firstRow, long rows, int blockRows, int features,
      int labelWidth) {
    this.pieces = pieces;
    this.firstRow = firstRow;
    this.rows = rows;
    this.blockRows = blockRows;
    this.features = features;
    this.labelWidth = labelWidth;
  }

  @Override
  public boolean hasNext() {
    if (produced < rows) return true;
    if ((piece != null && used < piece.rows()) || pieces.hasNext()) {
      throw new IllegalStateException("partition of rows [" + firstRow + ", " + (firstRow + rows)
          + ") received more rows");
    }
    return false;
  }

  @Override
  public Block next() {
    if (!hasNext()) throw new NoSuchElementException();
    int n = (int) Math.min(blockRows, rows - produced);
    Block out = Block.allocate(n, features, labelWidth);
    int filled = 0;
    while (filled < n) {
      if (piece == null || used == piece.rows()) take(firstRow + produced + filled);
      int k = Math.min(n - filled, piece.rows() - used);
      System.arraycopy(piece.x(), used * features, out.x(), filled * features, k * features);
      System.arraycopy(piece.y(), used * labelWidth, out.y(), filled * labelWidth, k * labelWidth);
      used += k;
      filled += k;
    }
    produced += n;
    return out;
  }

  private void take(long expectedRow) {
    if (!pieces.hasNext()) {
      throw new IllegalStateException("partition of rows [" + firstRow + ", " + (firstRow + rows)
          + ") ended at row " + expectedRow);
    }
    Tuple2<Long, Block> next = pieces.next();
    if (next._1() != expectedRow) {
      throw new IllegalStateException("partition of rows [" + firstRow + ", " + (firstRow + rows) + ") expected row "
          + expectedRow + ", got a piece starting at " + next._1());
    }
    piece = next._2();
    used = 0;
  }
}
