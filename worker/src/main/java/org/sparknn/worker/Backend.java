package org.sparknn.worker;

import org.sparknn.spec.ModelSpec;

/**
 * A compute device that can run a model's forward and backward passes. Compile a {@link Network} once per thread
 * and reuse it: networks own their scratch buffers (and, on devices, their kernels). Close the backend when done.
 */
public interface Backend extends AutoCloseable {
  /** A network for {@code spec} that accepts blocks of up to {@code maxRows} samples. */
  Network compile(ModelSpec spec, int maxRows);

  /** Where the work really runs, in words (e.g. "cpu: native BLAS (OpenBLAS)"), for logs and provenance. */
  String device();

  @Override
  void close();
}
