/** The Spark application: configuration of Spark for sparknn, and (in subpackages) data, training and reporting. */
package org.sparknn.driver;
