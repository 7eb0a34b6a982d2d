package org.sparknn.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.launcher.JavaModuleOptions;
import org.junit.jupiter.api.Test;

/**
 * scripts/jvm-options is the list our launchers (scripts/sparknn, scripts/submit.sh, scripts/dev-cluster.sh) add to
 * every JVM that runs Spark. It must be exactly the list spark-submit itself adds,
 * {@link JavaModuleOptions#defaultModuleOptions()}, in its order, except {@code --add-modules=jdk.incubator.vector},
 * which the launchers add separately (they need it for netlib's Vector API BLAS even where Spark does not list it).
 * When Spark changes its list this test fails and names the difference.
 */
class SparkJvmOptionsTest {
  private static final String VECTOR_MODULE = "--add-modules=jdk.incubator.vector";

  @Test
  void jvmOptionsFileIsSparksModuleOptionList() throws IOException {
    Path file = Path.of(System.getProperty("user.dir")).resolve("../scripts/jvm-options").normalize();
    assertTrue(Files.isRegularFile(file), "no " + file + " (the test runs from the driver module directory)");
    List<String> ours = Files.readAllLines(file).stream()
        .map(String::strip)
        .filter(line -> !line.isEmpty() && !line.startsWith("#"))
        .toList();
    List<String> spark = Arrays.stream(JavaModuleOptions.defaultModuleOptions().split(" "))
        .filter(option -> !option.isEmpty() && !option.equals(VECTOR_MODULE))
        .toList();
    assertEquals(String.join("\n", spark), String.join("\n", ours),
        file + " differs from org.apache.spark.launcher.JavaModuleOptions.defaultModuleOptions() (without "
            + VECTOR_MODULE + "); copy Spark's list, one option a line");
  }
}
