package org.sparknn.io;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;
import org.sparknn.optim.OptState;

/**
 * The checkpoint format, version 1, big-endian: magic "SNNCKPT\0", int version, int epochs done, long global step,
 * long optimizer step, int parameter count, int slot count, the slots as floats, int model length, the model in
 * {@link ModelFile} format (with its own checksum), then a CRC32 of everything before it.
 */
public final class CheckpointFile {
  public static final int FORMAT_VERSION = 1;
  private static final byte[] MAGIC = "SNNCKPT\0".getBytes(StandardCharsets.US_ASCII);

  private CheckpointFile() {}

  public static void write(Checkpoint c, OutputStream out) throws IOException {
    ByteArrayOutputStream model = new ByteArrayOutputStream();
    ModelFile.write(c.model(), model);
    CheckedOutputStream checked = new CheckedOutputStream(out, new CRC32());
    DataOutputStream d = new DataOutputStream(checked);
    d.write(MAGIC);
    d.writeInt(FORMAT_VERSION);
    d.writeInt(c.epochsDone());
    d.writeLong(c.globalStep());
    OptState o = c.optState();
    d.writeLong(o.step());
    d.writeInt(o.size());
    d.writeInt(o.slotCount());
    for (float f : o.slots()) d.writeInt(Float.floatToRawIntBits(f));
    d.writeInt(model.size());
    model.writeTo(d);
    d.flush();
    new DataOutputStream(out).writeInt((int) checked.getChecksum().getValue());
    out.flush();
  }

  public static Checkpoint read(InputStream in, String source) throws IOException {
    CheckedInputStream checked = new CheckedInputStream(in, new CRC32());
    DataInputStream d = new DataInputStream(checked);
    try {
      byte[] magic = d.readNBytes(MAGIC.length);
      if (!Arrays.equals(magic, MAGIC)) throw new ModelFileException(source, "not a sparknn checkpoint (bad magic)");
      int version = d.readInt();
      if (version != FORMAT_VERSION) {
        throw new ModelFileException(source, "checkpoint format version " + version + ", this sparknn reads "
            + FORMAT_VERSION);
      }
      int epochs = d.readInt();
      long globalStep = d.readLong();
      long optStep = d.readLong();
      int size = d.readInt();
      int slotCount = d.readInt();
      if (size < 0 || slotCount < 0 || (long) size * slotCount > Integer.MAX_VALUE) {
        throw new ModelFileException(source, "corrupt optimizer state header");
      }
      float[] slots = new float[size * slotCount];
      for (int i = 0; i < slots.length; i++) slots[i] = Float.intBitsToFloat(d.readInt());
      int modelLength = d.readInt();
      if (modelLength < 0) throw new ModelFileException(source, "corrupt model length " + modelLength);
      byte[] model = d.readNBytes(modelLength);
      if (model.length != modelLength) throw new EOFException();
      int expected = (int) checked.getChecksum().getValue();
      int stored = new DataInputStream(in).readInt();
      if (stored != expected) throw new ModelFileException(source, "checksum mismatch: checkpoint is corrupt");
      SavedModel saved = ModelFile.read(new ByteArrayInputStream(model), source);
      return new Checkpoint(saved, new OptState(optStep, size, slots), epochs, globalStep);
    } catch (EOFException e) {
      throw new ModelFileException(source, "truncated checkpoint");
    }
  }
}
