package org.sparknn.worker.partition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sparknn.worker.EvalStats;

/** The tree's covers, and combining refuses parts that do not tile a range or are not tree nodes. */
class ShardTreeTest {
  @Test
  void coversAreTheMaximalNodesInsideARange() {
    assertEquals(List.of("[0,16)"), names(ShardTree.cover(0, 16, 16)));
    assertEquals(List.of("[8,12)"), names(ShardTree.cover(8, 12, 16)));
    assertEquals(List.of("[0,4)", "[4,6)"), names(ShardTree.cover(0, 6, 16)));
    assertEquals(List.of("[6,8)", "[8,10)", "[10,11)"), names(ShardTree.cover(6, 11, 16)));
    assertEquals(List.of("[2,3)", "[3,4)"), names(ShardTree.cover(2, 4, 6))); // tree over 6: [0,3) [3,6)
  }

  @Test
  void combiningThreePartitionsGivesTheRootOfTheTree() {
    List<ShardSum> parts = new ArrayList<>();
    for (int p = 0; p < 3; p++) {
      parts.addAll(ShardTree.fromLeaves(ShardSet.firstShard(p, 3, 16), ShardSet.firstShard(p + 1, 3, 16), 16,
          ShardTreeTest::leaf));
    }
    Contribution all = ShardTree.total(parts, 16, true);
    Contribution direct = ShardTree.fromLeaves(0, 16, 16, ShardTreeTest::leaf).get(0).sum();
    assertEquals(Float.floatToRawIntBits(direct.sum()[0]), Float.floatToRawIntBits(all.sum()[0]));
    assertEquals(16, all.samples());
  }

  @Test
  void refusesPartsThatDoNotTileOrAreNoNodes() {
    List<ShardSum> gap = List.of(new ShardSum(0, 2, leaf(0)), new ShardSum(3, 4, leaf(3)));
    assertThrows(IllegalStateException.class, () -> ShardTree.combine(gap, 4, true));
    List<ShardSum> notNodes = List.of(new ShardSum(0, 1, leaf(0)), new ShardSum(1, 3, leaf(1)),
        new ShardSum(3, 4, leaf(3)));
    assertThrows(IllegalStateException.class, () -> ShardTree.total(notNodes, 4, true));
  }

  private static Contribution leaf(int k) {
    float v = (k % 2 == 0 ? 1e7f : 1e-3f) * (k + 1);
    return new Contribution(new float[] {v}, new float[0], new float[0], 1, EvalStats.EMPTY, 0, 0);
  }

  private static List<String> names(List<int[]> nodes) {
    return nodes.stream().map(n -> "[" + n[0] + "," + n[1] + ")").toList();
  }
}
