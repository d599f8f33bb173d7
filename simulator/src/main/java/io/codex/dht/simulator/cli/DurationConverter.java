package io.codex.dht.simulator.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import picocli.CommandLine;

/** Reads a duration: {@code 500ms}, {@code 90s}, {@code 2m}, {@code 1h}, plain seconds, or ISO. */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
  @Override
  public Duration convert(String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    try {
      if (v.startsWith("pt") || v.startsWith("p")) {
        return nonNegative(Duration.parse(value.trim()));
      }
      if (v.endsWith("ms")) {
        return nonNegative(Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2))));
      }
      if (v.endsWith("s")) {
        return nonNegative(seconds(v.substring(0, v.length() - 1)));
      }
      if (v.endsWith("m")) {
        return nonNegative(Duration.ofMinutes(Long.parseLong(v.substring(0, v.length() - 1))));
      }
      if (v.endsWith("h")) {
        return nonNegative(Duration.ofHours(Long.parseLong(v.substring(0, v.length() - 1))));
      }
      return nonNegative(seconds(v));
    } catch (NumberFormatException | DateTimeParseException e) {
      throw new CommandLine.TypeConversionException(
          "not a duration: '" + value + "' (try 90s, 2m, 500ms or PT90S)");
    }
  }

  private static Duration seconds(String number) {
    return Duration.ofMillis(Math.round(Double.parseDouble(number) * 1000));
  }

  private static Duration nonNegative(Duration d) {
    if (d.isNegative()) {
      throw new CommandLine.TypeConversionException("a duration is not negative: " + d);
    }
    return d;
  }
}
