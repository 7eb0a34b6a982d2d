package org.sparknn.optim;

import org.sparknn.spec.Require;
import org.sparknn.spec.SpecException;

/**
 * An optimizer's configuration: method, hyperparameters and learning-rate schedule. Immutable and validated on
 * construction; errors name the key as written in configuration files ({@code lr}, {@code beta1},
 * {@code weight_decay}, ...). Hyperparameter names and defaults follow PyTorch's torch.optim. The update formulas
 * are in the doc comments of the optimizers that {@link #create()} returns. A null schedule means constant.
 */
public sealed interface OptimizerSpec extends java.io.Serializable
    permits OptimizerSpec.Sgd, OptimizerSpec.Adam, OptimizerSpec.AdamW, OptimizerSpec.Adagrad, OptimizerSpec.RmsProp {

  /** The name used in configuration files ({@code type = ...}). */
  String type();

  /** The base learning rate, before the schedule. */
  float lr();

  /** Weight decay: L2 added to the gradient, or for AdamW decoupled decay. */
  float weightDecay();

  LrSchedule schedule();

  /** The update rule this configuration describes. */
  Optimizer create();

  /**
   * SGD (plain when momentum = 0), with optional momentum and Nesterov momentum: see {@link SgdOptimizer}.
   * dampening is in [0, 1); Nesterov requires momentum &gt; 0 and dampening = 0, as PyTorch.
   */
  record Sgd(float lr, float momentum, float dampening, boolean nesterov, float weightDecay, LrSchedule schedule)
      implements OptimizerSpec {
    public Sgd {
      Require.positive("lr", lr);
      Require.inHalfOpen("momentum", momentum, 0f, 1f);
      Require.inHalfOpen("dampening", dampening, 0f, 1f);
      Require.nonNegative("weight_decay", weightDecay);
      if (nesterov && (momentum == 0 || dampening != 0)) {
        throw new SpecException("nesterov", "requires momentum > 0 and dampening = 0, got momentum " + momentum
            + " and dampening " + dampening);
      }
      schedule = checkedSchedule(schedule, lr);
    }

    /** PyTorch's defaults: lr 0.001, no momentum, no weight decay, constant rate. */
    public static Sgd defaults() {
      return new Sgd(1e-3f, 0f, 0f, false, 0f, new LrSchedule.Constant());
    }

    public String type() {
      return "sgd";
    }

    public Optimizer create() {
      return new SgdOptimizer(this);
    }
  }

  /** Adam with coupled L2 weight decay, as torch.optim.Adam: see {@link AdamOptimizer}. */
  record Adam(float lr, float beta1, float beta2, float eps, float weightDecay, LrSchedule schedule)
      implements OptimizerSpec {
    public Adam {
      Require.positive("lr", lr);
      Require.inHalfOpen("beta1", beta1, 0f, 1f);
      Require.inHalfOpen("beta2", beta2, 0f, 1f);
      Require.positive("eps", eps);
      Require.nonNegative("weight_decay", weightDecay);
      schedule = checkedSchedule(schedule, lr);
    }

    /** PyTorch's defaults: lr 0.001, betas (0.9, 0.999), eps 1e-8, no weight decay, constant rate. */
    public static Adam defaults() {
      return new Adam(1e-3f, 0.9f, 0.999f, 1e-8f, 0f, new LrSchedule.Constant());
    }

    public String type() {
      return "adam";
    }

    public Optimizer create() {
      return new AdamOptimizer(this);
    }
  }

  /** Adam with decoupled weight decay, as torch.optim.AdamW: see {@link AdamWOptimizer}. */
  record AdamW(float lr, float beta1, float beta2, float eps, float weightDecay, LrSchedule schedule)
      implements OptimizerSpec {
    public AdamW {
      Require.positive("lr", lr);
      Require.inHalfOpen("beta1", beta1, 0f, 1f);
      Require.inHalfOpen("beta2", beta2, 0f, 1f);
      Require.positive("eps", eps);
      Require.nonNegative("weight_decay", weightDecay);
      schedule = checkedSchedule(schedule, lr);
    }

    /** PyTorch's defaults: lr 0.001, betas (0.9, 0.999), eps 1e-8, weight decay 0.01, constant rate. */
    public static AdamW defaults() {
      return new AdamW(1e-3f, 0.9f, 0.999f, 1e-8f, 0.01f, new LrSchedule.Constant());
    }

    public String type() {
      return "adamw";
    }

    public Optimizer create() {
      return new AdamWOptimizer(this);
    }
  }

  /** Adagrad, as torch.optim.Adagrad without lr_decay: see {@link AdagradOptimizer}. */
  record Adagrad(float lr, float eps, float initialAccumulator, float weightDecay, LrSchedule schedule)
      implements OptimizerSpec {
    public Adagrad {
      Require.positive("lr", lr);
      Require.positive("eps", eps);
      Require.nonNegative("initial_accumulator", initialAccumulator);
      Require.nonNegative("weight_decay", weightDecay);
      schedule = checkedSchedule(schedule, lr);
    }

    /** PyTorch's defaults: lr 0.01, eps 1e-10, accumulator starting at 0, no weight decay, constant rate. */
    public static Adagrad defaults() {
      return new Adagrad(1e-2f, 1e-10f, 0f, 0f, new LrSchedule.Constant());
    }

    public String type() {
      return "adagrad";
    }

    public Optimizer create() {
      return new AdagradOptimizer(this);
    }
  }

  /** RMSprop (non-centered), as torch.optim.RMSprop: see {@link RmsPropOptimizer}. */
  record RmsProp(float lr, float alpha, float eps, float momentum, float weightDecay, LrSchedule schedule)
      implements OptimizerSpec {
    public RmsProp {
      Require.positive("lr", lr);
      Require.inHalfOpen("alpha", alpha, 0f, 1f);
      Require.positive("eps", eps);
      Require.inHalfOpen("momentum", momentum, 0f, 1f);
      Require.nonNegative("weight_decay", weightDecay);
      schedule = checkedSchedule(schedule, lr);
    }

    /** PyTorch's defaults: lr 0.01, alpha 0.99, eps 1e-8, no momentum, no weight decay, constant rate. */
    public static RmsProp defaults() {
      return new RmsProp(1e-2f, 0.99f, 1e-8f, 0f, 0f, new LrSchedule.Constant());
    }

    public String type() {
      return "rmsprop";
    }

    public Optimizer create() {
      return new RmsPropOptimizer(this);
    }
  }

  /** A null schedule means constant; a schedule that does not suit {@code lr} fails under the key "schedule". */
  private static LrSchedule checkedSchedule(LrSchedule schedule, float lr) {
    LrSchedule s = schedule == null ? new LrSchedule.Constant() : schedule;
    try {
      s.checkBase(lr);
    } catch (SpecException e) {
      throw e.under("schedule");
    }
    return s;
  }
}
