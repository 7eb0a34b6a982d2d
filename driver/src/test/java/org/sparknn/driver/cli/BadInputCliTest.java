package org.sparknn.driver.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;
import org.sparknn.driver.cli.CliEndToEndTest.Result;

/**
 * Must-show 4 of the reliability issue through the command line: each bad input of the list, given to
 * {@code train --resume} over the output of an earlier good run, fails with exit status 1 (data) or 2
 * (configuration, checkpoint), one line naming the file and line (or the key) and what was expected, and leaves
 * the earlier model, checkpoints and metrics byte for byte as they were. The readers' own tests (CsvSourceTest,
 * LibSvmSourceTest, IdxReaderTest, IdxDatasetTest, JobConfigTest...) cover more variants of each; the README's
 * table lists these messages.
 */
class BadInputCliTest {
  @TempDir
  static Path dir;
  private static Path out;
  private static Map<String, byte[]> before;

  @BeforeAll
  static void goodRunAndBadFiles() throws IOException {
    Path data = dir.resolve("data");
    CliEndToEndTest.writeIdx(data, "train", 200, 1);
    write("image.conf", image(data.resolve("train")));
    out = dir.resolve("out");
    Result good = CliEndToEndTest.run("train", dir.resolve("image.conf").toString(), "--output", out.toString(),
        "--master", "local[2]");
    assertEquals(0, good.code(), good::toString);
    before = snapshot(out);
    assertTrue(before.keySet().containsAll(List.of("model/model.snn", "metrics.jsonl", "checkpoints/epoch-00001.ckpt")),
        before.keySet()::toString);

    // IDX sets, each a copy of the good one with one thing wrong
    Path images = data.resolve("train-images-idx3-ubyte");
    Path labels = data.resolve("train-labels-idx1-ubyte");
    byte[] pixels = Files.readAllBytes(images);
    Path gz = Files.createDirectories(dir.resolve("gz"));
    Files.copy(labels, gz.resolve("train-labels-idx1-ubyte"));
    byte[] compressed = gzip(pixels);
    Files.write(gz.resolve("train-images-idx3-ubyte.gz"), java.util.Arrays.copyOf(compressed, compressed.length / 2));
    Path magic = Files.createDirectories(dir.resolve("magic"));
    Files.copy(labels, magic.resolve("train-labels-idx1-ubyte"));
    byte[] zip = pixels.clone();
    zip[0] = 'P';
    zip[1] = 'K';
    Files.write(magic.resolve("train-images-idx3-ubyte"), zip);
    Path small = Files.createDirectories(dir.resolve("small"));
    Files.copy(labels, small.resolve("train-labels-idx1-ubyte"));
    CliEndToEndTest.writeIdxFile(small.resolve("train-images-idx3-ubyte"), new int[] {200, 10, 10}, new byte[20000]);

    // text sets for a 4-feature, 3-class model
    write("empty.csv", "");
    write("columns.csv", "0,1,2,3,4\n1,1,2,3\n");
    write("word.csv", "0,1,2,3,4\n1,1,2,x,4\n");
    write("label.csv", "0,1,2,3,4\n\n3,1,2,3,4\n");
    write("nan.csv", "0,1,2,3,4\n1,1,NaN,3,4\n");
    write("infinity.csv", "2,1,2,3,Infinity\n");
    write("index.libsvm", "0 1:1 4:1\n1 2:1 5:1\n");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      // case                | config     | data or key=value                  | exit | message, after "error: "
      "missing file          | image.conf | data.train=DIR/nowhere/train       | 1 | no IDX file for prefix DIR/nowhere/train: neither file:DIR/nowhere/train-images-idx3-ubyte nor file:DIR/nowhere/train-images-idx3-ubyte.gz exists",
      "empty data set        | text.conf  | data.train=DIR/empty.csv           | 1 | DIR/empty.csv: no samples",
      "truncated gzip        | image.conf | data.train=DIR/gz/train            | 1 | file:DIR/gz/train-images-idx3-ubyte.gz: corrupt or truncated gzip data",
      "wrong IDX magic       | image.conf | data.train=DIR/magic/train         | 1 | file:DIR/magic/train-images-idx3-ubyte: not an IDX file: expected magic 0x0000 followed by type and rank, found 0x504b0803",
      "wrong IDX dimensions  | image.conf | data.train=DIR/small/train         | 1 | file:DIR/small/train-images-idx3-ubyte: holds images of 100 values each; expected 784 (model.input)",
      "CSV column count      | text.conf  | data.train=DIR/columns.csv         | 1 | file:DIR/columns.csv:2: 4 columns; expected 5 (a label in column 1 and 4 features)",
      "CSV non-numeric field | text.conf  | data.train=DIR/word.csv            | 1 | file:DIR/word.csv:2: column 4 is 'x'; expected a number",
      "CSV label out of range| text.conf  | data.train=DIR/label.csv           | 1 | file:DIR/label.csv:3: column 1: label 3.0 is not a class index; expected an integer in [0, 3)",
      "CSV NaN               | text.conf  | data.train=DIR/nan.csv             | 1 | file:DIR/nan.csv:2: column 3 is NaN; expected a finite number",
      "CSV infinity          | text.conf  | data.train=DIR/infinity.csv        | 1 | file:DIR/infinity.csv:1: column 5 is Infinity; expected a finite number",
      "LibSVM index          | text.conf  | data.train=DIR/index.libsvm        | 1 | file:DIR/index.libsvm:2: feature index 5 is beyond the feature count; expected 1..4",
      "unknown key           | image.conf | training.epoch=3                   | 2 | training.epoch: not a key of training settings (did you mean 'epochs'?); valid keys: ",
      "wrong type            | image.conf | training.batch_size=big            | 2 | training.batch_size: expected an integer, got \"big\"",
      "out-of-range value    | image.conf | data.validation_split=1.5          | 2 | data.validation_split: ",
      "another model         | image.conf | model.layers.0.units=16            | 2 | --resume: the checkpoint in DIR/out is of another model: model (",
      "another configuration | image.conf | training.batch_size=16             | 2 | --resume: the checkpoint in DIR/out is of another configuration: training.batch_size (32 -> 16) differ"})
  void badInputFailsWithItsMessageAndLeavesEarlierOutputsAlone(String name, String config, String setting, int exit,
      String message) throws IOException {
    String d = dir.toString();
    List<String> args = new ArrayList<>(List.of("train", dir.resolve(config.strip()).toString(), "--output",
        out.toString(), "--resume", "--master", "local[2]", "--set", "training.epochs=2"));
    String s = setting.strip().replace("DIR", d);
    if (s.startsWith("model.layers.0.units")) {
      String other = image(dir.resolve("data/train")).replace("units = 32", "units = 16");
      Files.writeString(dir.resolve("other.conf"), other);
      args.set(1, dir.resolve("other.conf").toString());
    } else {
      int eq = s.indexOf('=');
      args.addAll(List.of("--set", s.substring(0, eq) + "=\"" + s.substring(eq + 1) + "\""));
    }
    Result r = CliEndToEndTest.run(args.toArray(String[]::new));
    assertEquals(exit, r.code(), r::toString);
    String expected = "error: " + message.strip().replace("DIR", d);
    assertTrue(r.err().startsWith(expected), () -> "expected a line starting\n" + expected + "\n" + r);
    assertEquals(1, r.err().strip().lines().count(), "one line:\n" + r.err());
    Map<String, byte[]> after = snapshot(out);
    assertEquals(before.keySet(), after.keySet(), "files of the earlier run");
    for (String f : before.keySet()) assertArrayEquals(before.get(f), after.get(f), f + " changed");
  }

  private static String image(Path train) {
    return "model { input = 784, loss = softmax_cross_entropy, layers = [\n"
        + "  { type = dense, units = 32, activation = relu }\n  { type = dense, units = 10 } ] }\n"
        + "optimizer { type = sgd, lr = 0.05 }\n"
        + "training { epochs = 1, batch_size = 32, seed = 5, sync = epoch }\n"
        + "data { train = \"" + train + "\" }\n";
  }

  private static void write(String name, String content) throws IOException {
    if (name.equals("image.conf")) {
      Files.writeString(dir.resolve(name), content);
      Files.writeString(dir.resolve("text.conf"), "model { input = 4, loss = softmax_cross_entropy, layers = [\n"
          + "  { type = dense, units = 3 } ] }\noptimizer { type = sgd, lr = 0.05 }\n"
          + "training { epochs = 1, batch_size = 32, seed = 5, sync = epoch }\n"
          + "data { train = unset, scaling = none }\n");
      return;
    }
    Files.writeString(dir.resolve(name), content);
  }

  private static byte[] gzip(byte[] bytes) throws IOException {
    java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
    try (OutputStream z = new GZIPOutputStream(b)) {
      z.write(bytes);
    }
    return b.toByteArray();
  }

  /** Every file under {@code run} (Hadoop's .crc files included) and its bytes. */
  private static Map<String, byte[]> snapshot(Path run) throws IOException {
    Map<String, byte[]> files = new TreeMap<>();
    try (Stream<Path> all = Files.walk(run)) {
      for (Path p : all.filter(Files::isRegularFile).toList()) {
        files.put(run.relativize(p).toString(), Files.readAllBytes(p));
      }
    }
    return files;
  }
}
