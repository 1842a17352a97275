/**
 * The {@code vapi-check} command line: {@code validate} checks payload files against the schemas, {@code proxy} runs
 * a validating reverse proxy and {@code replay} sends quarantined webhooks to a server.
 */
@org.jspecify.annotations.NullMarked
package dev.vapicheck.cli;
