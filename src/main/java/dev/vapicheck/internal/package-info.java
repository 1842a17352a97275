/**
 * Internal: the compiled fast path, the adapter to the networknt engine, payload parsing and schema loading. Please
 * don't depend on the APIs implemented here; they change without notice.
 */
@org.jspecify.annotations.NullMarked
package dev.vapicheck.internal;
