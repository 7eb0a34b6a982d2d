/**
 * Hand-written SIMD loops (the incubating Vector API) for the hot element-wise passes of the parameter server and
 * the CPU layers, each with the scalar loop it must equal, which runs when the JVM lacks the module ({@link
 * org.sparknn.simd.VectorSupport}).
 */
package org.sparknn.simd;
