package io.weft.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** Runs the JMH benchmarks ({@link Json0Bench}) in a forked JVM and collects their scores. */
final class MicroBench {
  private MicroBench() {
  }

  /** @param quick one short iteration each, to check that they run rather than to measure */
  static List<MicroResult> run(Path log, boolean quick) {
    ChainedOptionsBuilder options = new OptionsBuilder()
        .include(Json0Bench.class.getName() + "\\.")
        .output(log.toString());
    if (quick) {
      options.warmupIterations(1).warmupTime(TimeValue.milliseconds(300))
          .measurementIterations(1).measurementTime(TimeValue.milliseconds(500));
    }
    try {
      Collection<RunResult> results = new Runner(options.build()).run();
      List<MicroResult> out = new ArrayList<>();
      for (RunResult r : results) {
        String name = r.getParams().getBenchmark();
        out.add(new MicroResult(name.substring(name.lastIndexOf('.') + 1), round(r.getPrimaryResult().getScore()),
            round(r.getPrimaryResult().getScoreError()), r.getPrimaryResult().getScoreUnit()));
      }
      return out;
    } catch (RunnerException e) {
      throw new IllegalStateException("JMH failed; see " + log, e);
    }
  }

  /** Benchmarks of {@link Json0Bench} that produced no score (JMH logs their failure and goes on). */
  static List<String> missing(List<MicroResult> results) {
    List<String> missing = new ArrayList<>();
    for (java.lang.reflect.Method m : Json0Bench.class.getMethods()) {
      if (m.isAnnotationPresent(org.openjdk.jmh.annotations.Benchmark.class)
          && results.stream().noneMatch(r -> r.benchmark().equals(m.getName()))) {
        missing.add(m.getName());
      }
    }
    return missing;
  }

  private static double round(double value) {
    return Double.isNaN(value) ? value : Math.round(value * 10) / 10.0;
  }
}
