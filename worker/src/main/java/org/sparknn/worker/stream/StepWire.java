package org.sparknn.worker.stream;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.sparknn.optim.OptState;
import org.sparknn.tensor.ModelState;
import org.sparknn.worker.EvalStats;
import org.sparknn.worker.partition.Contribution;
import org.sparknn.worker.partition.ShardSum;

/**
 * One end of a step connection: the messages of the step protocol, float arrays as raw little-endian bytes (no
 * per-value calls, no objects), encoded and decoded {@link #CHUNK} floats at a time through one fixed buffer per
 * end, so that conversion overlaps the transfer and no array-sized byte copy is held. Protocol, each message
 * preceded by its int tag:
 * <pre>
 *   task   -> server  HELLO   partition, partitions, first epoch of the task's stage, attempt
 *   server -> task    STATE   epoch, step, params, buffers, optimizer step, optimizer slots
 *                             (the state to compute step {@code step} of {@code epoch} from; in averaging rounds
 *                             {@code step} is the round and the optimizer state comes along; else its step is -1
 *                             and its slots empty)
 *   task   -> server  CONTRIB step, tree, codec nanos (the task's array encoding and decoding since its previous
 *                             CONTRIB), n, then n shard sums: lo, hi, samples, loss/accuracy sums, compute nanos,
 *                             optimizer step, sum (gradient, or weighted parameters), buffers x samples,
 *                             optimizer slots x samples   (tree: the sums are nodes of the ShardTree)
 *   server -> task    VALIDATE epoch, params, buffers   (after an epoch's last step, when the run has a validation
 *                             set: evaluate this partition's validation rows with this state)
 *   task   -> server  CONTRIB with step -1 ({@link State#VALIDATION}): one sum over the task's shard range whose
 *                             samples and loss/accuracy sums are the validation's, its arrays empty
 *   server -> task    STATE ... after every step (the next epoch's first when a stage spans several), or END
 *                             when the stage's last epoch is done, or ABORT with a reason
 * </pre>
 * The arrays of a message read are reused by the next read on the same wire: use them before reading again.
 * Not thread-safe: one thread per end.
 */
public final class StepWire implements StepChannel {
  static final int MAGIC = 0x534e4e33; // "SNN3": contributions carry the task's serialization time
  public static final int HELLO = 1;
  public static final int STATE = 2;
  public static final int CONTRIB = 3;
  public static final int END = 4;
  public static final int ABORT = 5;
  public static final int VALIDATE = 6;
  // floats per chunk on the wire: 256 KiB of bytes, so a chunk's encoding overlaps the previous chunk's transfer
  static final int CHUNK = 1 << 16;

  private final Socket socket;
  private final DataInputStream in;
  private final DataOutputStream out;
  private final byte[] scratch = new byte[4 * CHUNK];
  private long codecNanos;         // converting arrays to and from bytes, since the connection opened
  private long reportedCodecNanos; // the part of it already sent to the server in a contribution
  // The arrays of the last message read, reused by the next read of the same size: a step's vectors are consumed
  // before the next message is read, and reuse spares a parameter-sized allocation per message.
  private float[] firstIn = new float[0];
  private float[] secondIn = new float[0];
  private float[] thirdIn = new float[0];
  private OptState optIn; // the optimizer state of the last state message read, its blocks reused
  // per shard sum of a contribution: sum, buffers, optimizer slots
  private final List<float[][]> sumsIn = new ArrayList<>();
  private static final float[] NONE = new float[0];

  public StepWire(Socket socket) throws IOException {
    this.socket = socket;
    socket.setTcpNoDelay(true);
    this.in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 1 << 16));
    this.out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream(), 1 << 16));
  }

  /**
   * What a task says when it connects: which partition it trains, and the first epoch of its Spark stage (one stage
   * may run several epochs; a relaunched stage's tasks name the same epoch and resume where the server is).
   */
  public record Hello(int partition, int partitions, int firstEpoch, long attempt) {}

  /**
   * The state a task computes step {@code step} of {@code epoch} from; in averaging rounds {@code step} is the round
   * and {@code optimizer} the optimizer state to start it from, else null. With step {@link #VALIDATION}: the state
   * that ended {@code epoch}, for the task to evaluate its validation rows with.
   */
  public record State(int epoch, long step, ModelState model, OptState optimizer) {
    /** The step of a validation request, and of the contribution that answers it. */
    public static final long VALIDATION = -1;

    public boolean validation() {
      return step == VALIDATION;
    }
  }

  /**
   * One task's contribution to one step: shard sums, tree nodes when {@code tree} (deterministic mode);
   * {@code codecNanos}, the task's time turning arrays into bytes and back since its previous contribution.
   */
  public record Contrib(long step, boolean tree, List<ShardSum> sums, long codecNanos) {}

  @Override
  public void sendHello(Hello h) throws IOException {
    out.writeInt(MAGIC);
    out.writeInt(HELLO);
    out.writeInt(h.partition());
    out.writeInt(h.partitions());
    out.writeInt(h.firstEpoch());
    out.writeLong(h.attempt());
    out.flush();
  }

  @Override
  public Hello readHello() throws IOException {
    if (in.readInt() != MAGIC) throw new IOException("not a sparknn step connection (bad magic)");
    expect(HELLO);
    return new Hello(in.readInt(), in.readInt(), in.readInt(), in.readLong());
  }

  @Override
  public void sendState(int epoch, long step, ModelState state, OptState optimizer) throws IOException {
    out.writeInt(STATE);
    out.writeInt(epoch);
    out.writeLong(step);
    writeFloats(state.params());
    writeFloats(state.buffers());
    out.writeLong(optimizer == null ? -1 : optimizer.step());
    writeSlots(optimizer);
    out.flush();
  }

  @Override
  public void sendValidate(int epoch, ModelState state) throws IOException {
    out.writeInt(VALIDATE);
    out.writeInt(epoch);
    writeFloats(state.params());
    writeFloats(state.buffers());
    out.flush();
  }

  @Override
  public void sendEnd() throws IOException {
    out.writeInt(END);
    out.flush();
  }

  @Override
  public void sendAbort(String reason) throws IOException {
    out.writeInt(ABORT);
    out.writeUTF(reason);
    out.flush();
  }

  /**
   * The server's next message: the next state (or a validation request), or null at the end of the stage's last
   * epoch.
   * @throws StepAbortedException when the server stopped the epoch (divergence, another task's failure)
   */
  @Override
  public State readState() throws IOException {
    int tag = in.readInt();
    if (tag == END) return null;
    if (tag == ABORT) throw new StepAbortedException(in.readUTF());
    if (tag == VALIDATE) {
      int epoch = in.readInt();
      firstIn = readFloats(firstIn);
      secondIn = readFloats(secondIn);
      return new State(epoch, State.VALIDATION, new ModelState(firstIn, secondIn), null);
    }
    if (tag != STATE) throw new IOException("expected a state message, got tag " + tag);
    int epoch = in.readInt();
    long step = in.readLong();
    firstIn = readFloats(firstIn);
    secondIn = readFloats(secondIn);
    long optStep = in.readLong();
    thirdIn = readFloats(thirdIn);
    if (optStep < 0) return new State(epoch, step, new ModelState(firstIn, secondIn), null);
    if (optIn == null || optIn.size() != firstIn.length || optIn.valueCount() != thirdIn.length) {
      optIn = new OptState(0, firstIn.length, thirdIn);
    } else {
      optIn.setFromFlat(thirdIn); // the blocks of the last round, reused like the arrays above
    }
    return new State(epoch, step, new ModelState(firstIn, secondIn), optIn.withStep(optStep));
  }

  @Override
  public void sendContribution(long step, boolean tree, List<ShardSum> sums) throws IOException {
    out.writeInt(CONTRIB);
    out.writeLong(step);
    out.writeBoolean(tree);
    out.writeLong(codecNanos - reportedCodecNanos); // this message's own encoding is reported with the next one
    reportedCodecNanos = codecNanos;
    out.writeInt(sums.size());
    for (ShardSum sum : sums) {
      Contribution c = sum.sum();
      out.writeInt(sum.lo());
      out.writeInt(sum.hi());
      out.writeLong(c.samples());
      EvalStats s = c.stats();
      out.writeDouble(s.lossSum());
      out.writeLong(s.samples());
      out.writeLong(s.correct());
      out.writeLong(s.judged());
      out.writeLong(c.computeNanos());
      out.writeLong(c.optStep());
      writeFloats(c.sum());
      writeFloats(c.buffers());
      writeFloats(c.optSlots());
    }
    out.flush();
  }

  @Override
  public Contrib readContribution() throws IOException {
    expect(CONTRIB);
    long step = in.readLong();
    boolean tree = in.readBoolean();
    long taskCodecNanos = in.readLong();
    int n = in.readInt();
    if (n < 0) throw new IOException("negative shard sum count " + n);
    List<ShardSum> sums = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int lo = in.readInt();
      int hi = in.readInt();
      long samples = in.readLong();
      EvalStats stats = new EvalStats(in.readDouble(), in.readLong(), in.readLong(), in.readLong());
      long nanos = in.readLong();
      long optStep = in.readLong();
      if (sumsIn.size() == i) sumsIn.add(new float[][] {new float[0], new float[0], new float[0]});
      float[][] reuse = sumsIn.get(i);
      reuse[0] = readFloats(reuse[0]);
      reuse[1] = readFloats(reuse[1]);
      reuse[2] = readFloats(reuse[2]);
      sums.add(new ShardSum(lo, hi, new Contribution(reuse[0], reuse[2], reuse[1], samples, stats, optStep, nanos)));
    }
    return new Contrib(step, tree, sums, taskCodecNanos);
  }


  @Override
  public long codecNanos() {
    return codecNanos;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }

  private void expect(int tag) throws IOException {
    int got = in.readInt();
    if (got != tag) throw new IOException("expected message tag " + tag + ", got " + got);
  }

  private void writeFloats(float[] v) throws IOException {
    out.writeInt(v.length);
    writeChunks(v);
  }

  /** The optimizer's blocks as one array on the wire (no copy to a flat array first). */
  private void writeSlots(OptState optimizer) throws IOException {
    if (optimizer == null) {
      writeFloats(NONE);
      return;
    }
    out.writeInt(optimizer.valueCount());
    for (int k = 0; k < optimizer.slotCount(); k++) writeChunks(optimizer.slot(k));
  }

  /**
   * v's bytes, a chunk at a time: the socket carries one chunk while the next is encoded, and the other end decodes
   * one while the next arrives (a whole array at once was encoded, sent and decoded one after the other).
   */
  private void writeChunks(float[] v) throws IOException {
    for (int from = 0; from < v.length; from += CHUNK) {
      int n = Math.min(CHUNK, v.length - from);
      long started = System.nanoTime();
      ByteBuffer.wrap(scratch, 0, 4 * n).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().put(v, from, n);
      codecNanos += System.nanoTime() - started;
      out.write(scratch, 0, 4 * n);
    }
  }

  private float[] readFloats(float[] reuse) throws IOException {
    int n = in.readInt();
    if (n < 0) throw new IOException("negative array length " + n);
    float[] v = reuse.length == n ? reuse : new float[n];
    for (int from = 0; from < n; from += CHUNK) {
      int count = Math.min(CHUNK, n - from);
      in.readFully(scratch, 0, 4 * count);
      long started = System.nanoTime();
      ByteBuffer.wrap(scratch, 0, 4 * count).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v, from, count);
      codecNanos += System.nanoTime() - started;
    }
    return v;
  }

  /** True when {@code e} means the other end went away (closed, reset, killed). */
  public static boolean isDisconnect(IOException e) {
    return e instanceof EOFException || e instanceof java.net.SocketException;
  }
}
