/** The Codex DHT node: transport, requests, lookups, maintenance, providers and services. */
package io.codex.dht.discv5;
