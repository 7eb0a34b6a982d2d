/**
 * Input data on the cluster: readers for IDX, CSV, LibSVM and Parquet that turn a data set into cached partitions
 * of dense {@link org.sparknn.data.Block}s, read through Hadoop file systems by the executors, never through the
 * driver. {@link org.sparknn.driver.data.DataLoader} is the entry point; {@link org.sparknn.driver.data.BlockLayout}
 * fixes the order, the validation split and the partitioning so that they depend on the input alone.
 */
package org.sparknn.driver.data;
