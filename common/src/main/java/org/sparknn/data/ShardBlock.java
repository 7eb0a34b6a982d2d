package org.sparknn.data;

/**
 * A run of consecutive members of one logical shard (see {@link EpochOrder}): row r of {@code block} is member
 * {@code firstMember + r} of shard {@code shard}, that is global sample {@code shard + (firstMember + r) * shards}.
 */
public record ShardBlock(int shard, int firstMember, Block block) {
  public ShardBlock {
    if (shard < 0 || firstMember < 0) {
      throw new IllegalArgumentException("shard and firstMember must be >= 0, got " + shard + ", " + firstMember);
    }
  }

  public int endMember() {
    return firstMember + block.rows();
  }
}
