/** The routing-table module (see the README's module map). */
package io.codex.dht.routing;
