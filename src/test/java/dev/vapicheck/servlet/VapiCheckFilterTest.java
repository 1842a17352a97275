package dev.vapicheck.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.vapicheck.ValidationListener;
import dev.vapicheck.ValidationListener.Event;
import dev.vapicheck.ValidationListener.Outcome;
import dev.vapicheck.ValidationListener.Subject;
import dev.vapicheck.VapiValidator;
import dev.vapicheck.gateway.Mode;
import dev.vapicheck.gateway.Quarantine;
import dev.vapicheck.gateway.RawPost;
import dev.vapicheck.gateway.Verdict;
import dev.vapicheck.gateway.WebhookGate;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The filter in a real Jetty 12 servlet container on 127.0.0.1, in front of a handler that records the body it
 * reads (by digest) and the verdict attribute, and answers what the test sets.
 */
class VapiCheckFilterTest {
    static final Path BASE = Path.of(System.getProperty("project.basedir", "."));
    static final String SECRET = "filter-secret";
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    static VapiValidator validator;
    static Server enforcing;
    static Server monitoring;
    static Server replacing;
    static final List<Event> events = new CopyOnWriteArrayList<>();
    static final Handler handler = new Handler();

    @TempDir
    static Path quarantineDir;

    /** The webhook handler behind the filter. */
    static final class Handler extends HttpServlet {
        private static final long serialVersionUID = 1L;
        final List<String> digests = new CopyOnWriteArrayList<>();
        final List<Verdict> verdicts = new CopyOnWriteArrayList<>();
        volatile byte[] reply = "{}".getBytes(StandardCharsets.UTF_8);

        @Override
        protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            byte[] body = "reader".equals(req.getHeader("X-Read"))
                    ? req.getReader().lines().reduce((a, b) -> a + "\n" + b).orElse("").getBytes(StandardCharsets.UTF_8)
                    : req.getInputStream().readAllBytes();
            digests.add(sha256(body));
            verdicts.add((Verdict) req.getAttribute(VapiCheckFilter.VERDICT));
            resp.setContentType("application/json");
            resp.getOutputStream().write(reply);
        }

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            resp.getWriter().print("get");
        }
    }

    @BeforeAll
    static void start() throws Exception {
        validator = VapiValidator.create();
        ValidationListener listener = events::add;
        enforcing = server(new ServletContextListener() {
            @Override
            public void contextInitialized(ServletContextEvent sce) {
                try {
                    register(sce.getServletContext(), SECRET, quarantineDir, listener);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        });
        monitoring = server(filterOn(WebhookGate.builder(validator).mode(Mode.MONITOR).listener(listener).build()));
        replacing = server(filterOn(WebhookGate.builder(validator).replaceInvalidReplies(true).listener(listener)
                .build()));
    }

    /** The README's registration, run as a container would run it at start-up. */
    static void register(ServletContext servletContext, String vapiSecret, Path quarantineDir,
            ValidationListener metrics) throws IOException {
        // readme:servlet
        WebhookGate gate = WebhookGate.builder(VapiValidator.create())
                .secret(vapiSecret)                                  // the x-vapi-secret set in Vapi; null for none
                .mode(Mode.ENFORCE)                                  // or Mode.MONITOR: record, never refuse
                .quarantine(Quarantine.open(quarantineDir, 1000, 100L << 20))
                .listener(metrics)                                   // e.g. new VapiCheckMetrics(kinds), bound to a registry
                .build();
        servletContext.addFilter("vapi-check", new VapiCheckFilter(gate))
                .addMappingForUrlPatterns(null, false, "/webhook");
        // readme:end
    }

    static ServletContextListener filterOn(WebhookGate gate) {
        return new ServletContextListener() {
            @Override
            public void contextInitialized(ServletContextEvent sce) {
                sce.getServletContext().addFilter("vapi-check", new VapiCheckFilter(gate))
                        .addMappingForUrlPatterns(null, false, "/webhook");
            }
        };
    }

    static Server server(ServletContextListener init) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        context.addEventListener(init);
        context.addServlet(new ServletHolder(handler), "/webhook");
        server.setHandler(context);
        server.start();
        return server;
    }

    @AfterAll
    static void stop() throws Exception {
        for (Server s : List.of(enforcing, monitoring, replacing)) {
            s.stop();
        }
    }

    @BeforeEach
    void reset() {
        events.clear();
        handler.digests.clear();
        handler.verdicts.clear();
        handler.reply = "{}".getBytes(StandardCharsets.UTF_8);
    }

    static URI uri(Server server) {
        return URI.create("http://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort()
                + "/webhook");
    }

    static HttpResponse<byte[]> post(Server server, byte[] body, String contentType, String secret,
            String... headers) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(uri(server)).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).header("Content-Type", contentType);
        if (secret != null) {
            r.header("x-vapi-secret", secret);
        }
        if (headers.length > 0) {
            r.headers(headers);
        }
        return HTTP.send(r.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static byte[] fixture(String path) throws IOException {
        return Files.readAllBytes(BASE.resolve("testdata").resolve(path));
    }

    static byte[] statusUpdate() throws IOException {
        try (Stream<Path> s = Files.list(BASE.resolve("testdata/valid/status-update"))) {
            return Files.readAllBytes(s.filter(p -> p.toString().endsWith(".json")).sorted().findFirst()
                    .orElseThrow());
        }
    }

    static JsonNode problem(HttpResponse<byte[]> response) {
        assertThat(response.headers().firstValue("content-type")).hasValue("application/problem+json");
        JsonNode p = JSON.readTree(response.body());
        assertThat(p.get("status").asInt()).isEqualTo(response.statusCode());
        return p;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void validMessageReachesTheHandlerByteForByteWithItsVerdict() throws Exception {
        byte[] body = statusUpdate();

        HttpResponse<byte[]> response = post(enforcing, body, "application/json", SECRET);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(handler.digests).containsExactly(sha256(body));
        assertThat(handler.verdicts).hasSize(1);
        Verdict verdict = handler.verdicts.get(0);
        assertThat(verdict.outcome()).isEqualTo(Outcome.VALID);
        assertThat(verdict.validation().orElseThrow().messageType()).hasValue("status-update");
        assertThat(events).extracting(Event::subject, Event::outcome).containsExactly(tuple(Subject.MESSAGE,
                Outcome.VALID));
    }

    @Test
    void aHandlerThatUsesGetReaderReadsTheSameText() throws Exception {
        byte[] body = "{\"message\": {\"type\": \"status-update\", \"status\": \"ended\", \"note\": \"caf\u00e9\"}}"
                .getBytes(StandardCharsets.UTF_8);

        HttpResponse<byte[]> response = post(enforcing, body, "application/json; charset=utf-8", SECRET,
                "X-Read", "reader");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(handler.digests).containsExactly(sha256(body));
    }

    @Test
    void invalidMessageIsA422ProblemTheHandlerIsNotCalledAndItIsQuarantined() throws Exception {
        byte[] body = fixture("invalid/status-update/timestamp-string.json");

        HttpResponse<byte[]> response = post(enforcing, body, "application/json", SECRET);

        assertThat(response.statusCode()).isEqualTo(422);
        JsonNode p = problem(response);
        assertThat(p.get("errors").get(0).get("pointer").asString()).isEqualTo("/message/timestamp");
        assertThat(p.get("errors").get(0).get("code").asString()).isEqualTo("TYPE");
        assertThat(handler.digests).isEmpty();
        assertThat(events).extracting(Event::outcome).containsExactly(Outcome.REJECTED);
        List<Quarantine.Entry> entries = Quarantine.open(quarantineDir, 1000, 100L << 20).entries();
        assertThat(entries).isNotEmpty();
        assertThat(sha256(Files.readAllBytes(entries.get(entries.size() - 1).body()))).isEqualTo(sha256(body));
    }

    @Test
    void unknownKindReachesTheHandlerWithItsWarning() throws Exception {
        byte[] body = fixture("drift/chat.created/web-chat-created.json");

        HttpResponse<byte[]> response = post(enforcing, body, "application/json", SECRET);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(handler.digests).containsExactly(sha256(body));
        Verdict verdict = handler.verdicts.get(0);
        assertThat(verdict.outcome()).isEqualTo(Outcome.VALID);
        assertThat(verdict.validation().orElseThrow().warnings()).extracting(e -> e.code())
                .containsExactly(dev.vapicheck.ErrorCode.UNKNOWN_VARIANT);
        assertThat(events.get(0).warningCodes()).containsExactly(dev.vapicheck.ErrorCode.UNKNOWN_VARIANT);
    }

    @Test
    void wrongOrMissingSecretIs401() throws Exception {
        byte[] body = statusUpdate();

        assertThat(post(enforcing, body, "application/json", "nope").statusCode()).isEqualTo(401);
        assertThat(post(enforcing, body, "application/json", null).statusCode()).isEqualTo(401);
        assertThat(handler.digests).isEmpty();
        assertThat(events).extracting(Event::outcome).containsExactly(Outcome.UNAUTHORIZED, Outcome.UNAUTHORIZED);
    }

    @Test
    void wrongContentTypeIs415() throws Exception {
        HttpResponse<byte[]> response = post(enforcing, statusUpdate(), "application/x-www-form-urlencoded", SECRET);

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(problem(response).get("type").asString()).endsWith("/unsupported-media-type");
        assertThat(handler.digests).isEmpty();
    }

    @Test
    void oversizeBodyIs413WithContentLengthAndWhenChunked() throws Exception {
        byte[] big = ("{\"message\":{\"type\":\"status-update\",\"pad\":\"" + "x".repeat(WebhookGate
                .DEFAULT_MAX_BODY_BYTES) + "\"}}").getBytes(StandardCharsets.UTF_8);

        // Only the headers: the refusal must come before any body is read.
        String declared = RawPost.headersOnly(uri(enforcing).getPort(), big.length, SECRET);
        HttpResponse<byte[]> chunked = HTTP.send(HttpRequest.newBuilder(uri(enforcing))
                .header("Content-Type", "application/json").header("x-vapi-secret", SECRET)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))).build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(declared).startsWith("HTTP/1.1 413 ").contains("/payload-too-large");
        assertThat(chunked.statusCode()).isEqualTo(413);
        assertThat(problem(chunked).get("type").asString()).endsWith("/payload-too-large");
        assertThat(handler.digests).isEmpty();
    }

    @Test
    void chunkedBodyReachesTheHandlerByteForByte() throws Exception {
        byte[] body = fixture("valid/tool-calls/function-all-model-tool-kinds-long.json");
        handler.reply = fixture("valid/reply/tool-calls/minimal.json");

        HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(uri(enforcing))
                .header("Content-Type", "application/json").header("x-vapi-secret", SECRET)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(fixture("valid/reply/tool-calls/minimal.json"));
        assertThat(handler.digests).containsExactly(sha256(body));
        assertThat(events).extracting(Event::subject, Event::outcome).containsExactly(
                tuple(Subject.MESSAGE, Outcome.VALID), tuple(Subject.REPLY, Outcome.VALID));
    }

    @Test
    void monitorModeCallsTheHandlerWithTheInvalidVerdict() throws Exception {
        byte[] body = fixture("invalid/status-update/timestamp-string.json");

        HttpResponse<byte[]> response = post(monitoring, body, "application/json", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(handler.digests).containsExactly(sha256(body));
        Verdict verdict = handler.verdicts.get(0);
        assertThat(verdict.outcome()).isEqualTo(Outcome.INVALID);
        assertThat(verdict.validation().orElseThrow().errors()).extracting(e -> e.instanceLocation().toString())
                .contains("/message/timestamp");
    }

    @Test
    void invalidReplyIsRecordedAndSentUnchangedByDefault() throws Exception {
        byte[] reply = fixture("invalid/reply/tool-calls/results-object.json");
        handler.reply = reply;

        HttpResponse<byte[]> response = post(monitoring, fixture("valid/tool-calls/minimal.json"),
                "application/json", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(reply);
        assertThat(events).extracting(Event::subject, Event::outcome).containsExactly(
                tuple(Subject.MESSAGE, Outcome.VALID), tuple(Subject.REPLY, Outcome.INVALID));
    }

    @Test
    void invalidReplyIsReplacedBy500WhenAskedAndAValidOneIsSentUnchanged() throws Exception {
        handler.reply = fixture("invalid/reply/tool-calls/results-object.json");
        HttpResponse<byte[]> bad = post(replacing, fixture("valid/tool-calls/minimal.json"), "application/json",
                null);
        handler.reply = fixture("valid/reply/tool-calls/parallel-results.json");
        HttpResponse<byte[]> good = post(replacing, fixture("valid/tool-calls/minimal.json"), "application/json",
                null);

        assertThat(bad.statusCode()).isEqualTo(500);
        assertThat(problem(bad).get("type").asString()).endsWith("/invalid-reply");
        assertThat(good.statusCode()).isEqualTo(200);
        assertThat(good.body()).isEqualTo(fixture("valid/reply/tool-calls/parallel-results.json"));
        assertThat(events).extracting(Event::subject, Event::outcome).containsExactly(
                tuple(Subject.MESSAGE, Outcome.VALID), tuple(Subject.REPLY, Outcome.REJECTED),
                tuple(Subject.MESSAGE, Outcome.VALID), tuple(Subject.REPLY, Outcome.VALID));
    }

    @Test
    void otherMethodsPassUntouched() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri(enforcing)).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("get");
        assertThat(events).isEmpty();
    }
}
