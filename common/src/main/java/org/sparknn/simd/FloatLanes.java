package org.sparknn.simd;

import jdk.incubator.vector.FloatVector;

/** Floats per preferred vector; loaded only once the module is known to be there. */
final class FloatLanes {
  private FloatLanes() {}

  static int preferred() {
    return FloatVector.SPECIES_PREFERRED.length();
  }
}
