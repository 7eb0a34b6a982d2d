package org.sparknn.worker.aparapi;

/** A kernel could not run on its OpenCL device and Aparapi would have run it in Java instead. */
public final class KernelFallbackException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  KernelFallbackException(String message) {
    super(message);
  }

  KernelFallbackException(String message, Throwable cause) {
    super(message, cause);
  }
}
