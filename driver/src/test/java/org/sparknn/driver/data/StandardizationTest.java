package org.sparknn.driver.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparknn.data.Block;
import org.sparknn.driver.LocalSpark;

class StandardizationTest {
  private static SparkSession spark;
  @TempDir Path dir;

  @BeforeAll
  static void start() {
    spark = LocalSpark.start(2);
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @Test
  void meansAndScalesMatchATwoPassComputationAndAreAppliedToEveryBlock() throws IOException {
    int n = 203;
    StringBuilder csv = new StringBuilder();
    double[][] x = new double[n][3];
    for (int i = 0; i < n; i++) {
      x[i][0] = 1e4 + Math.sin(i); // a large mean against a small spread
      x[i][1] = i % 5;
      x[i][2] = 7; // constant
      csv.append(i % 2).append(',').append((float) x[i][0]).append(',').append(x[i][1]).append(",7\n");
    }
    Path file = Files.writeString(dir.resolve("s.csv"), csv.toString());
    BlockSet raw = new DataLoader(spark).load(DataSpec.of(file.toString(), DataFormat.CSV), new BlockPlan(16, 3));
    Standardization s = Standardization.fit(raw);

    for (int j = 0; j < 3; j++) {
      double mean = 0;
      for (double[] row : x) mean += (float) row[j];
      mean /= n;
      double var = 0;
      for (double[] row : x) var += ((float) row[j] - mean) * ((float) row[j] - mean);
      double std = Math.sqrt(var / n);
      assertEquals(mean, s.mean()[j], Math.abs(mean) * 1e-6, "mean " + j);
      assertEquals(std > 0 ? 1 / std : 1, s.scale()[j], (std > 0 ? 1 / std : 1) * 1e-4, "scale " + j);
    }
    assertEquals(1f, s.scale()[2]);

    BlockSet standardized = s.apply(raw);
    assertEquals(n, standardized.samples());
    assertArrayEquals(raw.partitionRows(), standardized.partitionRows());
    Block all = Collected.of(standardized).joined();
    double[] sum = new double[3];
    double[] squares = new double[3];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < 3; j++) {
        sum[j] += all.x()[3 * i + j];
        squares[j] += all.x()[3 * i + j] * all.x()[3 * i + j];
      }
      assertEquals(i % 2, all.y()[i], "labels untouched");
    }
    assertEquals(0, sum[0] / n, 1e-3);
    assertEquals(1, squares[0] / n, 1e-3);
    assertEquals(0, sum[1] / n, 1e-5);
    assertEquals(1, squares[1] / n, 1e-5);
    assertEquals(0, squares[2]);
  }
}
