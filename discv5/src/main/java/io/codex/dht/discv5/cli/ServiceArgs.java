package io.codex.dht.discv5.cli;

import io.codex.dht.spr.ServiceInfo;
import java.util.HexFormat;

/** Parses {@code ID[=HEX]} service arguments. */
public final class ServiceArgs {
  private ServiceArgs() {}

  /** Parses one {@code ID[=HEX]} argument. */
  public static ServiceInfo parse(String spec) {
    int eq = spec.indexOf('=');
    String id = eq < 0 ? spec : spec.substring(0, eq);
    if (id.isEmpty()) {
      throw new Main.UserException("a service needs an id: '" + spec + "'");
    }
    if (eq < 0) {
      return ServiceInfo.of(id);
    }
    try {
      return ServiceInfo.of(id, HexFormat.of().parseHex(spec.substring(eq + 1)));
    } catch (IllegalArgumentException e) {
      throw new Main.UserException("service data must be hex: '" + spec + "'");
    }
  }
}
