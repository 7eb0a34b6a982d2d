package org.sparknn.random;

/** What a random stream is for; mixed into its key so that streams for different purposes never overlap. */
public enum RandomPurpose {
  INIT,
  SHUFFLE,
  DROPOUT
}
