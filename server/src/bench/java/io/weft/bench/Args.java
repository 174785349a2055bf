package io.weft.bench;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** Command-line options {@code --name value} and flags {@code --name}; unknown names are an error. */
final class Args {
  private final Map<String, String> values = new HashMap<>();
  private final Set<String> flags = new HashSet<>();

  private Args() {
  }

  /** @param flagNames options that take no value */
  static Args parse(String[] argv, Set<String> valueNames, Set<String> flagNames) {
    Args args = new Args();
    for (int i = 0; i < argv.length; i++) {
      String a = argv[i];
      if (!a.startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument: " + a);
      }
      String name = a.substring(2);
      int eq = name.indexOf('=');
      if (eq > 0) {
        args.put(name.substring(0, eq), name.substring(eq + 1), valueNames);
      } else if (flagNames.contains(name)) {
        args.flags.add(name);
      } else if (valueNames.contains(name) && i + 1 < argv.length) {
        args.values.put(name, argv[++i]);
      } else {
        throw new IllegalArgumentException("unknown option or missing value: " + a);
      }
    }
    return args;
  }

  private void put(String name, String value, Set<String> valueNames) {
    if (!valueNames.contains(name)) {
      throw new IllegalArgumentException("unknown option: --" + name);
    }
    values.put(name, value);
  }

  String get(String name, String fallback) {
    return values.getOrDefault(name, fallback);
  }

  int getInt(String name, int fallback) {
    return values.containsKey(name) ? Integer.parseInt(values.get(name)) : fallback;
  }

  double getDouble(String name, double fallback) {
    return values.containsKey(name) ? Double.parseDouble(values.get(name)) : fallback;
  }

  boolean has(String flag) {
    return flags.contains(flag) || values.containsKey(flag);
  }
}
