package org.sparknn.worker.stream;

import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.sparknn.optim.OptState;
import org.sparknn.tensor.ModelState;
import org.sparknn.worker.partition.Contribution;
import org.sparknn.worker.partition.ShardSum;

/**
 * One end of an in-memory step connection, for a task that runs in the driver's own JVM (Spark's local mode): the
 * same protocol as {@link StepWire} without sockets or bytes. A message carries references to the sender's arrays
 * and the receiver copies them into arrays of its own when it reads; that is safe because the protocol alternates
 * strictly (a sender changes those arrays only after the reply to that message, which needs the read).
 */
public final class LocalStepChannel implements StepChannel {
  private static final Object CLOSED = new Object();

  private record StateMsg(long step, float[] params, float[] buffers, OptState optimizer) {}

  private record AbortMsg(String reason) {}

  private static final Object END = new Object();

  private final BlockingQueue<Object> in;
  private final BlockingQueue<Object> out;
  private final long readTimeoutNanos; // 0: wait until a message or the other end's close
  private boolean closed;
  private float[] params = new float[0];
  private float[] buffers = new float[0];
  private float[] slots = new float[0];
  private final List<float[][]> sumsIn = new ArrayList<>(); // per shard sum: sum, buffers, optimizer slots

  private LocalStepChannel(BlockingQueue<Object> in, BlockingQueue<Object> out, long readTimeoutMillis) {
    this.in = in;
    this.out = out;
    this.readTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(readTimeoutMillis);
  }

  /**
   * A connected pair: [0] the task's end (waits for the server as long as it takes, like a task's socket), [1] the
   * server's end, whose reads give up after {@code serverReadTimeoutMillis} as its sockets do.
   */
  static LocalStepChannel[] pair(long serverReadTimeoutMillis) {
    BlockingQueue<Object> toTask = new LinkedBlockingQueue<>();
    BlockingQueue<Object> toServer = new LinkedBlockingQueue<>();
    return new LocalStepChannel[] {
        new LocalStepChannel(toTask, toServer, 0), new LocalStepChannel(toServer, toTask, serverReadTimeoutMillis)};
  }

  @Override
  public void sendHello(StepWire.Hello h) throws IOException {
    send(h);
  }

  @Override
  public StepWire.Hello readHello() throws IOException {
    return expect(read(), StepWire.Hello.class);
  }

  @Override
  public void sendState(long step, ModelState state, OptState optimizer) throws IOException {
    send(new StateMsg(step, state.params(), state.buffers(), optimizer));
  }

  @Override
  public void sendEnd() throws IOException {
    send(END);
  }

  @Override
  public void sendAbort(String reason) throws IOException {
    send(new AbortMsg(reason));
  }

  @Override
  public StepWire.State readState() throws IOException {
    Object m = read();
    if (m == END) return null;
    if (m instanceof AbortMsg a) throw new StepAbortedException(a.reason());
    StateMsg s = expect(m, StateMsg.class);
    params = copy(s.params(), params);
    buffers = copy(s.buffers(), buffers);
    OptState opt = s.optimizer();
    if (opt != null) slots = copy(opt.slots(), slots);
    return new StepWire.State(s.step(), new ModelState(params, buffers),
        opt == null ? null : new OptState(opt.step(), opt.size(), slots));
  }

  @Override
  public void sendContribution(long step, boolean tree, List<ShardSum> sums) throws IOException {
    send(new StepWire.Contrib(step, tree, List.copyOf(sums)));
  }

  @Override
  public StepWire.Contrib readContribution() throws IOException {
    StepWire.Contrib c = expect(read(), StepWire.Contrib.class);
    List<ShardSum> sums = new ArrayList<>(c.sums().size());
    for (int i = 0; i < c.sums().size(); i++) {
      ShardSum sum = c.sums().get(i);
      Contribution from = sum.sum();
      if (sumsIn.size() == i) sumsIn.add(new float[][] {new float[0], new float[0], new float[0]});
      float[][] reuse = sumsIn.get(i);
      reuse[0] = copy(from.sum(), reuse[0]);
      reuse[1] = copy(from.buffers(), reuse[1]);
      reuse[2] = copy(from.optSlots(), reuse[2]);
      sums.add(new ShardSum(sum.lo(), sum.hi(), new Contribution(reuse[0], reuse[2], reuse[1], from.samples(),
          from.stats(), from.optStep(), from.computeNanos())));
    }
    return new StepWire.Contrib(c.step(), c.tree(), sums);
  }

  /** Tells the other end, whose next read then fails as a dropped connection would. */
  @Override
  public void close() {
    if (closed) return;
    closed = true;
    out.add(CLOSED);
  }

  private void send(Object message) throws IOException {
    if (closed) throw new EOFException("step connection closed");
    out.add(message);
  }

  private Object read() throws IOException {
    if (closed) throw new EOFException("step connection closed");
    Object m;
    try {
      m = readTimeoutNanos > 0 ? in.poll(readTimeoutNanos, TimeUnit.NANOSECONDS) : in.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting on a step connection");
    }
    if (m == null) throw new SocketTimeoutException("no message within " + readTimeoutNanos / 1_000_000 + " ms");
    if (m == CLOSED) throw new EOFException("the other end closed the step connection");
    return m;
  }

  private static <T> T expect(Object m, Class<T> type) throws IOException {
    if (!type.isInstance(m)) {
      throw new IOException("expected a " + type.getSimpleName() + " message, got " + m.getClass().getSimpleName());
    }
    return type.cast(m);
  }

  private static float[] copy(float[] from, float[] reuse) {
    float[] to = reuse.length == from.length ? reuse : new float[from.length];
    System.arraycopy(from, 0, to, 0, from.length);
    return to;
  }
}
