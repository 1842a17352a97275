/**
 * The {@code vapi-check} command line: {@code validate} checks payload files against the schemas.
 */
@org.jspecify.annotations.NullMarked
package dev.vapicheck.cli;
