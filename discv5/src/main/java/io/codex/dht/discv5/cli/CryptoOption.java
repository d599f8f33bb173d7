package io.codex.dht.discv5.cli;

import io.codex.dht.spr.CurveBackend;
import picocli.CommandLine.Option;

/** The {@code --crypto} option of every command that runs a node: which secp256k1 to use. */
final class CryptoOption {
  @Option(
      names = "--crypto",
      paramLabel = "auto|native|bouncycastle",
      defaultValue = "auto",
      description =
          "secp256k1 implementation: auto (libsecp256k1 when it loads, else BouncyCastle with a"
              + " log line saying why), native (libsecp256k1, or exit 3), bouncycastle"
              + " (default: ${DEFAULT-VALUE}).")
  String crypto = "auto";

  /**
   * Makes the process-wide choice; a bad value is a usage error (exit 2), a required native library
   * that does not load a start failure (exit 3).
   */
  String apply() {
    CurveBackend.Choice choice = CurveBackend.Choice.parse(crypto);
    try {
      return CurveBackend.select(choice);
    } catch (CurveBackend.UnavailableException e) {
      throw new StartException(e.getMessage(), e);
    }
  }
}
