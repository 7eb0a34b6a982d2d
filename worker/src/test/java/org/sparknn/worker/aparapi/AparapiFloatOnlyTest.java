package org.sparknn.worker.aparapi;

import static org.junit.jupiter.api.Assertions.assertFalse;

import com.aparapi.Kernel;
import com.aparapi.internal.model.ClassModel;
import com.aparapi.internal.model.Entrypoint;
import org.junit.jupiter.api.Test;

/**
 * No kernel may need double precision: on a device without fp64 (many GPUs) Aparapi would refuse it at run time,
 * and PoCL, where the parity tests run, has fp64, so they would not notice. Aparapi's own translator says whether
 * the OpenCL it generates needs the fp64 pragma (a {@code 2.0} literal or a {@code Math.exp} call is enough).
 * Needs no OpenCL device: it only translates bytecode.
 */
class AparapiFloatOnlyTest {
  @Test
  void noKernelNeedsDoublePrecision() throws Exception {
    for (Class<? extends Kernel> k : AparapiBackend.KERNELS) {
      Entrypoint entry = ClassModel.createClassModel(k).getEntrypoint();
      assertFalse(entry.requiresDoublePragma(), k.getSimpleName() + " uses double precision");
    }
  }
}
