package org.sparknn.worker.aparapi;

/** A layer's host arrays: input x, output y, dLoss/dy, and dLoss/dx (null for the first layer). */
record Wires(float[] x, float[] y, float[] dy, float[] dx, long[] sampleIds) {}
