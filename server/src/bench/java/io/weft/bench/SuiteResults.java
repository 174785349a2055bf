package io.weft.bench;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import java.util.ArrayList;
import java.util.List;

/** Everything one suite run measured: what results.json holds and the report shows. */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
final class SuiteResults {
  Environment environment;
  BenchOptions options;
  final List<LoadResult> warmups = new ArrayList<>();
  final List<LoadResult> shapes = new ArrayList<>();
  final List<LoadResult> sweep = new ArrayList<>();
  final List<CapacityResult> capacity = new ArrayList<>();
  final List<HistoryResult> history = new ArrayList<>();
  final List<MicroResult> micro = new ArrayList<>();
  /** The soak's verdict, if it ran. */
  SoakResult soak;
  List<TargetCheck> targets = List.of();
  /** Runs that failed, with the reason; the rest of the suite went on. */
  final List<String> failures = new ArrayList<>();
  /** Warnings and errors in each server log, by log file name. */
  final java.util.Map<String, List<String>> serverLogs = new java.util.TreeMap<>();

  LoadResult find(String server, String shape, String mode) {
    for (LoadResult r : shapes) {
      if (r.server().equals(server) && r.shape().equals(shape) && r.mode().equals(mode)) {
        return r;
      }
    }
    return null;
  }

  CapacityResult capacity(String server) {
    return capacity.stream().filter(c -> c.server().equals(server)).findFirst().orElse(null);
  }

  HistoryResult history(String server) {
    return history.stream().filter(h -> h.server().equals(server)).findFirst().orElse(null);
  }
}
