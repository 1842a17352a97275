package dev.vapicheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vapicheck.ValidationResult;
import dev.vapicheck.VapiValidator;
import dev.vapicheck.gateway.Quarantine;
import dev.vapicheck.proxy.StubUpstream;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The proxy and replay commands: usage errors, and replay against a stub server on 127.0.0.1. */
class GatewayCommandsTest {
    static final String MISSING_ENV = "VAPI_CHECK_TEST_SURELY_UNSET_7";

    @TempDir
    Path dir;
    StubUpstream upstream;
    String out;
    String err;

    @BeforeEach
    void start() throws Exception {
        upstream = new StubUpstream();
    }

    @AfterEach
    void stop() {
        upstream.close();
    }

    private int run(String... args) {
        CliRun run = CliRun.of(new ByteArrayInputStream(new byte[0]), args);
        out = run.out();
        err = run.err();
        return run.code();
    }

    private Quarantine twoEntries() throws Exception {
        ValidationResult invalid = VapiValidator.create().validate("{\"message\": {\"type\": 1}}");
        Quarantine q = Quarantine.open(dir, 10, 1 << 20);
        assertThat(q.put("{\"message\": {\"type\": 1}}".getBytes(StandardCharsets.UTF_8), invalid, 422,
                Map.of("Content-Type", List.of("application/json")))).isTrue();
        assertThat(q.put("{\"message\": {\"type\": 2}}".getBytes(StandardCharsets.UTF_8), invalid, 422,
                Map.of("Content-Type", List.of("application/json; charset=utf-8")))).isTrue();
        return q;
    }

    @Test
    void replaySendsEveryEntryOldestFirstAndRemovesThoseTaken() throws Exception {
        Quarantine q = twoEntries();

        int code = run("replay", "--quarantine", dir.toString(), "--to", upstream.uri() + "/webhook");

        assertThat(code).as(err).isZero();
        assertThat(upstream.received).extracting(r -> new String(r.body(), StandardCharsets.UTF_8))
                .containsExactly("{\"message\": {\"type\": 1}}", "{\"message\": {\"type\": 2}}");
        assertThat(upstream.received).extracting(r -> r.headers().get("content-type"))
                .containsExactly("application/json", "application/json; charset=utf-8");
        assertThat(upstream.received).extracting(StubUpstream.Received::pathAndQuery).containsOnly("/webhook");
        assertThat(out).contains("2 replayed, 2 taken, 0 not taken");
        assertThat(q.entries()).isEmpty();
    }

    @Test
    void replayKeepsWhatTheServerRefuses() throws Exception {
        Quarantine q = twoEntries();
        upstream.answer = new StubUpstream.Answer(500, "text/plain", new byte[0], 0);

        int code = run("replay", "--quarantine", dir.toString(), "--to", upstream.uri().toString());

        assertThat(code).isEqualTo(Main.INVALID);
        assertThat(out).contains("-> 500").contains("0 taken, 2 not taken");
        assertThat(q.entries()).hasSize(2);
    }

    @Test
    void usageErrorsExitWith2() {
        assertThat(run("proxy", "--upstream", upstream.uri().toString(), "--secret-env", MISSING_ENV))
                .isEqualTo(Main.ERROR);
        assertThat(err).contains(MISSING_ENV);
        assertThat(run("proxy", "--upstream", upstream.uri().toString(), "--listen", "127.0.0.1:http"))
                .isEqualTo(Main.ERROR);
        assertThat(run("proxy", "--upstream", upstream.uri().toString(), "--timeout", "0ms"))
                .isEqualTo(Main.ERROR);
        assertThat(run("proxy", "--upstream", "ftp://127.0.0.1/", "--listen", "127.0.0.1:0"))
                .isEqualTo(Main.ERROR);
        assertThat(err).contains("http(s)://");
        assertThat(run("replay", "--quarantine", dir.resolve("none").toString(), "--to", "http://127.0.0.1:9/"))
                .isEqualTo(Main.ERROR);
        assertThat(upstream.received).isEmpty();
    }
}
