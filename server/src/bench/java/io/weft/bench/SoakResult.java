package io.weft.bench;

import java.util.List;
import java.util.Map;

/**
 * What the soak found: each criterion with its verdict, and what each part of the load did.
 *
 * @param secs seconds of load
 * @param heap Weft's maximum heap ({@code -Xmx})
 * @param load what each part of the load did, by part, in words and figures
 */
record SoakResult(int secs, String heap, List<SoakCheck> checks, Map<String, String> load) {
  boolean passed() {
    return checks.stream().allMatch(SoakCheck::passed);
  }
}
