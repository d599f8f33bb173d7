/** The session module (see the README's module map). */
package io.codex.dht.session;
