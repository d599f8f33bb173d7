package io.codex.dht.session;

import io.codex.dht.spr.DecodeException;
import io.codex.dht.spr.NodeId;
import io.codex.dht.spr.PrivateKey;
import io.codex.dht.spr.PublicKey;
import java.util.Objects;
import java.util.Random;

/**
 * A wire profile that passes every call to another one; a subclass overrides the calls it changes
 * (a memo of verified records, a test that relaxes one check).
 *
 * @param <R> the record type of the profile it wraps
 */
public abstract class ForwardingWireProfile<R> implements WireProfile<R> {
  private final WireProfile<R> delegate;

  /** Forwards to {@code delegate}. */
  protected ForwardingWireProfile(WireProfile<R> delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  /** The profile calls go to. */
  protected final WireProfile<R> delegate() {
    return delegate;
  }

  @Override
  public NodeId nodeId(PublicKey key) {
    return delegate.nodeId(key);
  }

  @Override
  public void startingHandshake(PublicKey remote) {
    delegate.startingHandshake(remote);
  }

  @Override
  public PrivateKey newEphemeralKey(PublicKey remote, Random random) {
    return delegate.newEphemeralKey(remote, random);
  }

  @Override
  public byte[] encodeEphemeralKey(PublicKey key) {
    return delegate.encodeEphemeralKey(key);
  }

  @Override
  public PublicKey decodeEphemeralKey(byte[] encoded) throws DecodeException {
    return delegate.decodeEphemeralKey(encoded);
  }

  @Override
  public byte[] signIdNonce(
      PrivateKey key, byte[] challengeData, byte[] ephemeralKey, NodeId recipient) {
    return delegate.signIdNonce(key, challengeData, ephemeralKey, recipient);
  }

  @Override
  public void verifyIdNonce(
      PublicKey key, byte[] signature, byte[] challengeData, byte[] ephemeralKey, NodeId recipient)
      throws DecodeException {
    delegate.verifyIdNonce(key, signature, challengeData, ephemeralKey, recipient);
  }

  @Override
  public byte[] ecdh(PrivateKey local, PublicKey remote) {
    return delegate.ecdh(local, remote);
  }

  @Override
  public byte[] encodeRecord(R record) {
    return delegate.encodeRecord(record);
  }

  @Override
  public PublicKey recordPublicKey(byte[] encoded) throws DecodeException {
    return delegate.recordPublicKey(encoded);
  }

  @Override
  public R decodeRecord(byte[] encoded) throws DecodeException {
    return delegate.decodeRecord(encoded);
  }

  @Override
  public R decodeRecord(NodeId claimed, byte[] encoded) throws DecodeException {
    return delegate.decodeRecord(claimed, encoded);
  }

  @Override
  public long recordSeq(R record) {
    return delegate.recordSeq(record);
  }

  @Override
  public byte[] encodeMessage(Message message, boolean clientMode) {
    return delegate.encodeMessage(message, clientMode);
  }

  @Override
  public byte[] encodeMessage(Message message, boolean clientMode, int features) {
    return delegate.encodeMessage(message, clientMode, features);
  }

  @Override
  public DecodedMessage decodeMessage(byte[] plaintext) throws DecodeException {
    return delegate.decodeMessage(plaintext);
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "(" + delegate + ")";
  }
}
