package io.codex.dht.ethereum;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import org.apache.tuweni.bytes.Bytes;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bootnode records Ethereum runs on (go-ethereum's discv5 bootnodes, the consensus-layer
 * bootnodes of mainnet, Sepolia, Holesky and Hoodi): each decodes, verifies, and re-encodes from
 * its fields to the same bytes and text.
 */
class RealEnrsTest {
  static Iterable<String> files() {
    return TestData.RECORD_FILES;
  }

  @ParameterizedTest
  @MethodSource("files")
  void everyRecordDecodesVerifiesAndReencodesByteForByte(String file) throws Exception {
    var texts = TestData.records(file);
    assertTrue(texts.size() >= 4, file + " holds " + texts.size() + " records");
    for (String text : texts) {
      Enr enr = Enr.fromText(text); // verifies the signature
      byte[] bytes = Base64.getUrlDecoder().decode(text.substring(4));
      assertArrayEquals(bytes, enr.encoded(), text);
      assertEquals(text, enr.toText());

      // Re-encode from the parsed fields, not from the kept bytes.
      Map<String, Bytes> pairs = new TreeMap<>(enr.rawPairs());
      byte[] rebuilt =
          RlpList.wrapList(
              Bytes.concatenate(
                  RlpItem.encodeString(Bytes.wrap(enr.signature())),
                  EnrBuilder.content(enr.seq(), enr.rawPairs())));
      assertArrayEquals(bytes, rebuilt, text);
      assertEquals(pairs.keySet(), enr.rawPairs().keySet());

      assertEquals(V4.nodeId(enr.publicKey()), enr.nodeId());
      assertTrue(
          enr.udpEndpoint().or(enr::udp6Endpoint).isPresent(),
          "a bootnode has a UDP endpoint: " + text);
      assertTrue(enr.size() <= Enr.MAX_SIZE);
    }
  }

  @ParameterizedTest
  @MethodSource("files")
  void consensusLayerRecordsKeepTheirEth2PairsRaw(String file) throws Exception {
    long withEth2 = 0;
    for (String text : TestData.records(file)) {
      Enr enr = Enr.fromText(text);
      if (enr.value("eth2").isPresent()) {
        withEth2++;
        // eth2 = SSZ ENRForkID: fork digest (4) || next fork version (4) || next fork epoch (8).
        assertEquals(16, enr.value("eth2").get().size(), text);
      }
    }
    assertTrue(withEth2 > 0, file + " has records with eth2");
  }
}
