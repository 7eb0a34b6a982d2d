package org.sparknn.driver.run;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.sparknn.config.JobConfig;
import org.sparknn.data.ShardBlock;
import org.sparknn.driver.data.BlockPlan;
import org.sparknn.driver.data.BlockSet;
import org.sparknn.driver.data.DataFormat;
import org.sparknn.driver.data.DataLoader;
import org.sparknn.driver.data.DataSpec;
import org.sparknn.driver.data.SplitBlocks;
import org.sparknn.driver.predict.EvaluationReport;
import org.sparknn.driver.report.ConsoleProgress;
import org.sparknn.driver.report.ProgressMode;
import org.sparknn.driver.report.RunReport;
import org.sparknn.driver.train.ShardedData;
import org.sparknn.driver.train.TrainJob;
import org.sparknn.init.ParamInitializer;
import org.sparknn.io.Checkpoint;
import org.sparknn.io.EpochCursor;
import org.sparknn.io.ModelFile;
import org.sparknn.io.Provenance;
import org.sparknn.io.SavedModel;
import org.sparknn.optim.OptState;
import org.sparknn.optim.VectorWarmUp;
import org.sparknn.spec.LossKind;
import org.sparknn.spec.SpecException;
import org.sparknn.tensor.ModelState;
import org.sparknn.worker.EvalStats;
import org.sparknn.worker.partition.NetworkCache;

/**
 * The {@code train} command: load and shard the data, train (or resume), evaluate on the test set, save the model.
 * Output directory: {@code model/model.snn}, {@code checkpoints/}, {@code metrics.jsonl}, {@code report.html} and
 * {@code charts/}.
 */
public final class TrainRun {
  static final int KEEP_CHECKPOINTS = 3;

  private TrainRun() {}

  static final long DEFAULT_EXECUTOR_TIMEOUT_S = 120;

  /** Runs the job; {@code master} null means spark-submit's or local[*]. Returns the test figures (or null). */
  public static EvalStats run(JobConfig job, String master, boolean resume) throws IOException {
    return run(job, master, resume, ProgressMode.LINES, DEFAULT_EXECUTOR_TIMEOUT_S);
  }

  /**
   * As above, showing progress as {@code progress} says (a bar per epoch turns Spark's console bar off); on a
   * cluster, fails after {@code executorTimeoutSeconds} without any executor while a job waits (0: waits as long as
   * Spark does, forever). Ctrl-C or SIGTERM stops Spark between file writes.
   */
  public static EvalStats run(JobConfig job, String master, boolean resume, ProgressMode progress,
      long executorTimeoutSeconds) throws IOException {
    ProgressMode shown = progress.resolve();
    SparkSession spark = SparkSetup.session("sparknn " + job.output(), master, shown == ProgressMode.BAR);
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    try (ShutdownGuard guard = new ShutdownGuard(spark, job.output() + "/checkpoints");
        ExecutorWatch watch = ExecutorWatch.start(sc, executorTimeoutSeconds)) {
      try {
        return run(spark, job, resume, shown);
      } catch (Exception e) { // SparkException (a cancelled job) is checked, though Scala does not declare it
        if (watch.failure() != null) throw new NoExecutorsException(watch.failure());
        throw e;
      }
    } finally {
      spark.stop();
    }
  }

  static EvalStats run(SparkSession spark, JobConfig job, boolean resume) throws IOException {
    return run(spark, job, resume, ProgressMode.LINES);
  }

  static EvalStats run(SparkSession spark, JobConfig job, boolean resume, ProgressMode progress)
      throws IOException {
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    AtomicFiles files = new AtomicFiles(sc.hadoopConfiguration());
    String out = job.output();
    int shards = job.training().shards();
    int partitions = job.parallel().partitionsFor(sc.defaultParallelism(), shards);

    VectorWarmUp.start(); // compiles the parameter server's SIMD loops while the data loads
    sc.setJobDescription("sparknn: loading " + job.data().train());
    SplitBlocks data = new DataLoader(spark).load(spec(job, job.data().train()),
        BlockPlan.over(partitions), job.data().validationSplit());
    long samples = data.train().samples();
    JavaRDD<ShardBlock> train = ShardedData.of(data.train().blocks(), shards, partitions).setName("training shards");
    ShardedData.count(train); // materialise the shards, then drop the read layout
    data.train().blocks().unpersist(true);
    // Loading leaves the read and laid-out copies of the data as garbage in the old generation, near the heap's
    // limit. One full collection now (0.2-0.3 s, before the timed epochs) lets G1 shrink the heap to what training
    // uses: B1's peak RSS went from 1,339 to 1,219 MiB (bench/RESULTS.md, "Memory"). In local mode this JVM holds
    // the executors' copies; on a cluster only the driver's garbage is collected here.
    System.gc();
    BlockSet validation = data.validation();

    Provenance provenance = new Provenance(job.source().root().render(), job.training().seed(), version(),
        System.getProperty("java.version"), job.parallel().backend().configName(),
        NetworkCache.describe(job.parallel().backend()),
        Map.of("spark", spark.version(), "master", sc.master(), "partitions", Integer.toString(partitions),
            "sync", job.parallel().sync().toString(), "shards", Integer.toString(shards),
            ResumeCheck.SAMPLES, Long.toString(samples)));
    ModelState state = ParamInitializer.initialize(job.model(), job.training().seed());
    OptState optState = job.optimizer().create().init(state.params().length);
    int firstEpoch = 0;
    EpochCursor cursor = EpochCursor.START;
    CheckpointStore checkpoints = new CheckpointStore(files, out + "/checkpoints", KEEP_CHECKPOINTS);
    List<String> earlierMetrics = List.of();
    if (resume) {
      Checkpoint c = checkpoints.latest().orElseThrow(() -> new SpecException("--resume",
          "no readable checkpoint in " + out + "/checkpoints"));
      String note = ResumeCheck.check(c, job, samples, out);
      if (note != null) System.out.println(note);
      state = c.model().state();
      optState = c.optState();
      firstEpoch = c.epochsDone();
      cursor = c.cursor();
      earlierMetrics = MetricsLog.keptOnResume(MetricsLog.existing(files, out + "/metrics.jsonl"), firstEpoch);
      System.out.printf("resuming after epoch %d%s from %s/checkpoints%n", firstEpoch, cursor.atStart() ? ""
          : " and " + cursor.roundsDone() + " rounds of epoch " + (firstEpoch + 1)
              + (job.parallel().sync().isGradient() ? " (step " + c.globalStep() + ")" : ""), out);
    }
    MetricsLog metrics = new MetricsLog(files, out + "/metrics.jsonl", earlierMetrics);

    System.out.print(org.sparknn.spec.ModelSummary.render(job.model()));
    System.out.printf("optimizer: %s%n", job.optimizer().type());
    System.out.printf("data: %,d training, %,d validation samples; %d partitions of %d shards; sync %s; global batch"
        + " %d; backend %s; master %s%n", samples, validation == null ? 0 : validation.samples(), partitions, shards,
        job.parallel().sync(), job.training().batchSize(), NetworkCache.describe(job.parallel().backend()), sc.master());
    System.out.println(memoryEstimate(sc, job, state.params().length, optState.slotCount(), partitions, samples)
        .describe() + (sc.isLocal() ? String.format("; this JVM's heap limit %,d MiB", Runtime.getRuntime().maxMemory()
        >> 20) : " per executor"));

    TrainJob trainJob = new TrainJob(sc, job, job.parallel().sync(), samples);
    long stepsPerEpoch = (samples + job.training().batchSize() - 1) / job.training().batchSize();
    TrainJob.ParameterServerState result;
    try (ConsoleProgress shown = new ConsoleProgress(progress, job.training().epochs(), System.out,
        new EpochReporter(job.training().epochs(), stepsPerEpoch, job.model(), provenance, metrics, checkpoints))) {
      result = trainJob.train(new TrainJob.Inputs(train, samples, validation == null ? null : validation.blocks()),
          state, optState, firstEpoch, cursor, shown);
    }
    train.unpersist(false);
    if (validation != null) validation.unpersist();

    EvalStats test = job.data().test() == null ? null : test(spark, sc, job, result.state(), metrics);
    String modelPath = out + "/model/model.snn";
    files.write(modelPath, o -> ModelFile.write(new SavedModel(job.model(), result.state(), provenance), o));
    System.out.println("model saved to " + modelPath);
    report(sc, out);
    recordPeakRss(metrics);
    return test;
  }

  private static EvalStats test(SparkSession spark, JavaSparkContext sc, JobConfig job, ModelState state,
      MetricsLog metrics) throws IOException {
    sc.setJobDescription("sparknn: test set " + job.data().test());
    BlockSet test = new DataLoader(spark).load(spec(job, job.data().test()), BlockPlan.over(sc.defaultParallelism()));
    try {
      EvaluationReport report = EvaluationReport.of(sc, test.blocks(), job.model(), state);
      System.out.println(report.render("test"));
      metrics.record("test", report.fields("test"));
      return report.stats();
    } finally {
      test.unpersist();
    }
  }

  /**
   * The {@code end} line of metrics.jsonl: the JVM's peak resident memory over the whole run (loading, training,
   * test evaluation, report), which in local mode is the whole run's; nothing where the OS does not say.
   */
  private static void recordPeakRss(MetricsLog metrics) throws IOException {
    java.util.OptionalLong peak = PeakRss.bytes();
    if (peak.isEmpty()) return;
    System.out.printf("peak resident memory of this JVM (VmHWM): %,d MiB%n", peak.getAsLong() >> 20);
    metrics.record("end", Map.of("peak_rss_bytes", peak.getAsLong()));
  }

  /**
   * {@link MemoryEstimate} for this run: in local mode the whole JVM (every partition's task and the driver); on a
   * cluster one executor running {@code spark.executor.cores} tasks (default 1) and holding their share of the rows.
   */
  static MemoryEstimate memoryEstimate(JavaSparkContext sc, JobConfig job, long params, int slots, int partitions,
      long samples) {
    int tasks = sc.isLocal() ? partitions : Math.min(partitions, sc.getConf().getInt("spark.executor.cores", 1));
    long rows = (samples * tasks + partitions - 1) / partitions;
    long activations = 0;
    for (org.sparknn.spec.Shape shape : job.model().shapes()) activations += shape.size();
    long rowsPerStep = (job.training().batchSize() + partitions - 1) / partitions;
    return new MemoryEstimate(params, slots, !job.parallel().sync().isGradient(), tasks, rowsPerStep,
        org.sparknn.driver.train.DistributedEvaluation.evalRows(job.model()), activations, rows,
        job.model().inputSize() + job.model().labelWidth(), sc.isLocal() ? partitions : 0,
        TrainJob.exchangesInMemory(sc, job.parallel().sync(), partitions));
  }

  /** The run's report.html; a failure to draw it is reported but does not fail a run whose model is saved. */
  private static void report(JavaSparkContext sc, String out) {
    try {
      System.out.println("report written to " + RunReport.write(sc.hadoopConfiguration(), out));
    } catch (IOException | RuntimeException e) {
      System.err.println("warning: no report: " + e.getMessage() + " (retry with: sparknn report " + out + ")");
    }
  }

  private static DataSpec spec(JobConfig job, String path) {
    DataFormat format = job.data().format() == null ? DataFormat.guess(path) : DataFormat.parse(job.data().format());
    int classes = job.model().loss() == LossKind.SOFTMAX_CROSS_ENTROPY ? job.model().outputSize() : 0;
    return DataSpec.of(path, format).withFeatures(job.model().inputSize()).withClasses(classes)
        .withScaling(job.data().scaling());
  }

  private static String version() {
    String v = TrainRun.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }
}
