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
 * The checkpoint format, version 2, big-endian: magic "SNNCKPT\0", int version, int epochs done, long global step,
 * the {@link EpochCursor} (long rounds done, double loss sum, long samples, long correct, long judged), long
 * optimizer step, int parameter count, int slot count, the slots as floats, int model length, the model in
 * {@link ModelFile} format (with its own checksum), then a CRC32 of everything before it. Version 1 (no cursor:
 * epoch-end checkpoints only) is still read.
 */
public final class CheckpointFile {
  public static final int FORMAT_VERSION = 2;
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
    EpochCursor k = c.cursor();
    d.writeLong(k.roundsDone());
    d.writeLong(Double.doubleToRawLongBits(k.lossSum()));
    d.writeLong(k.samples());
    d.writeLong(k.correct());
    d.writeLong(k.judged());
    OptState o = c.optState();
    d.writeLong(o.step());
    d.writeInt(o.size());
    d.writeInt(o.slotCount());
    for (int b = 0; b < o.slotCount(); b++) {
      for (float f : o.slot(b)) d.writeInt(Float.floatToRawIntBits(f));
    }
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
      if (version != 1 && version != FORMAT_VERSION) {
        throw new ModelFileException(source, "checkpoint format version " + version + ", this sparknn reads 1 to "
            + FORMAT_VERSION);
      }
      int epochs = d.readInt();
      long globalStep = d.readLong();
      EpochCursor cursor = EpochCursor.START;
      if (version >= 2) {
        long rounds = d.readLong();
        double loss = Double.longBitsToDouble(d.readLong());
        long samples = d.readLong();
        long correct = d.readLong();
        long judged = d.readLong();
        if (rounds < 0 || samples < 0 || correct < 0 || judged < 0) {
          throw new ModelFileException(source, "corrupt epoch cursor");
        }
        cursor = new EpochCursor(rounds, loss, samples, correct, judged);
      }
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
      return new Checkpoint(saved, new OptState(optStep, size, slots), epochs, globalStep, cursor);
    } catch (EOFException e) {
      throw new ModelFileException(source, "truncated checkpoint");
    }
  }
}
