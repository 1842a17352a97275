/**
 * Internal: the compiled validator (verdicts and errors), the adapter to the networknt engine (the reference and the
 * fallback), payload parsing and schema loading. Please
 * don't depend on the APIs implemented here; they change without notice.
 */
@org.jspecify.annotations.NullMarked
package dev.vapicheck.internal;
