package org.sparknn.driver.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparknn.driver.LocalSpark;
import org.sparknn.io.Checkpoint;
import org.sparknn.io.CheckpointFile;
import org.sparknn.io.ModelFile;
import org.sparknn.io.SavedModel;
import org.sparknn.config.JobConfig;
import org.sparknn.tensor.ModelState;
import picocli.CommandLine;

/**
 * The command line end to end, in process, on real Spark in local[2]: {@code train} (outputs, resume, errors),
 * {@code evaluate} and {@code predict}, on a small synthetic IDX data set (784 features, 10 classes, each class a
 * noisy copy of its own random prototype image: learnable within an epoch). Every train command starts and stops
 * its own Spark session; evaluate and predict share one.
 */
class CliEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int TRAIN = 600;
  private static final int TEST = 200;
  private static final int CLASSES = 10;
  private static final String[] SPARK = {"--set", "training.sync=epoch", "--master", "local[2]"};

  @TempDir
  static Path dir;
  private static Path config;
  /** The straight two-epoch run every other test builds on. */
  private static Path straight;
  private static Result straightRun;

  /** What a command returned and printed (stdout: picocli's and System.out, which train uses). */
  record Result(int code, String out, String err) {
    @Override
    public String toString() {
      return "exit " + code + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
    }
  }

  @BeforeAll
  static void trainOnce() throws IOException {
    writeIdx(dir.resolve("data"), "train", TRAIN, 1);
    writeIdx(dir.resolve("data"), "t10k", TEST, 2);
    config = dir.resolve("job.conf");
    Files.writeString(config, job(32, dir.resolve("data/train").toString()));
    straight = dir.resolve("straight");
    straightRun = train("--set", "training.epochs=2", "--output", straight.toString());
  }

  /** A small MLP with Adam; validation 10% of the training set; the test set next to it. */
  static String job(int hidden, String train) {
    return "model { input = 784, loss = softmax_cross_entropy, layers = [\n"
        + "  { type = dense, units = " + hidden + ", activation = relu }\n  { type = dense, units = 10 } ] }\n"
        + "optimizer { type = adam, lr = 0.002 }\n"
        + "training { epochs = 10, batch_size = 32, seed = 11 }\n"
        + "data { train = \"" + train + "\", test = \"" + dir.resolve("data/t10k") + "\", validation_split = 0.1 }\n"
        + "output = \"" + dir.resolve("unused") + "\"\n";
  }

  @Test
  void trainWritesMetricsCheckpointsAndModel() throws IOException {
    assertEquals(0, straightRun.code(), straightRun::toString);
    assertTrue(straightRun.out().contains("epoch 2/2: train loss"), straightRun::toString);

    List<JsonNode> metrics = metrics(straight);
    List<JsonNode> epochs = events(metrics, "epoch");
    assertEquals(2, epochs.size(), metrics::toString);
    for (int e = 0; e < 2; e++) {
      JsonNode line = epochs.get(e);
      assertEquals(e + 1, line.get("epoch").asInt());
      for (String key : List.of("train_loss", "train_accuracy", "val_loss", "val_accuracy", "samples_per_second",
          "seconds")) {
        assertTrue(line.hasNonNull(key) && line.get(key).isNumber(), key + " in " + line);
      }
    }
    JsonNode test = events(metrics, "test").get(0);
    assertTrue(test.get("test_loss").isNumber() && test.get("test_accuracy").isNumber(), test::toString);
    assertTrue(test.get("test_accuracy").asDouble() > 0.5, "learnable data, yet " + test);
    long confused = 0;
    assertEquals(CLASSES, test.get("confusion_matrix").size());
    for (JsonNode row : test.get("confusion_matrix")) {
      assertEquals(CLASSES, row.size());
      for (JsonNode v : row) confused += v.asLong();
    }
    assertEquals(TEST, confused);

    for (int e = 1; e <= 2; e++) {
      Path file = straight.resolve(String.format("checkpoints/epoch-%05d.ckpt", e));
      try (InputStream in = Files.newInputStream(file)) {
        Checkpoint c = CheckpointFile.read(in, file.toString());
        assertEquals(e, c.epochsDone());
      }
    }
    SavedModel model = ModelFile.load(straight.resolve("model/model.snn"));
    JobConfig job = JobConfig.parse(Files.readString(config), config.toString(), List.of());
    assertEquals(job.model(), model.spec());

    try (Stream<Path> files = Files.walk(straight)) {
      // Hadoop's local file system keeps a hidden checksum file (.NAME.crc) beside each file it writes: not ours
      List<String> hidden = files.map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith(".") && !n.endsWith(".crc")).toList();
      assertEquals(List.of(), hidden, "temporary files left behind");
    }
  }

  @Test
  void trainWritesTheReportAndReportRedrawsIt() throws IOException {
    assertTrue(straightRun.out().contains("report written to " + straight.resolve("report.html")),
        straightRun::toString);
    assertFalse(straightRun.out().contains("\r"), "a progress bar although standard output is not a terminal");
    for (String chart : List.of("loss", "accuracy", "epoch-time")) {
      assertTrue(Files.size(straight.resolve("charts/" + chart + ".png")) > 0, chart);
    }
    Path copy = dir.resolve("report-copy");
    Files.createDirectories(copy);
    List<String> lines = Files.readAllLines(straight.resolve("metrics.jsonl"));
    Files.write(copy.resolve("metrics.jsonl"), lines);
    Result redrawn = run("report", copy.toString());
    assertEquals(0, redrawn.code(), redrawn::toString);
    String html = Files.readString(copy.resolve("report.html"));
    assertEquals(2, html.split("<tr class=\"epoch\">", -1).length - 1, "a row per epoch");
    assertTrue(html.contains("<td class=\"sum total\">" + TEST + "</td>"), "confusion matrix of the test set");

    Files.write(copy.resolve("metrics.jsonl"), List.of(lines.get(0), "{\"event\": \"epoch\", \"epoch\": 2,"));
    Result bad = run("report", copy.toString());
    assertEquals(1, bad.code(), bad::toString);
    assertTrue(bad.err().contains("error: " + copy.resolve("metrics.jsonl") + ":2: not JSON"), bad::toString);
  }

  @Test
  void resumeContinuesAndMatchesAStraightRun() throws IOException {
    Path resumed = dir.resolve("resumed");
    Result first = train("--set", "training.epochs=1", "--output", resumed.toString());
    assertEquals(0, first.code(), first::toString);
    Result second = train("--set", "training.epochs=2", "--output", resumed.toString(), "--resume");
    assertEquals(0, second.code(), second::toString);
    assertTrue(second.out().contains("resuming after epoch 1"), second::toString);

    List<JsonNode> metrics = metrics(resumed);
    assertEquals(List.of(1, 2), events(metrics, "epoch").stream().map(l -> l.get("epoch").asInt()).toList(),
        metrics::toString);
    List<String> order = metrics.stream().map(l -> l.get("event").asText()).toList();
    // the test line closes the results; where the OS reports it, one end line with the peak RSS follows
    List<String> tail = order.subList(order.lastIndexOf("test"), order.size());
    assertEquals(org.sparknn.driver.run.PeakRss.bytes().isPresent() ? List.of("test", "end") : List.of("test"), tail,
        order::toString);
    assertEquals(tail.size() - 1, order.stream().filter("end"::equals).count(), order::toString);

    ModelState expected = ModelFile.load(straight.resolve("model/model.snn")).state();
    ModelState actual = ModelFile.load(resumed.resolve("model/model.snn")).state();
    assertClose(expected.params(), actual.params(), "parameter");
    assertClose(expected.buffers(), actual.buffers(), "buffer");
  }

  @Test
  void resumeRefusesACheckpointOfAnotherModel() throws IOException {
    Path other = dir.resolve("other");
    Files.createDirectories(other.resolve("checkpoints"));
    Files.copy(straight.resolve("checkpoints/epoch-00002.ckpt"), other.resolve("checkpoints/epoch-00002.ckpt"));
    Path otherConfig = dir.resolve("other.conf");
    Files.writeString(otherConfig, job(16, dir.resolve("data/train").toString()));
    Result r = run(command("train", otherConfig.toString(), "--set", "training.epochs=3", "--output",
        other.toString(), "--resume"));
    assertEquals(2, r.code(), r::toString);
    assertTrue(r.err().contains("another model"), r::toString);
  }

  @Test
  void invalidConfigurationIsReportedWithItsKey() throws IOException {
    Path bad = dir.resolve("bad.conf");
    Files.writeString(bad, job(0, dir.resolve("data/train").toString()));
    Result r = run("train", bad.toString(), "--master", "local[2]");
    assertEquals(2, r.code(), r::toString);
    assertTrue(r.err().contains("error: model.layers[0].units: expected a positive integer, got 0"), r::toString);
  }

  @Test
  void missingConfigurationFileIsNamed() {
    String missing = dir.resolve("no-such.conf").toString();
    Result r = run("train", missing, "--master", "local[2]");
    assertEquals(2, r.code(), r::toString);
    assertTrue(r.err().contains(missing), r::toString);
  }

  @Test
  void missingDataIsNamed() throws IOException {
    String missing = dir.resolve("nowhere/train").toString();
    Path conf = dir.resolve("missing-data.conf");
    Files.writeString(conf, job(32, missing));
    Result r = run(command("train", conf.toString(), "--output", dir.resolve("missing-out").toString()));
    assertEquals(1, r.code(), r::toString);
    assertTrue(r.err().startsWith("error: ") && r.err().contains(missing), r::toString);
  }

  @Test
  void badFormatIsAUsageError() {
    Result r = run("evaluate", "--model", straight.toString(), "--data", "x", "--format", "jpeg");
    assertEquals(2, r.code(), r::toString);
    assertTrue(r.err().contains("unknown data format 'jpeg'"), r::toString);
  }

  @Test
  void misspelledOptionGetsASuggestion() {
    Result r = run("train", config.toString(), "--maser", "local[2]");
    assertEquals(2, r.code(), r::toString);
    assertTrue(r.err().startsWith("Unknown option") && r.err().contains("'--maser'"), r::toString);
    assertTrue(r.err().contains("Possible solutions: --master"), r::toString);
  }

  @Test
  void evaluateAndPredictWithTheTrainedModel() throws IOException {
    JsonNode test = events(metrics(straight), "test").get(0);
    String testData = dir.resolve("data/t10k").toString();
    Path predictions = dir.resolve("predictions");
    // One session for both (the commands leave a session they did not start running); it requires every class
    // Spark serializes to be registered with Kryo, as other driver tests do
    SparkSession spark = LocalSpark.start(2);
    Result evaluated;
    Result predicted;
    Result noModel;
    Result outputExists;
    Result fromCsv;
    Path csv = dir.resolve("t10k.csv");
    writeCsv(dir.resolve("data"), "t10k", csv);
    Path csvPredictions = dir.resolve("csv-predictions");
    try {
      evaluated = run("evaluate", "--model", straight.toString(), "--data", testData, "--master", "local[2]");
      predicted = run("predict", "--model", straight.resolve("model/model.snn").toString(), "--input", testData,
          "--output", predictions.toString(), "--master", "local[2]");
      fromCsv = run("predict", "--model", straight.resolve("model").toString(), "--input", csv.toString(),
          "--output", csvPredictions.toString());
      noModel = run("evaluate", "--model", dir.resolve("no-model").toString(), "--data", testData);
      outputExists = run("predict", "--model", straight.toString(), "--input", testData, "--output",
          predictions.toString());
      assertFalse(spark.sparkContext().isStopped(), "a command stopped a session it did not start");
    } finally {
      spark.stop();
    }

    assertEquals(0, evaluated.code(), evaluated::toString);
    String expected = String.format("test: loss %.4f accuracy %.4f (%,d samples)", test.get("test_loss").asDouble(),
        test.get("test_accuracy").asDouble(), TEST);
    assertTrue(evaluated.out().contains(expected), () -> "expected " + expected + " in\n" + evaluated);
    assertTrue(evaluated.out().contains("confusion matrix (rows: true class, columns: predicted)"),
        evaluated::toString);

    assertEquals(1, noModel.code(), noModel::toString);
    assertTrue(noModel.err().startsWith("error: no model at " + dir.resolve("no-model")), noModel::toString);
    assertEquals(2, outputExists.code(), outputExists::toString);
    assertTrue(outputExists.err().contains("--output: " + predictions + " already exists"), outputExists::toString);

    assertEquals(0, predicted.code(), predicted::toString);
    List<String> lines = partLines(predictions);
    assertEquals(TEST, lines.size());
    assertEquals(0, fromCsv.code(), fromCsv::toString);
    assertEquals(lines, partLines(csvPredictions), "CSV input (dummy labels) predicts as the same IDX data");
    // In input order: predicted class against the file's labels gives back the test confusion matrix exactly
    byte[] labels = labels(TEST, 2);
    long[][] confusion = new long[CLASSES][CLASSES];
    for (int i = 0; i < TEST; i++) {
      String[] fields = lines.get(i).split(",");
      assertEquals(1 + CLASSES, fields.length, lines.get(i));
      int predictedClass = Integer.parseInt(fields[0]);
      double sum = 0;
      int argmax = 0;
      for (int c = 0; c < CLASSES; c++) {
        sum += Float.parseFloat(fields[1 + c]);
        if (Float.parseFloat(fields[1 + c]) > Float.parseFloat(fields[1 + argmax])) argmax = c;
      }
      assertEquals(1.0, sum, 1e-5, lines.get(i));
      assertEquals(argmax, predictedClass, lines.get(i));
      confusion[labels[i]][predictedClass]++;
    }
    for (int t = 0; t < CLASSES; t++) {
      long[] row = new long[CLASSES];
      for (int p = 0; p < CLASSES; p++) row[p] = test.get("confusion_matrix").get(t).get(p).asLong();
      assertArrayEquals(row, confusion[t], "confusion row " + t);
    }
  }

  // ---------------------------------------------------------------------------------------------------- helpers

  static Result train(String... args) {
    List<String> all = new ArrayList<>(List.of("train", config.toString()));
    all.addAll(List.of(args));
    return run(command(all.toArray(String[]::new)));
  }

  /** {@code args} with sync = epoch and local[2]. */
  static String[] command(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of(SPARK));
    return all.toArray(String[]::new);
  }

  /** Runs the command line in process, capturing picocli's out and err and System.out (echoed to the real one). */
  static synchronized Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    ByteArrayOutputStream systemOut = new ByteArrayOutputStream();
    PrintStream original = System.out;
    System.setOut(new PrintStream(new Tee(systemOut, original), true, StandardCharsets.UTF_8));
    int code;
    try {
      CommandLine cli = Main.commandLine();
      cli.setOut(new PrintWriter(out, true));
      cli.setErr(new PrintWriter(err, true));
      code = cli.execute(args);
    } finally {
      System.out.flush();
      System.setOut(original);
    }
    original.print(out);
    System.err.print(err);
    return new Result(code, systemOut.toString(StandardCharsets.UTF_8) + out, err.toString());
  }

  private static final class Tee extends OutputStream {
    private final OutputStream a;
    private final OutputStream b;

    Tee(OutputStream a, OutputStream b) {
      this.a = a;
      this.b = b;
    }

    @Override
    public void write(int x) throws IOException {
      a.write(x);
      b.write(x);
    }

    @Override
    public void write(byte[] bytes, int off, int len) throws IOException {
      a.write(bytes, off, len);
      b.write(bytes, off, len);
    }
  }

  /** The lines of a Spark text output directory, part files in name order. */
  static List<String> partLines(Path output) throws IOException {
    List<String> lines = new ArrayList<>();
    try (Stream<Path> parts = Files.list(output)) {
      for (Path part : parts.filter(p -> p.getFileName().toString().startsWith("part-")).sorted().toList()) {
        lines.addAll(Files.readAllLines(part));
      }
    }
    return lines;
  }

  static List<JsonNode> metrics(Path output) throws IOException {
    List<JsonNode> lines = new ArrayList<>();
    for (String line : Files.readAllLines(output.resolve("metrics.jsonl"))) {
      if (!line.isBlank()) lines.add(JSON.readTree(line));
    }
    return lines;
  }

  static List<JsonNode> events(List<JsonNode> metrics, String event) {
    List<JsonNode> found = metrics.stream().filter(l -> event.equals(l.get("event").asText())).toList();
    assertFalse(found.isEmpty(), "no " + event + " event in " + metrics);
    return found;
  }

  static void assertClose(float[] expected, float[] actual, String what) {
    assertNotNull(actual);
    assertEquals(expected.length, actual.length, what + " count");
    float worst = 0;
    int at = -1;
    for (int i = 0; i < expected.length; i++) {
      float d = Math.abs(expected[i] - actual[i]);
      if (d > worst) {
        worst = d;
        at = i;
      }
    }
    System.out.printf("largest %s difference: %s%n", what, worst);
    assertTrue(worst <= 1e-6f, "largest " + what + " difference " + worst + " at " + at);
  }

  // ------------------------------------------------------------------------------------------ synthetic IDX data

  /** Labels of a set: a fixed pseudo-random class per sample. */
  static byte[] labels(int n, long seed) {
    Random r = new Random(seed);
    byte[] labels = new byte[n];
    for (int i = 0; i < n; i++) labels[i] = (byte) r.nextInt(CLASSES);
    return labels;
  }

  /**
   * {@code n} 28x28 images: each a class prototype (random pixels from a seed per class, shared by all sets) plus
   * Gaussian noise of standard deviation 60, clipped to [0, 255].
   */
  static void writeIdx(Path directory, String prefix, int n, long seed) throws IOException {
    Files.createDirectories(directory);
    int pixels = 28 * 28;
    byte[][] prototypes = new byte[CLASSES][pixels];
    for (int c = 0; c < CLASSES; c++) new Random(1000 + c).nextBytes(prototypes[c]);
    byte[] labels = labels(n, seed);
    Random noise = new Random(seed * 31 + 7);
    byte[] images = new byte[n * pixels];
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < pixels; k++) {
        double v = (prototypes[labels[i]][k] & 0xFF) + 60 * noise.nextGaussian();
        images[i * pixels + k] = (byte) Math.max(0, Math.min(255, Math.round(v)));
      }
    }
    writeIdxFile(directory.resolve(prefix + "-images-idx3-ubyte"), new int[] {n, 28, 28}, images);
    writeIdxFile(directory.resolve(prefix + "-labels-idx1-ubyte"), new int[] {n}, labels);
  }

  /** The images of an IDX set as CSV: a dummy label 0 (labels are ignored by predict), then the raw pixels. */
  static void writeCsv(Path directory, String prefix, Path csv) throws IOException {
    byte[] file = Files.readAllBytes(directory.resolve(prefix + "-images-idx3-ubyte"));
    int pixels = 28 * 28;
    int header = 16;
    int n = (file.length - header) / pixels;
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < n; i++) {
      text.append('0');
      for (int k = 0; k < pixels; k++) text.append(',').append(file[header + i * pixels + k] & 0xFF);
      text.append('\n');
    }
    Files.writeString(csv, text);
  }

  static void writeIdxFile(Path file, int[] dims, byte[] data) throws IOException {
    try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(file))) {
      out.writeShort(0);
      out.writeByte(0x08);
      out.writeByte(dims.length);
      for (int d : dims) out.writeInt(d);
      out.write(data);
    }
  }
}
