package io.codex.dht.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.codex.dht.spr.NodeId;
import io.codex.dht.spr.PeerId;
import io.codex.dht.spr.PrivateKey;
import io.codex.dht.spr.PublicKey;
import java.math.BigInteger;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The Codex distance vectors of codex-dht-wire.md section 8.4, and the table bucketing them. */
class DistanceVectorsTest {
  private static final String TARGET_KEY =
      "045d485bdcbe9bc89314a10ae9231e429d33853e3a8fa2af39f5f827370a2e4185e344ace5d1623749"
          + "1dad41f278f1d3785210d29ace76cd627b9147ee340b1125";

  /** Private key -> expected log distance of its node id to the target ("with keys"). */
  private static final Map<String, Integer> KEYS = new LinkedHashMap<>();

  static {
    KEYS.put("14a98db9b46a831d67eff29f3b85b1b485bb12ae9796aea98d91be3dc78d8a91", 248);
    for (String k :
        List.of(
            "29738ba0c1a4397d6a65f292eee07f02df8e58d41594ba2be3cf84ce0fc58169",
            "dec742079ec00ff4ec1284d7905bc3de2366f67a0769431fd16f80fd68c58a7c")) {
      KEYS.put(k, 252);
    }
    for (String k :
        List.of(
            "ce1435a956a98ffec484cd11489c4f165cf1606819ab6b521cee440f0c677e9e",
            "120260dce739b6f71f171da6f65bc361b5fad51db74cf02d3e973347819a6518")) {
      KEYS.put(k, 253);
    }
    for (String k :
        List.of(
            "a30599b12827b69120633f15b98a7f6bc9fc2e9a0fd6ae2ebb767c0e64d743ab",
            "8c5b422155d33ea8e9d46f71d1ad3e7b24cb40051413ffa1a81cff613d243ba9",
            "996e7f8d1638be92d7328b4770f47e5420fc4bafecb4324fd33b1f5d9f403a75")) {
      KEYS.put(k, 254);
    }
    for (String k :
        List.of(
            "d09e5eaeec0fd596236faed210e55ef45112409a5aa7f3276d26646080dcfaeb",
            "6cfbd7b8503073fc3dbdb746a7c672571648d3bd15197ccf7f7fef3d904f53a2",
            "9ae91101d6b5048607f41ec0f690ef5d09507928aded2410aabd9237aa2727d7",
            "06f31c5ea632658f718a91a1b1b9ae4b7549d7b3bc61cbc2be5f4a439039f3ad",
            "97f78253a7d1d796e4eaabce721febcc4550dd68fb11cc818378ba807a2cb7de",
            "d8f7bcc4a530efde1d143717007179e0d9ace405ddaaf151c4d863753b7fd64c",
            "1fa56cf25d4b46c2bf94e82355aa631717b63190785ac6bae545a88aadc304a9",
            "3c38c503c0376f9b4adcbe935d5f4b890391741c764f61b03cd4d0d42deae002",
            "3a54af3e9fa162bc8623cdf3e5d9b70bf30ade1d54cc3abea8659aba6cff471f",
            "d64cbb3ffdf712c372b7a22a176308ef8f91861398d5dbaf326fd89c6eaeef1c")) {
      KEYS.put(k, 255);
    }
    for (String k :
        List.of(
            "511b1686e4e58a917f7f848e9bf5539d206a68f5ad6b54b552c2399fe7d174ae",
            "c1e20dbbf0d530e50573bd0a260b32ec15eb9190032b4633d44834afc8afe578",
            "ed5f38f5702d92d306143e5d9154fb21819777da39af325ea359f453d179e80b",
            "1c9b1cafbec00848d2c174b858219914b42a7d5c9359b1ca03fd650e8239ae94",
            "e0e1e8db4a6f13c1ffdd3e96b72fa7012293ced187c9dcdcb9ba2af37a46fa10",
            "3d53823e0a0295cb09f3e11d16c1b44d07dd37cec6f739b8df3a590189fe9fb9",
            "2d0511ae9bf590166597eeab86b6f27b1ab761761eaea8965487b162f8703847",
            "2369ff1fc1ff8ca7d20b17e2673adc3365c3674377f21c5d9dafaff21fe12e24",
            "05e3c59090a3fd1ae697c09c574a36fcf9bedd0afa8fe3946f21117319ca4973",
            "ff02c8861fa12fbd129d2a95ea663492ef9c1e51de19dcfbbfe1c59894a28d2b",
            "4dded9e4eefcbce4262be4fd9e8a773670ab0b5f448f286ec97dfc8cf681444a",
            "750d931e2a8baa2c9268cb46b7cd851f4198018bed22f4dceb09dd334a2395f6",
            "46bd1eddcf6431bea66fc19ebc45df191c1c7d6ed552dcdc7392885009c322f0",
            "da8645f90826e57228d9ea72aff84500060ad111a5d62e4af831ed8e4b5acfb8",
            "3c944c5d9af51d4c1d43f5d0f3a1a7ef65d5e82744d669b58b5fed242941a566",
            "5ebcde76f1d579eebf6e43b0ffe9157e65ffaa391175d5b9aa988f47df3e33da",
            "a38cd7dc9b4079d1c0406afd0fdb1165c285f2c44f946eca96fc67772c988c7d",
            "d269609743ef29d6446e3355ec647e38d919c82a4eb5837e442efd7f4218944f",
            "937b1af801def4e8f5a3a8bd225a8bcff1db764e41d3e177f2e9376e8dd87233",
            "6799a02ea1999aefdcbcc4d3ff9544478be7365a328d0d0f37c26bd95ade0cda",
            "e24a7bc9051058f918646b0f6e3d16884b2a55a15553b89bab910d55ebc36116")) {
      KEYS.put(k, 256);
    }
  }

  private static NodeId small(int value) {
    return NodeId.fromBigInteger(BigInteger.valueOf(value));
  }

  private static NodeId targetId() throws Exception {
    PublicKey key = PublicKey.fromCompressed(HexFormat.of().parseHex(TARGET_KEY));
    return PeerId.of(key).nodeId();
  }

  private static NodeId idOfPrivateKey(String hex) throws Exception {
    return PeerId.of(PrivateKey.fromHex(hex).publicKey()).nodeId();
  }

  @Test
  void logDistanceFromZero() {
    int[][] cases = {
      {0x0000, 0}, {0x0001, 1}, {0x0002, 2}, {0x0003, 2}, {0x0004, 3}, {0x0007, 3}, {0x0008, 4},
      {0x000f, 4}, {0x0080, 8}, {0x00ff, 8}, {0x0100, 9}, {0x01ff, 9}, {0x8000, 16}, {0xffff, 16}
    };
    for (int[] c : cases) {
      assertEquals(c[1], small(0).logDistance(small(c[0])), Integer.toHexString(c[0]));
      assertEquals(c[1], small(c[0]).logDistance(small(0)), "symmetric " + c[0]);
    }
  }

  @Test
  void idAtDistanceFromZero() {
    int[][] cases = {{1, 0x0001}, {2, 0x0002}, {3, 0x0004}, {4, 0x0008}, {8, 0x0080}, {9, 0x0100}};
    for (int[] c : cases) {
      assertEquals(small(c[1]), NodeId.ZERO.atDistance(c[0]), "d=" + c[0]);
    }
    assertEquals(small(0x8000), NodeId.ZERO.atDistance(16));
  }

  @Test
  void logDistanceWithKeys() throws Exception {
    NodeId target = targetId();
    for (Map.Entry<String, Integer> e : KEYS.entrySet()) {
      assertEquals(e.getValue(), target.logDistance(idOfPrivateKey(e.getKey())), e.getKey());
    }
  }

  @Test
  void idAtDistanceWithKeys() throws Exception {
    NodeId target = targetId();
    String tail = "2c707bdcbdf5109c66de68e8f26adec1527d075e0f93df0ad21c72e98b7a4d";
    assertEquals("c9" + tail, target.toHex());
    String[][] cases = {
      {"251", "cd"}, {"252", "c1"}, {"253", "d9"}, {"254", "e9"}, {"255", "89"}, {"256", "49"}
    };
    for (String[] c : cases) {
      int d = Integer.parseInt(c[0]);
      assertEquals(NodeId.fromHex(c[1] + tail), target.atDistance(d), "d=" + d);
      assertEquals(d, target.logDistance(target.atDistance(d)));
    }
  }

  @Test
  void findNodeTestKeysAreAtDistance256() throws Exception {
    NodeId main =
        idOfPrivateKey("a2b50376a79b1a8c8a3296485572bdfbf54708bb46d3c25d73d2723aaaf6a617");
    NodeId test =
        idOfPrivateKey("a2b50376a79b1a8c8a3296485572bdfbf54708bb46d3c25d73d2723aaaf6a618");
    assertEquals(256, main.logDistance(test));
  }

  @Test
  void tableBucketsTheKeyedNodesByTheirVectorDistance() throws Exception {
    NodeId target = targetId();
    RoutingTable<TestRecord> table =
        new RoutingTable<>(target, TestRecord.VIEW, TableConfig.DEFAULT, new SplittableRandom(1));
    int n = 0;
    for (String key : KEYS.keySet()) {
      assertEquals(
          true,
          table
              .add(new TestRecord(idOfPrivateKey(key), 1, TestRecord.uniqueIp(n++)), false)
              .stored());
    }
    assertEquals(1, table.bucketSize(248));
    assertEquals(2, table.bucketSize(252));
    assertEquals(2, table.bucketSize(253));
    assertEquals(3, table.bucketSize(254));
    assertEquals(10, table.bucketSize(255));
    assertEquals(16, table.bucketSize(256)); // 21 keys at 256: k = 16 live ...
    assertEquals(5, table.replacementCount(256)); // ... and 5 replacements
    assertEquals(34, table.size());
  }
}
