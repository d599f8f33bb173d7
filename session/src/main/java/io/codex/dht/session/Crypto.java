package io.codex.dht.session;

import io.codex.dht.spr.NodeId;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The symmetric primitives of discv5 on the JDK's providers (AES-NI and CLMUL intrinsics):
 * AES-128-CTR header masking, AES-128-GCM message encryption and HKDF-SHA256 key derivation.
 *
 * <p>Not thread-safe: it keeps its {@link Cipher} and {@link Mac} instances (which are expensive to
 * obtain) for the owner thread.
 */
final class Crypto {
  /** AES-128 key size. */
  static final int KEY_SIZE = 16;

  /** AES-GCM tag size. */
  static final int TAG_SIZE = 16;

  /** AES-GCM nonce size. */
  static final int NONCE_SIZE = 12;

  /** AES-CTR IV (masking IV) size. */
  static final int IV_SIZE = 16;

  private static final byte[] KEY_AGREEMENT =
      "discovery v5 key agreement".getBytes(StandardCharsets.US_ASCII);

  // Two CTR ciphers: one unmasks with our own key only, the other masks for each destination, so
  // the unmasking key schedule is never recomputed.
  private final Cipher unmasker;
  private final Cipher masker;
  private final Cipher gcm;
  private final Mac hmac;

  Crypto() {
    try {
      unmasker = Cipher.getInstance("AES/CTR/NoPadding");
      masker = Cipher.getInstance("AES/CTR/NoPadding");
      gcm = Cipher.getInstance("AES/GCM/NoPadding");
      hmac = Mac.getInstance("HmacSHA256");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JDK has AES-CTR, AES-GCM and HmacSHA256", e);
    }
  }

  /** An AES-128 key from {@code bytes[offset, offset + 16)}. */
  static SecretKeySpec aesKey(byte[] bytes, int offset) {
    return new SecretKeySpec(bytes, offset, KEY_SIZE, "AES");
  }

  /** The masking key of packets sent to {@code destination}: its first 16 bytes. */
  static SecretKeySpec maskingKey(NodeId destination) {
    return aesKey(destination.toBytes(), 0);
  }

  /** Starts unmasking a packet sent to us: AES-CTR, IV = the 16 bytes at {@code iv[ivOffset]}. */
  void startUnmask(SecretKeySpec ownKey, byte[] iv, int ivOffset) {
    init(unmasker, ownKey, iv, ivOffset);
  }

  /** XORs the next {@code length} bytes of the unmasking keystream into {@code in}. */
  void unmask(byte[] in, int inOffset, int length, byte[] out, int outOffset) {
    try {
      unmasker.update(in, inOffset, length, out, outOffset);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-CTR update failed", e);
    }
  }

  /** Masks {@code buf[offset, offset + length)} in place with the masking IV at {@code buf[0]}. */
  void maskInPlace(SecretKeySpec key, byte[] buf, int offset, int length) {
    init(masker, key, buf, 0);
    try {
      masker.update(buf, offset, length, buf, offset);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-CTR update failed", e);
    }
  }

  private static void init(Cipher ctr, SecretKeySpec key, byte[] iv, int ivOffset) {
    try {
      ctr.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(iv, ivOffset, IV_SIZE));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-CTR rejected a 16-byte key and IV", e);
    }
  }

  /**
   * Encrypts {@code plaintext} with AES-128-GCM (12-byte nonce at {@code nonce[nonceOffset]},
   * associated data {@code aad[0, aadLength)}), writing ciphertext and tag to {@code
   * out[outOffset]}.
   */
  void seal(
      SecretKeySpec key,
      byte[] nonce,
      int nonceOffset,
      byte[] aad,
      int aadLength,
      byte[] plaintext,
      byte[] out,
      int outOffset) {
    try {
      gcm.init(
          Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_SIZE * 8, nonce, nonceOffset, 12));
      gcm.updateAAD(aad, 0, aadLength);
      gcm.doFinal(plaintext, 0, plaintext.length, out, outOffset);
    } catch (GeneralSecurityException e) {
      // Includes the JDK's refusal to reuse a (key, nonce) pair: nonces are random, so a repeat
      // is a broken random source.
      throw new IllegalStateException("AES-GCM encryption failed", e);
    }
  }

  /**
   * Decrypts and authenticates {@code in[offset, offset + length)}; returns the plaintext, or
   * {@code null} when the ciphertext holds no more than a tag or the tag does not verify.
   */
  byte[] open(
      SecretKeySpec key,
      byte[] nonce,
      int nonceOffset,
      byte[] aad,
      byte[] in,
      int offset,
      int length) {
    if (length <= TAG_SIZE) {
      return null; // no message: nim-codex-dht rejects it the same way
    }
    try {
      gcm.init(
          Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_SIZE * 8, nonce, nonceOffset, 12));
      gcm.updateAAD(aad);
      return gcm.doFinal(in, offset, length);
    } catch (AEADBadTagException e) {
      return null;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM decryption failed", e);
    }
  }

  /**
   * HKDF-SHA256 of discv5: {@code prk = HMAC(salt = challengeData, secret)}, {@code okm = HMAC(prk,
   * "discovery v5 key agreement" || initiator || recipient || 0x01)}; returns the 32 bytes {@code
   * initiator-key || recipient-key}.
   */
  byte[] deriveKeys(byte[] secret, byte[] challengeData, NodeId initiator, NodeId recipient) {
    try {
      hmac.init(new SecretKeySpec(challengeData, "HmacSHA256"));
      byte[] prk = hmac.doFinal(secret);
      hmac.init(new SecretKeySpec(prk, "HmacSHA256"));
      hmac.update(KEY_AGREEMENT);
      hmac.update(initiator.toBytes());
      hmac.update(recipient.toBytes());
      hmac.update((byte) 1);
      return hmac.doFinal(); // L = 32 = one HMAC block: T(1) is the whole output
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 rejected its key", e);
    }
  }
}
