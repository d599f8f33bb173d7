/**
 * Standard Ethereum discv5: node records (EIP-778, "v4" identity scheme) with their {@code enr:}
 * text form, strict RLP over tuweni-rlp, and the {@link io.codex.dht.ethereum.EthereumProfile} wire
 * profile that the session layer runs instead of the Codex one.
 */
package io.codex.dht.ethereum;
