package org.sparknn.driver.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sparknn.data.FashionMnist;
import org.sparknn.driver.Bits;
import org.sparknn.driver.cli.Main;
import org.sparknn.init.ParamInitializer;
import org.sparknn.io.ModelFile;
import org.sparknn.io.SavedModel;

/**
 * Must-show 3 of the Spark driver: the same job, submitted with scripts/submit.sh (spark-submit) to a real
 * standalone cluster of separate JVMs on this machine (scripts/dev-cluster.sh: a master and two workers of one core,
 * so the two training partitions live in two executor JVMs), gives the model that local mode gives.
 *
 * <p>The job is conf/fashion-mnist-mlp.conf for one epoch on 2,000 training samples (200 of them held out for
 * validation) and 500 test samples cut from Fashion-MNIST (synthetic images of the same shape where the data set is
 * not installed), two partitions, sync = step. The cluster run goes through spark-submit with the application jar;
 * the local run through the command line's own entry point ({@link Main}, what scripts/sparknn runs) with
 * {@code --master local[2]}, in this JVM.
 *
 * <p>Tolerance: parameters within {@value #PARAM_TOLERANCE} absolute, losses within {@value #LOSS_TOLERANCE}
 * relative. Both runs start from the same seed and cut the data into the same shards, so every partition computes
 * the same float operations in the same order, and the partitions' sums are combined in a fixed order (OrderedSum;
 * before it, Spark's treeReduce merged them in finishing order, which changed the rounding with more than two
 * partitions). So the models agree bit for bit (the test prints how many parameters differ; ExecutorLossIT asserts
 * bitwise equality on four partitions); the tolerance allows for a BLAS that picks another kernel in another JVM. A
 * real defect (a lost partition, a stale broadcast, a wrong sample count) moves parameters by the size of an update,
 * 1e-3 (Adam's lr) or more.
 *
 * <p>Both runs use training.deterministic, and a third, local run on four partitions must give the cluster run's
 * model bit for bit (issue 6: the partition count and local or cluster mode do not change a bit), which
 * {@code sparknn verify} confirms from the runs' metrics.jsonl.
 *
 * <p>Runs in Maven's integration-test phase (failsafe), after package built the application jar and
 * driver/target/spark-jars. A cluster that cannot start fails the test with the daemons' log tails.
 */
class StandaloneClusterIT {
  static final double PARAM_TOLERANCE = 1e-5;
  static final double LOSS_TOLERANCE = 1e-5;
  private static final int TRAIN_SAMPLES = 2000;
  private static final int TEST_SAMPLES = 500;
  private static final long START_TIMEOUT_S = 180;
  private static final long JOB_TIMEOUT_S = 300;

  private static final Path ROOT = Path.of(System.getProperty("sparknn.root",
      Path.of(System.getProperty("user.dir")).resolve("..").toString())).toAbsolutePath().normalize();
  private static final Path WORK = ROOT.resolve("driver/target/standalone-cluster-it");
  private static final Path HOME = WORK.resolve("cluster");
  private static int port;
  private static Running clusterStart;
  private static long clusterStartNanos;
  private static Thread stopOnExit;

  /**
   * Starts the cluster in the background: its JVMs boot while the local-mode run goes on in this JVM, and the test
   * waits for it ({@link #awaitCluster}) only before submitting.
   */
  @BeforeAll
  static void startCluster() throws Exception {
    if (Files.isDirectory(HOME)) { // a cluster left by an earlier run that was killed
      run("dev-cluster-stop-earlier", 120, script("dev-cluster.sh"), "stop", "--home", HOME.toString());
    }
    deleteTree(WORK);
    Files.createDirectories(WORK);
    port = freePort();
    int webUi = freePort();
    while (webUi == port) webUi = freePort();
    stopOnExit = new Thread(StandaloneClusterIT::stopQuietly, "stop dev cluster");
    Runtime.getRuntime().addShutdownHook(stopOnExit); // also when the test JVM is killed by a timeout
    clusterStartNanos = System.nanoTime();
    clusterStart = launch("dev-cluster-start", script("dev-cluster.sh"), "start", "--workers", "2", "--cores", "1",
        "--memory", "2g", "--port", Integer.toString(port), "--webui-port", Integer.toString(webUi),
        "--home", HOME.toString());
  }

  /** Waits for scripts/dev-cluster.sh start; fails with its output (the daemons' log tails) if it failed. */
  static String awaitCluster() throws Exception {
    Result r = clusterStart.await(START_TIMEOUT_S);
    if (r.exit != 0) fail("the dev cluster did not start (exit " + r.exit + "):\n" + r.output());
    String url = r.lastStdoutLine();
    assertEquals("spark://127.0.0.1:" + port, url, r.output());
    System.out.printf("dev cluster %s up %.1f s after the start (in the background)%n", url,
        seconds(clusterStartNanos));
    return url;
  }

  @AfterAll
  static void stopCluster() throws Exception {
    if (stopOnExit == null) return;
    if (clusterStart != null) clusterStart.await(START_TIMEOUT_S); // a start still in progress finishes first
    Result r = run("dev-cluster-stop", 120, script("dev-cluster.sh"), "stop", "--home", HOME.toString());
    Runtime.getRuntime().removeShutdownHook(stopOnExit);
    assertEquals(0, r.exit, "dev-cluster.sh stop:\n" + r.output());
    assertTrue(listPidFiles().isEmpty(), "pid files left after stop: " + listPidFiles());
  }

  @Test
  void jobOnTheStandaloneClusterGivesTheModelOfLocalMode() throws Exception {
    Path data = WORK.resolve("data");
    String source = writeData(data);
    List<String> job = new ArrayList<>(List.of("train", ROOT.resolve("conf/fashion-mnist-mlp.conf").toString(),
        "--set", "training.epochs=1",
        "--set", "data.train=" + quoted(data.resolve("train")),
        "--set", "data.test=" + quoted(data.resolve("test")),
        "--set", "training.partitions=2",
        "--set", "training.sync=step",
        "--set", "training.deterministic=true"));
    Path clusterOut = WORK.resolve("cluster-run");
    Path localOut = WORK.resolve("local-run");
    Path localFourOut = WORK.resolve("local-run-4-partitions");

    // 1. Local mode, in this JVM, while the cluster starts.
    List<String> local = new ArrayList<>(job);
    local.addAll(List.of("--master", "local[2]", "--output", localOut.toString()));
    long started = System.nanoTime();
    int localExit = Main.commandLine().execute(local.toArray(String[]::new));
    double localSeconds = seconds(started);
    assertEquals(0, localExit, "the local-mode job failed");
    List<String> localFour = new ArrayList<>(job);
    localFour.addAll(List.of("--set", "training.partitions=4", "--master", "local[4]", "--output",
        localFourOut.toString()));
    assertEquals(0, Main.commandLine().execute(localFour.toArray(String[]::new)), "the 4-partition job failed");

    // 2. The same command line through spark-submit to the standalone cluster. Both executors (one core each) must
    //    have registered before the first job, so that the two partitions are computed in two executor JVMs.
    String masterUrl = awaitCluster();
    List<String> submit = new ArrayList<>(List.of(script("submit.sh"), "--master", masterUrl,
        "--conf", "spark.ui.enabled=false",
        "--executor-memory", "1g",
        "--total-executor-cores", "2",
        "--conf", "spark.scheduler.minRegisteredResourcesRatio=1.0",
        "--conf", "spark.scheduler.maxRegisteredResourcesWaitingTime=120s",
        "--"));
    submit.addAll(job);
    submit.addAll(List.of("--output", clusterOut.toString()));
    started = System.nanoTime();
    Result cluster = launch("submit", submit.toArray(String[]::new)).await(JOB_TIMEOUT_S);
    double clusterSeconds = seconds(started);
    assertEquals(0, cluster.exit, "the cluster job failed:\n" + cluster.output());
    assertTrue(cluster.stdout.contains("master " + masterUrl), "the job did not run on " + masterUrl + ":\n"
        + cluster.output());

    // 3. Same model, same metrics.
    SavedModel onCluster = ModelFile.load(clusterOut.resolve("model/model.snn"));
    SavedModel inLocalMode = ModelFile.load(localOut.resolve("model/model.snn"));
    assertEquals(masterUrl, onCluster.provenance().extra().get("master"));
    assertEquals("local[2]", inLocalMode.provenance().extra().get("master"));
    assertEquals(inLocalMode.spec(), onCluster.spec());
    float[] a = onCluster.state().params();
    float[] b = inLocalMode.state().params();
    assertEquals(b.length, a.length, "parameter count");
    double maxDiff = 0;
    int bitDifferent = 0;
    for (int i = 0; i < a.length; i++) {
      maxDiff = Math.max(maxDiff, Math.abs(a[i] - b[i]));
      if (Float.floatToRawIntBits(a[i]) != Float.floatToRawIntBits(b[i])) bitDifferent++;
      assertEquals(b[i], a[i], PARAM_TOLERANCE, "parameter " + i);
    }
    assertArrayEquals(inLocalMode.state().buffers(), onCluster.state().buffers(), (float) PARAM_TOLERANCE,
        "buffers");
    // Training moved the parameters far beyond the tolerance: the two models are not both left at initialisation.
    float[] initial = ParamInitializer.initialize(onCluster.spec(), onCluster.provenance().seed()).params();
    double moved = 0;
    for (int i = 0; i < a.length; i++) moved = Math.max(moved, Math.abs(a[i] - initial[i]));
    assertTrue(moved > 100 * PARAM_TOLERANCE, "training barely moved the parameters: " + moved);

    List<JsonNode> clusterMetrics = metrics(clusterOut);
    List<JsonNode> localMetrics = metrics(localOut);
    assertEquals(1, epochs(localMetrics).size(), "epochs in local metrics.jsonl");
    assertEquals(epochs(localMetrics).size(), epochs(clusterMetrics).size(), "epochs in metrics.jsonl");
    for (int e = 0; e < epochs(localMetrics).size(); e++) {
      JsonNode x = epochs(clusterMetrics).get(e);
      JsonNode y = epochs(localMetrics).get(e);
      assertEquals(y.get("epoch").asInt(), x.get("epoch").asInt());
      assertEquals(y.get("rounds").asLong(), x.get("rounds").asLong(), "rounds of epoch " + (e + 1));
      for (String key : List.of("train_loss", "val_loss")) {
        assertClose(y.get(key).asDouble(), x.get(key).asDouble(), key + " of epoch " + (e + 1));
      }
    }
    JsonNode clusterTest = last(clusterMetrics, "test");
    JsonNode localTest = last(localMetrics, "test");
    assertEquals(TEST_SAMPLES, localTest.get("test_samples").asLong());
    assertEquals(localTest.get("test_samples").asLong(), clusterTest.get("test_samples").asLong());
    assertClose(localTest.get("test_loss").asDouble(), clusterTest.get("test_loss").asDouble(), "test_loss");

    // Deterministic mode: the cluster's 2 partitions give the bits of local mode's 4, and verify agrees.
    Bits.assertSameModel(localFourOut, clusterOut);
    assertEquals(0, Main.commandLine().execute("verify", localFourOut.toString(), clusterOut.toString()),
        "sparknn verify");

    // 4. The partitions really ran in executor JVMs the workers started: each worker holds an executor directory.
    for (int w = 1; w <= 2; w++) {
      Path workerDir = HOME.resolve("work/worker-" + w);
      try (Stream<Path> apps = Files.list(workerDir)) {
        assertTrue(apps.anyMatch(p -> p.getFileName().toString().startsWith("app-")),
            "no executor of the application ran on worker " + w + " (" + workerDir + ")");
      }
    }

    System.out.printf("standalone cluster vs local[2] on %s: %d parameters, max |difference| %.3g, %d not "
        + "bit-identical; cluster job %.1f s (spark-submit, JVM start included), local job %.1f s%n", source,
        a.length, maxDiff, bitDifferent, clusterSeconds, localSeconds);
  }

  // ---- data

  /** Writes train (2,000) and test (500) IDX files under dir; returns a description of where they came from. */
  static String writeData(Path dir) throws IOException { // also used by DeterministicFashionMnistTest
    Files.createDirectories(dir);
    Path fashion = Path.of(FashionMnist.DEFAULT_DIR);
    Path trainImages = fashion.resolve(FashionMnist.TRAIN_PREFIX + "-images-idx3-ubyte.gz");
    Path trainLabels = fashion.resolve(FashionMnist.TRAIN_PREFIX + "-labels-idx1-ubyte.gz");
    Path testImages = fashion.resolve(FashionMnist.TEST_PREFIX + "-images-idx3-ubyte.gz");
    Path testLabels = fashion.resolve(FashionMnist.TEST_PREFIX + "-labels-idx1-ubyte.gz");
    if (Stream.of(trainImages, trainLabels, testImages, testLabels).allMatch(Files::isRegularFile)) {
      cut(trainImages, dir.resolve("train-images-idx3-ubyte"), TRAIN_SAMPLES);
      cut(trainLabels, dir.resolve("train-labels-idx1-ubyte"), TRAIN_SAMPLES);
      cut(testImages, dir.resolve("test-images-idx3-ubyte"), TEST_SAMPLES);
      cut(testLabels, dir.resolve("test-labels-idx1-ubyte"), TEST_SAMPLES);
      return "the first samples of Fashion-MNIST";
    }
    synthetic(dir, "train", TRAIN_SAMPLES, 1);
    synthetic(dir, "test", TEST_SAMPLES, 2);
    return "synthetic 28x28 images (Fashion-MNIST is not installed in " + fashion + ")";
  }

  /** The first n items of a gzipped IDX file, written uncompressed with its first dimension set to n. */
  private static void cut(Path gz, Path out, int n) throws IOException {
    try (DataInputStream in = new DataInputStream(new GZIPInputStream(Files.newInputStream(gz)));
        DataOutputStream o = new DataOutputStream(Files.newOutputStream(out))) {
      int magic = in.readInt();
      int rank = magic & 0xff;
      int[] dims = new int[rank];
      for (int d = 0; d < rank; d++) dims[d] = in.readInt();
      if (dims[0] < n) throw new IOException(gz + " has only " + dims[0] + " items");
      long itemBytes = 1;
      for (int d = 1; d < rank; d++) itemBytes *= dims[d];
      o.writeInt(magic);
      o.writeInt(n);
      for (int d = 1; d < rank; d++) o.writeInt(dims[d]);
      o.write(in.readNBytes(Math.toIntExact(itemBytes * n)));
    }
  }

  /** Ten classes of 28x28 images: class c is a bright band at rows 2c..2c+7 over seeded noise. */
  private static void synthetic(Path dir, String prefix, int n, long seed) throws IOException {
    SplittableRandom random = new SplittableRandom(seed);
    byte[] pixels = new byte[n * 784];
    byte[] labels = new byte[n];
    for (int i = 0; i < n; i++) {
      int c = random.nextInt(10);
      labels[i] = (byte) c;
      for (int k = 0; k < 784; k++) {
        int row = k / 28;
        int v = random.nextInt(80) + (row >= 2 * c && row < 2 * c + 8 ? 150 : 0);
        pixels[i * 784 + k] = (byte) Math.min(255, v);
      }
    }
    writeIdx(dir.resolve(prefix + "-images-idx3-ubyte"), new int[] {n, 28, 28}, pixels);
    writeIdx(dir.resolve(prefix + "-labels-idx1-ubyte"), new int[] {n}, labels);
  }

  private static void writeIdx(Path file, int[] dims, byte[] data) throws IOException {
    try (DataOutputStream o = new DataOutputStream(Files.newOutputStream(file))) {
      o.writeInt(0x0800 | dims.length);
      for (int d : dims) o.writeInt(d);
      o.write(data);
    }
  }

  // ---- metrics

  private static List<JsonNode> metrics(Path out) throws IOException {
    ObjectMapper json = new ObjectMapper();
    List<JsonNode> lines = new ArrayList<>();
    for (String line : Files.readAllLines(out.resolve("metrics.jsonl"))) {
      if (!line.isBlank()) lines.add(json.readTree(line));
    }
    return lines;
  }

  private static List<JsonNode> epochs(List<JsonNode> metrics) {
    return metrics.stream().filter(m -> "epoch".equals(m.path("event").asText())).toList();
  }

  private static JsonNode last(List<JsonNode> metrics, String event) {
    return metrics.stream().filter(m -> event.equals(m.path("event").asText())).reduce((x, y) -> y)
        .orElseThrow(() -> new AssertionError("no '" + event + "' line in metrics.jsonl"));
  }

  private static void assertClose(double expected, double actual, String what) {
    assertEquals(expected, actual, LOSS_TOLERANCE * Math.max(1, Math.abs(expected)), what);
  }

  // ---- processes

  record Result(int exit, String stdout, String stderr) {
    String output() {
      return "---- stdout\n" + tail(stdout) + "\n---- stderr\n" + tail(stderr);
    }

    String lastStdoutLine() {
      String[] lines = stdout.strip().split("\n");
      return lines[lines.length - 1].strip();
    }

    private static String tail(String s) {
      String[] lines = s.split("\n");
      return String.join("\n", List.of(lines).subList(Math.max(0, lines.length - 80), lines.length));
    }
  }

  /** A command running from the repository root, its output going to files (no pipe to drain). */
  record Running(Process process, Path out, Path err, List<String> command) {
    /** Waits for the command; kills it (and its children) after the timeout. */
    Result await(long timeoutSeconds) throws IOException, InterruptedException {
      if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor();
        return new Result(124, Files.readString(out), Files.readString(err) + "\n(killed after " + timeoutSeconds
            + " s: " + String.join(" ", command) + ")");
      }
      return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
    }
  }

  static Running launch(String name, String... command) throws IOException {
    Path out = WORK.resolve(name + ".out");
    Path err = WORK.resolve(name + ".err");
    ProcessBuilder pb = new ProcessBuilder(command).directory(ROOT.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
        .redirectOutput(out.toFile()).redirectError(err.toFile());
    pb.environment().put("SPARKNN_SKIP_BUILD", "1"); // Maven's package phase has just built the jars
    pb.environment().put("SPARKNN_CLUSTER_TIMEOUT", Long.toString(START_TIMEOUT_S - 30));
    return new Running(pb.start(), out, err, List.of(command));
  }

  static Result run(String name, long timeoutSeconds, String... command) throws IOException, InterruptedException {
    return launch(name, command).await(timeoutSeconds);
  }

  private static void stopQuietly() {
    try {
      run("dev-cluster-stop-on-exit", 60, script("dev-cluster.sh"), "stop", "--home", HOME.toString());
    } catch (IOException | InterruptedException e) {
      System.err.println("could not stop the dev cluster in " + HOME + ": " + e);
    }
  }

  private static List<Path> listPidFiles() throws IOException {
    Path pids = HOME.resolve("pids");
    if (!Files.isDirectory(pids)) return List.of();
    try (Stream<Path> files = Files.list(pids)) {
      return files.toList();
    }
  }

  private static String script(String name) {
    return ROOT.resolve("scripts").resolve(name).toString();
  }

  private static String quoted(Path path) {
    return "\"" + path.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) return;
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
    }
  }
}
