package dev.vapicheck.bench;

import dev.vapicheck.Check;
import dev.vapicheck.Payload;
import dev.vapicheck.Profile;
import dev.vapicheck.VapiValidator;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.ref.Reference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Measures the heap a validator retains: used heap after repeated full collections, before and after
 * {@code VapiValidator.create()}, after every valid message and reply fixture was validated in both profiles (so that
 * anything loaded lazily is loaded), and for a second validator used the same way.
 *
 * <p>Run with {@code mvn -B -Pbench test-compile exec:exec@heap} (which uses {@code -XX:+UseSerialGC} for exact
 * figures after a full collection).
 */
public final class RetainedHeap {
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private RetainedHeap() {
    }

    /**
     * Prints the figures.
     *
     * @param args ignored
     * @throws Exception if the corpus cannot be read
     */
    public static void main(String[] args) throws Exception {
        // Load the JDK and Jackson classes first, so that their static state is not counted as the validator's.
        tools.jackson.databind.json.JsonMapper.builder().build().readTree("{\"a\":[1,\"b\",null]}");
        List<byte[]> messages = Corpus.load("mix").stream().map(Corpus.Doc::bytes).toList();
        List<Reply> replies = replies(Corpus.baseDir().resolve("testdata/valid/reply"));

        long before = settledUsed();
        long metaBefore = metaspaceUsed();
        long start = System.nanoTime();
        VapiValidator first = VapiValidator.create();
        long createNanos = System.nanoTime() - start;
        start = System.nanoTime();
        boolean firstValid = first.validate(Payload.of(messages.get(0))).isValid();
        long firstNanos = System.nanoTime() - start;
        long created = settledUsed();
        long metaCreated = metaspaceUsed();
        int checked = exercise(first, messages, replies);
        long loaded = settledUsed();
        long metaLoaded = metaspaceUsed();
        // Invalid bodies of every kind reach more of the set (networknt is not compiled for them: the compiled
        // tree words the errors).
        List<byte[]> invalid = Corpus.load("mutated").stream().map(Corpus.Doc::bytes).toList();
        int checkedInvalid = exercise(first, invalid,
                replies(Corpus.baseDir().resolve("testdata/invalid/reply")), false);
        long loadedInvalid = settledUsed();

        VapiValidator second = VapiValidator.create();
        exercise(second, messages, replies);
        long secondLoaded = settledUsed();
        Reference.reachabilityFence(second);

        System.out.printf(Locale.ROOT, "create() took %.0f ms in this fresh JVM, then the first validate() %.0f ms"
                + " (valid: %s)%n", createNanos / 1e6, firstNanos / 1e6, firstValid);
        System.out.printf(Locale.ROOT, "used heap before create():               %,12d B%n", before);
        System.out.printf(Locale.ROOT, "retained by create() and one validation: %,12d B (%.1f MiB)%n",
                created - before, mib(created - before));
        System.out.printf(Locale.ROOT, "retained after %,d validations (all fixtures, both profiles): %,d B"
                + " (%.1f MiB)%n", checked, loaded - before, mib(loaded - before));
        System.out.printf(Locale.ROOT, "then after %,d invalid ones (their error paths too):   %,d B (%.1f MiB)%n",
                checkedInvalid, loadedInvalid - before, mib(loadedInvalid - before));
        System.out.printf(Locale.ROOT, "a second validator, also exercised:      %,12d B (%.1f MiB)%n",
                secondLoaded - loadedInvalid, mib(secondLoaded - loadedInvalid));
        System.out.printf(Locale.ROOT, "metaspace: +%.1f MiB at create(), +%.1f MiB after validations%n",
                mib(metaCreated - metaBefore), mib(metaLoaded - metaBefore));
        Reference.reachabilityFence(first);
        Reference.reachabilityFence(second);
    }

    private record Reply(String kind, byte[] bytes) {
    }

    /** Validates every fixture in both profiles; returns how many validations ran and prints any rejection. */
    private static int exercise(VapiValidator v, List<byte[]> messages, List<Reply> replies) {
        return exercise(v, messages, replies, true);
    }

    private static int exercise(VapiValidator v, List<byte[]> messages, List<Reply> replies, boolean valid) {
        int n = 0;
        int rejected = 0;
        for (Profile p : Profile.values()) {
            for (byte[] m : messages) {
                rejected += v.validate(Payload.of(m), Check.message().profile(p)).isValid() ? 0 : 1;
                n++;
            }
            for (Reply r : replies) {
                rejected += v.validate(Payload.of(r.bytes), Check.replyTo(r.kind).profile(p)).isValid() ? 0 : 1;
                n++;
            }
        }
        if (valid && rejected > 0) {
            System.out.println("NOTE " + rejected + " of " + n + " validations of valid fixtures failed");
        }
        return n;
    }

    private static List<Reply> replies(Path root) throws IOException {
        List<Reply> out = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return out;
        }
        try (Stream<Path> kinds = Files.list(root)) {
            for (Path kind : kinds.filter(Files::isDirectory).sorted().toList()) {
                for (Path fixture : fixtures(kind)) {
                    out.add(new Reply(kind.getFileName().toString(), Files.readAllBytes(fixture)));
                }
            }
        }
        return out;
    }

    private static List<Path> fixtures(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".json") && !p.toString().endsWith(".expected.json"))
                    .sorted().toList();
        }
    }

    private static long settledUsed() throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 8; i++) {
            System.gc();
            Thread.sleep(50);
            long now = MEMORY.getHeapMemoryUsage().getUsed();
            if (Math.abs(now - used) < 16 * 1024 && i >= 3) {
                return now;
            }
            used = now;
        }
        return used;
    }

    private static long metaspaceUsed() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getName().equals("Metaspace")) {
                return pool.getUsage().getUsed();
            }
        }
        return 0;
    }

    private static double mib(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }
}
