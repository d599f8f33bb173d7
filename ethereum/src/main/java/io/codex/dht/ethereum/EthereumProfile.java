package io.codex.dht.ethereum;

import io.codex.dht.session.DecodedMessage;
import io.codex.dht.session.Message;
import io.codex.dht.session.WireProfile;
import io.codex.dht.spr.DecodeException;
import io.codex.dht.spr.DecodeException.Reason;
import io.codex.dht.spr.Hashes;
import io.codex.dht.spr.NodeId;
import io.codex.dht.spr.PrivateKey;
import io.codex.dht.spr.PublicKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The standard Ethereum discv5 v5.1 wire profile: node id = {@code keccak256(x || y)} (the v4
 * identity scheme); id-signature = 64-byte {@code r || s} over {@code sha256("discovery v5 identity
 * proof" || challenge-data || ephemeral key || node-id-B)}; ephemeral key = 33-byte compressed
 * point; the handshake record is an {@link Enr}; messages are RLP ({@link EthereumMessageCodec}).
 *
 * <p>Provider messages and FINDNODE_FAST do not exist here: {@link #encodeMessage} refuses them
 * with an {@link UnsupportedOperationException} before anything is sent, and the decoder refuses
 * their type bytes ({@code BAD_MESSAGE_TYPE}). The clientMode flag has no place on this wire.
 */
public final class EthereumProfile implements WireProfile<Enr> {
  /** The one instance; the profile holds no state. */
  public static final EthereumProfile INSTANCE = new EthereumProfile();

  /** The size of the ephemeral key in a handshake (compressed point). */
  public static final int EPHEMERAL_KEY_SIZE = 33;

  private static final byte[] ID_SIGNATURE_TEXT =
      "discovery v5 identity proof".getBytes(StandardCharsets.US_ASCII);

  private EthereumProfile() {}

  @Override
  public NodeId nodeId(PublicKey key) {
    return V4.nodeId(key);
  }

  @Override
  public byte[] encodeEphemeralKey(PublicKey key) {
    return key.toCompressed();
  }

  @Override
  public PublicKey decodeEphemeralKey(byte[] encoded) throws DecodeException {
    if (encoded.length != EPHEMERAL_KEY_SIZE) {
      throw new DecodeException(Reason.BAD_KEY, "ephemeral key of " + encoded.length + " bytes");
    }
    return PublicKey.fromCompressed(encoded);
  }

  @Override
  public byte[] signIdNonce(
      PrivateKey key, byte[] challengeData, byte[] ephemeralKey, NodeId recipient) {
    return V4.sign(key, idHash(challengeData, ephemeralKey, recipient));
  }

  @Override
  public void verifyIdNonce(
      PublicKey key, byte[] signature, byte[] challengeData, byte[] ephemeralKey, NodeId recipient)
      throws DecodeException {
    V4.verify(key, idHash(challengeData, ephemeralKey, recipient), signature);
  }

  @Override
  public byte[] encodeRecord(Enr record) {
    return record.encoded();
  }

  @Override
  public PublicKey recordPublicKey(byte[] encoded) throws DecodeException {
    return Enr.claimedKey(encoded);
  }

  @Override
  public Enr decodeRecord(byte[] encoded) throws DecodeException {
    return Enr.decode(encoded);
  }

  @Override
  public long recordSeq(Enr record) {
    return record.seq();
  }

  /**
   * {@inheritDoc}
   *
   * @throws UnsupportedOperationException for ADD_PROVIDER, GET_PROVIDERS, PROVIDERS, FINDNODE_FAST
   *     and the topic messages, which this profile never sends
   */
  @Override
  public byte[] encodeMessage(Message message, boolean clientMode) {
    return EthereumMessageCodec.encode(message);
  }

  @Override
  public DecodedMessage decodeMessage(byte[] plaintext) throws DecodeException {
    return EthereumMessageCodec.decode(plaintext);
  }

  private static byte[] idHash(byte[] challengeData, byte[] ephemeralKey, NodeId recipient) {
    MessageDigest sha256 = Hashes.newSha256();
    sha256.update(ID_SIGNATURE_TEXT);
    sha256.update(challengeData);
    sha256.update(ephemeralKey);
    sha256.update(recipient.toBytes());
    return sha256.digest();
  }

  @Override
  public String toString() {
    return "ethereum";
  }
}
