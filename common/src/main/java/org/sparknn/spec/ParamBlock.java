package org.sparknn.spec;

/** A block of parameters a layer owns: its kind, length, and the fan-in/fan-out its initializer needs. */
public record ParamBlock(ParamKind kind, int length, int fanIn, int fanOut) {}
