/**
 * Micrometer metrics for the gateways: a {@link dev.vapicheck.ValidationListener} that counts outcomes per kind and
 * error code and times validation. Needs {@code io.micrometer:micrometer-core} (an optional dependency).
 */
@org.jspecify.annotations.NullMarked
@com.google.errorprone.annotations.CheckReturnValue
package dev.vapicheck.micrometer;
