package dev.vapicheck.micrometer;

import dev.vapicheck.ErrorCode;
import dev.vapicheck.ValidationListener;
import dev.vapicheck.gateway.Quarantine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Counts gateway outcomes in a Micrometer registry:
 *
 * <ul>
 *   <li>{@code vapi_check_outcomes_total{subject, kind, outcome}}: one per message or reply;</li>
 *   <li>{@code vapi_check_errors_total{subject, kind, code}} and {@code vapi_check_warnings_total{...}}: one per
 *       error (warning) code found;</li>
 *   <li>{@code vapi_check_validation_seconds{subject, kind}}: the time spent validating;</li>
 *   <li>with {@link #bindQuarantine}: {@code vapi_check_quarantine_dropped_total} and
 *       {@code vapi_check_quarantine_write_failures_total}.</li>
 * </ul>
 *
 * <p>The {@code kind} tag is the message type when it is one of the known kinds, {@code other} for any other value
 * (so a sender cannot grow the number of series) and {@code none} when there is no usable type. Register it with
 * {@code bindTo(registry)} and pass it as the gate's listener. Thread-safe.
 */
public final class VapiCheckMetrics implements ValidationListener, MeterBinder {
    private final Set<String> knownKinds;
    private volatile @Nullable MeterRegistry registry;

    /**
     * Metrics that tag by the given kinds.
     *
     * @param knownKinds the kinds that get a tag of their own, usually {@code validator.messageKinds()}
     */
    public VapiCheckMetrics(Set<String> knownKinds) {
        this.knownKinds = Set.copyOf(Objects.requireNonNull(knownKinds, "knownKinds"));
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    /**
     * Also exposes a quarantine's drop and write-failure counts. Call after {@link #bindTo}.
     *
     * @param quarantine the quarantine
     * @throws IllegalStateException if not bound to a registry yet
     */
    public void bindQuarantine(Quarantine quarantine) {
        MeterRegistry r = registry;
        if (r == null) {
            throw new IllegalStateException("bindTo(registry) first");
        }
        FunctionCounter.builder("vapi_check_quarantine_dropped", quarantine, Quarantine::dropped)
                .description("Quarantined messages deleted to keep the folder within its bounds").register(r);
        FunctionCounter.builder("vapi_check_quarantine_write_failures", quarantine, Quarantine::writeFailures)
                .description("Quarantine writes or deletions that failed").register(r);
    }

    @Override
    public void onOutcome(Event event) {
        MeterRegistry r = registry;
        if (r == null) {
            return;
        }
        String subject = event.subject().name().toLowerCase(Locale.ROOT);
        String kind = kindTag(event.kind());
        Counter.builder("vapi_check_outcomes").description("Messages and replies handled, by outcome")
                .tag("subject", subject).tag("kind", kind)
                .tag("outcome", event.outcome().name().toLowerCase(Locale.ROOT)).register(r).increment();
        for (ErrorCode code : event.errorCodes()) {
            Counter.builder("vapi_check_errors").description("Validation errors found, by code")
                    .tag("subject", subject).tag("kind", kind).tag("code", code.name()).register(r).increment();
        }
        for (ErrorCode code : event.warningCodes()) {
            Counter.builder("vapi_check_warnings").description("Validation warnings (drift) found, by code")
                    .tag("subject", subject).tag("kind", kind).tag("code", code.name()).register(r).increment();
        }
        if (!event.duration().isZero()) {
            Timer.builder("vapi_check_validation").description("Time spent validating")
                    .tag("subject", subject).tag("kind", kind).register(r).record(event.duration());
        }
    }

    private String kindTag(@Nullable String kind) {
        if (kind == null) {
            return "none";
        }
        return knownKinds.contains(kind) ? kind : "other";
    }
}
