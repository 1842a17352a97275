package dev.vapicheck.gateway;

import dev.vapicheck.ProblemDetails;
import dev.vapicheck.ValidationResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A bounded folder of rejected webhooks, kept so that nothing enforce mode refuses is lost: each entry is the body
 * exactly as received ({@code ID.body}) and a description ({@code ID.json}: time, kind, content type, headers with
 * secrets redacted, and the problem with its errors). IDs sort by arrival. When a new entry would exceed the
 * maximum count or size, the oldest entries are deleted first and {@link #dropped()} counts them.
 *
 * <p>Thread-safe. {@link #put} never throws: a failed write is counted in {@link #writeFailures()} and the caller
 * goes on (a quarantine problem never turns a pass into a reject, nor hides a reject).
 */
public final class Quarantine {
    /** Header names whose values are never written (compared in lower case; any name containing these words too). */
    private static final List<String> SECRET_WORDS = List.of("secret", "authorization", "cookie", "token", "key",
            "signature", "password");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Path dir;
    private final int maxEntries;
    private final long maxBytes;
    private final Clock clock;
    private final Deque<Stored> entries = new ArrayDeque<>();
    private long bytes;
    private long sequence;
    private long dropped;
    private long writeFailures;

    private record Stored(String id, long size) {
    }

    /**
     * One quarantined webhook.
     *
     * @param id          its id (entries sort by it in arrival order)
     * @param body        the file holding the body as received
     * @param contentType the content type it came with, or null
     * @param kind        the message type, or null
     */
    public record Entry(String id, Path body, @Nullable String contentType, @Nullable String kind) {
    }

    private Quarantine(Path dir, int maxEntries, long maxBytes, Clock clock) {
        this.dir = dir;
        this.maxEntries = maxEntries;
        this.maxBytes = maxBytes;
        this.clock = clock;
    }

    /**
     * Opens (and creates if needed) a quarantine folder; entries already there count against the bounds.
     *
     * @param dir        the folder
     * @param maxEntries at most this many entries, at least 1
     * @param maxBytes   at most this many bytes of bodies and descriptions, at least 1
     * @return the quarantine
     * @throws IOException              if the folder cannot be created or listed
     * @throws IllegalArgumentException if a bound is below 1, naming it
     */
    public static Quarantine open(Path dir, int maxEntries, long maxBytes) throws IOException {
        return open(dir, maxEntries, maxBytes, Clock.systemUTC());
    }

    static Quarantine open(Path dir, int maxEntries, long maxBytes, Clock clock) throws IOException {
        Objects.requireNonNull(dir, "dir");
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be at least 1 but was " + maxEntries);
        }
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be at least 1 but was " + maxBytes);
        }
        Files.createDirectories(dir);
        Quarantine q = new Quarantine(dir, maxEntries, maxBytes, clock);
        for (String id : q.ids()) {
            long size = sizeOf(dir.resolve(id + ".body")) + sizeOf(dir.resolve(id + ".json"));
            q.entries.addLast(new Stored(id, size));
            q.bytes += size;
        }
        synchronized (q) {
            q.evict(0);
        }
        return q;
    }

    /**
     * Stores a rejected body with its description. Never throws.
     *
     * @param body    the body as received
     * @param result  why it was rejected
     * @param status  the status it was answered with
     * @param headers the request headers (names as received; values of secret-looking headers are redacted)
     * @return true if it was written
     */
    public boolean put(byte[] body, ValidationResult result, int status, Map<String, List<String>> headers) {
        try {
            Instant now = clock.instant();
            String id;
            synchronized (this) {
                id = String.format(Locale.ROOT, "%013d-%06d", now.toEpochMilli(), sequence++ % 1_000_000);
            }
            ObjectNode meta = JSON.createObjectNode();
            meta.put("id", id);
            meta.put("receivedAt", now.toString());
            result.messageType().ifPresent(k -> meta.put("kind", k));
            meta.put("status", status);
            ObjectNode h = meta.putObject("headers");
            new TreeMap<>(headers).forEach((name, values) -> {
                var array = h.putArray(name.toLowerCase(Locale.ROOT));
                values.forEach(v -> array.add(isSecret(name) ? "[redacted]" : v));
            });
            meta.set("problem", JSON.readTree(ProblemDetails.of(result, status).withWarnings().toJson()));
            byte[] metaBytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(meta);
            long size = body.length + metaBytes.length;
            synchronized (this) {
                evict(size);
                write(dir.resolve(id + ".body"), body);
                write(dir.resolve(id + ".json"), metaBytes);
                entries.addLast(new Stored(id, size));
                bytes += size;
            }
            return true;
        } catch (IOException | RuntimeException e) {
            synchronized (this) {
                writeFailures++;
            }
            return false;
        }
    }

    private static boolean isSecret(String header) {
        String lower = header.toLowerCase(Locale.ROOT);
        for (String word : SECRET_WORDS) {
            if (lower.contains(word)) {
                return true;
            }
        }
        return false;
    }

    private void write(Path target, byte[] bytes) throws IOException {
        Path tmp = dir.resolve(target.getFileName() + ".tmp");
        Files.write(tmp, bytes);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Deletes the oldest entries until one of {@code incoming} bytes fits; caller holds the lock. */
    private void evict(long incoming) {
        while (!entries.isEmpty() && (entries.size() + (incoming > 0 ? 1 : 0) > maxEntries
                || bytes + incoming > maxBytes)) {
            Stored oldest = entries.removeFirst();
            bytes -= oldest.size();
            dropped++;
            try {
                Files.deleteIfExists(dir.resolve(oldest.id() + ".body"));
                Files.deleteIfExists(dir.resolve(oldest.id() + ".json"));
            } catch (IOException e) {
                writeFailures++;
            }
        }
    }

    /**
     * The entries now in the folder, oldest first (read from the folder, so entries of an earlier run count).
     *
     * @return the entries
     * @throws IOException if the folder cannot be read
     */
    public List<Entry> entries() throws IOException {
        List<Entry> out = new ArrayList<>();
        for (String id : ids()) {
            JsonNode meta = JSON.readTree(Files.readAllBytes(dir.resolve(id + ".json")));
            JsonNode type = meta.path("headers").path("content-type").path(0);
            JsonNode kind = meta.path("kind");
            out.add(new Entry(id, dir.resolve(id + ".body"), type.isString() ? type.asString() : null,
                    kind.isString() ? kind.asString() : null));
        }
        return out;
    }

    /**
     * Deletes one entry (after a successful replay, say).
     *
     * @param entry the entry
     * @throws IOException if a file cannot be deleted
     */
    public synchronized void remove(Entry entry) throws IOException {
        Files.deleteIfExists(dir.resolve(entry.id() + ".body"));
        Files.deleteIfExists(dir.resolve(entry.id() + ".json"));
        entries.removeIf(s -> {
            if (s.id().equals(entry.id())) {
                bytes -= s.size();
                return true;
            }
            return false;
        });
    }

    /** The ids of complete entries (a description beside a body), sorted. */
    private List<String> ids() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".json"))
                    .map(n -> n.substring(0, n.length() - ".json".length()))
                    .filter(id -> Files.isRegularFile(dir.resolve(id + ".body")))
                    .sorted()
                    .toList();
        }
    }

    private static long sizeOf(Path p) throws IOException {
        try {
            return Files.size(p);
        } catch (NoSuchFileException e) {
            return 0;
        }
    }

    /** @return the folder */
    public Path directory() {
        return dir;
    }

    /** @return how many entries were deleted to respect the bounds since this quarantine was opened */
    public synchronized long dropped() {
        return dropped;
    }

    /** @return how many writes (or deletions) failed since this quarantine was opened */
    public synchronized long writeFailures() {
        return writeFailures;
    }

    /** @return how many entries it holds */
    public synchronized int size() {
        return entries.size();
    }

    /** @return how many bytes its entries take */
    public synchronized long bytes() {
        return bytes;
    }
}
