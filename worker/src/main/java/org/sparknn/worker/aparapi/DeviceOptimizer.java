package org.sparknn.worker.aparapi;

import com.aparapi.device.OpenCLDevice;
import org.sparknn.optim.OptState;
import org.sparknn.optim.Optimizer;
import org.sparknn.optim.OptimizerSpec;

/**
 * An optimizer whose per-parameter update runs as an OpenCL kernel; the scalars that depend on the step (scheduled
 * lr, Adam's bias corrections) are computed on the host exactly as the CPU optimizers do.
 *
 * <p>Residency: the optimizer state (momentum, Adam's m and v) stays in the kernel's device buffer between steps;
 * it is put again only when the caller hands in a different {@link OptState} or one whose step is not the one this
 * optimizer left (averaging replaced it). Parameters and gradients cross the bus every step, because Aparapi gives
 * each kernel its own OpenCL context: the forward and backward kernels cannot see this kernel's buffers. The state
 * is read back every step too, so the host {@link OptState} is always current (checkpoints, averaging read it).
 */
final class DeviceOptimizer implements Optimizer, AutoCloseable {
  private final OptimizerSpec spec;
  private final Optimizer cpu; // init() and the argument checks; its update is the parity reference in tests
  private final float[] params;
  private final float[] grads;
  private final float[] slots;
  private final UpdateKernel kernel;
  private OptState resident;
  private long residentStep = -1;

  DeviceOptimizer(OpenCLDevice device, OptimizerSpec spec, int size) {
    this.spec = spec;
    this.cpu = spec.create();
    this.params = new float[size];
    this.grads = new float[size];
    int slotValues = cpu.init(size).valueCount();
    this.slots = new float[Math.max(1, slotValues)]; // Aparapi cannot bind an empty array
    if (spec instanceof OptimizerSpec.Sgd) {
      kernel = new SgdKernel(device, params, grads, slots);
    } else if (spec instanceof OptimizerSpec.Adam || spec instanceof OptimizerSpec.AdamW) {
      kernel = new AdamKernel(device, params, grads, slots);
    } else if (spec instanceof OptimizerSpec.Adagrad) {
      kernel = new AdagradKernel(device, params, grads, slots);
    } else if (spec instanceof OptimizerSpec.RmsProp) {
      kernel = new RmsPropKernel(device, params, grads, slots);
    } else {
      throw new IllegalArgumentException("no device kernel for optimizer " + spec.type());
    }
  }

  @Override
  public OptimizerSpec spec() {
    return spec;
  }

  @Override
  public OptState init(int size) {
    return cpu.init(size);
  }

  @Override
  public void update(float[] hostParams, float[] hostGrads, OptState state) {
    if (hostParams.length != params.length || hostGrads.length != grads.length || state.size() != params.length) {
      throw new IllegalArgumentException("sizes differ: optimizer for " + params.length + ", params "
          + hostParams.length + ", grads " + hostGrads.length + ", state " + state.size());
    }
    System.arraycopy(hostParams, 0, params, 0, params.length);
    System.arraycopy(hostGrads, 0, grads, 0, grads.length);
    kernel.put(params).put(grads);
    if (state != resident || state.step() != residentStep) {
      state.copyFlatInto(slots); // the kernels take the blocks one after the other
      kernel.put(slots);
    }
    kernel.scalars(spec, state.step());
    kernel.update();
    kernel.get(params).get(slots);
    System.arraycopy(params, 0, hostParams, 0, params.length);
    state.setFromFlat(slots);
    state.advance();
    resident = state;
    residentStep = state.step();
  }

  @Override
  public void close() {
    kernel.release();
  }
}
