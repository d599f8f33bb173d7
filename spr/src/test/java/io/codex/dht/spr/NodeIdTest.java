package io.codex.dht.spr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Node id derivation and distance helpers against the Codex vectors and brute force. */
class NodeIdTest {

  @Test
  void codexDistanceVectors() throws Exception {
    PublicKey targetKey = null;
    int checked = 0;
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(
                getClass().getResourceAsStream("/vectors/codex-node-id-distances.txt"),
                StandardCharsets.UTF_8))) {
      for (String line; (line = in.readLine()) != null; ) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split(" ");
        switch (f[0]) {
          case "target-public-key" ->
              targetKey = PublicKey.fromCompressed(HexFormat.of().parseHex(f[1]));
          case "log-distance" -> {
            NodeId target = PeerId.of(targetKey).nodeId();
            NodeId node = PeerId.of(PrivateKey.fromHex(f[2]).publicKey()).nodeId();
            assertEquals(Integer.parseInt(f[1]), node.logDistance(target), f[2]);
            assertEquals(Integer.parseInt(f[1]), target.logDistance(node), f[2]);
          }
          case "id-at-distance" -> {
            NodeId target = PeerId.of(targetKey).nodeId();
            assertEquals(f[2], target.atDistance(Integer.parseInt(f[1])).toHex());
          }
          default -> throw new AssertionError("unknown vector line " + line);
        }
        checked++;
      }
    }
    assertEquals(1 + 39 + 6, checked);
  }

  @Test
  void targetNodeIdIsKeccakOfThePeerId() throws Exception {
    PublicKey key =
        PublicKey.fromCompressed(
            HexFormat.of()
                .parseHex(
                    "045d485bdcbe9bc89314a10ae9231e429d33853e3a8fa2af39f5f827370a2e4185e344ace5d16237491dad41f278f1d3785210d29ace76cd627b9147ee340b1125"));
    assertEquals(
        "c92c707bdcbdf5109c66de68e8f26adec1527d075e0f93df0ad21c72e98b7a4d",
        PeerId.of(key).nodeId().toHex());
  }

  @Test
  void smallDistanceVectors() {
    int[][] logDistances = {
      {0x0000, 0}, {0x0001, 1}, {0x0002, 2}, {0x0003, 2}, {0x0004, 3}, {0x0007, 3}, {0x0008, 4},
      {0x000f, 4}, {0x0080, 8}, {0x00ff, 8}, {0x0100, 9}, {0x01ff, 9}, {0x8000, 16}, {0xffff, 16}
    };
    for (int[] v : logDistances) {
      assertEquals(v[1], NodeId.ZERO.logDistance(id(v[0])), "x=" + v[0]);
    }
    int[][] atDistance = {
      {1, 0x1}, {2, 0x2}, {3, 0x4}, {4, 0x8}, {8, 0x80}, {9, 0x100}, {16, 0x8000}
    };
    for (int[] v : atDistance) {
      assertEquals(id(v[1]), NodeId.ZERO.atDistance(v[0]));
    }
    assertEquals(NodeId.ZERO, NodeId.ZERO.atDistance(0));
  }

  @Test
  void distanceHelpersAgreeWithBigIntegerArithmetic() {
    SplittableRandom random = new SplittableRandom(11);
    for (int i = 0; i < 20_000; i++) {
      NodeId a = NodeId.random(random);
      NodeId b = random.nextInt(4) == 0 ? a.atDistance(random.nextInt(257)) : NodeId.random(random);
      NodeId c = NodeId.random(random);
      BigInteger ab = a.toBigInteger().xor(b.toBigInteger());
      BigInteger ac = a.toBigInteger().xor(c.toBigInteger());
      assertEquals(ab.bitLength(), a.logDistance(b));
      assertEquals(ab, a.xor(b).toBigInteger());
      assertEquals(Integer.signum(ab.compareTo(ac)), Integer.signum(a.compareDistance(b, c)));
      assertEquals(
          Integer.signum(a.toBigInteger().compareTo(b.toBigInteger())),
          Integer.signum(a.compareTo(b)));
      assertEquals(a, NodeId.fromBytes(a.toBytes()));
      assertEquals(a, NodeId.fromBigInteger(a.toBigInteger()));
      int d = 1 + random.nextInt(256);
      NodeId r = a.randomAtDistance(d, random);
      assertEquals(d, a.logDistance(r), "random id at distance " + d);
      assertEquals(a.testBit(d - 1), !r.testBit(d - 1));
    }
  }

  @Test
  void randomAtDistanceCoversTheLowBits() {
    SplittableRandom random = new SplittableRandom(5);
    NodeId base = NodeId.random(random);
    for (int d : List.of(2, 63, 64, 65, 128, 129, 200, 256)) {
      boolean sawDifferentLowBit = false;
      NodeId first = base.randomAtDistance(d, random);
      for (int i = 0; i < 20 && !sawDifferentLowBit; i++) {
        sawDifferentLowBit = !first.equals(base.randomAtDistance(d, random));
      }
      assertTrue(sawDifferentLowBit, "ids at distance " + d + " vary");
    }
  }

  private static NodeId id(int low) {
    return NodeId.fromBigInteger(BigInteger.valueOf(low));
  }
}
