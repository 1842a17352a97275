package dev.vapicheck;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Told the outcome of each webhook a gateway (the servlet filter, the proxy) handled: for metrics, logs or routing,
 * without tying the library to a metrics system. Called on the request's thread, once for the message and, for
 * kinds that expect a reply, once for the reply; it must be fast and thread-safe, and what it throws is ignored.
 */
@FunctionalInterface
public interface ValidationListener {
    /** A listener that does nothing. */
    ValidationListener NONE = event -> { };

    /**
     * Receives one outcome.
     *
     * @param event what happened
     */
    void onOutcome(Event event);

    /** What an event is about. */
    enum Subject {
        /** The webhook Vapi sent. */
        MESSAGE,
        /** The reply the server gave to it (or the failure to get one). */
        REPLY
    }

    /** What became of a message or a reply. */
    enum Outcome {
        /** It passed validation (it may carry warnings). */
        VALID,
        /** It failed validation and was passed on all the same (monitor mode, or a reply recorded only). */
        INVALID,
        /** It failed validation and was answered with a problem instead (enforce mode). */
        REJECTED,
        /** The shared secret was missing or wrong (401). */
        UNAUTHORIZED,
        /** The body was larger than allowed (413). */
        TOO_LARGE,
        /** The content type was not JSON (415). */
        UNSUPPORTED_MEDIA_TYPE,
        /** The client went away before its body was read. */
        ABORTED,
        /** The upstream could not be reached, failed, or answered with a body larger than allowed (502). */
        UPSTREAM_FAILED,
        /** The upstream did not answer within the timeout (504). */
        UPSTREAM_TIMEOUT
    }

    /**
     * One outcome.
     *
     * @param subject      the message or the reply
     * @param kind         the message type as sent (which need not be a known kind), or null when unknown
     * @param outcome      what became of it
     * @param errorCodes   the codes of its errors, in the result's order (empty when valid or not validated)
     * @param warningCodes the codes of its warnings (such as unknown-variant drift)
     * @param duration     the time spent validating it (zero when it was not validated)
     */
    record Event(Subject subject, @Nullable String kind, Outcome outcome, List<ErrorCode> errorCodes,
            List<ErrorCode> warningCodes, Duration duration) {
        /**
         * Checks for nulls and freezes the lists.
         *
         * @param subject      the message or the reply
         * @param kind         the message type, or null
         * @param outcome      what became of it
         * @param errorCodes   the error codes
         * @param warningCodes the warning codes
         * @param duration     the validation time
         */
        public Event {
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(outcome, "outcome");
            errorCodes = List.copyOf(errorCodes);
            warningCodes = List.copyOf(warningCodes);
            Objects.requireNonNull(duration, "duration");
        }
    }
}
