package org.sparknn.worker.cpu;

import org.sparknn.worker.StepContext;

/** What a layer reads and writes besides activations: the flat vectors, the mode, and the step (for masks). */
record LayerContext(float[] params, float[] buffers, float[] grads, boolean training, StepContext step) {}
