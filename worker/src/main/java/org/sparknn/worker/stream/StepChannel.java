package org.sparknn.worker.stream;

import java.io.IOException;
import java.util.List;
import org.sparknn.optim.OptState;
import org.sparknn.tensor.ModelState;
import org.sparknn.worker.partition.ShardSum;

/**
 * One end of a step connection, whatever carries it: a socket ({@link StepWire}) between JVMs, or memory
 * ({@link LocalStepChannel}) when the task runs inside the driver's JVM (local mode). The protocol is
 * {@link StepWire}'s. The arrays of a message read are valid until this end sends its reply (a socket reuses them
 * for the next read; memory lends the sender's own): use them, and add into a contribution's, before replying.
 * One thread per end.
 */
public interface StepChannel extends AutoCloseable {
  void sendHello(StepWire.Hello h) throws IOException;

  StepWire.Hello readHello() throws IOException;

  /**
   * The state to compute step {@code step} of {@code epoch} from; {@code optimizer}: the optimizer state an
   * averaging round starts from, or null in gradient steps.
   */
  void sendState(int epoch, long step, ModelState state, OptState optimizer) throws IOException;

  /** Asks the task to evaluate its validation rows with the state that ended {@code epoch}. */
  void sendValidate(int epoch, ModelState state) throws IOException;

  void sendEnd() throws IOException;

  void sendAbort(String reason) throws IOException;

  /**
   * The server's next message: the next state, a validation request ({@link StepWire.State#validation()}), or null
   * at the end of the stage's last epoch.
   * @throws StepAbortedException when the server stopped the epoch
   */
  StepWire.State readState() throws IOException;

  void sendContribution(long step, boolean tree, List<ShardSum> sums) throws IOException;

  StepWire.Contrib readContribution() throws IOException;

  /**
   * Nanoseconds this end has spent so far turning arrays into bytes and back: the exchange's serialization. Zero in
   * memory, where messages carry references.
   */
  default long codecNanos() {
    return 0;
  }

  @Override
  void close() throws IOException;
}
