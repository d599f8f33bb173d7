package io.codex.dht.session;

import io.codex.dht.spr.PublicKey;

/**
 * A WHOAREYOU we sent and whose handshake we await.
 *
 * @param challengeData the unmasked WHOAREYOU packet, input of the key derivation and id-signature
 * @param packet the WHOAREYOU as sent, re-sent unchanged to further packets from the same source
 * @param publicKey the node's key if we knew it, else {@code null} (its handshake must carry a
 *     record)
 */
record Challenge(byte[] challengeData, byte[] packet, PublicKey publicKey) {}
