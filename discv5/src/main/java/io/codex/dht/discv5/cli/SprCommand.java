package io.codex.dht.discv5.cli;

import io.codex.dht.spr.Multiaddr;
import io.codex.dht.spr.PrivateKey;
import io.codex.dht.spr.RecordFormat;
import io.codex.dht.spr.SignedPeerRecord;
import io.codex.dht.spr.SignedPeerRecordBuilder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code spr decode|encode}: reads and writes signed peer records in their {@code spr:} form. */
@Command(
    name = "spr",
    mixinStandardHelpOptions = true,
    description = "Decode or build signed peer records (spr:...).",
    subcommands = {SprCommand.Decode.class, SprCommand.Encode.class})
final class SprCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Prints a record as one JSON object, or its rejection reason. */
  @Command(
      name = "decode",
      mixinStandardHelpOptions = true,
      description = "Verify a record and print it as JSON; exit 2 with the reason if invalid.")
  static final class Decode implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "SPR", description = "The record text, spr:...")
    String text;

    @Override
    public Integer call() throws Exception {
      SignedPeerRecord spr = SignedPeerRecord.fromText(text);
      spec.commandLine().getOut().println(RecordJson.toJson(spr));
      spec.commandLine().getOut().flush();
      return 0;
    }
  }

  /** Builds and signs a record, printing its {@code spr:} text. */
  @Command(
      name = "encode",
      mixinStandardHelpOptions = true,
      description = "Build and sign a record; print its spr: text.")
  static final class Encode implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--key", required = true, paramLabel = "FILE", description = "Key file.")
    Path keyFile;

    @Option(names = "--seq", required = true, paramLabel = "N", description = "Sequence number.")
    long seq;

    @Option(
        names = "--addr",
        required = true,
        paramLabel = "MULTIADDR",
        description = "An address, e.g. /ip4/203.0.113.5/udp/8090 (repeatable).")
    List<String> addresses = new ArrayList<>();

    @Option(
        names = "--service",
        paramLabel = "ID[=HEX]",
        description = "A service offered, with optional hex data (repeatable; logos format only).")
    List<String> services = new ArrayList<>();

    @Option(
        names = "--format",
        paramLabel = "logos|peer-record",
        defaultValue = "logos",
        description = "Record payload format (default: ${DEFAULT-VALUE}).")
    String format;

    @Override
    public Integer call() throws Exception {
      PrivateKey key = KeyFiles.read(keyFile);
      SignedPeerRecordBuilder b =
          SignedPeerRecord.builder(key).seq(seq).format(RecordFormat.parse(format));
      for (String a : addresses) {
        b.address(Multiaddr.fromString(a));
      }
      for (String s : services) {
        b.service(ServiceArgs.parse(s));
      }
      spec.commandLine().getOut().println(b.build().toText());
      spec.commandLine().getOut().flush();
      return 0;
    }
  }
}
