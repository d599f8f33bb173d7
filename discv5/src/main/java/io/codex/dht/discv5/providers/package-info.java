/**
 * Content ids (CIDs) and their DHT keys, and the store of provider records announced for those
 * keys.
 */
package io.codex.dht.discv5.providers;
