package io.weft.bench;

/**
 * One target of the issue, checked against this run.
 *
 * @param met null when the run did not measure it
 */
record TargetCheck(String target, String measured, Boolean met) {
  String verdict() {
    return met == null ? "not measured" : met ? "met" : "NOT met";
  }
}
