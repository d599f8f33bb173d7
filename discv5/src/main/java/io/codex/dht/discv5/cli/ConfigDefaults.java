package io.codex.dht.discv5.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Option values that are not on the command line: from the environment ({@code DISCV5_} and the
 * option's name in capitals, dashes as underscores: {@code DISCV5_DATA_DIR} for {@code
 * --data-dir}), then from a config file ({@code --config FILE} or {@code DISCV5_CONFIG}: Java
 * properties keyed by the option's name, {@code data-dir=/var/lib/discv5}), then the built-in
 * default. So the command line wins over the environment, which wins over the file.
 *
 * <p>Repeatable options take a comma-separated list from either source. The lookup command's target
 * ({@code --node-id}, {@code --cid}, {@code --service}) comes from the command line only.
 *
 * <p>Implementation notes: the file must be known before picocli parses, so {@link #load} scans the
 * arguments for {@code --config} itself. Unknown keys in the file are refused, so a typo does not
 * silently fall back to a default.
 */
final class ConfigDefaults implements CommandLine.IDefaultValueProvider {
  static final String ENV_PREFIX = "DISCV5_";
  static final String CONFIG_OPTION = "--config";
  static final String CONFIG_ENV = ENV_PREFIX + "CONFIG";

  private static final Set<String> NEVER = Set.of("help", "version", "config");
  private static final Set<String> LOOKUP_CLI_ONLY = Set.of("node-id", "cid", "service", "listen");
  private static final long MAX_FILE_SIZE = 1 << 20;

  private final Map<String, String> env;
  private final Properties file;
  private final Path filePath;

  private ConfigDefaults(Map<String, String> env, Properties file, Path filePath) {
    this.env = env;
    this.file = file;
    this.filePath = filePath;
  }

  /** Reads the config file named by {@code args} or {@code env}, if any. */
  static ConfigDefaults load(String[] args, Map<String, String> env) {
    String path = configArgument(args);
    if (path == null) {
      path = env.get(CONFIG_ENV);
    }
    if (path == null || path.isEmpty()) {
      return new ConfigDefaults(env, new Properties(), null);
    }
    Path p = Path.of(path);
    if (!Files.isRegularFile(p)) {
      throw new Main.UserException("config file " + p + " does not exist or is not a file");
    }
    Properties props = new Properties();
    try {
      if (Files.size(p) > MAX_FILE_SIZE) {
        throw new Main.UserException("config file " + p + " is larger than 1 MiB");
      }
      try (Reader r = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
        props.load(r);
      }
    } catch (IOException | IllegalArgumentException e) {
      throw new Main.UserException("cannot read config file " + p + ": " + e.getMessage());
    }
    return new ConfigDefaults(env, props, p);
  }

  /** The value of {@code --config FILE} or {@code --config=FILE} in {@code args}, if any. */
  static String configArgument(String[] args) {
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--")) {
        return null;
      }
      if (a.equals(CONFIG_OPTION) && i + 1 < args.length) {
        return args[i + 1];
      }
      if (a.startsWith(CONFIG_OPTION + "=")) {
        return a.substring(CONFIG_OPTION.length() + 1);
      }
    }
    return null;
  }

  /** Refuses file keys that name no option of any command under {@code root}. */
  void checkKeys(CommandLine root) {
    Set<String> known = new TreeSet<>();
    collect(root, known);
    for (String key : file.stringPropertyNames()) {
      if (!known.contains(key) || NEVER.contains(key)) {
        throw new Main.UserException(
            "config file "
                + filePath
                + ": unknown key '"
                + key
                + "'; keys are option names: "
                + known);
      }
    }
  }

  private static void collect(CommandLine c, Set<String> out) {
    for (OptionSpec o : c.getCommandSpec().options()) {
      String k = key(o);
      if (!NEVER.contains(k)) {
        out.add(k);
      }
    }
    c.getSubcommands().values().forEach(s -> collect(s, out));
  }

  @Override
  public String defaultValue(ArgSpec arg) {
    if (!(arg instanceof OptionSpec o) || o.usageHelp() || o.versionHelp()) {
      return null;
    }
    String key = key(o);
    if (NEVER.contains(key) || (LOOKUP_CLI_ONLY.contains(key) && isLookup(o.command()))) {
      return null;
    }
    String v = env.get(envName(key));
    if (v == null) {
      v = file.getProperty(key);
    }
    return v == null ? null : v.strip();
  }

  /** The environment variable of an option: {@code data-dir} gives {@code DISCV5_DATA_DIR}. */
  static String envName(String key) {
    return ENV_PREFIX + key.replace('-', '_').toUpperCase(Locale.ROOT);
  }

  private static String key(OptionSpec o) {
    String name = o.longestName();
    int i = 0;
    while (i < name.length() && name.charAt(i) == '-') {
      i++;
    }
    return name.substring(i);
  }

  private static boolean isLookup(CommandSpec command) {
    return command != null && "lookup".equals(command.name());
  }
}
