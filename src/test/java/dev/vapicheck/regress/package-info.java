/** Regression tests, one per finding (fuzzing, hosts, review), each named after what it found. */
@NullMarked
package dev.vapicheck.regress;

import org.jspecify.annotations.NullMarked;
