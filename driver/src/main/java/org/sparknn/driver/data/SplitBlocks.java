package org.sparknn.driver.data;

/**
 * A data set split for training: {@code validation} holds the last fraction of the samples in data set order (the
 * split single-process training makes) and is null when no validation was asked for.
 */
public record SplitBlocks(BlockSet train, BlockSet validation) {
  public boolean hasValidation() {
    return validation != null;
  }
}
