package dev.vapicheck.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vapicheck.ValidationResult;
import dev.vapicheck.VapiValidator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The quarantine folder: exact bytes, redaction, bounds (oldest first), failures that never throw. */
class QuarantineTest {
    static final ValidationResult INVALID = VapiValidator.create().validate("{\"message\": {\"type\": 1}}");
    static final Map<String, List<String>> HEADERS = Map.of("Content-Type", List.of("application/json"),
            "X-Vapi-Secret", List.of("hunter2"), "Authorization", List.of("Bearer abc"), "X-Call", List.of("7"));

    @TempDir
    Path dir;

    @Test
    void keepsTheExactBytesAndRedactsSecrets() throws Exception {
        byte[] body = "{\"message\": {\"type\": 1}}\n".getBytes(StandardCharsets.UTF_8);
        Quarantine q = Quarantine.open(dir, 10, 1 << 20);

        assertThat(q.put(body, INVALID, 422, HEADERS)).isTrue();

        List<Quarantine.Entry> entries = q.entries();
        assertThat(entries).hasSize(1);
        assertThat(Files.readAllBytes(entries.get(0).body())).isEqualTo(body);
        assertThat(entries.get(0).contentType()).isEqualTo("application/json");
        String meta = Files.readString(dir.resolve(entries.get(0).id() + ".json"));
        assertThat(meta).doesNotContain("hunter2").doesNotContain("Bearer abc").contains("\"7\"")
                .contains("\"status\" : 422").contains("\"pointer\"");
    }

    @Test
    void dropsTheOldestFirstToStayWithinCountAndSize() throws Exception {
        Clock clock = Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC);
        Quarantine q = Quarantine.open(dir, 3, 1 << 20, clock);
        for (int i = 0; i < 5; i++) {
            assertThat(q.put(("{\"n\": " + i + "}").getBytes(StandardCharsets.UTF_8), INVALID, 422, Map.of()))
                    .isTrue();
        }

        assertThat(q.size()).isEqualTo(3);
        assertThat(q.dropped()).isEqualTo(2);
        assertThat(q.entries()).extracting(e -> new String(Files.readAllBytes(e.body()), StandardCharsets.UTF_8))
                .containsExactly("{\"n\": 2}", "{\"n\": 3}", "{\"n\": 4}");

        Quarantine small = Quarantine.open(dir, 100, q.bytes() - 1);
        assertThat(small.size()).isEqualTo(2);
        assertThat(small.dropped()).isEqualTo(1);
    }

    @Test
    void aFailedWriteIsCountedNotThrown() throws Exception {
        Quarantine q = Quarantine.open(dir, 10, 1 << 20);
        Files.delete(dir);
        Files.writeString(dir, "a file where the folder was");

        assertThat(q.put("{}".getBytes(StandardCharsets.UTF_8), INVALID, 422, HEADERS)).isFalse();
        assertThat(q.writeFailures()).isEqualTo(1);
    }
}
