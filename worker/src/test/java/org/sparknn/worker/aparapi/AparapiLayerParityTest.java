package org.sparknn.worker.aparapi;

import com.aparapi.device.OpenCLDevice;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every layer kernel against the CPU backend through small networks ({@link NetworkPair}: forward 2e-6, gradients
 * 1e-5 normwise), on widths and batch sizes that are not multiples of the kernels' tiles or work groups. Each model
 * puts the layer under test after a dense layer, so its input gradient is checked through that layer's weight
 * gradient. Each test then asserts, from Aparapi's profile, that the kernels it used ran on OpenCL.
 */
class AparapiLayerParityTest {
  static OpenCLDevice device;

  @BeforeEach // not BeforeAll: surefire shows a skipped test with its reason, not a silent empty class
  void setUp() {
    device = OpenClDevice.require();
  }

  @Test
  void denseWithSoftmaxCrossEntropy() {
    NetworkPair.assertParity(device, "input = 37, loss = softmax_cross_entropy, layers = ["
        + "{type = dense, units = 19}, {type = dense, units = 7}]", 13, 1);
    OpenClDevice.assertRanOnOpenCl(MatMulKernel.class, ChannelAddKernel.class, ChannelSumKernel.class,
        SoftmaxCrossEntropyKernel.class);
  }

  @Test
  void activations() {
    for (String act : new String[] {"relu", "sigmoid", "tanh", "softmax"}) {
      NetworkPair.assertParity(device, "input = 21, loss = mean_squared_error, layers = ["
          + "{type = dense, units = 17}, {type = " + act + "}, {type = dense, units = 5}]", 9, 2);
    }
    OpenClDevice.assertRanOnOpenCl(ActivationKernel.class, SoftmaxKernel.class);
  }

  @Test
  void sigmoidCrossEntropyOnTheHost() {
    NetworkPair.assertParity(device, "input = 10, loss = sigmoid_binary_cross_entropy, layers = ["
        + "{type = dense, units = 6, activation = tanh}, {type = dense, units = 3}]", 11, 3);
  }

  @Test
  void dropoutMasksMatchTheCpuBackend() {
    NetworkPair.assertParity(device, "input = 30, loss = softmax_cross_entropy, layers = ["
        + "{type = dense, units = 41, activation = relu}, {type = dropout, rate = 0.3}, {type = dense, units = 4}]",
        19, 4);
    OpenClDevice.assertRanOnOpenCl(DropoutKernel.class);
  }

  @Test
  void batchNormOnVectorsAndImages() {
    NetworkPair.assertParity(device, "input = 12, loss = mean_squared_error, layers = ["
        + "{type = dense, units = 9}, {type = batchnorm}, {type = dense, units = 3}]", 17, 5);
    NetworkPair.assertParity(device, "input = [2, 7, 6], loss = softmax_cross_entropy, layers = ["
        + "{type = conv2d, filters = 3, kernel = 3, padding = 1}, {type = batchnorm, momentum = 0.2},"
        + "{type = relu}, {type = flatten}, {type = dense, units = 5}]", 6, 6);
    OpenClDevice.assertRanOnOpenCl(BatchNormStatsKernel.class, BatchNormApplyKernel.class,
        BatchNormGradKernel.class);
  }

  @Test
  void conv2dWithStrideAndPadding() {
    NetworkPair.assertParity(device, "input = [3, 9, 11], loss = mean_squared_error, layers = ["
        + "{type = conv2d, filters = 5, kernel = 3, stride = 2, padding = 1}, {type = conv2d, filters = 4, kernel = 2},"
        + "{type = flatten}, {type = dense, units = 3}]", 5, 7);
    OpenClDevice.assertRanOnOpenCl(Conv2DKernel.class);
  }

  @Test
  void maxPoolWithAndWithoutOverlap() {
    NetworkPair.assertParity(device, "input = [2, 9, 9], loss = mean_squared_error, layers = ["
        + "{type = conv2d, filters = 3, kernel = 2}, {type = maxpool2d, size = 3, stride = 2},"
        + "{type = flatten}, {type = dense, units = 4}]", 7, 8);
    NetworkPair.assertParity(device, "input = [1, 10, 10], loss = softmax_cross_entropy, layers = ["
        + "{type = conv2d, filters = 2, kernel = 3}, {type = maxpool2d, size = 2},"
        + "{type = flatten}, {type = dense, units = 3}]", 4, 9);
    OpenClDevice.assertRanOnOpenCl(MaxPoolKernel.class);
  }
}
