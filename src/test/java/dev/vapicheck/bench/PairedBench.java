package dev.vapicheck.bench;

import dev.vapicheck.Check;
import dev.vapicheck.Payload;
import dev.vapicheck.Profile;
import dev.vapicheck.VapiValidator;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The same measurements as {@link ValidationBenchmark}, made to hold on a shared machine: throughput per CPU-second
 * of this thread (what other processes do does not count), with the benchmarks interleaved in short slices over
 * several rounds (a slow phase of the machine hits all of them alike), and each ratio to {@code jacksonParse} the
 * median of the per-round ratios. One run prints the whole table and writes it to {@code target/paired-result.json}
 * for {@code .ci/bench-ajv.mjs}.
 *
 * <p>Run with {@code mvn -B -Pbench test-compile exec:exec@paired} (about 2 minutes).
 */
public final class PairedBench {
    private static final int ROUNDS = 7;
    private static final long SLICE_NANOS = 250_000_000L;
    private static final long WARMUP_NANOS = 1_500_000_000L;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private PairedBench() {
    }

    /** One benchmark on one set: a name and the call it times, on document i. */
    private record Bench(String set, String name, byte[][] docs, Op op) {
    }

    @FunctionalInterface
    private interface Op {
        Object run(int i);
    }

    /**
     * Prints the table.
     *
     * @param args the output file (default {@code target/paired-result.json})
     * @throws IOException if it cannot be written
     */
    public static void main(String[] args) throws IOException {
        JsonMapper mapper = JsonMapper.builder().build();
        VapiValidator validator = VapiValidator.create();
        Check strict = Check.message().profile(Profile.STRICT);
        List<Bench> benches = new ArrayList<>();
        Map<String, Double> means = new LinkedHashMap<>();
        for (String set : Corpus.SETS) {
            List<Corpus.Doc> docs = Corpus.load(set);
            byte[][] bytes = Corpus.bytes(docs);
            means.put(set, Corpus.averageBytes(docs));
            // Every ratio is to Jackson's parse of the same bytes (a mutated set is written compactly, so the valid
            // set it was made from would be a different baseline).
            benches.add(new Bench(set, "jacksonParse", bytes, i -> mapper.readTree(bytes[i])));
            if (set.equals("small") || set.equals("large") || set.equals("mix")) {
                benches.add(new Bench(set, "validateLenient", bytes, i -> validator.validate(Payload.of(bytes[i]))));
                benches.add(new Bench(set, "validateStrict", bytes,
                        i -> validator.validate(Payload.of(bytes[i]), strict)));
            } else {
                Check[] checks = docs.stream().map(d -> d.strictOnly() ? strict : Check.message())
                        .toArray(Check[]::new);
                benches.add(new Bench(set, "validateInvalid", bytes,
                        i -> validator.validate(Payload.of(bytes[i]), checks[i])));
            }
        }
        THREADS.setThreadCpuTimeEnabled(true);
        for (Bench b : benches) {
            slice(b, WARMUP_NANOS);
        }
        double[][] rates = new double[benches.size()][ROUNDS];
        for (int round = 0; round < ROUNDS; round++) {
            for (int k = 0; k < benches.size(); k++) {
                rates[k][round] = slice(benches.get(k), SLICE_NANOS);
            }
        }
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        System.out.println("| set | docs | mean size | benchmark | msgs per CPU-s | MB per CPU-s | vs jacksonParse |");
        System.out.println("|---|---:|---:|---|---:|---:|---:|");
        for (int k = 0; k < benches.size(); k++) {
            Bench b = benches.get(k);
            double mean = means.get(b.set());
            int base = index(benches, b.set());
            double[] ratios = new double[ROUNDS];
            for (int round = 0; round < ROUNDS; round++) {
                ratios[round] = rates[k][round] / rates[base][round];
            }
            double rate = median(rates[k]);
            double ratio = median(ratios);
            System.out.printf(Locale.ROOT, "| %s | %d | %,.0f B | %s | %,.0f | %,.1f | %s |%n", b.set(), b.docs().length,
                    mean, b.name(), rate, rate * mean / 1e6,
                    k == base ? "" : String.format(Locale.ROOT, "%.2f (%.2f to %.2f)", ratio, min(ratios), max(ratios)));
            ObjectNode row = out.addObject();
            row.put("set", b.set()).put("benchmark", b.name()).put("docs", b.docs().length).put("meanBytes", mean)
                    .put("msgsPerCpuSecond", rate).put("ratioToJacksonParse", k == base ? 1.0 : ratio);
        }
        Path file = Paths.get(args.length > 0 ? args[0] : "target/paired-result.json");
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(out));
    }

    private static int index(List<Bench> benches, String set) {
        for (int k = 0; k < benches.size(); k++) {
            if (benches.get(k).set().equals(set) && benches.get(k).name().equals("jacksonParse")) {
                return k;
            }
        }
        throw new IllegalStateException("no jacksonParse for " + set);
    }

    /** Runs the benchmark over its documents for about {@code cpuNanos} of this thread's CPU; returns docs/CPU-s. */
    private static double slice(Bench b, long cpuNanos) {
        long start = THREADS.getCurrentThreadCpuTime();
        long n = 0;
        Object sink = null;
        long now;
        do {
            for (int i = 0; i < b.docs().length; i++) {
                sink = b.op().run(i);
            }
            n += b.docs().length;
            now = THREADS.getCurrentThreadCpuTime();
        } while (now - start < cpuNanos);
        if (sink == null) {
            throw new IllegalStateException("no result");
        }
        return n / ((now - start) / 1e9);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static double min(double[] values) {
        return Arrays.stream(values).min().orElse(Double.NaN);
    }

    private static double max(double[] values) {
        return Arrays.stream(values).max().orElse(Double.NaN);
    }
}
