package org.sparknn.worker.aparapi;

import com.aparapi.device.OpenCLDevice;
import org.sparknn.optim.OptimizerSpec;

/**
 * An optimizer's per-parameter update as a kernel over {@code params}, {@code grads} and the optimizer's slot
 * blocks. Before each launch the host sets the scalars of the step being taken ({@link #scalars}), computed as the
 * CPU optimizer computes them; {@link #update} then runs one work item per parameter.
 */
abstract class UpdateKernel extends DeviceKernel {
  static final int GROUP = 64;

  UpdateKernel(OpenCLDevice device) {
    super(device);
  }

  /** Sets the scalars for update number {@code step} (0 for the first) of {@code spec}. */
  abstract void scalars(OptimizerSpec spec, long step);

  /** Number of parameters. */
  abstract int size();

  final void update() {
    if (size() > 0) launch(range(size(), GROUP));
  }
}
