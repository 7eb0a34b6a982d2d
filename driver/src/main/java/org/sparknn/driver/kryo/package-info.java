/**
 * Kryo serialization of the records that cross the wire: the registration list and hand-written serializers.
 * Plain Kryo (the library Spark ships); the Spark adapter is {@link org.sparknn.driver.SparknnKryoRegistrator}.
 */
package org.sparknn.driver.kryo;
