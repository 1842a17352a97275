package dev.vapicheck.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The benchmark inputs, read from the fixture corpus under {@code testdata/} each time a benchmark sets up (the corpus
 * grows while the project is worked on, so nothing here is cached on disk).
 *
 * <ul>
 * <li>{@code small}: message fixtures under {@value #SMALL_MAX} bytes;</li>
 * <li>{@code large}: message fixtures over {@value #LARGE_MIN} bytes;</li>
 * <li>{@code mix}: every message fixture;</li>
 * <li>{@code invalid}: the invalid message fixtures, each with the profile that rejects it;</li>
 * <li>{@code mutated}: every valid message fixture with a few scalar values changed to the wrong JSON type;</li>
 * <li>{@code mutated-small}, {@code mutated-large}: the same, of the small and large sets only.</li>
 * </ul>
 *
 * Message fixtures are the {@code *.json} files under {@code testdata/valid} (or {@code testdata/invalid}) outside
 * {@code reply/}, without the {@code *.expected.json} sidecars. Sets are ordered by a fixed shuffle, so that a
 * benchmark cycling through one meets the kinds in a mixed but repeatable order.
 */
public final class Corpus {
    /** Files smaller than this many bytes make the small set. */
    public static final int SMALL_MAX = 4096;
    /** Files larger than this many bytes make the large set. */
    public static final int LARGE_MIN = 30_000;

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    /** One input. */
    public record Doc(String name, byte[] bytes, boolean strictOnly) {
    }

    private Corpus() {
    }

    /**
     * The project folder: the system property {@code vapi.basedir} or {@code project.basedir}, else the nearest
     * folder at or above the working directory that holds {@code testdata/valid}.
     *
     * @return the folder
     */
    public static Path baseDir() {
        for (String key : new String[] {"vapi.basedir", "project.basedir"}) {
            String value = System.getProperty(key);
            if (value != null && !value.isBlank()) {
                return Paths.get(value).toAbsolutePath();
            }
        }
        Path dir = Paths.get("").toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.isDirectory(d.resolve("testdata/valid"))) {
                return d;
            }
        }
        throw new IllegalStateException("no testdata/valid at or above " + dir
                + "; run from the project folder or set -Dvapi.basedir");
    }

    /**
     * A named set.
     *
     * @param set small, large, mix, invalid or mutated
     * @return its documents, never empty
     */
    public static List<Doc> load(String set) {
        List<Doc> docs = switch (set) {
            case "small" -> filter(messages("valid"), d -> d.bytes.length < SMALL_MAX);
            case "large" -> filter(messages("valid"), d -> d.bytes.length > LARGE_MIN);
            case "mix" -> messages("valid");
            case "invalid" -> messages("invalid");
            case "mutated" -> mutated(messages("valid"));
            case "mutated-small" -> mutated(filter(messages("valid"), d -> d.bytes.length < SMALL_MAX));
            case "mutated-large" -> mutated(filter(messages("valid"), d -> d.bytes.length > LARGE_MIN));
            default -> throw new IllegalArgumentException("unknown set " + set);
        };
        if (docs.isEmpty()) {
            throw new IllegalStateException("set " + set + " is empty under " + baseDir().resolve("testdata"));
        }
        docs = new ArrayList<>(docs);
        Collections.shuffle(docs, new Random(20240601L));
        return docs;
    }

    /**
     * The bytes of each document.
     *
     * @param docs documents
     * @return their bytes, in order
     */
    public static byte[][] bytes(List<Doc> docs) {
        return docs.stream().map(Doc::bytes).toArray(byte[][]::new);
    }

    /**
     * The mean size.
     *
     * @param docs documents
     * @return mean bytes per document
     */
    public static double averageBytes(List<Doc> docs) {
        return docs.stream().mapToInt(d -> d.bytes.length).average().orElse(0);
    }

    /**
     * A one-line summary of a set: count, mean, median, min and max size.
     *
     * @param set  the set name
     * @param docs its documents
     * @return the line
     */
    public static String describe(String set, List<Doc> docs) {
        int[] sizes = docs.stream().mapToInt(d -> d.bytes.length).sorted().toArray();
        long total = 0;
        for (int s : sizes) {
            total += s;
        }
        return String.format(Locale.ROOT, "set %-8s %4d docs, %,9d bytes, mean %,7.0f B, median %,7d B, min %,7d B,"
                + " max %,7d B", set, sizes.length, total, (double) total / sizes.length, sizes[sizes.length / 2],
                sizes[0], sizes[sizes.length - 1]);
    }

    /** Every set, in report order. */
    public static final List<String> SETS = List.of("small", "large", "mix", "invalid", "mutated-small",
            "mutated-large", "mutated");

    /**
     * Writes every set, in benchmark order, for benchmarks outside the JVM ({@code .ci/bench-ajv.mjs}):
     * {@code DIR/<set>/<nnnn>.json} and {@code DIR/<set>/index.json}, an array of {@code {"file", "profile"}} (the
     * profile that rejects an invalid document; lenient otherwise).
     *
     * @param args the folder (default {@code target/bench-sets})
     * @throws IOException if it cannot be written
     */
    public static void main(String[] args) throws IOException {
        Path dir = Paths.get(args.length > 0 ? args[0] : "target/bench-sets");
        for (String set : SETS) {
            List<Doc> docs = load(set);
            Path folder = dir.resolve(set);
            Files.createDirectories(folder);
            ArrayNode index = JsonNodeFactory.instance.arrayNode();
            for (int i = 0; i < docs.size(); i++) {
                String file = String.format(Locale.ROOT, "%04d.json", i);
                Files.write(folder.resolve(file), docs.get(i).bytes());
                index.addObject().put("file", file).put("name", docs.get(i).name())
                        .put("profile", docs.get(i).strictOnly() ? "strict" : "lenient");
            }
            Files.write(folder.resolve("index.json"), MAPPER.writeValueAsBytes(index));
            System.out.println(describe(set, docs));
        }
    }

    private static List<Doc> filter(List<Doc> docs, java.util.function.Predicate<Doc> keep) {
        return docs.stream().filter(keep).toList();
    }

    /** Message fixtures (not replies, not sidecars) under testdata/{kind}, sorted by path. */
    private static List<Doc> messages(String folder) {
        Path root = baseDir().resolve("testdata").resolve(folder);
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            List<Path> paths = files.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().endsWith(".json"))
                    .filter(p -> !p.getFileName().toString().endsWith(".expected.json"))
                    .filter(p -> !root.relativize(p).getName(0).toString().equals("reply"))
                    .sorted(Comparator.comparing(p -> root.relativize(p).toString()))
                    .toList();
            List<Doc> docs = new ArrayList<>();
            for (Path p : paths) {
                docs.add(new Doc(root.relativize(p).toString(), Files.readAllBytes(p), strictOnly(p)));
            }
            return docs;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the sidecar of an invalid fixture says only the strict profile rejects it. */
    private static boolean strictOnly(Path fixture) throws IOException {
        String name = fixture.getFileName().toString();
        Path sidecar = fixture.resolveSibling(name.substring(0, name.length() - ".json".length()) + ".expected.json");
        if (!Files.isRegularFile(sidecar)) {
            return false;
        }
        JsonNode expected = MAPPER.readTree(Files.readAllBytes(sidecar));
        JsonNode lenientValid = expected.path("lenient").path("valid");
        return lenientValid.isBoolean() && lenientValid.booleanValue();
    }

    /**
     * Each valid message with about one scalar in 40 (at most 8, at least 1) under {@code message} changed to a
     * value of another JSON type, so that a lenient check collects several errors in a realistically sized body.
     */
    private static List<Doc> mutated(List<Doc> valid) {
        List<Doc> out = new ArrayList<>();
        for (Doc d : valid) {
            JsonNode root = MAPPER.readTree(d.bytes);
            JsonNode message = root.path("message");
            if (!message.isObject()) {
                continue;
            }
            List<Leaf> leaves = new ArrayList<>();
            collect(message, leaves);
            leaves.removeIf(l -> l.key.equals("type") || l.key.equals("role") || l.key.equals("provider"));
            if (leaves.isEmpty()) {
                continue;
            }
            int faults = Math.max(1, Math.min(8, leaves.size() / 40));
            int step = leaves.size() / faults;
            for (int i = 0; i < faults; i++) {
                leaves.get(i * step).replaceWithWrongType();
            }
            out.add(new Doc(d.name + "#mutated", MAPPER.writeValueAsBytes(root), false));
        }
        return out;
    }

    /** A scalar inside an object or array, and how to overwrite it. */
    private record Leaf(JsonNode parent, String key, int index, JsonNode value) {
        void replaceWithWrongType() {
            JsonNodeFactory f = JsonNodeFactory.instance;
            JsonNode wrong = value.isString() ? f.numberNode(12345) : f.stringNode("not-" + value.getNodeType());
            if (parent instanceof ObjectNode o) {
                o.set(key, wrong);
            } else {
                ((ArrayNode) parent).set(index, wrong);
            }
        }
    }

    private static void collect(JsonNode node, List<Leaf> leaves) {
        if (node instanceof ObjectNode o) {
            for (var e : o.properties()) {
                JsonNode v = e.getValue();
                if (v.isContainer()) {
                    collect(v, leaves);
                } else if (!v.isNull()) {
                    leaves.add(new Leaf(o, e.getKey(), -1, v));
                }
            }
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                JsonNode v = a.get(i);
                if (v.isContainer()) {
                    collect(v, leaves);
                } else if (!v.isNull()) {
                    leaves.add(new Leaf(a, "", i, v));
                }
            }
        }
    }
}
