/**
 * A validating reverse proxy for Vapi webhooks (Jetty 12 server and client), for servers in any language; and
 * {@link dev.vapicheck.proxy.Replay}, which sends quarantined bodies to a server. Needs Jetty and Micrometer, which
 * the command-line jar bundles (optional dependencies of the library).
 */
@org.jspecify.annotations.NullMarked
@com.google.errorprone.annotations.CheckReturnValue
package dev.vapicheck.proxy;
