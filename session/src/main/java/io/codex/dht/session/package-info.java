/**
 * The encrypted UDP session layer of the Codex DHT: packet masking and the WHOAREYOU handshake
 * (ECDH, HKDF-SHA256, AES-128-GCM), the session cache, and the discovery messages.
 *
 * <p>{@link io.codex.dht.session.SessionLayer} is the entry point: one per node, confined to the
 * node's thread. The points where the Codex wire format differs from Ethereum discv5 sit behind
 * {@link io.codex.dht.session.WireProfile}; {@link io.codex.dht.session.CodexProfile} implements
 * them.
 */
package io.codex.dht.session;
