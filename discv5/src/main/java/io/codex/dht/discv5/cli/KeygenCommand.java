package io.codex.dht.discv5.cli;

import io.codex.dht.spr.PeerId;
import io.codex.dht.spr.PrivateKey;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code keygen --out FILE}: creates a new secp256k1 node key. */
@Command(
    name = "keygen",
    mixinStandardHelpOptions = true,
    description = "Write a new secp256k1 private key; print its peer id and node id.")
final class KeygenCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "FILE",
      description = "Where to write the key (hex of the libp2p key protobuf); never overwritten.")
  Path out;

  @Override
  public Integer call() throws Exception {
    PrivateKey key = PrivateKey.generate(new SecureRandom());
    KeyFiles.write(out, key);
    PeerId peerId = PeerId.of(key.publicKey());
    PrintWriter w = spec.commandLine().getOut();
    w.println("peer-id: " + peerId.toBase58());
    w.println("node-id: " + peerId.nodeId().toHex());
    w.flush();
    return 0;
  }
}
