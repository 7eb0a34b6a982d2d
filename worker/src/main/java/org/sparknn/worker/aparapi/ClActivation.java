package org.sparknn.worker.aparapi;

import com.aparapi.device.OpenCLDevice;
import org.sparknn.spec.ActivationKind;
import org.sparknn.worker.StepContext;

/** relu, sigmoid, tanh element-wise, softmax per row: the CPU ActivationLayer's formulas on the device. */
final class ClActivation implements ClLayer {
  private final int width;
  private final float[] x, y, dy, dx;
  private final ActivationKernel elementwise; // null for softmax
  private final SoftmaxKernel softmax;        // null otherwise

  ClActivation(OpenCLDevice d, ActivationKind kind, int width, Wires wires) {
    this.width = width;
    this.x = wires.x();
    this.y = wires.y();
    this.dy = wires.dy();
    this.dx = wires.dx() == null ? new float[1] : wires.dx();
    if (kind == ActivationKind.SOFTMAX) {
      this.softmax = new SoftmaxKernel(d, width, x, y, dy, dx);
      this.elementwise = null;
    } else {
      int code = switch (kind) {
        case RELU -> ActivationKernel.RELU;
        case SIGMOID -> ActivationKernel.SIGMOID;
        case TANH -> ActivationKernel.TANH;
        default -> throw new IllegalArgumentException("not element-wise: " + kind);
      };
      this.elementwise = new ActivationKernel(d, code, x, y, dy, dx);
      this.softmax = null;
    }
  }

  @Override
  public void forward(int rows, boolean training, StepContext step) {
    if (softmax != null) {
      softmax.put(x);
      softmax.forward(rows);
      softmax.get(y);
    } else {
      elementwise.put(x);
      elementwise.forward(rows * width);
      elementwise.get(y);
    }
  }

  @Override
  public void backward(int rows) {
    if (softmax != null) {
      softmax.put(y).put(dy);
      softmax.backward(rows);
      softmax.get(dx);
    } else {
      elementwise.put(x).put(y).put(dy);
      elementwise.backward(rows * width);
      elementwise.get(dx);
    }
  }

  @Override
  public void close() {
    if (softmax != null) softmax.release();
    if (elementwise != null) elementwise.release();
  }
}
