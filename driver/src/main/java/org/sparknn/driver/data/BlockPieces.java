package org.sparknn.driver.data;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.sparknn.data.Block;
import scala.Tuple2;

/**
 * The blocks of one source partition, which starts at data set row {@code firstRow}, cut where target partitions
 * begin and end and keyed by the data set row each piece starts at. Rows outside the target ranges are dropped.
 * A block that falls inside one range is passed on as it is, not copied.
 */
final class BlockPieces implements Iterator<Tuple2<Long, Block>> {
  private final Iterator<Block> blocks;
  private final RowRanges ranges;
  private final ArrayDeque<Tuple2<Long, Block>> pending = new ArrayDeque<>();
  private long row;

  BlockPieces(Iterator<Block> blocks, long firstRow, RowRanges ranges) {
    this.blocks = blocks;
    this.ranges = ranges;
    this.row = firstRow;
  }

  @Override
  public boolean hasNext() {
    while (pending.isEmpty() && blocks.hasNext()) cut(blocks.next());
    return !pending.isEmpty();
  }

  @Override
  public Tuple2<Long, Block> next() {
    if (!hasNext()) throw new NoSuchElementException();
    return pending.poll();
  }

  private void cut(Block block) {
    long start = row;
    row += block.rows();
    long first = ranges.bound(0);
    long end = ranges.bound(ranges.numPartitions());
    long from = Math.max(start, first);
    long to = Math.min(row, end);
    while (from < to) {
      long pieceEnd = Math.min(to, ranges.bound(ranges.getPartition(from) + 1));
      Block piece = from == start && pieceEnd == row ? block
          : block.copyOfRows((int) (from - start), (int) (pieceEnd - start));
      pending.add(new Tuple2<>(from, piece));
      from = pieceEnd;
    }
  }
}
