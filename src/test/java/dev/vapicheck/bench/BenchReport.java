package dev.vapicheck.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a JMH JSON result of {@link ValidationBenchmark} into a Markdown table: messages per second, microseconds
 * per message, MB/s (10^6 bytes, from the mean size of the set as loaded now) and the ratio of MB/s to
 * {@code jacksonParse} (or {@code jacksonParseInvalid}) on the same set: the same bytes.
 *
 * <p>Run with {@code mvn -B -Pbench exec:exec@report} (reads {@code target/jmh-result.json}, or the file named by
 * {@code -Djmh.result}).
 */
public final class BenchReport {
    private BenchReport() {
    }

    /**
     * Prints the table.
     *
     * @param args the result file (default {@code target/jmh-result.json})
     * @throws Exception if it cannot be read
     */
    public static void main(String[] args) throws Exception {
        Path file = Paths.get(args.length > 0 ? args[0] : "target/jmh-result.json");
        if (!Files.isRegularFile(file)) {
            System.err.println("no JMH result at " + file.toAbsolutePath() + "; run the benchmarks first");
            System.exit(2);
        }
        JsonNode results = JsonMapper.builder().build().readTree(Files.readAllBytes(file));
        Map<String, List<Corpus.Doc>> sets = new HashMap<>();
        Map<String, Double> parse = new HashMap<>();
        for (JsonNode r : results) {
            if (method(r).startsWith("jacksonParse")) {
                parse.put(set(r), number(r.path("primaryMetric").path("score")));
            }
        }
        System.out.println("| set | docs | mean size | benchmark | msgs/s | ± (99.9%) | µs/msg | MB/s"
                + " | vs jacksonParse |");
        System.out.println("|---|---:|---:|---|---:|---:|---:|---:|---:|");
        for (JsonNode r : results) {
            String set = set(r);
            List<Corpus.Doc> docs = sets.computeIfAbsent(set, Corpus::load);
            double mean = Corpus.averageBytes(docs);
            double score = number(r.path("primaryMetric").path("score"));
            double error = number(r.path("primaryMetric").path("scoreError"));
            // Against Jackson's parse of the same bytes.
            Double base = parse.get(set);
            String ratio = base == null || method(r).startsWith("jacksonParse") ? "" : String.format(Locale.ROOT,
                    "%.2f", score / base);
            String margin = Double.isNaN(error) ? "n/a" : String.format(Locale.ROOT, "%,.0f", error);
            System.out.printf(Locale.ROOT, "| %s | %d | %,.0f B | %s | %,.0f | %s | %,.1f | %,.1f | %s |%n", set,
                    docs.size(), mean, method(r), score, margin, 1e6 / score, score * mean / 1e6, ratio);
        }
    }

    /** A number that JMH may also write as a string, such as "NaN" for the error of a single iteration. */
    private static double number(JsonNode n) {
        if (n.isNumber()) {
            return n.doubleValue();
        }
        try {
            return Double.parseDouble(n.asString());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static String method(JsonNode r) {
        String name = r.path("benchmark").asString();
        return name.substring(name.lastIndexOf('.') + 1);
    }

    private static String set(JsonNode r) {
        JsonNode params = r.path("params");
        return params.has("set") ? params.path("set").asString() : params.path("invalidSet").asString();
    }
}
