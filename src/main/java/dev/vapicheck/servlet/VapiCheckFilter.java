package dev.vapicheck.servlet;

import dev.vapicheck.ProblemDetails;
import dev.vapicheck.ValidationResult;
import dev.vapicheck.gateway.Verdict;
import dev.vapicheck.gateway.WebhookGate;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Validates Vapi webhooks before the handler of the route it is registered on, with the decisions of a
 * {@link WebhookGate} (secret, JSON content type, size cap, enforce or monitor mode, quarantine, listener).
 *
 * <pre>{@code
 * VapiCheckFilter filter = new VapiCheckFilter(WebhookGate.builder(VapiValidator.create())
 *         .secret(System.getenv("VAPI_SECRET")).build());
 * }</pre>
 *
 * <p>Only {@code POST} requests are checked; others pass untouched. The body is read once, within the cap, and the
 * handler gets a request whose body is exactly the bytes received ({@code getInputStream()} or
 * {@code getReader()}). A refused message is answered with {@code application/problem+json} (401, 413, 415, and in
 * enforce mode 422 or 400) and the handler is not called. The {@link Verdict} is in the request attribute
 * {@value #VERDICT}, for the handler to log or route on ({@code verdict.validation()} holds the result, warnings
 * included).
 *
 * <p>For kinds that expect a reply (tool-calls, assistant-request, ...) the handler's 2xx response body is validated
 * as that kind's reply, without changing a byte of it; the reply's verdict goes to the listener (and to the
 * attribute {@value #REPLY_VERDICT}, readable by filters further out). With
 * {@link WebhookGate.Builder#replaceInvalidReplies(boolean)} in enforce mode the response is buffered instead of
 * streamed, and an invalid reply is replaced by a 500 problem. Reply checks cover handlers that write their response
 * before returning (not async servlets). Thread-safe.
 */
public final class VapiCheckFilter implements Filter {
    /** The request attribute holding the message's {@link Verdict}. */
    public static final String VERDICT = "dev.vapicheck.verdict";
    /** The request attribute holding the reply's {@link Verdict}, once the handler has answered. */
    public static final String REPLY_VERDICT = "dev.vapicheck.replyVerdict";

    private final WebhookGate gate;

    /**
     * A filter with these decisions.
     *
     * @param gate the gate (share one per validator configuration)
     */
    public VapiCheckFilter(WebhookGate gate) {
        this.gate = Objects.requireNonNull(gate, "gate");
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        if (!(req instanceof HttpServletRequest request) || !(res instanceof HttpServletResponse response)
                || !"POST".equals(request.getMethod())) {
            chain.doFilter(req, res);
            return;
        }
        Verdict early = gate.refuseEarly(request.getContentType(), request.getHeader(WebhookGate.SECRET_HEADER),
                request.getContentLengthLong());
        if (early != null) {
            problem(response, Objects.requireNonNull(early.problem()));
            return;
        }
        byte[] body;
        try {
            body = readCapped(request.getInputStream(), gate.maxBodyBytes());
        } catch (IOException e) {
            Verdict ignored = gate.aborted();
            throw e;
        }
        if (body == null) {
            problem(response, Objects.requireNonNull(gate.tooLarge().problem()));
            return;
        }
        Verdict verdict = gate.checkMessage(body, headers(request));
        request.setAttribute(VERDICT, verdict);
        if (!verdict.passes()) {
            problem(response, Objects.requireNonNull(verdict.problem()));
            return;
        }
        BodyRequest wrapped = new BodyRequest(request, body);
        ValidationResult result = verdict.result();
        String kind = result == null ? null : result.messageType().orElse(null);
        if (kind == null || !gate.expectsReply(kind)) {
            chain.doFilter(wrapped, response);
            return;
        }
        boolean buffer = gate.replacesInvalidReplies();
        CapturingResponse capturing = new CapturingResponse(response, buffer, gate.maxBodyBytes());
        chain.doFilter(wrapped, capturing);
        capturing.finish();
        int status = capturing.getStatus();
        Verdict reply = null;
        if (status / 100 == 2 && !capturing.overflowed()) {
            reply = gate.checkReply(kind, capturing.captured(), 500);
            request.setAttribute(REPLY_VERDICT, reply);
        }
        if (buffer) {
            if (reply != null && !reply.passes() && !response.isCommitted()) {
                response.reset();
                problem(response, Objects.requireNonNull(reply.problem()));
            } else {
                capturing.release();
            }
        }
    }

    private static void problem(HttpServletResponse response, ProblemDetails problem) throws IOException {
        byte[] bytes = problem.toBytes();
        response.setStatus(problem.status());
        response.setContentType(ProblemDetails.MEDIA_TYPE);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
        response.flushBuffer();
    }

    /** The body, or null when it is longer than {@code max}. */
    private static byte @Nullable [] readCapped(InputStream in, int max) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) >= 0) {
            if (out.size() + (long) n > max) {
                return null;
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    private static Map<String, List<String>> headers(HttpServletRequest request) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            map.put(name, new ArrayList<>(Collections.list(request.getHeaders(name))));
        }
        return map;
    }

    /** The request with its body replaced by the bytes already read (the same bytes). */
    private static final class BodyRequest extends HttpServletRequestWrapper {
        private final byte[] body;

        BodyRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    try {
                        listener.onDataAvailable();
                        listener.onAllDataRead();
                    } catch (IOException e) {
                        listener.onError(e);
                    }
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body), charset));
        }
    }

    /**
     * Copies what the handler writes (tee), or holds it back (buffer) until the reply is checked. The copy stops
     * at the cap; the response itself is never cut.
     */
    private static final class CapturingResponse extends HttpServletResponseWrapper {
        private final boolean buffer;
        private final int cap;
        private final ByteArrayOutputStream copy = new ByteArrayOutputStream();
        private final ByteArrayOutputStream held = new ByteArrayOutputStream();
        private boolean overflow;
        private @Nullable ServletOutputStream stream;
        private @Nullable PrintWriter writer;

        CapturingResponse(HttpServletResponse response, boolean buffer, int cap) {
            super(response);
            this.buffer = buffer;
            this.cap = cap;
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            if (writer != null) {
                throw new IllegalStateException("getWriter() was already called");
            }
            ServletOutputStream s = stream;
            if (s == null) {
                ServletOutputStream real = buffer ? null : super.getOutputStream();
                s = new ServletOutputStream() {
                    @Override
                    public void write(int b) throws IOException {
                        write(new byte[] {(byte) b}, 0, 1);
                    }

                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        if (real != null) {
                            real.write(b, off, len);
                        } else {
                            held.write(b, off, len);
                        }
                        if (!overflow) {
                            if (copy.size() + (long) len > cap) {
                                overflow = true;
                            } else {
                                copy.write(b, off, len);
                            }
                        }
                    }

                    @Override
                    public void flush() throws IOException {
                        if (real != null) {
                            real.flush();
                        }
                    }

                    @Override
                    public boolean isReady() {
                        return real == null || real.isReady();
                    }

                    @Override
                    public void setWriteListener(WriteListener listener) {
                        if (real != null) {
                            real.setWriteListener(listener);
                        } else {
                            try {
                                listener.onWritePossible();
                            } catch (IOException e) {
                                listener.onError(e);
                            }
                        }
                    }
                };
                stream = s;
            }
            return s;
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            PrintWriter w = writer;
            if (w == null) {
                if (stream != null) {
                    throw new IllegalStateException("getOutputStream() was already called");
                }
                String encoding = getCharacterEncoding();
                Charset charset = encoding == null ? StandardCharsets.ISO_8859_1 : Charset.forName(encoding);
                ServletOutputStream s = getOutputStream();
                w = new PrintWriter(new OutputStreamWriter(s, charset));
                writer = w;
                stream = s;
            }
            return w;
        }

        @Override
        public void flushBuffer() throws IOException {
            finish();
            if (!buffer) {
                super.flushBuffer();
            }
        }

        @Override
        public void resetBuffer() {
            super.resetBuffer();
            copy.reset();
            held.reset();
            overflow = false;
        }

        @Override
        public void reset() {
            super.reset();
            copy.reset();
            held.reset();
            overflow = false;
        }

        void finish() {
            PrintWriter w = writer;
            if (w != null) {
                w.flush();
            }
        }

        boolean overflowed() {
            return overflow;
        }

        byte[] captured() {
            return copy.toByteArray();
        }

        /** Writes the held-back body to the real response (buffer mode). */
        void release() throws IOException {
            if (held.size() > 0) {
                ServletOutputStream out = getResponse().getOutputStream();
                held.writeTo(out);
                out.flush();
            }
        }
    }
}
