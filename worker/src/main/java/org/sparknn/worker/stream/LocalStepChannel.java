package org.sparknn.worker.stream;

import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.sparknn.optim.OptState;
import org.sparknn.tensor.ModelState;
import org.sparknn.worker.partition.ShardSum;

/**
 * One end of an in-memory step connection, for a task that runs in the driver's own JVM (Spark's local mode): the
 * same protocol as {@link StepWire} without sockets or bytes. A message carries references to the sender's arrays
 * and the receiver works on them directly, without a copy: the protocol alternates strictly, so the sender touches
 * those arrays again only after the receiver's reply, and the receiver is done with them when it replies. (A copy
 * here cost the server two array copies of the model per step, milliseconds for a wide model.) The server adds
 * the partitions' sums into the first one's arrays, which the task overwrites at its next step anyway.
 */
public final class LocalStepChannel implements StepChannel {
  private static final Object CLOSED = new Object();

  private record StateMsg(int epoch, long step, float[] params, float[] buffers, OptState optimizer) {}

  private record AbortMsg(String reason) {}

  private static final Object END = new Object();

  private final BlockingQueue<Object> in;
  private final BlockingQueue<Object> out;
  private final long readTimeoutNanos; // 0: wait until a message or the other end's close
  private boolean closed;

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
  public void sendState(int epoch, long step, ModelState state, OptState optimizer) throws IOException {
    send(new StateMsg(epoch, step, state.params(), state.buffers(), optimizer));
  }

  @Override
  public void sendValidate(int epoch, ModelState state) throws IOException {
    send(new StateMsg(epoch, StepWire.State.VALIDATION, state.params(), state.buffers(), null));
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
    OptState opt = s.optimizer();
    return new StepWire.State(s.epoch(), s.step(), new ModelState(s.params(), s.buffers()),
        opt == null ? null : opt.withStep(opt.step())); // the task may advance its own step counter
  }

  @Override
  public void sendContribution(long step, boolean tree, List<ShardSum> sums) throws IOException {
    send(new StepWire.Contrib(step, tree, List.copyOf(sums), 0)); // nothing to encode or decode
  }

  @Override
  public StepWire.Contrib readContribution() throws IOException {
    return expect(read(), StepWire.Contrib.class);
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

}
