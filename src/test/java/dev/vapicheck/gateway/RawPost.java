package dev.vapicheck.gateway;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A POST written by hand on a socket, for what an HTTP client will not send: headers without their body. */
public final class RawPost {

    private RawPost() {
    }

    /**
     * Sends only the headers of a JSON POST to {@code /webhook} on 127.0.0.1 declaring {@code length} bytes, and
     * returns what the server answers (up to the end of its JSON body).
     */
    public static String headersOnly(int port, int length, String secret) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST /webhook HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: application/json\r\nx-vapi-secret: " + secret + "\r\nContent-Length: " + length
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            int n;
            while (!got.toString(StandardCharsets.UTF_8).contains("}") && (n = in.read(buffer)) > 0) {
                got.write(buffer, 0, n);
            }
            return got.toString(StandardCharsets.UTF_8);
        }
    }
}
