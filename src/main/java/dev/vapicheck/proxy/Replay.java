package dev.vapicheck.proxy;

import dev.vapicheck.gateway.Quarantine;
import dev.vapicheck.gateway.WebhookGate;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.jspecify.annotations.Nullable;

/**
 * Sends quarantined webhooks to a server (the upstream itself once it accepts them, or a proxy with newer schemas),
 * oldest first, each with the content type it came with and, when given, the secret (which the quarantine never
 * stores). An entry answered with 2xx is removed unless asked to keep it.
 */
public final class Replay {
    private final URI target;
    private final @Nullable String secret;
    private final Duration timeout;
    private final boolean keep;

    /**
     * What became of one entry.
     *
     * @param entry  the entry
     * @param status the HTTP status, or 0 when the request failed
     * @param detail the failure, or empty
     */
    public record Sent(Quarantine.Entry entry, int status, String detail) {
        /** @return whether the server took it (2xx) */
        public boolean ok() {
            return status / 100 == 2;
        }
    }

    /**
     * A replay.
     *
     * @param target  where to POST each body (the full URI)
     * @param secret  the {@value WebhookGate#SECRET_HEADER} to send, or null
     * @param timeout how long each request may take
     * @param keep    true to keep entries that were taken
     */
    public Replay(URI target, @Nullable String secret, Duration timeout, boolean keep) {
        this.target = Objects.requireNonNull(target, "target");
        this.secret = secret;
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.keep = keep;
    }

    /**
     * Sends every entry, oldest first.
     *
     * @param quarantine the quarantine
     * @return one result per entry, in order
     * @throws IOException          if the folder cannot be read
     * @throws InterruptedException if interrupted
     */
    public List<Sent> run(Quarantine quarantine) throws IOException, InterruptedException {
        HttpClient http = new HttpClient();
        http.setFollowRedirects(false);
        http.setConnectTimeout(timeout.toMillis());
        http.getContentDecoderFactories().clear();
        try {
            http.start();
        } catch (Exception e) {
            throw new IOException("the HTTP client did not start", e);
        }
        try {
            List<Sent> out = new ArrayList<>();
            for (Quarantine.Entry entry : quarantine.entries()) {
                byte[] body = Files.readAllBytes(entry.body());
                Request request = http.POST(target).timeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                        .body(new BytesRequestContent(entry.contentType() == null ? "application/json"
                                : entry.contentType(), body));
                if (secret != null) {
                    request.headers(h -> h.put(WebhookGate.SECRET_HEADER, secret));
                }
                Sent sent;
                try {
                    ContentResponse response = request.send();
                    sent = new Sent(entry, response.getStatus(), "");
                } catch (ExecutionException | TimeoutException e) {
                    Throwable cause = e.getCause() == null ? e : e.getCause();
                    sent = new Sent(entry, 0, cause.getClass().getSimpleName()
                            + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
                }
                if (sent.ok() && !keep) {
                    quarantine.remove(entry);
                }
                out.add(sent);
            }
            return out;
        } finally {
            try {
                http.stop();
            } catch (Exception e) {
                // Nothing is left to report once every entry has been sent.
            }
        }
    }
}
