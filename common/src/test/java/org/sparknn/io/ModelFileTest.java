package org.sparknn.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparknn.spec.ActivationKind;
import org.sparknn.spec.InitKind;
import org.sparknn.spec.LayerSpec;
import org.sparknn.spec.LossKind;
import org.sparknn.spec.ModelSpec;
import org.sparknn.spec.Shape;
import org.sparknn.tensor.ModelState;
import org.sparknn.tensor.ParamLayout;

class ModelFileTest {
  private static final ModelSpec SPEC = new ModelSpec(Shape.vector(3), List.of(new LayerSpec.Dense(4),
      new LayerSpec.BatchNorm(0.1f, 1e-5f), new LayerSpec.Activation(ActivationKind.RELU), new LayerSpec.Dense(2)),
      LossKind.SOFTMAX_CROSS_ENTROPY, InitKind.HE_UNIFORM);
  private static final Provenance PROVENANCE = new Provenance("model { input = 3 }\n# \"quoted\" ${not.substituted}", -7L,
      "0.1.0", "17.0.15", "cpu", "Intel Xeon, 16 threads", Map.of("trainer", "local", "dotted.key", "ünïcode"));

  /** Every parameter distinct, plus values that a careless float format would change. */
  private static SavedModel model() {
    ParamLayout layout = ParamLayout.of(SPEC);
    float[] params = new float[layout.paramSize()];
    for (int i = 0; i < params.length; i++) params[i] = (float) Math.sin(i + 1) * 1e-3f * (i + 1);
    params[0] = -0f;
    params[1] = Float.MIN_VALUE;
    params[2] = Float.intBitsToFloat(0x7fc00123); // a quiet NaN with a payload
    params[3] = Float.NEGATIVE_INFINITY;
    float[] buffers = new float[layout.bufferSize()];
    for (int i = 0; i < buffers.length; i++) buffers[i] = 1f / (i + 3);
    return new SavedModel(SPEC, new ModelState(params, buffers), PROVENANCE);
  }

  private static byte[] bytes(SavedModel m) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ModelFile.write(m, out);
    return out.toByteArray();
  }

  private static SavedModel read(byte[] bytes) throws IOException {
    return ModelFile.read(new ByteArrayInputStream(bytes), "model.snn");
  }

  private static String failure(byte[] bytes) {
    return assertThrows(ModelFileException.class, () -> read(bytes)).getMessage();
  }

  private static int[] bits(float[] values) {
    int[] bits = new int[values.length];
    for (int i = 0; i < values.length; i++) bits[i] = Float.floatToRawIntBits(values[i]);
    return bits;
  }

  private static void assertSameModel(SavedModel expected, SavedModel actual) {
    assertEquals(expected.spec(), actual.spec());
    assertEquals(expected.provenance(), actual.provenance());
    assertArrayEquals(bits(expected.state().params()), bits(actual.state().params()));
    assertArrayEquals(bits(expected.state().buffers()), bits(actual.state().buffers()));
  }

  /** A file with a valid checksum around whatever header and counts the test wants. */
  private static byte[] assemble(String header, int paramCount, float[] params, int bufferCount) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    DataOutputStream d = new DataOutputStream(out);
    d.write("SPARKNN\0".getBytes(StandardCharsets.US_ASCII));
    d.writeInt(1);
    byte[] h = header.getBytes(StandardCharsets.UTF_8);
    d.writeInt(h.length);
    d.write(h);
    d.writeInt(paramCount);
    d.writeInt(bufferCount);
    for (float f : params) d.writeFloat(f);
    CRC32 crc = new CRC32();
    crc.update(out.toByteArray());
    d.writeInt((int) crc.getValue());
    return out.toByteArray();
  }

  private static String headerOf(byte[] file) {
    int length = ByteBuffer.wrap(file, 12, 4).getInt();
    return new String(file, 16, length, StandardCharsets.UTF_8);
  }

  @Test
  void roundTripsBitForBit() throws IOException {
    SavedModel m = model();
    assertSameModel(m, read(bytes(m)));
  }

  @Test
  void layoutIsMagicVersionHeaderCountsFloatsChecksum() throws IOException {
    byte[] file = bytes(model());
    assertArrayEquals("SPARKNN\0".getBytes(StandardCharsets.US_ASCII), Arrays.copyOf(file, 8));
    assertEquals(1, ByteBuffer.wrap(file, 8, 4).getInt());
    String header = headerOf(file);
    assertTrue(header.startsWith("model {\n  input = 3\n"), header);
    assertTrue(header.contains("provenance"), header);
    ParamLayout layout = ParamLayout.of(SPEC);
    int counts = 16 + header.getBytes(StandardCharsets.UTF_8).length;
    assertEquals(layout.paramSize(), ByteBuffer.wrap(file, counts, 4).getInt());
    assertEquals(layout.bufferSize(), ByteBuffer.wrap(file, counts + 4, 4).getInt());
    assertEquals(-0f, ByteBuffer.wrap(file, counts + 8, 4).getFloat()); // big-endian floats
    assertEquals(counts + 8 + 4 * (layout.paramSize() + layout.bufferSize()) + 4, file.length);
  }

  @Test
  void anyCorruptedByteIsAChecksumMismatch() throws IOException {
    byte[] good = bytes(model());
    int headerStart = 16;
    for (int at : new int[] {headerStart + 5, good.length / 2, good.length - 10, good.length - 1}) {
      byte[] bad = good.clone();
      bad[at] ^= 0x10;
      assertEquals("model.snn: checksum mismatch: file is corrupt", failure(bad), "corrupted byte " + at);
    }
  }

  @Test
  void truncationIsReported() throws IOException {
    byte[] good = bytes(model());
    for (int length : new int[] {10, 30, good.length / 2, good.length - 2}) {
      String m = failure(Arrays.copyOf(good, length));
      assertTrue(m.startsWith("model.snn: truncated: the file ends inside the "), m);
    }
    int floats = 16 + headerOf(good).getBytes(StandardCharsets.UTF_8).length + 8;
    assertTrue(failure(Arrays.copyOf(good, 20)).endsWith("inside the header"));
    assertTrue(failure(Arrays.copyOf(good, floats + 6)).endsWith("inside the parameters"));
    assertTrue(failure(Arrays.copyOf(good, good.length - 2)).endsWith("inside the checksum"));
  }

  @Test
  void rejectsOtherFiles() throws IOException {
    assertEquals("model.snn: not a sparknn model file: expected magic \"SPARKNN\\0\", found 0x1f8b080000000000",
        failure(IdxBytes.gzip(new byte[10])));
    assertEquals("model.snn: not a sparknn model file: expected magic \"SPARKNN\\0\", found an empty file",
        failure(new byte[0]));
  }

  @Test
  void rejectsNewerFormatVersionClearly() throws IOException {
    byte[] file = bytes(model());
    file[11] = 2;
    assertEquals("model.snn: format version 2 is newer than this sparknn reads (1); use a newer sparknn", failure(file));
  }

  @Test
  void rejectsTrailingData() throws IOException {
    byte[] good = bytes(model());
    assertTrue(failure(Arrays.copyOf(good, good.length + 1)).contains("unexpected data after the checksum"));
  }

  @Test
  void rejectsCountsThatDoNotFitTheModel() throws IOException {
    String header = headerOf(bytes(model()));
    String m = failure(assemble(header, 3, new float[3], 0));
    ParamLayout layout = ParamLayout.of(SPEC);
    assertEquals("model.snn: the file stores 3 parameters and 0 buffers but its model needs " + layout.paramSize()
        + " and " + layout.bufferSize(), m);
  }

  @Test
  void rejectsAnInvalidHeaderWithAGoodChecksum() throws IOException {
    String header = headerOf(bytes(model())).replace("units = 4", "units = 0");
    String m = failure(assemble(header, 0, new float[0], 0));
    assertTrue(m.startsWith("model.snn: invalid header: model.layers[0].units: expected a positive integer, got 0"), m);
  }

  @Test
  void writeRejectsAStateThatDoesNotFitTheSpec() {
    SavedModel wrong = new SavedModel(SPEC, new ModelState(new float[5], new float[0]), PROVENANCE);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> bytes(wrong));
    assertTrue(e.getMessage().startsWith("model state does not fit its spec: 5 parameters and 0 buffers"), e.getMessage());
  }

  @Test
  void savesAtomicallyAndLoads(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("model.snn");
    SavedModel m = model();
    ModelFile.save(m, file);
    ModelFile.save(m, file); // replacing an existing file
    assertSameModel(m, ModelFile.load(file));
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(file), files.toList());
    }
  }

  @Test
  void failedSaveKeepsTheExistingFileAndLeavesNoTemporaryFile(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("model.snn");
    ModelFile.save(model(), file);
    byte[] before = Files.readAllBytes(file);
    SavedModel wrong = new SavedModel(SPEC, new ModelState(new float[5], new float[0]), PROVENANCE);
    assertThrows(IllegalArgumentException.class, () -> ModelFile.save(wrong, file));
    assertArrayEquals(before, Files.readAllBytes(file));
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(file), files.toList());
    }
  }

  @Test
  void loadErrorsNameThePath(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("broken.snn");
    byte[] good = bytes(model());
    Files.write(file, Arrays.copyOf(good, good.length - 1));
    ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.load(file));
    assertTrue(e.getMessage().startsWith(file + ": truncated"), e.getMessage());
  }
}
