/**
 * Build-time schema generator: reads Vapi's model docs and OpenAPI document and writes {@code schemas/}.
 * Nothing at run time depends on this package.
 */
@NullMarked
package dev.vapicheck.generator;

import org.jspecify.annotations.NullMarked;
