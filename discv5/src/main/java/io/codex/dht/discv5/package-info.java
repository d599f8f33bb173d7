/** The discv5 module (see the README's module map). */
package io.codex.dht.discv5;
