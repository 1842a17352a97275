/**
 * Validates Vapi server messages and the replies to them against the vapi-check JSON Schemas.
 *
 * <p>Start with {@link dev.vapicheck.VapiValidator#create()} (the schemas embedded in the jar) or
 * {@link dev.vapicheck.VapiValidator#builder()}, then call {@code validate} with a {@link dev.vapicheck.Payload}
 * and an optional {@link dev.vapicheck.Check}. Data problems come back as a {@link dev.vapicheck.ValidationResult};
 * only programming and configuration mistakes throw.
 */
@org.jspecify.annotations.NullMarked
@com.google.errorprone.annotations.CheckReturnValue
package dev.vapicheck;
