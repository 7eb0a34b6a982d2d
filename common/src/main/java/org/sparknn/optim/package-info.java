/**
 * Optimizers as configuration plus update rule plus explicit state. An {@link org.sparknn.optim.OptimizerSpec}
 * (immutable, validated, with an {@link org.sparknn.optim.LrSchedule}) creates an
 * {@link org.sparknn.optim.Optimizer}, which keeps no per-run state: {@code init(size)} gives an
 * {@link org.sparknn.optim.OptState} (step count and slot blocks in the parameter layout), and each
 * {@code update(params, grads, state)} applies one step in place. Each optimizer's doc comment gives its formula,
 * the paper, and where it follows PyTorch instead.
 */
package org.sparknn.optim;
