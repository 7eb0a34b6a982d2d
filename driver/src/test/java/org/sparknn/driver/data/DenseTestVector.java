package org.sparknn.driver.data;

/** A user-side value for {@link DenseTestVectorUdt}. */
public record DenseTestVector(double[] values) {}
