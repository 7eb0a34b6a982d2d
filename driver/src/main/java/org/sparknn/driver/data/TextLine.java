package org.sparknn.driver.data;

/**
 * One data line of a text file and where it starts: the byte offset (in the uncompressed text) is what Hadoop's
 * line reader knows; {@link LineLocator} turns it into a line number only when the line is reported as bad.
 */
record TextLine(String file, long offset, String text) {}
