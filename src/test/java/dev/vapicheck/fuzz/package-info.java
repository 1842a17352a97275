/** The Jazzer fuzz test of {@code validate} on bytes, and its seed corpus. */
@NullMarked
package dev.vapicheck.fuzz;

import org.jspecify.annotations.NullMarked;
