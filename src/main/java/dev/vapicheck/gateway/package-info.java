/**
 * What every webhook gateway (the servlet filter, the proxy) decides, free of any HTTP library: the secret, the
 * content type, the size cap, validation in enforce or monitor mode, reply checks and the quarantine folder.
 */
@org.jspecify.annotations.NullMarked
@com.google.errorprone.annotations.CheckReturnValue
package dev.vapicheck.gateway;
