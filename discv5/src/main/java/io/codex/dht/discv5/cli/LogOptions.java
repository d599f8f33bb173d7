package io.codex.dht.discv5.cli;

import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * {@code --log-format} and {@code --log-level}: handed to {@code logback.xml} as the system
 * properties {@code DISCV5_LOG_FORMAT} and {@code DISCV5_LOG_LEVEL}, which it reads (falling back
 * to the environment variables of the same names).
 *
 * <p>Implementation notes: logback reads its configuration when the first logger is made, so the
 * commands call {@link #apply} before anything logs; the command classes themselves hold no loggers
 * for that reason.
 */
final class LogOptions {
  /** Log line formats. */
  enum Format {
    text,
    json
  }

  /** Log levels. */
  enum Level {
    trace,
    debug,
    info,
    warn,
    error,
    off
  }

  @Option(
      names = "--log-format",
      paramLabel = "text|json",
      description = "Log lines on stderr: readable text (default) or one JSON object per line.")
  Format format;

  @Option(
      names = "--log-level",
      paramLabel = "LEVEL",
      description = "Least severe level logged: trace, debug, info (default), warn, error, off.")
  Level level;

  /** Sets the logging properties; {@code defaultLevel} applies when no level was given. */
  void apply(Level defaultLevel) {
    if (format != null) {
      System.setProperty("DISCV5_LOG_FORMAT", format.name());
    }
    Level l = level != null ? level : defaultLevel;
    if (l != null) {
      System.setProperty("DISCV5_LOG_LEVEL", l.name().toUpperCase(Locale.ROOT));
    }
  }
}
