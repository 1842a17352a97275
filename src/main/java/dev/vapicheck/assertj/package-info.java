/**
 * AssertJ assertions for tests of code that receives or answers Vapi server messages.
 * Needs {@code org.assertj:assertj-core} on the test class path (an optional dependency of this library).
 */
@NullMarked
package dev.vapicheck.assertj;

import org.jspecify.annotations.NullMarked;
