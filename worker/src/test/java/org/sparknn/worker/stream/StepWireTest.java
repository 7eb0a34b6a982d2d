package org.sparknn.worker.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.sparknn.optim.OptState;
import org.sparknn.tensor.ModelState;
import org.sparknn.worker.EvalStats;
import org.sparknn.worker.partition.Contribution;
import org.sparknn.worker.partition.ShardSum;

/**
 * Messages over a real loopback socket, bit for bit, at lengths around the wire's chunk (arrays are sent a chunk at
 * a time): empty, shorter than one, exactly one, one more, several with a remainder; NaN payloads, infinities and
 * negative zero keep their bits. Each end times its encoding and decoding, and the task reports its share.
 */
class StepWireTest {
  private static final int[] SIZES = {0, 1, StepWire.CHUNK - 1, StepWire.CHUNK, StepWire.CHUNK + 1,
      2 * StepWire.CHUNK + 3};

  @Test
  void statesAndContributionsCrossTheWireBitForBit() throws Exception {
    try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
         Socket taskSocket = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
         StepWire task = new StepWire(taskSocket);
         StepWire server = new StepWire(listener.accept())) {
      for (int size : SIZES) {
        float[] params = values(size, 1);
        float[] buffers = values(size / 2 + 1, 2);
        OptState opt = new OptState(7, size, new float[][] {values(size, 3), values(size, 6)}); // across the chunks
        CompletableFuture<Void> sent = CompletableFuture.runAsync(() -> send(server, size, params, buffers, opt));
        StepWire.State s = task.readState();
        sent.get();
        assertEquals(3, s.epoch());
        assertEquals(size, s.step());
        assertBits(params, s.model().params(), "parameters of size " + size);
        assertBits(buffers, s.model().buffers(), "buffers of size " + size);
        assertEquals(7, s.optimizer().step());
        assertBits(opt.flatSlots(), s.optimizer().flatSlots(), "optimizer slots of size " + size);

        float[] sum = values(size, 4);
        float[] slots = values(size + 5, 5);
        EvalStats stats = new EvalStats(1.5, 64, 40, 64);
        task.sendContribution(size, true, List.of(new ShardSum(2, 5,
            new Contribution(sum, slots, buffers, 64, stats, 9, 123))));
        StepWire.Contrib c = server.readContribution();
        assertEquals(size, c.step());
        assertTrue(c.tree());
        Contribution got = c.sums().get(0).sum();
        assertBits(sum, got.sum(), "sum of size " + size);
        assertBits(buffers, got.buffers(), "contributed buffers of size " + size);
        assertBits(slots, got.optSlots(), "contributed slots of size " + size);
        assertEquals(stats, got.stats());
        assertEquals(64, got.samples());
        assertEquals(9, got.optStep());
        assertEquals(123, got.computeNanos());
        assertEquals(2, c.sums().get(0).lo());
        assertEquals(5, c.sums().get(0).hi());
      }
      assertTrue(server.codecNanos() > 0, "the server's encoding and decoding are timed");
      assertTrue(task.codecNanos() > 0, "the task's encoding and decoding are timed");
    }
  }

  private static void send(StepWire server, int size, float[] params, float[] buffers, OptState opt) {
    try {
      server.sendState(3, size, new ModelState(params, buffers), opt);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Mixed values with the special ones every few places: a quiet NaN with a payload, infinities, -0. */
  private static float[] values(int n, int seed) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = switch ((i + seed) % 11) {
        case 0 -> Float.intBitsToFloat(0x7fc01234);
        case 1 -> Float.NEGATIVE_INFINITY;
        case 2 -> -0f;
        default -> (float) Math.sin(i * 0.37 + seed) * (i % 7 + 1);
      };
    }
    return v;
  }

  private static void assertBits(float[] expected, float[] actual, String what) {
    assertEquals(expected.length, actual.length, what + ": length");
    for (int i = 0; i < expected.length; i++) {
      if (Float.floatToRawIntBits(expected[i]) != Float.floatToRawIntBits(actual[i])) {
        assertArrayEquals(expected, actual, what + ": first difference at " + i);
        throw new AssertionError(what + ": bits differ at " + i + ": " + expected[i] + " vs " + actual[i]);
      }
    }
  }
}
