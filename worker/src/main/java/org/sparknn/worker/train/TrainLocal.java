package org.sparknn.worker.train;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.sparknn.config.JobConfig;
import org.sparknn.data.Block;
import org.sparknn.data.Dataset;
import org.sparknn.init.ParamInitializer;
import org.sparknn.io.IdxDataset;
import org.sparknn.io.ModelFile;
import org.sparknn.io.Provenance;
import org.sparknn.io.SavedModel;
import org.sparknn.spec.SpecException;
import org.sparknn.tensor.ParamLayout;
import org.sparknn.worker.EvalStats;
import org.sparknn.worker.Network;
import org.sparknn.worker.cpu.CpuBackend;

/**
 * Trains a job configuration in this one process on the CPU backend (no Spark): loads the data, prints a line per
 * epoch and the final test accuracy, and saves the model to {@code <output>/model/model.snn}.
 *
 * <p>Usage: {@code TrainLocal CONFIG [key=value ...]}.
 */
public final class TrainLocal {
  private TrainLocal() {}

  public static void main(String[] args) throws IOException {
    if (args.length == 0 || Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
      System.out.println("usage: sparknn-local CONFIG [key=value ...]\n"
          + "  Trains the model of CONFIG (a HOCON file, see conf/) in this process on the CPU backend.\n"
          + "  key=value overrides any configuration key, e.g. training.epochs=2 optimizer.lr=0.01");
      System.exit(args.length == 0 ? 2 : 0);
    }
    JobConfig job;
    try {
      Path file = Path.of(args[0]);
      if (!Files.isRegularFile(file)) throw new SpecException("", args[0] + ": no such configuration file");
      job = JobConfig.parse(Files.readString(file, StandardCharsets.UTF_8), args[0],
          List.of(args).subList(1, args.length));
    } catch (SpecException e) {
      System.err.println("error: " + e.getMessage());
      System.exit(2);
      return;
    }
    run(job);
  }

  static void run(JobConfig job) throws IOException {
    Dataset all = IdxDataset.loadPrefix(Path.of(job.data().train()), job.data().scaling());
    int held = Math.round(all.samples().rows() * job.data().validationSplit());
    int kept = all.samples().rows() - held;
    Block train = held == 0 ? all.samples() : all.samples().copyOfRows(0, kept);
    Block validation = held == 0 ? null : all.samples().copyOfRows(kept, all.samples().rows());
    CpuBackend backend = new CpuBackend();
    System.out.printf("model: %d layers, %,d parameters; optimizer %s; backend %s%n", job.model().layers().size(),
        ParamLayout.of(job.model()).paramSize(), job.optimizer().type(), backend.device());
    System.out.printf("data: %,d training and %,d validation samples; batch %d; %d epochs%n",
        train.rows(), held, job.training().batchSize(), job.training().epochs());

    LocalTrainer trainer = new LocalTrainer(backend, job.model(), job.optimizer(), job.training());
    LocalTrainer.Result result = trainer.train(ParamInitializer.initialize(job.model(), job.training().seed()),
        train, validation, TrainLocal::printEpoch);

    if (job.data().test() != null) {
      Dataset test = IdxDataset.loadPrefix(Path.of(job.data().test()), job.data().scaling());
      try (Network net = backend.compile(job.model(), 1024)) {
        EvalStats s = Evaluation.of(net, result.state(), test.samples());
        System.out.printf("test: loss %.4f accuracy %.4f (%,d samples)%n", s.meanLoss(), s.accuracy(), s.samples());
      }
    }
    Path modelFile = Path.of(job.output(), "model", "model.snn");
    Files.createDirectories(modelFile.getParent());
    Provenance provenance = new Provenance(job.source().root().render(), job.training().seed(),
        TrainLocal.class.getPackage().getImplementationVersion() == null ? "dev"
            : TrainLocal.class.getPackage().getImplementationVersion(),
        System.getProperty("java.version"), "cpu", backend.device(), Map.of("trainer", "local"));
    ModelFile.save(new SavedModel(job.model(), result.state(), provenance), modelFile);
    System.out.println("model saved to " + modelFile);
  }

  private static void printEpoch(EpochReport r) {
    String validation = r.validation() == null ? ""
        : String.format(" | val loss %.4f acc %.4f", r.validation().meanLoss(), r.validation().accuracy());
    System.out.printf("epoch %d: train loss %.4f acc %.4f%s | %,.0f samples/s, %.1f s%n", r.epoch(),
        r.train().meanLoss(), r.train().accuracy(), validation, r.samplesPerSecond(), r.trainSeconds());
  }
}
