package dev.vapicheck.bench;

import dev.vapicheck.proxy.StubUpstream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * A bounded, loopback-only load test of the proxy: starts a stub upstream in this JVM and the proxy as a separate
 * process ({@code java -jar target/vapi-check-cli.jar proxy}), then sends the message fixtures of
 * {@code testdata/valid/} at a constant rate (open loop: latency counts from the moment each request was due, so a
 * stalled server cannot hide its queue), first straight to the stub, then through the proxy, then through the proxy
 * at twice the rate. Prints requests/s, latency percentiles, failures, and the proxy's CPU and RSS per phase.
 *
 * <pre>
 * java -cp target/test-classes:target/vapi-check-cli.jar dev.vapicheck.bench.ProxyLoad [RATE] [SECONDS]
 * </pre>
 *
 * Defaults: 500 requests/s for 20 s per phase (so at most 3 x 20 s and 40,000 requests, plus a warm-up through the
 * proxy as long as a phase, 10 s at least). PROXY_JAVA_OPTS in the environment go to the proxy's JVM,
 * PROXY_ARGS to its command line.
 */
public final class ProxyLoad {
    private static final int MAX_OUTSTANDING = 2000;

    private ProxyLoad() {
    }

    record Phase(String name, int rate, int sent, int ok, int failed, int skipped, double seconds, long[] nanos,
            double proxyCpuSeconds, long proxyRssKb) {
        double pct(double p) {
            if (nanos.length == 0) {
                return Double.NaN;
            }
            return nanos[Math.min(nanos.length - 1, (int) Math.ceil(p / 100.0 * nanos.length) - 1)] / 1e6;
        }
    }

    public static void main(String[] args) throws Exception {
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        if (rate < 1 || rate > 5000 || seconds < 1 || seconds > 120) {
            throw new IllegalArgumentException("RATE must be 1..5000 and SECONDS 1..120");
        }
        Path base = Path.of(System.getProperty("vapi.basedir", "."));
        List<byte[]> bodies = messages(base.resolve("testdata/valid"));
        long bytes = bodies.stream().mapToLong(b -> b.length).sum();
        System.out.printf(Locale.ROOT, "mix: %d message fixtures from testdata/valid, mean %.1f KB%n", bodies.size(),
                bytes / 1024.0 / bodies.size());

        try (StubUpstream stub = new StubUpstream()) {
            stub.responder = replies(base.resolve("testdata/valid/reply"));
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString()));
            String opts = System.getenv().getOrDefault("PROXY_JAVA_OPTS", "");
            if (!opts.isBlank()) {
                command.addAll(List.of(opts.trim().split("\\s+")));
            }
            command.addAll(List.of("-jar", base.resolve("target/vapi-check-cli.jar").toString(), "proxy",
                    "--listen", "127.0.0.1:0", "--upstream", stub.uri().toString()));
            String extra = System.getenv().getOrDefault("PROXY_ARGS", "");
            if (!extra.isBlank()) {
                command.addAll(List.of(extra.trim().split("\\s+")));
            }
            System.out.println("proxy: " + String.join(" ", command.subList(1, command.size())));
            Process proxy = new ProcessBuilder(command)
                    .redirectError(base.resolve("target/proxy-load.log").toFile()).start();
            try {
                BufferedReader out = new BufferedReader(new InputStreamReader(proxy.getInputStream(),
                        StandardCharsets.UTF_8));
                String line = out.readLine();
                while (line != null && !line.contains("listening on ")) {
                    line = out.readLine();
                }
                if (line == null) {
                    throw new IllegalStateException("the proxy did not start: " + line);
                }
                String proxyUri = line.replaceAll(".*listening on (http://[^,]+),.*", "$1");
                URI viaProxy = URI.create(proxyUri + "/webhook");
                URI direct = URI.create(stub.uri() + "/webhook");
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                        .executor(Executors.newFixedThreadPool(4)).build();
                long pid = proxy.pid();
                run(http, "direct".equals(System.getenv("LOAD_WARMUP")) ? direct : viaProxy, bodies, rate, Math.max(10, seconds),
                        "warm-up", pid);
                List<Phase> phases = new ArrayList<>();
                phases.add(run(http, direct, bodies, rate, seconds, "direct", pid));
                phases.add(run(http, viaProxy, bodies, rate, seconds, "proxy", pid));
                phases.add(run(http, viaProxy, bodies, rate * 2, seconds, "proxy 2x", pid));
                System.out.println();
                System.out.println("phase        rate/s  sent    ok  fail  skip  req/s    p50 ms  p90 ms  p99 ms  max ms"
                        + "  proxy CPU (cores)  proxy RSS MB");
                for (Phase p : phases) {
                    System.out.printf(Locale.ROOT, "%-11s %7d %5d %5d %5d %5d %7.1f %8.2f %7.2f %7.2f %7.1f %18.2f %13.0f%n",
                            p.name(), p.rate(), p.sent(), p.ok(), p.failed(), p.skipped(), p.ok() / p.seconds(),
                            p.pct(50), p.pct(90), p.pct(99), p.pct(100), p.proxyCpuSeconds() / p.seconds(),
                            p.proxyRssKb() / 1024.0);
                }
                Phase d = phases.get(0);
                Phase x = phases.get(1);
                System.out.printf(Locale.ROOT, "added by the proxy at %d/s: p50 %+.2f ms, p99 %+.2f ms%n", rate,
                        x.pct(50) - d.pct(50), x.pct(99) - d.pct(99));
                System.out.printf(Locale.ROOT, "the stub received %d requests%n", stub.received.size());
                String metrics = http.send(HttpRequest.newBuilder(URI.create(proxyUri + "/metrics")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                double sum = 0;
                double count = 0;
                for (String m : metrics.split("\n")) {
                    if (m.startsWith("vapi_check_validation_seconds_sum{")) {
                        sum += Double.parseDouble(m.substring(m.lastIndexOf(' ') + 1));
                    } else if (m.startsWith("vapi_check_validation_seconds_count{")) {
                        count += Double.parseDouble(m.substring(m.lastIndexOf(' ') + 1));
                    }
                }
                for (String m : metrics.split("\n")) {
                    if (m.startsWith("vapi_check_outcomes_total{") && !m.contains("outcome=\"valid\"")) {
                        System.out.println("not valid: " + m);
                    }
                }
                System.out.printf(Locale.ROOT, "validation inside the proxy (all phases, messages and replies): %.0f"
                        + " validations, mean %.3f ms%n", count, count == 0 ? 0 : sum / count * 1000);
            } finally {
                proxy.destroy();
                proxy.waitFor(30, TimeUnit.SECONDS);
            }
        }
        System.exit(0);
    }

    static List<byte[]> messages(Path valid) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(valid)) {
            files = s.filter(p -> p.toString().endsWith(".json") && !p.toString().endsWith(".expected.json"))
                    .filter(p -> !valid.relativize(p).startsWith("reply")).sorted().toList();
        }
        List<byte[]> bodies = new ArrayList<>();
        for (Path f : files) {
            bodies.add(Files.readAllBytes(f));
        }
        Collections.shuffle(bodies, new Random(7));
        return bodies;
    }

    /** Answers each kind that expects a reply with a valid reply fixture of that kind, the others with {}. */
    static java.util.function.Function<byte[], StubUpstream.Answer> replies(Path dir) throws IOException {
        java.util.Map<String, StubUpstream.Answer> byKind = new java.util.HashMap<>();
        try (Stream<Path> kinds = Files.list(dir)) {
            for (Path kind : kinds.sorted().toList()) {
                try (Stream<Path> files = Files.list(kind)) {
                    Path first = files.filter(f -> f.toString().endsWith(".json")).sorted().findFirst().orElseThrow();
                    byKind.put(kind.getFileName().toString(),
                            new StubUpstream.Answer(200, "application/json", Files.readAllBytes(first), 0));
                }
            }
        }
        StubUpstream.Answer empty = StubUpstream.Answer.ok("{}");
        tools.jackson.databind.json.JsonMapper json = tools.jackson.databind.json.JsonMapper.builder().build();
        return body -> byKind.getOrDefault(json.readTree(body).path("message").path("type").asString(""), empty);
    }

    static Phase run(HttpClient http, URI target, List<byte[]> bodies, int rate, int seconds, String name, long pid)
            throws Exception {
        int total = rate * seconds;
        long[] latencies = new long[total];
        Arrays.fill(latencies, Long.MAX_VALUE);
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        java.util.Map<String, Integer> causes = new java.util.concurrent.ConcurrentSkipListMap<>();
        AtomicInteger skipped = new AtomicInteger();
        AtomicInteger outstanding = new AtomicInteger();
        AtomicLong lastDone = new AtomicLong();
        CountDownLatch done = new CountDownLatch(total);
        double cpu0 = cpuSeconds(pid);
        long start = System.nanoTime() + 50_000_000L;
        long period = 1_000_000_000L / rate;
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        AtomicInteger next = new AtomicInteger();
        ticker.scheduleAtFixedRate(() -> {
            long now = System.nanoTime();
            int i;
            while ((i = next.get()) < total && start + i * period <= now) {
                next.incrementAndGet();
                final int index = i;
                final long due = start + index * period;
                if (outstanding.get() >= MAX_OUTSTANDING) {
                    skipped.incrementAndGet();
                    done.countDown();
                    continue;
                }
                outstanding.incrementAndGet();
                HttpRequest request = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(bodies.get(index % bodies.size()))).build();
                http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((r, e) -> {
                    long end = System.nanoTime();
                    latencies[index] = end - due;
                    lastDone.accumulateAndGet(end, Math::max);
                    if (e == null && r.statusCode() / 100 == 2) {
                        ok.incrementAndGet();
                    } else {
                        failed.incrementAndGet();
                        causes.merge(e == null ? "HTTP " + r.statusCode() : describe(e), 1,
                                Integer::sum);
                    }
                    outstanding.decrementAndGet();
                    done.countDown();
                });
            }
            if (next.get() >= total) {
                throw new RuntimeException("done scheduling");
            }
        }, 0, 1, TimeUnit.MILLISECONDS);
        boolean finished = done.await(seconds + 40L, TimeUnit.SECONDS);
        ticker.shutdownNow();
        double elapsed = (Math.max(lastDone.get(), start) - start) / 1e9;
        double cpu = cpuSeconds(pid) - cpu0;
        long rss = rssKb(pid);
        long[] measured = Arrays.stream(latencies).filter(v -> v != Long.MAX_VALUE).sorted().toArray();
        int sent = measured.length;
        Phase p = new Phase(name, rate, total - skipped.get(), ok.get(), failed.get() + (finished ? 0 : 1),
                skipped.get(), Math.max(elapsed, 1e-9), measured, cpu, rss);
        System.out.printf(Locale.ROOT, "%s: %d/s for %d s: %d ok, %d failed, %d skipped, p50 %.2f ms, p99 %.2f ms%s%n",
                name, rate, seconds, ok.get(), failed.get(), skipped.get(), p.pct(50), p.pct(99),
                finished ? "" : " (timed out waiting for " + (total - sent) + ")");
        if (!causes.isEmpty()) {
            System.out.println("  failures: " + causes);
        }
        return p;
    }

    static String describe(Throwable e) {
        Throwable c = e;
        while (c.getCause() != null && c instanceof java.util.concurrent.CompletionException) {
            c = c.getCause();
        }
        return c.getClass().getSimpleName() + (c.getMessage() == null ? "" : ": " + c.getMessage());
    }

    /** utime + stime of a process, from /proc (Linux). */
    static double cpuSeconds(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
    }

    static long rssKb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }
}
