package dev.vapicheck.proxy;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * A webhook server for tests, on 127.0.0.1 and an ephemeral port: records what it receives (digest, headers, path)
 * and answers with the configured {@link Answer}.
 */
public final class StubUpstream implements AutoCloseable {
    /** What the stub answers. */
    public record Answer(int status, String contentType, byte[] body, long delayMillis) {
        public static Answer ok(String body) {
            return new Answer(200, "application/json", body.getBytes(java.nio.charset.StandardCharsets.UTF_8), 0);
        }
    }

    /** One request received. */
    public record Received(String method, String pathAndQuery, HttpFields headers, byte[] body, String sha256) {
    }

    private final Server server = new Server();
    private final ServerConnector connector = new ServerConnector(server);
    public final List<Received> received = new CopyOnWriteArrayList<>();
    public volatile Answer answer = Answer.ok("{}");
    /** When set, chooses the answer from the request body instead of {@link #answer}. */
    public volatile java.util.function.@org.jspecify.annotations.Nullable Function<byte[], Answer> responder;

    public StubUpstream() throws Exception {
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                byte[] body;
                try (InputStream in = Content.Source.asInputStream(request)) {
                    body = in.readAllBytes();
                }
                String query = request.getHttpURI().getQuery();
                received.add(new Received(request.getMethod(),
                        Request.getPathInContext(request) + (query == null ? "" : "?" + query),
                        HttpFields.build(request.getHeaders()).asImmutable(), body, sha256(body)));
                java.util.function.Function<byte[], Answer> r = responder;
                Answer a = r == null ? answer : r.apply(body);
                if (a.delayMillis() > 0) {
                    Thread.sleep(a.delayMillis());
                }
                response.setStatus(a.status());
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, a.contentType());
                response.getHeaders().put("X-Stub", "yes");
                response.write(true, ByteBuffer.wrap(a.body()), callback);
                return true;
            }
        });
        server.start();
    }

    public int port() {
        return connector.getLocalPort();
    }

    public java.net.URI uri() {
        return java.net.URI.create("http://127.0.0.1:" + port());
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
