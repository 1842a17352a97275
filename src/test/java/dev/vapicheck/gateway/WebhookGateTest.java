package dev.vapicheck.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vapicheck.ValidationListener.Outcome;
import dev.vapicheck.VapiValidator;
import dev.vapicheck.micrometer.VapiCheckMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The decisions without HTTP: secret, content type, cap, modes, a failing quarantine, metrics tags. */
class WebhookGateTest {
    static final VapiValidator VALIDATOR = VapiValidator.create();
    static final byte[] INVALID = "{\"message\": {\"type\": \"status-update\", \"status\": 5}}"
            .getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    @Test
    void earlyChecksInOrderSecretThenTypeThenLength() {
        WebhookGate gate = WebhookGate.builder(VALIDATOR).secret("abc").maxBodyBytes(10).build();

        assertThat(gate.refuseEarly("text/plain", "abd", 99).outcome()).isEqualTo(Outcome.UNAUTHORIZED);
        assertThat(gate.refuseEarly("text/plain", "abcd", 99).outcome()).isEqualTo(Outcome.UNAUTHORIZED);
        assertThat(gate.refuseEarly("text/plain", "abc", 99).outcome()).isEqualTo(Outcome.UNSUPPORTED_MEDIA_TYPE);
        assertThat(gate.refuseEarly("application/json", "abc", 11).outcome()).isEqualTo(Outcome.TOO_LARGE);
        assertThat(gate.refuseEarly("application/json", "abc", 10)).isNull();
        assertThat(gate.refuseEarly("application/json", "abc", -1)).isNull();
    }

    @Test
    void jsonContentTypes() {
        assertThat(WebhookGate.isJson("application/json")).isTrue();
        assertThat(WebhookGate.isJson("Application/JSON; charset=\"UTF-8\"")).isTrue();
        assertThat(WebhookGate.isJson("application/vnd.vapi+json")).isTrue();
        assertThat(WebhookGate.isJson("application/json; charset=utf-16")).isFalse();
        assertThat(WebhookGate.isJson("text/json")).isFalse();
        assertThat(WebhookGate.isJson(null)).isFalse();
    }

    @Test
    void aQuarantineThatCannotWriteNeverChangesTheVerdict() throws Exception {
        Quarantine q = Quarantine.open(dir.resolve("q"), 10, 1 << 20);
        Files.delete(dir.resolve("q"));
        Files.writeString(dir.resolve("q"), "not a folder");
        WebhookGate gate = WebhookGate.builder(VALIDATOR).quarantine(q).build();

        Verdict verdict = gate.checkMessage(INVALID, Map.of());

        assertThat(verdict.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(verdict.problem().status()).isEqualTo(422);
        assertThat(q.writeFailures()).isEqualTo(1);
        assertThat(gate.checkMessage("{\"message\": {\"type\": \"status-update\", \"status\": \"ended\"}}"
                .getBytes(StandardCharsets.UTF_8), Map.of()).passes()).isTrue();
    }

    @Test
    void aThrowingListenerDoesNotBreakTheRequest() {
        WebhookGate gate = WebhookGate.builder(VALIDATOR).mode(Mode.MONITOR).listener(e -> {
            throw new IllegalStateException("listener bug");
        }).build();

        Verdict verdict = gate.checkMessage(INVALID, Map.of());

        assertThat(verdict.passes()).isTrue();
        assertThat(verdict.outcome()).isEqualTo(Outcome.INVALID);
    }

    @Test
    void metricsTagUnknownKindsAsOtherSoSendersCannotGrowTheSeries() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        VapiCheckMetrics metrics = new VapiCheckMetrics(VALIDATOR.messageKinds());
        metrics.bindTo(registry);
        WebhookGate gate = WebhookGate.builder(VALIDATOR).mode(Mode.MONITOR).listener(metrics).build();
        for (int i = 0; i < 3; i++) {
            Verdict ignored = gate.checkMessage(("{\"message\": {\"type\": \"made-up-" + i + "\"}}")
                    .getBytes(StandardCharsets.UTF_8), Map.of());
        }
        Verdict ignored = gate.checkMessage(INVALID, Map.of());

        assertThat(registry.find("vapi_check_outcomes").tag("kind", "other").counters())
                .extracting(c -> c.count()).containsExactly(3.0);
        assertThat(registry.find("vapi_check_outcomes").tag("kind", "status-update").tag("outcome", "invalid")
                .counter().count()).isEqualTo(1.0);
        assertThat(registry.find("vapi_check_errors").tag("kind", "status-update").tag("code", "TYPE").counter()
                .count()).isEqualTo(1.0);
        assertThat(registry.find("vapi_check_validation").tag("kind", "status-update").timer().count())
                .isEqualTo(1);
    }

    @Test
    void builderRejectsBadValuesNamingThem() {
        assertThatThrownBy(() -> WebhookGate.builder(VALIDATOR).maxBodyBytes(0)).hasMessageContaining("0");
        assertThatThrownBy(() -> WebhookGate.builder(VALIDATOR).secret(" ")).hasMessageContaining("blank");
    }
}
