package dev.vapicheck.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vapicheck.ErrorCode;
import dev.vapicheck.ValidationListener.Event;
import dev.vapicheck.ValidationListener.Outcome;
import dev.vapicheck.ValidationListener.Subject;
import dev.vapicheck.VapiValidator;
import dev.vapicheck.gateway.Mode;
import dev.vapicheck.gateway.Quarantine;
import dev.vapicheck.gateway.RawPost;
import dev.vapicheck.gateway.WebhookGate;
import dev.vapicheck.micrometer.VapiCheckMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The proxy between a client and a stub upstream, all on 127.0.0.1 ephemeral ports: what reaches the upstream (by
 * digest), what the client gets back (status, problem body), and what the listener, the log and the quarantine
 * record.
 */
class ValidatingProxyTest {
    static final Path BASE = Path.of(System.getProperty("project.basedir", "."));
    static final String SECRET = "s3cret-for-tests";
    static final int CAP = 256 * 1024;
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    static VapiValidator validator;
    static StubUpstream upstream;
    static ValidatingProxy proxy;
    static PrometheusMeterRegistry registry;
    static final List<Event> events = new CopyOnWriteArrayList<>();
    static final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
    static Quarantine quarantine;

    @TempDir
    static Path quarantineDir;

    @BeforeAll
    static void start() throws Exception {
        validator = VapiValidator.create();
        upstream = new StubUpstream();
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        VapiCheckMetrics metrics = new VapiCheckMetrics(validator.messageKinds());
        metrics.bindTo(registry);
        quarantine = Quarantine.open(quarantineDir, 100, 10 << 20);
        metrics.bindQuarantine(quarantine);
        WebhookGate gate = WebhookGate.builder(validator).secret(SECRET).maxBodyBytes(CAP).quarantine(quarantine)
                .listener(e -> {
                    events.add(e);
                    metrics.onOutcome(e);
                }).build();
        proxy = ValidatingProxy.builder(gate, upstream.uri()).timeout(Duration.ofSeconds(10)).metrics(registry)
                .stopTimeout(Duration.ZERO)
                .log(new PrintStream(logBytes, true, StandardCharsets.UTF_8)).build().start();
    }

    @AfterAll
    static void stop() throws Exception {
        proxy.close();
        upstream.close();
    }

    @BeforeEach
    void reset() {
        upstream.answer = StubUpstream.Answer.ok("{\"ok\":true}");
        upstream.received.clear();
        events.clear();
    }

    static byte[] fixture(String path) throws Exception {
        return Files.readAllBytes(BASE.resolve("testdata").resolve(path));
    }

    static HttpResponse<byte[]> post(URI base, String path, byte[] body, String contentType, String secret)
            throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            r.header("Content-Type", contentType);
        }
        if (secret != null) {
            r.header("x-vapi-secret", secret);
        }
        return HTTP.send(r.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static HttpResponse<byte[]> post(byte[] body) throws Exception {
        return post(proxy.uri(), "/webhook", body, "application/json", SECRET);
    }

    static JsonNode problem(HttpResponse<byte[]> response) {
        assertThat(response.headers().firstValue("content-type")).hasValue("application/problem+json");
        JsonNode p = JSON.readTree(response.body());
        assertThat(p.get("status").asInt()).isEqualTo(response.statusCode());
        assertThat(p.get("type").asString()).startsWith("https://vapi-check.dev/problems/");
        assertThat(p.get("title").asString()).isNotBlank();
        assertThat(p.get("detail").asString()).isNotBlank();
        return p;
    }

    @Test
    void validMessageReachesTheUpstreamByteForByteAndTheAnswerComesBackUnchanged() throws Exception {
        byte[] body = fixture("valid/status-update/" + firstFixture("valid/status-update"));
        upstream.answer = new StubUpstream.Answer(201, "application/json; charset=utf-8",
                "{\"seen\": true}\n".getBytes(StandardCharsets.UTF_8), 0);

        HttpResponse<byte[]> response = post(proxy.uri(), "/hooks/vapi?tenant=7", body, "application/json", SECRET);

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("{\"seen\": true}\n");
        assertThat(response.headers().firstValue("x-stub")).hasValue("yes");
        assertThat(upstream.received).hasSize(1);
        StubUpstream.Received got = upstream.received.get(0);
        assertThat(got.sha256()).isEqualTo(StubUpstream.sha256(body));
        assertThat(got.pathAndQuery()).isEqualTo("/hooks/vapi?tenant=7");
        assertThat(got.headers().get("x-vapi-secret")).isEqualTo(SECRET);
        assertThat(got.headers().get("content-type")).isEqualTo("application/json");
        assertThat(got.headers().get("x-forwarded-for")).isEqualTo("127.0.0.1");
        assertThat(events).extracting(Event::subject, Event::kind, Event::outcome)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Subject.MESSAGE, "status-update", Outcome.VALID));
    }

    @Test
    void invalidMessageIsA422ProblemNeverReachesTheUpstreamAndIsQuarantined() throws Exception {
        byte[] body = fixture("invalid/status-update/timestamp-string.json");
        int before = quarantine.size();

        HttpResponse<byte[]> response = post(body);

        assertThat(response.statusCode()).isEqualTo(422);
        JsonNode p = problem(response);
        assertThat(p.get("type").asString()).endsWith("/invalid-message");
        assertThat(p.get("kind").asString()).isEqualTo("status-update");
        JsonNode first = p.get("errors").get(0);
        assertThat(first.get("pointer").asString()).isEqualTo("/message/timestamp");
        assertThat(first.get("code").asString()).isEqualTo("TYPE");
        assertThat(first.get("keyword").asString()).isEqualTo("type");
        assertThat(first.get("message").asString()).isNotBlank();
        assertThat(upstream.received).isEmpty();
        assertThat(events).extracting(Event::outcome).containsExactly(Outcome.REJECTED);
        assertThat(events.get(0).errorCodes()).contains(ErrorCode.TYPE);

        assertThat(quarantine.size()).isEqualTo(before + 1);
        Quarantine.Entry entry = quarantine.entries().get(quarantine.entries().size() - 1);
        assertThat(StubUpstream.sha256(Files.readAllBytes(entry.body()))).isEqualTo(StubUpstream.sha256(body));
        assertThat(entry.kind()).isEqualTo("status-update");
        String meta = Files.readString(quarantineDir.resolve(entry.id() + ".json"));
        assertThat(meta).doesNotContain(SECRET).contains("[redacted]").contains("/message/timestamp");
        String log = logBytes.toString(StandardCharsets.UTF_8);
        assertThat(log).contains("\"outcome\":\"rejected\"").doesNotContain(SECRET);
    }

    @Test
    void malformedJsonIsA400Problem() throws Exception {
        HttpResponse<byte[]> response = post("{\"message\": {\"type\": ".getBytes(StandardCharsets.UTF_8));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(problem(response).get("errors").get(0).get("code").asString()).isEqualTo("MALFORMED_JSON");
        assertThat(upstream.received).isEmpty();
    }

    @Test
    void driftWarningsAreRecordedWhileTheMessagePasses() throws Exception {
        Path dir = BASE.resolve("testdata/drift/end-of-call-report");
        byte[] body = Files.readAllBytes(dir.resolve(firstFixture("drift/end-of-call-report")));
        List<Event> seen = new CopyOnWriteArrayList<>();
        WebhookGate gate = WebhookGate.builder(validator).warnings(true).listener(seen::add).build();
        try (ValidatingProxy p = ValidatingProxy.builder(gate, upstream.uri()).stopTimeout(Duration.ZERO).build().start()) {
            HttpResponse<byte[]> response = post(p.uri(), "/", body, "application/json", null);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(upstream.received).extracting(StubUpstream.Received::sha256)
                    .containsExactly(StubUpstream.sha256(body));
            assertThat(seen).hasSize(1);
            assertThat(seen.get(0).outcome()).isEqualTo(Outcome.VALID);
            assertThat(seen.get(0).warningCodes()).isNotEmpty();
        }
    }

    @Test
    void unknownKindPassesInLenientWithItsWarningRecorded() throws Exception {
        byte[] body = fixture("drift/chat.created/web-chat-created.json");

        HttpResponse<byte[]> response = post(body);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(upstream.received).extracting(StubUpstream.Received::sha256)
                .containsExactly(StubUpstream.sha256(body));
        assertThat(events).hasSize(1);
        assertThat(events.get(0).outcome()).isEqualTo(Outcome.VALID);
        assertThat(events.get(0).kind()).isEqualTo("chat.created");
        assertThat(events.get(0).warningCodes()).containsExactly(ErrorCode.UNKNOWN_VARIANT);
        assertThat(registry.scrape()).contains(
                "vapi_check_warnings_total{code=\"UNKNOWN_VARIANT\",kind=\"other\",subject=\"message\"}");
    }

    @Test
    void unknownKindIsA422WhenAskedToRejectIt() throws Exception {
        WebhookGate gate = WebhookGate.builder(validator).rejectUnknownKinds(true).build();
        try (ValidatingProxy p = ValidatingProxy.builder(gate, upstream.uri())
                .log(new PrintStream(OutputStream.nullOutputStream())).stopTimeout(Duration.ZERO).build().start()) {
            HttpResponse<byte[]> response = post(p.uri(), "/", fixture("drift/chat.created/web-chat-created.json"),
                    "application/json", null);

            assertThat(response.statusCode()).isEqualTo(422);
            JsonNode first = problem(response).get("errors").get(0);
            assertThat(first.get("code").asString()).isEqualTo("UNKNOWN_MESSAGE_TYPE");
            assertThat(first.get("pointer").asString()).isEqualTo("/message/type");
            assertThat(upstream.received).isEmpty();
        }
    }

    @Test
    void wrongOrMissingSecretIs401AndNothingIsForwarded() throws Exception {
        byte[] body = fixture("valid/status-update/" + firstFixture("valid/status-update"));

        HttpResponse<byte[]> wrong = post(proxy.uri(), "/webhook", body, "application/json", "s3cret-for-test");
        HttpResponse<byte[]> missing = post(proxy.uri(), "/webhook", body, "application/json", null);

        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(problem(wrong).get("type").asString()).endsWith("/unauthorized");
        assertThat(problem(missing).get("detail").asString()).contains("missing");
        assertThat(upstream.received).isEmpty();
        assertThat(events).extracting(Event::outcome).containsExactly(Outcome.UNAUTHORIZED, Outcome.UNAUTHORIZED);
        assertThat(logBytes.toString(StandardCharsets.UTF_8)).doesNotContain("s3cret-for-test\"");
    }

    @Test
    void wrongContentTypeIs415() throws Exception {
        byte[] body = fixture("valid/status-update/" + firstFixture("valid/status-update"));

        HttpResponse<byte[]> text = post(proxy.uri(), "/webhook", body, "text/plain", SECRET);
        HttpResponse<byte[]> latin1 = post(proxy.uri(), "/webhook", body, "application/json; charset=iso-8859-1",
                SECRET);
        HttpResponse<byte[]> utf8 = post(proxy.uri(), "/webhook", body, "application/json; charset=UTF-8", SECRET);

        assertThat(text.statusCode()).isEqualTo(415);
        assertThat(problem(text).get("type").asString()).endsWith("/unsupported-media-type");
        assertThat(latin1.statusCode()).isEqualTo(415);
        assertThat(utf8.statusCode()).isEqualTo(200);
        assertThat(upstream.received).hasSize(1);
    }

    @Test
    void oversizeBodyIs413WithContentLengthAndWhenChunked() throws Exception {
        byte[] big = bigMessage(CAP + 1);

        // Only the headers: the refusal must come before any body is read.
        String declared = RawPost.headersOnly(proxy.port(), big.length, SECRET);
        HttpResponse<byte[]> chunked = HTTP.send(HttpRequest.newBuilder(proxy.uri().resolve("/webhook"))
                .header("Content-Type", "application/json").header("x-vapi-secret", SECRET)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))).build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(declared).startsWith("HTTP/1.1 413 ").contains("/payload-too-large");
        assertThat(chunked.statusCode()).isEqualTo(413);
        assertThat(upstream.received).isEmpty();
        assertThat(events).extracting(Event::outcome).containsExactly(Outcome.TOO_LARGE, Outcome.TOO_LARGE);
    }

    @Test
    void chunkedBodyIsForwardedByteForByte() throws Exception {
        byte[] body = fixture("valid/tool-calls/function-all-model-tool-kinds-long.json");
        upstream.answer = new StubUpstream.Answer(200, "application/json",
                fixture("valid/reply/tool-calls/minimal.json"), 0);

        HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(proxy.uri().resolve("/webhook"))
                .header("Content-Type", "application/json").header("x-vapi-secret", SECRET)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(fixture("valid/reply/tool-calls/minimal.json"));
        assertThat(upstream.received).extracting(StubUpstream.Received::sha256)
                .containsExactly(StubUpstream.sha256(body));
        assertThat(upstream.received.get(0).headers().get("transfer-encoding")).isNull();
        assertThat(events).extracting(Event::subject, Event::outcome).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Subject.MESSAGE, Outcome.VALID),
                org.assertj.core.groups.Tuple.tuple(Subject.REPLY, Outcome.VALID));
    }

    @Test
    void upstreamDownIs502() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        WebhookGate gate = WebhookGate.builder(validator).build();
        try (ValidatingProxy p = ValidatingProxy.builder(gate, URI.create("http://127.0.0.1:" + closedPort))
                .log(new PrintStream(OutputStream.nullOutputStream())).stopTimeout(Duration.ZERO).build().start()) {
            HttpResponse<byte[]> response = post(p.uri(), "/", fixture("valid/status-update/"
                    + firstFixture("valid/status-update")), "application/json", null);

            assertThat(response.statusCode()).isEqualTo(502);
            assertThat(problem(response).get("type").asString()).endsWith("/upstream-failed");
        }
    }

    @Test
    void upstreamSlowerThanTheTimeoutIs504() throws Exception {
        upstream.answer = new StubUpstream.Answer(200, "application/json", "{}".getBytes(StandardCharsets.UTF_8),
                3_000);
        List<Event> seen = new CopyOnWriteArrayList<>();
        WebhookGate gate = WebhookGate.builder(validator).listener(seen::add).build();
        try (ValidatingProxy p = ValidatingProxy.builder(gate, upstream.uri()).timeout(Duration.ofMillis(300))
                .log(new PrintStream(OutputStream.nullOutputStream())).stopTimeout(Duration.ZERO).build().start()) {
            long start = System.nanoTime();

            HttpResponse<byte[]> response = post(p.uri(), "/", fixture("valid/status-update/"
                    + firstFixture("valid/status-update")), "application/json", null);

            assertThat(response.statusCode()).isEqualTo(504);
            assertThat(problem(response).get("type").asString()).endsWith("/upstream-timeout");
            assertThat(problem(response).get("detail").asString()).contains("300 ms");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2_500));
            assertThat(seen).extracting(Event::outcome).containsExactly(Outcome.VALID, Outcome.UPSTREAM_TIMEOUT);
        }
    }

    @Test
    void clientThatDisconnectsMidBodyForwardsNothingAndTheProxyGoesOn() throws Exception {
        byte[] body = fixture("valid/status-update/" + firstFixture("valid/status-update"));
        try (Socket socket = new Socket("127.0.0.1", proxy.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /webhook HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "x-vapi-secret: " + SECRET + "\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body, 0, body.length / 2);
            out.flush();
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (events.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }

        assertThat(events).extracting(Event::outcome).containsExactly(Outcome.ABORTED);
        assertThat(upstream.received).isEmpty();
        assertThat(post(body).statusCode()).isEqualTo(200);
        assertThat(upstream.received).extracting(StubUpstream.Received::sha256)
                .containsExactly(StubUpstream.sha256(body));
    }

    @Test
    void invalidReplyIsRecordedAndRelayedUnchangedByDefault() throws Exception {
        byte[] reply = fixture("invalid/reply/tool-calls/results-object.json");
        upstream.answer = new StubUpstream.Answer(200, "application/json", reply, 0);

        HttpResponse<byte[]> response = post(fixture("valid/tool-calls/minimal.json"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(reply);
        assertThat(events).extracting(Event::subject, Event::outcome).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Subject.MESSAGE, Outcome.VALID),
                org.assertj.core.groups.Tuple.tuple(Subject.REPLY, Outcome.INVALID));
        assertThat(logBytes.toString(StandardCharsets.UTF_8)).contains("\"outcome\":\"reply_invalid\"");
    }

    @Test
    void invalidReplyIsReplacedBy502WhenAsked() throws Exception {
        upstream.answer = new StubUpstream.Answer(200, "application/json",
                fixture("invalid/reply/tool-calls/results-object.json"), 0);
        WebhookGate gate = WebhookGate.builder(validator).replaceInvalidReplies(true).build();
        try (ValidatingProxy p = ValidatingProxy.builder(gate, upstream.uri())
                .log(new PrintStream(OutputStream.nullOutputStream())).stopTimeout(Duration.ZERO).build().start()) {
            HttpResponse<byte[]> bad = post(p.uri(), "/", fixture("valid/tool-calls/minimal.json"),
                    "application/json", null);
            upstream.answer = new StubUpstream.Answer(200, "application/json",
                    fixture("valid/reply/tool-calls/single-result.json"), 0);
            HttpResponse<byte[]> good = post(p.uri(), "/", fixture("valid/tool-calls/minimal.json"),
                    "application/json", null);

            assertThat(bad.statusCode()).isEqualTo(502);
            JsonNode problem = problem(bad);
            assertThat(problem.get("type").asString()).endsWith("/invalid-reply");
            assertThat(problem.get("errors").get(0).get("pointer").asString()).isEqualTo("/results");
            assertThat(good.statusCode()).isEqualTo(200);
            assertThat(good.body()).isEqualTo(fixture("valid/reply/tool-calls/single-result.json"));
        }
    }

    @Test
    void monitorModePassesAnInvalidMessageUnchanged() throws Exception {
        byte[] body = fixture("invalid/status-update/timestamp-string.json");
        List<Event> seen = new CopyOnWriteArrayList<>();
        WebhookGate gate = WebhookGate.builder(validator).mode(Mode.MONITOR).listener(seen::add).build();
        try (ValidatingProxy p = ValidatingProxy.builder(gate, upstream.uri())
                .log(new PrintStream(OutputStream.nullOutputStream())).stopTimeout(Duration.ZERO).build().start()) {
            HttpResponse<byte[]> response = post(p.uri(), "/", body, "application/json", null);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(upstream.received).extracting(StubUpstream.Received::sha256)
                    .containsExactly(StubUpstream.sha256(body));
            assertThat(seen).extracting(Event::outcome).containsExactly(Outcome.INVALID);
        }
    }

    @Test
    void concurrentRequestsAllArriveIntact() throws Exception {
        List<byte[]> bodies = new ArrayList<>();
        for (String kind : List.of("status-update", "conversation-update", "end-of-call-report", "speech-update",
                "transcript")) {
            try (Stream<Path> files = Files.list(BASE.resolve("testdata/valid").resolve(kind))) {
                for (Path f : files.filter(f -> f.toString().endsWith(".json")).sorted().limit(4).toList()) {
                    bodies.add(Files.readAllBytes(f));
                }
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<Integer>> statuses = new ArrayList<>();
            List<String> sent = new ArrayList<>();
            for (int round = 0; round < 5; round++) {
                for (byte[] b : bodies) {
                    sent.add(StubUpstream.sha256(b));
                    statuses.add(pool.submit(() -> post(b).statusCode()));
                }
            }
            for (Future<Integer> s : statuses) {
                assertThat(s.get()).isEqualTo(200);
            }
            assertThat(upstream.received).extracting(StubUpstream.Received::sha256)
                    .containsExactlyInAnyOrderElementsOf(sent);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void requestsBeyondTheUpstreamQueueAre502NotLeftWaiting() throws Exception {
        upstream.answer = new StubUpstream.Answer(200, "application/json", "{}".getBytes(StandardCharsets.UTF_8),
                1_500);
        WebhookGate gate = WebhookGate.builder(validator).build();
        byte[] body = fixture("valid/status-update/" + firstFixture("valid/status-update"));
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try (ValidatingProxy p = ValidatingProxy.builder(gate, upstream.uri()).maxThreads(8).maxQueued(2)
                .log(new PrintStream(OutputStream.nullOutputStream())).stopTimeout(Duration.ZERO).build().start()) {
            List<Future<HttpResponse<byte[]>>> responses = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                responses.add(pool.submit(() -> post(p.uri(), "/", body, "application/json", null)));
            }
            int ok = 0;
            int refused = 0;
            for (Future<HttpResponse<byte[]>> r : responses) {
                HttpResponse<byte[]> response = r.get();
                if (response.statusCode() == 200) {
                    ok++;
                } else {
                    assertThat(response.statusCode()).isEqualTo(502);
                    assertThat(problem(response).get("detail").asString()).contains("waiting for the server");
                    refused++;
                }
            }
            assertThat(ok).isBetween(1, 10);
            assertThat(refused).isEqualTo(16 - ok);
            assertThat(upstream.received).hasSize(ok);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void healthzAndMetricsAnswer() throws Exception {
        assertThat(post(fixture("valid/status-update/" + firstFixture("valid/status-update"))).statusCode())
                .isEqualTo(200);

        HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(proxy.uri().resolve("/healthz")).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> metrics = HTTP.send(HttpRequest.newBuilder(proxy.uri().resolve("/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).isEqualTo("ok\n");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body())
                .contains("vapi_check_outcomes_total{kind=\"status-update\",outcome=\"valid\",subject=\"message\"}")
                .contains("vapi_check_validation_seconds_count")
                .contains("vapi_check_quarantine_dropped_total")
                .contains("vapi_proxy_requests_seconds_count{status=\"200\"}");
        assertThat(upstream.received).hasSize(1);
    }

    @Test
    void closeLetsARequestInFlightFinish() throws Exception {
        upstream.answer = new StubUpstream.Answer(200, "application/json", "{}".getBytes(StandardCharsets.UTF_8),
                400);
        WebhookGate gate = WebhookGate.builder(validator).build();
        ValidatingProxy p = ValidatingProxy.builder(gate, upstream.uri()).timeout(Duration.ofSeconds(5))
                .stopTimeout(Duration.ofSeconds(5)).build().start();
        byte[] body = fixture("valid/status-update/" + firstFixture("valid/status-update"));
        CompletableFuture<HttpResponse<byte[]>> inFlight = CompletableFuture.supplyAsync(() -> {
            try {
                return post(p.uri(), "/", body, "application/json", null);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (upstream.received.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }

        p.close();

        assertThat(inFlight.get().statusCode()).isEqualTo(200);
        assertThat(upstream.received).hasSize(1);
    }

    static String firstFixture(String dir) throws Exception {
        try (Stream<Path> s = Files.list(BASE.resolve("testdata").resolve(dir))) {
            return s.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".json") && !n.endsWith(".expected.json")).sorted().findFirst()
                    .orElseThrow();
        }
    }

    /** A valid status-update padded (in an unknown property, fine in lenient) past {@code size} bytes. */
    static byte[] bigMessage(int size) {
        String head = "{\"message\":{\"type\":\"status-update\",\"status\":\"in-progress\",\"pad\":\"";
        String tail = "\"}}";
        return (head + "x".repeat(Math.max(0, size - head.length() - tail.length())) + tail)
                .getBytes(StandardCharsets.UTF_8);
    }
}
