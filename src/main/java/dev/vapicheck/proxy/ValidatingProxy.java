package dev.vapicheck.proxy;

import dev.vapicheck.ProblemDetails;
import dev.vapicheck.ValidationError;
import dev.vapicheck.ValidationResult;
import dev.vapicheck.gateway.Verdict;
import dev.vapicheck.gateway.WebhookGate;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.CompletableResponseListener;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A reverse proxy that validates Vapi webhooks before they reach a server (in any language) and the server's
 * replies on their way back, with the decisions of a {@link WebhookGate}.
 *
 * <p>{@code POST} any path: the body is read within the gate's cap and checked; if it passes, exactly those bytes
 * go to the upstream (same path and query, the request's headers less hop-by-hop ones, plus
 * {@code X-Forwarded-For/-Proto/-Host}); the upstream's status, headers and body come back unchanged (bodies are
 * never decoded or re-encoded). A 2xx answer to a kind that expects a reply is validated as that kind's reply.
 * The upstream gets {@link Builder#timeout(Duration)} (Vapi's own 20 s by default) to answer, else 504; when it is
 * down or fails, 502. {@code GET /healthz} answers {@code ok}; {@code GET /metrics} serves Prometheus text when a
 * registry is given. Each refused or failed request is logged as one JSON line (never its body or secret).
 * {@link #close()} stops accepting and lets requests in flight finish (up to the stop timeout).
 */
public final class ValidatingProxy implements AutoCloseable {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Request headers never forwarded (hop-by-hop, or set by the client from the body and the URI). */
    private static final Set<String> DROP_REQUEST = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade", "host",
            "content-length", "expect", "http2-settings");
    /** Response headers never relayed (hop-by-hop, or set by the server from the body). */
    private static final Set<String> DROP_RESPONSE = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade", "content-length");

    private final WebhookGate gate;
    private final URI upstream;
    private final String upstreamPath;
    private final Duration timeout;
    private final int maxReplyBytes;
    private final int maxQueued;
    private final @Nullable PrometheusMeterRegistry registry;
    private final PrintStream log;
    private final Server server;
    private final ServerConnector connector;
    private final HttpClient client;

    private ValidatingProxy(Builder b) {
        this.gate = b.gate;
        this.upstream = b.upstream;
        String path = b.upstream.getRawPath() == null ? "" : b.upstream.getRawPath();
        this.upstreamPath = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        this.timeout = b.timeout;
        this.maxReplyBytes = b.maxReplyBytes;
        this.maxQueued = b.maxQueued;
        this.registry = b.registry;
        this.log = b.log;

        QueuedThreadPool threads = new QueuedThreadPool(b.maxThreads);
        threads.setName("vapi-proxy");
        this.server = new Server(threads);
        HttpConfiguration config = new HttpConfiguration();
        config.setSendServerVersion(false);
        config.setSendDateHeader(false);
        config.setSendXPoweredBy(false);
        this.connector = new ServerConnector(server, new HttpConnectionFactory(config));
        connector.setHost(b.host);
        connector.setPort(b.port);
        connector.setIdleTimeout(Math.max(30_000, timeout.toMillis() + 10_000));
        server.addConnector(connector);
        server.setHandler(new GracefulHandler(new ProxyHandler()));
        server.setStopTimeout(b.stopTimeout.toMillis());
        server.setStopAtShutdown(false);

        this.client = new HttpClient();
        client.setFollowRedirects(false);
        client.setUserAgentField(null);
        client.getContentDecoderFactories().clear();
        client.setConnectTimeout(Math.min(timeout.toMillis(), 5_000));
        client.setMaxConnectionsPerDestination(b.maxThreads);
        // Past the connections, requests wait for one; past this many waiting, they fail with a 502.
        client.setMaxRequestsQueuedPerDestination(b.maxQueued);
        client.setIdleTimeout(60_000);
        QueuedThreadPool clientThreads = new QueuedThreadPool(b.maxThreads);
        clientThreads.setName("vapi-proxy-client");
        client.setExecutor(clientThreads);
    }

    /**
     * A builder.
     *
     * @param gate     the decisions (mode, secret, cap, quarantine, listener)
     * @param upstream the server's base URI, {@code http://host:port[/path]}; request paths are appended
     * @return a new builder: 127.0.0.1, an ephemeral port, a 20 s timeout, 8 MiB replies, log to standard error
     */
    public static Builder builder(WebhookGate gate, URI upstream) {
        return new Builder(gate, upstream);
    }

    /**
     * Starts the client and the server.
     *
     * @return this proxy
     * @throws Exception if the port cannot be bound or Jetty fails to start
     */
    public ValidatingProxy start() throws Exception {
        client.start();
        server.start();
        return this;
    }

    /** @return the bound port */
    public int port() {
        return connector.getLocalPort();
    }

    /** @return {@code http://host:port} of this proxy */
    public URI uri() {
        return URI.create("http://" + (connector.getHost() == null ? "127.0.0.1" : connector.getHost()) + ":"
                + port());
    }

    /** Stops accepting, lets requests in flight finish (up to the stop timeout), then stops the client. */
    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("the proxy did not stop cleanly", e);
        } finally {
            try {
                client.stop();
            } catch (Exception e) {
                // The client holds no state worth reporting once the server has stopped.
            }
        }
    }

    /**
     * Waits until the server stops (for the command line).
     *
     * @throws InterruptedException if interrupted while waiting
     */
    public void join() throws InterruptedException {
        server.join();
    }

    private final class ProxyHandler extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            String path = Request.getPathInContext(request);
            String method = request.getMethod();
            if ("GET".equals(method) && "/healthz".equals(path)) {
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
                response.write(true, ByteBuffer.wrap("ok\n".getBytes(StandardCharsets.UTF_8)), callback);
                return true;
            }
            PrometheusMeterRegistry r = registry;
            if ("GET".equals(method) && "/metrics".equals(path) && r != null) {
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
                response.write(true, ByteBuffer.wrap(r.scrape().getBytes(StandardCharsets.UTF_8)), callback);
                return true;
            }
            new Exchange(request, response, callback).begin();
            return true;
        }
    }

    /** One proxied request. */
    private final class Exchange implements Runnable {
        private final Request request;
        private final Response response;
        private final Callback callback;
        private final long start = System.nanoTime();
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        private @Nullable String kind;

        Exchange(Request request, Response response, Callback callback) {
            this.request = request;
            this.response = response;
            this.callback = callback;
        }

        void begin() {
            if (!"POST".equals(request.getMethod())) {
                response.getHeaders().put(HttpHeader.ALLOW, "POST");
                problem(ProblemDetails.of("method-not-allowed", "Only POST is proxied", 405,
                        "Vapi sends webhooks with POST; this was " + request.getMethod() + "."), null);
                return;
            }
            HttpFields headers = request.getHeaders();
            Verdict early = gate.refuseEarly(headers.get(HttpHeader.CONTENT_TYPE),
                    headers.get(WebhookGate.SECRET_HEADER), request.getLength());
            if (early != null) {
                refuse(early);
                return;
            }
            run();
        }

        /** Reads the body chunk by chunk, as it arrives, within the cap. */
        @Override
        public void run() {
            try {
                read();
            } catch (RuntimeException e) {
                internalError(e);
            }
        }

        /** A bug, or Jetty refusing an operation: logged, and the exchange fails instead of hanging. */
        private void internalError(RuntimeException e) {
            logLine("INTERNAL_ERROR", 500, e.toString(), null);
            if (!response.isCommitted()) {
                Response.writeError(request, response, callback, 500, "vapi-check proxy: " + e.getClass().getSimpleName());
            } else {
                callback.failed(e);
            }
        }

        private void read() {
            while (true) {
                Content.Chunk chunk = request.read();
                if (chunk == null) {
                    request.demand(this);
                    return;
                }
                if (Content.Chunk.isFailure(chunk)) {
                    Verdict aborted = gate.aborted();
                    logLine(aborted.outcome().name(), 0, "the client went away before its body was read", null);
                    callback.failed(chunk.getFailure());
                    return;
                }
                ByteBuffer buffer = chunk.getByteBuffer();
                int n = buffer.remaining();
                if (body.size() + (long) n > gate.maxBodyBytes()) {
                    chunk.release();
                    refuse(gate.tooLarge());
                    return;
                }
                byte[] bytes = new byte[n];
                buffer.get(bytes);
                body.write(bytes, 0, n);
                boolean last = chunk.isLast();
                chunk.release();
                if (last) {
                    validateAndForward(body.toByteArray());
                    return;
                }
            }
        }

        private void validateAndForward(byte[] bytes) {
            HttpFields headers = request.getHeaders();
            Verdict verdict = gate.checkMessage(bytes, headerMap(headers));
            ValidationResult result = verdict.result();
            kind = result == null ? null : result.messageType().orElse(null);
            if (!verdict.passes()) {
                refuse(verdict);
                return;
            }
            if (result != null && !result.isValid()) {
                logLine("INVALID", 0, "invalid message passed on (monitor mode)", result);
            }
            String query = request.getHttpURI().getQuery();
            URI target = upstream.resolve(upstreamPath + Request.getPathInContext(request)
                    + (query == null ? "" : "?" + query));
            org.eclipse.jetty.client.Request out = client.newRequest(target)
                    .method(request.getMethod())
                    .timeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .headers(h -> {
                        for (HttpField f : headers) {
                            if (!DROP_REQUEST.contains(f.getLowerCaseName())) {
                                h.add(f);
                            }
                        }
                        h.add("X-Forwarded-For", Request.getRemoteAddr(request));
                        h.add("X-Forwarded-Proto", request.isSecure() ? "https" : "http");
                        String host = headers.get(HttpHeader.HOST);
                        if (host != null) {
                            h.add("X-Forwarded-Host", host);
                        }
                    })
                    .body(new BytesRequestContent(headers.get(HttpHeader.CONTENT_TYPE), bytes));
            new CompletableResponseListener(out, maxReplyBytes).send().whenComplete((reply, failure) -> {
                try {
                    if (failure != null) {
                        upstreamFailed(failure);
                    } else {
                        relay(reply);
                    }
                } catch (RuntimeException e) {
                    internalError(e);
                }
            });
        }

        private void upstreamFailed(Throwable failure) {
            Throwable cause = failure;
            while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                    && cause.getCause() != null) {
                cause = cause.getCause();
            }
            boolean timedOut = cause instanceof TimeoutException;
            String detail;
            if (timedOut) {
                detail = "The server did not answer within " + timeout.toMillis() + " ms.";
            } else if (cause instanceof ConnectException) {
                detail = "The server could not be reached.";
            } else if (cause instanceof java.util.concurrent.RejectedExecutionException) {
                detail = "Too many requests are waiting for the server (more than " + maxQueued + ").";
            } else if (cause instanceof IllegalArgumentException) {
                detail = "The server's answer is larger than " + maxReplyBytes + " bytes.";
            } else {
                detail = "The exchange with the server failed (" + cause.getClass().getSimpleName() + ").";
            }
            refuse(gate.upstreamFailed(kind, timedOut, detail));
        }

        private void relay(ContentResponse reply) {
            byte[] bytes = reply.getContent();
            int status = reply.getStatus();
            String k = kind;
            if (k != null && status / 100 == 2 && gate.expectsReply(k)) {
                Verdict verdict = gate.checkReply(k, bytes, 502);
                ValidationResult result = verdict.result();
                if (!verdict.passes()) {
                    refuse(verdict);
                    return;
                }
                if (result != null && !result.isValid()) {
                    logLine("REPLY_INVALID", status, "invalid reply passed on", result);
                }
            }
            response.setStatus(status);
            HttpFields.Mutable out = response.getHeaders();
            for (HttpField f : reply.getHeaders()) {
                if (!DROP_RESPONSE.contains(f.getLowerCaseName())) {
                    out.add(f);
                }
            }
            out.put(HttpHeader.CONTENT_LENGTH, bytes.length);
            time(status);
            response.write(true, ByteBuffer.wrap(bytes), callback);
        }

        private void refuse(Verdict verdict) {
            ProblemDetails problem = Objects.requireNonNull(verdict.problem());
            logLine(verdict.outcome().name(), problem.status(), problem.detail(), verdict.result());
            problem(problem, null);
        }

        private void problem(ProblemDetails problem, @Nullable Runnable after) {
            response.setStatus(problem.status());
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, ProblemDetails.MEDIA_TYPE);
            byte[] bytes = problem.toBytes();
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
            time(problem.status());
            response.write(true, ByteBuffer.wrap(bytes), callback);
            if (after != null) {
                after.run();
            }
        }

        private void time(int status) {
            PrometheusMeterRegistry r = registry;
            if (r != null) {
                Timer.builder("vapi_proxy_requests").description("Requests through the proxy, by status")
                        .tag("status", Integer.toString(status)).publishPercentileHistogram(false)
                        .register(r).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            }
        }

        private void logLine(String outcome, int status, String detail, @Nullable ValidationResult result) {
            ObjectNode o = JSON.createObjectNode();
            o.put("time", Instant.now().toString());
            o.put("event", "vapi-check-proxy");
            o.put("outcome", outcome.toLowerCase(Locale.ROOT));
            if (status > 0) {
                o.put("status", status);
            }
            o.put("method", request.getMethod());
            o.put("path", Request.getPathInContext(request));
            o.put("remote", Request.getRemoteAddr(request));
            if (kind != null) {
                o.put("kind", kind);
            }
            o.put("detail", detail);
            if (result != null && !result.errors().isEmpty()) {
                var errors = o.putArray("errors");
                for (ValidationError e : result.errors().subList(0, Math.min(10, result.errors().size()))) {
                    errors.addObject().put("pointer", e.instanceLocation().toString()).put("code", e.code().name());
                }
            }
            o.put("millis", (System.nanoTime() - start) / 1_000_000.0);
            String line = JSON.writeValueAsString(o);
            synchronized (log) {
                log.println(line);
            }
        }
    }

    private static Map<String, List<String>> headerMap(HttpFields headers) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (HttpField f : headers) {
            map.computeIfAbsent(f.getName(), n -> new ArrayList<>()).add(f.getValue());
        }
        return map;
    }

    /** Configures a {@link ValidatingProxy}. */
    public static final class Builder {
        private final WebhookGate gate;
        private final URI upstream;
        private String host = "127.0.0.1";
        private int port;
        private Duration timeout = Duration.ofSeconds(20);
        private Duration stopTimeout = Duration.ofSeconds(25);
        private int maxReplyBytes = 8 << 20;
        private int maxThreads = 200;
        private int maxQueued = 4096;
        private @Nullable PrometheusMeterRegistry registry;
        private PrintStream log = System.err;

        private Builder(WebhookGate gate, URI upstream) {
            this.gate = Objects.requireNonNull(gate, "gate");
            Objects.requireNonNull(upstream, "upstream");
            if (!"http".equals(upstream.getScheme()) && !"https".equals(upstream.getScheme())
                    || upstream.getHost() == null) {
                throw new IllegalArgumentException("the upstream must be an http(s)://host[:port] URI but was "
                        + upstream);
            }
            this.upstream = upstream;
        }

        /**
         * Where to listen (default 127.0.0.1 and an ephemeral port).
         *
         * @param host the address to bind
         * @param port the port, 0 for an ephemeral one
         * @return this builder
         */
        public Builder listen(String host, int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0 to 65535 but was " + port);
            }
            this.host = Objects.requireNonNull(host, "host");
            this.port = port;
            return this;
        }

        /**
         * How long the upstream has to answer (default 20 s, Vapi's own timeout), else 504.
         *
         * @param timeout positive
         * @return this builder
         */
        public Builder timeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive but was " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        /**
         * How long {@link #close()} waits for requests in flight (default 25 s).
         *
         * @param stopTimeout not negative
         * @return this builder
         */
        public Builder stopTimeout(Duration stopTimeout) {
            if (stopTimeout.isNegative()) {
                throw new IllegalArgumentException("stopTimeout must not be negative but was " + stopTimeout);
            }
            this.stopTimeout = stopTimeout;
            return this;
        }

        /**
         * The largest upstream answer relayed (default 8 MiB); a larger one is a 502.
         *
         * @param bytes at least 1
         * @return this builder
         */
        public Builder maxReplyBytes(int bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("maxReplyBytes must be at least 1 but was " + bytes);
            }
            this.maxReplyBytes = bytes;
            return this;
        }

        /**
         * The most threads serving requests (default 200).
         *
         * @param n at least 8
         * @return this builder
         */
        public Builder maxThreads(int n) {
            if (n < 8) {
                throw new IllegalArgumentException("maxThreads must be at least 8 but was " + n);
            }
            this.maxThreads = n;
            return this;
        }

        /**
         * How many requests may wait for a connection to the upstream once all {@link #maxThreads(int)} connections
         * are busy (default 4096, about 50 MB of typical messages); past that, a request is answered 502.
         *
         * @param n at least 1
         * @return this builder
         */
        public Builder maxQueued(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("maxQueued must be at least 1 but was " + n);
            }
            this.maxQueued = n;
            return this;
        }

        /**
         * Serve this registry at {@code GET /metrics} and time requests in it ({@code vapi_proxy_requests}).
         *
         * @param registry the registry, or null for no metrics endpoint
         * @return this builder
         */
        public Builder metrics(@Nullable PrometheusMeterRegistry registry) {
            this.registry = registry;
            return this;
        }

        /**
         * Where the JSON log lines go (default standard error).
         *
         * @param log the stream
         * @return this builder
         */
        public Builder log(PrintStream log) {
            this.log = Objects.requireNonNull(log, "log");
            return this;
        }

        /**
         * The proxy, not started.
         *
         * @return the proxy
         */
        public ValidatingProxy build() {
            return new ValidatingProxy(this);
        }
    }
}
