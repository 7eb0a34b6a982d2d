package org.sparknn.io;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;
import org.sparknn.config.ModelConfig;
import org.sparknn.spec.ModelSpec;
import org.sparknn.spec.SpecException;
import org.sparknn.tensor.ModelState;
import org.sparknn.tensor.ParamLayout;

/**
 * The single-file model format, over streams so the driver can use Hadoop's. Layout, every number big-endian (the
 * order of {@link DataOutputStream}, so one order throughout):
 * <pre>
 *   8 bytes   magic "SPARKNN\0"
 *   int       format version (1)
 *   int n     then n bytes of UTF-8 HOCON: the model section as {@link ModelConfig#render} writes it, and provenance
 *   int, int  parameter count, buffer count
 *   floats    parameters, then buffers: IEEE 754 raw bits, so values (NaN payloads included) round-trip exactly
 *   int       CRC32 of every byte before it
 * </pre>
 * A readable header lets a person inspect a model with {@code head -c}; the checksum is verified before the header
 * is interpreted, so a damaged file is reported as damaged rather than as a puzzling config error.
 */
public final class ModelFile {
  public static final int FORMAT_VERSION = 1;
  private static final byte[] MAGIC = "SPARKNN\0".getBytes(StandardCharsets.US_ASCII);
  private static final int MAX_HEADER = 16 << 20;
  private static final int CHUNK = 1 << 16;

  private ModelFile() {}

  /** Writes {@code m} to {@code out} and flushes it; does not close it. Rejects a state that does not fit the spec. */
  public static void write(SavedModel m, OutputStream out) throws IOException {
    ParamLayout layout = ParamLayout.of(m.spec());
    float[] params = m.state().params();
    float[] buffers = m.state().buffers();
    if (params.length != layout.paramSize() || buffers.length != layout.bufferSize()) {
      throw new IllegalArgumentException("model state does not fit its spec: " + params.length + " parameters and "
          + buffers.length + " buffers, the spec needs " + layout.paramSize() + " and " + layout.bufferSize());
    }
    byte[] header = header(m).getBytes(StandardCharsets.UTF_8);
    CRC32 crc = new CRC32();
    DataOutputStream d = new DataOutputStream(new CheckedOutputStream(new BufferedOutputStream(out, CHUNK), crc));
    d.write(MAGIC);
    d.writeInt(FORMAT_VERSION);
    d.writeInt(header.length);
    d.write(header);
    d.writeInt(params.length);
    d.writeInt(buffers.length);
    writeFloats(d, params);
    writeFloats(d, buffers);
    d.writeInt((int) crc.getValue()); // the checksum's own bytes also pass through crc; harmless, it is read first
    d.flush();
  }

  /** Reads one model from {@code in} (to its end; not closed); {@code source} names it in messages. */
  public static SavedModel read(InputStream in, String source) throws IOException {
    CRC32 crc = new CRC32();
    DataInputStream d = new DataInputStream(new CheckedInputStream(new BufferedInputStream(in, CHUNK), crc));
    String section = "magic";
    try {
      byte[] magic = d.readNBytes(MAGIC.length);
      if (!Arrays.equals(magic, MAGIC)) {
        throw new ModelFileException(source, "not a sparknn model file: expected magic \"SPARKNN\\0\", found "
            + printable(magic));
      }
      section = "format version";
      int version = d.readInt();
      if (version > FORMAT_VERSION) {
        throw new ModelFileException(source, "format version " + version + " is newer than this sparknn reads ("
            + FORMAT_VERSION + "); use a newer sparknn");
      }
      if (version < 1) throw new ModelFileException(source, "invalid format version " + version + ": file is corrupt");
      section = "header";
      int headerLength = d.readInt();
      if (headerLength < 0 || headerLength > MAX_HEADER) {
        throw new ModelFileException(source, "header length " + headerLength + " is outside [0, " + MAX_HEADER
            + "]: file is corrupt");
      }
      byte[] header = d.readNBytes(headerLength);
      if (header.length < headerLength) throw new EOFException();
      section = "parameter counts";
      int paramCount = d.readInt();
      int bufferCount = d.readInt();
      if (paramCount < 0 || bufferCount < 0) {
        throw new ModelFileException(source, "negative counts (" + paramCount + ", " + bufferCount + "): file is corrupt");
      }
      Object parsed = parseHeader(header, source); // a Header, or why it is invalid
      ParamLayout layout = parsed instanceof Header h ? h.layout() : null;
      boolean fits = layout != null && layout.paramSize() == paramCount && layout.bufferSize() == bufferCount;
      section = "parameters";
      float[] params = readFloats(d, paramCount, fits);
      section = "buffers";
      float[] buffers = readFloats(d, bufferCount, fits);
      int computed = (int) crc.getValue();
      section = "checksum";
      if (d.readInt() != computed) throw new ModelFileException(source, "checksum mismatch: file is corrupt");
      if (d.read() != -1) throw new ModelFileException(source, "unexpected data after the checksum: file is corrupt");
      if (parsed instanceof String problem) throw new ModelFileException(source, "invalid header: " + problem);
      if (!fits) {
        throw new ModelFileException(source, "the file stores " + paramCount + " parameters and " + bufferCount
            + " buffers but its model needs " + layout.paramSize() + " and " + layout.bufferSize());
      }
      Header h = (Header) parsed;
      return new SavedModel(h.spec(), new ModelState(params, buffers), h.provenance());
    } catch (EOFException e) {
      throw new ModelFileException(source, "truncated: the file ends inside the " + section, e);
    }
  }

  /** Writes atomically: a temporary file in the same directory, then a rename, so readers never see half a file. */
  public static void save(SavedModel m, Path file) throws IOException {
    Path target = file.toAbsolutePath();
    Path tmp = target.resolveSibling("." + target.getFileName() + "."
        + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
    try {
      try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        write(m, Channels.newOutputStream(channel));
        channel.force(true); // on disk before the rename makes it visible
      }
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (Throwable t) {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException cleanup) {
        t.addSuppressed(cleanup);
      }
      throw t;
    }
  }

  public static SavedModel load(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return read(in, file.toString());
    }
  }

  /** The parsed header, with the layout its spec implies. */
  private record Header(ModelSpec spec, Provenance provenance, ParamLayout layout) {}

  private static String header(SavedModel m) {
    Provenance p = m.provenance();
    Map<String, Object> prov = new LinkedHashMap<>();
    prov.put("config_text", p.configText());
    prov.put("seed", p.seed());
    prov.put("sparknn_version", p.sparknnVersion());
    prov.put("java_version", p.javaVersion());
    prov.put("backend", p.backend());
    prov.put("device", p.device());
    prov.put("extra", p.extra());
    return ModelConfig.render(m.spec()) + "provenance = "
        + ConfigValueFactory.fromMap(prov).render(ConfigRenderOptions.concise()) + "\n";
  }

  /** A {@link Header}, or a String saying why the header is invalid (reported only if the checksum is good). */
  private static Object parseHeader(byte[] bytes, String source) {
    try {
      Config c = ConfigFactory.parseString(new String(bytes, StandardCharsets.UTF_8),
          ConfigParseOptions.defaults().setOriginDescription(source + " header"));
      ModelSpec spec = ModelConfig.parse(c.getConfig("model"), "model");
      Config p = c.getConfig("provenance");
      Map<String, String> extra = new LinkedHashMap<>();
      for (Map.Entry<String, ConfigValue> e : p.getObject("extra").entrySet()) {
        extra.put(e.getKey(), String.valueOf(e.getValue().unwrapped()));
      }
      return new Header(spec, new Provenance(p.getString("config_text"), p.getLong("seed"),
          p.getString("sparknn_version"), p.getString("java_version"), p.getString("backend"), p.getString("device"),
          extra), ParamLayout.of(spec));
    } catch (ConfigException | SpecException e) {
      return e.getMessage();
    } catch (RuntimeException e) { // e.g. a layout too large for a spec that nevertheless parsed
      return e.toString();
    }
  }

  private static void writeFloats(DataOutputStream d, float[] values) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(CHUNK); // big-endian
    for (int i = 0; i < values.length; ) {
      buf.clear();
      for (; i < values.length && buf.remaining() >= 4; i++) buf.putInt(Float.floatToRawIntBits(values[i]));
      d.write(buf.array(), 0, buf.position());
    }
  }

  /** {@code count} floats; when {@code keep} is false they are only consumed (for the checksum), never allocated. */
  private static float[] readFloats(DataInputStream d, int count, boolean keep) throws IOException {
    float[] values = keep ? new float[count] : null;
    byte[] chunk = new byte[CHUNK];
    ByteBuffer buf = ByteBuffer.wrap(chunk);
    for (int i = 0; i < count; ) {
      int n = Math.min(count - i, CHUNK / 4);
      d.readFully(chunk, 0, 4 * n);
      if (keep) {
        buf.clear();
        for (int j = 0; j < n; j++) values[i + j] = Float.intBitsToFloat(buf.getInt());
      }
      i += n;
    }
    return values;
  }

  private static String printable(byte[] bytes) {
    if (bytes.length == 0) return "an empty file";
    StringBuilder s = new StringBuilder("0x");
    for (byte b : bytes) s.append(String.format("%02x", b & 0xFF));
    return s.toString();
  }
}
