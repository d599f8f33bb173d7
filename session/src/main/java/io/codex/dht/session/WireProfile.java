package io.codex.dht.session;

import io.codex.dht.spr.DecodeException;
import io.codex.dht.spr.NodeId;
import io.codex.dht.spr.PrivateKey;
import io.codex.dht.spr.PublicKey;
import java.util.Random;

/**
 * The points where one discv5 wire format differs from another: node-id derivation, the handshake's
 * id-signature and ephemeral-key forms, the record carried in a handshake, and the message codec.
 * Everything else (masking, header, HKDF, AES-GCM, the handshake and session logic) is common.
 *
 * <p>{@link CodexProfile} implements the Codex DHT; an Ethereum discv5 profile (64-byte r||s
 * signatures over one SHA-256, 33-byte ephemeral keys, RLP ENRs and messages) would be a second
 * implementation. Implementations are immutable and may be shared by nodes on several threads.
 *
 * @param <R> the record type: a verified record of a node, as the node keeps it
 */
public interface WireProfile<R> {
  /** The node id of a public key. */
  NodeId nodeId(PublicKey key);

  /**
   * Called when a session layer sends the random packet that starts a handshake with {@code
   * remote}; a profile may prepare that handshake's ephemeral key ahead. By default nothing.
   */
  default void startingHandshake(PublicKey remote) {}

  /**
   * A new ephemeral key for a handshake with {@code remote}, drawn from the session's {@code
   * random} unless the profile prepared one.
   */
  default PrivateKey newEphemeralKey(PublicKey remote, Random random) {
    return PrivateKey.generate(random);
  }

  /** The ephemeral public key as the handshake carries it (and as the id-signature covers it). */
  byte[] encodeEphemeralKey(PublicKey key);

  /** Parses a handshake's ephemeral key. */
  PublicKey decodeEphemeralKey(byte[] encoded) throws DecodeException;

  /**
   * Signs the id proof of a handshake: over {@code "discovery v5 identity proof" || challengeData
   * || ephemeralKey || recipient id}, in the profile's hash and signature form.
   */
  byte[] signIdNonce(PrivateKey key, byte[] challengeData, byte[] ephemeralKey, NodeId recipient);

  /**
   * Checks an id proof made by {@code key}.
   *
   * @throws DecodeException when the signature is malformed or does not verify
   */
  void verifyIdNonce(
      PublicKey key, byte[] signature, byte[] challengeData, byte[] ephemeralKey, NodeId recipient)
      throws DecodeException;

  /**
   * The ECDH shared secret of a handshake: by default {@link PrivateKey#ecdh}, the compressed point
   * that discv5 and the Codex DHT both use.
   */
  default byte[] ecdh(PrivateKey local, PublicKey remote) {
    return local.ecdh(remote);
  }

  /** The record's bytes as a handshake carries them. */
  byte[] encodeRecord(R record);

  /**
   * The public key a handshake record claims, read without checking its signature: a cheap first
   * step so a handshake with a bad id-signature costs no record verification.
   */
  PublicKey recordPublicKey(byte[] encoded) throws DecodeException;

  /**
   * Decodes and fully verifies a record; the result belongs to {@link #recordPublicKey(byte[])}'s
   * key.
   */
  R decodeRecord(byte[] encoded) throws DecodeException;

  /**
   * Decodes and fully verifies a handshake's record, whose key was checked to give {@code claimed};
   * a memo of verified records may key on it. By default {@link #decodeRecord(byte[])}.
   */
  default R decodeRecord(NodeId claimed, byte[] encoded) throws DecodeException {
    return decodeRecord(encoded);
  }

  /** The record's sequence number (unsigned). */
  long recordSeq(R record);

  /** Encodes a message, with the sender's clientMode flag. */
  byte[] encodeMessage(Message message, boolean clientMode);

  /**
   * Encodes a message with the sender's {@link Features} bits; by default the profile carries none
   * and this is {@link #encodeMessage(Message, boolean)}.
   */
  default byte[] encodeMessage(Message message, boolean clientMode, int features) {
    return encodeMessage(message, clientMode);
  }

  /** Decodes a message plaintext. */
  DecodedMessage decodeMessage(byte[] plaintext) throws DecodeException;
}
