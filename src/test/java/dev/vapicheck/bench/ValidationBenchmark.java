package dev.vapicheck.bench;

import dev.vapicheck.Check;
import dev.vapicheck.Payload;
import dev.vapicheck.Profile;
import dev.vapicheck.ValidationResult;
import dev.vapicheck.VapiValidator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Throughput of message validation on realistic mixes of the fixture corpus (see {@link Corpus}), against plain
 * Jackson parsing of the same bytes as the baseline. Each benchmark call handles one document; the state cycles
 * through its set, so ops/s times the set's mean size (printed at setup) gives bytes/s.
 *
 * <p>Run with {@code mvn -B -Pbench test-compile exec:exec} (about 4 minutes on 2 cores), then
 * {@code mvn -B -Pbench exec:exec@report} for the table with MB/s and the ratio to Jackson.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Benchmark)
public class ValidationBenchmark {
    private static final Check STRICT = Check.message().profile(Profile.STRICT);

    /** The valid sets: jacksonParse, validateLenient and validateStrict run once per set. */
    @State(Scope.Benchmark)
    public static class Valid {
        /** Which set: small (< 4 KB), large (> 30 KB) or mix (all message fixtures). */
        @Param({"small", "large", "mix"})
        public String set;

        VapiValidator validator;
        JsonMapper mapper;
        byte[][] docs;
        int next;

        /** Loads the set and the validator, and prints the sizes and how each profile judges the set. */
        @Setup(Level.Trial)
        public void setUp() {
            List<Corpus.Doc> loaded = Corpus.load(set);
            docs = Corpus.bytes(loaded);
            mapper = JsonMapper.builder().build();
            validator = VapiValidator.create();
            System.out.println();
            System.out.println(Corpus.describe(set, loaded));
            int lenientFail = 0;
            int strictFail = 0;
            for (Corpus.Doc d : loaded) {
                ValidationResult lenient = validator.validate(Payload.of(d.bytes()));
                if (!lenient.isValid()) {
                    lenientFail++;
                    System.out.println("  NOTE lenient rejects valid fixture " + d.name() + ": "
                            + lenient.errors().get(0));
                }
                if (!validator.validate(Payload.of(d.bytes()), STRICT).isValid()) {
                    strictFail++;
                }
            }
            System.out.printf(Locale.ROOT, "  lenient rejects %d, strict rejects %d of %d%n", lenientFail, strictFail,
                    loaded.size());
        }

        byte[] next() {
            int i = next;
            next = i + 1 == docs.length ? 0 : i + 1;
            return docs[i];
        }
    }

    /** The invalid sets for validateInvalid: full error collection (not fail-fast, the validator's default cap). */
    @State(Scope.Benchmark)
    public static class Invalid {
        /**
         * invalid: the fixtures under testdata/invalid (messages only), each checked with the profile that rejects
         * it; mutated: every valid message with a few values of the wrong JSON type, checked leniently (also of the
         * small and large sets only).
         */
        @Param({"invalid", "mutated-small", "mutated-large", "mutated"})
        public String invalidSet;

        VapiValidator validator;
        final JsonMapper mapper = JsonMapper.builder().build();
        byte[][] docs;
        Check[] checks;
        int next;

        /** Loads the set and prints its sizes and error counts. */
        @Setup(Level.Trial)
        public void setUp() {
            List<Corpus.Doc> loaded = Corpus.load(invalidSet);
            docs = Corpus.bytes(loaded);
            checks = loaded.stream().map(d -> d.strictOnly() ? STRICT : Check.message()).toArray(Check[]::new);
            validator = VapiValidator.create();
            System.out.println();
            System.out.println(Corpus.describe(invalidSet, loaded));
            long errors = 0;
            int accepted = 0;
            for (int i = 0; i < docs.length; i++) {
                ValidationResult r = validator.validate(Payload.of(docs[i]), checks[i]);
                errors += r.errors().size();
                if (r.isValid()) {
                    accepted++;
                    System.out.println("  NOTE accepted invalid document " + loaded.get(i).name());
                }
            }
            System.out.printf(Locale.ROOT, "  %.2f errors per document on average; %d of %d accepted%n",
                    (double) errors / docs.length, accepted, docs.length);
        }

        int next() {
            int i = next;
            next = i + 1 == docs.length ? 0 : i + 1;
            return i;
        }
    }

    /**
     * The baseline: parse the bytes to a tree with a plain mapper.
     *
     * @param s the set
     * @return the tree
     */
    @Benchmark
    public JsonNode jacksonParse(Valid s) {
        return s.mapper.readTree(s.next());
    }

    /**
     * The baseline of an invalid set: parse its bytes to a tree with a plain mapper.
     *
     * @param s the set
     * @return the tree
     */
    @Benchmark
    public JsonNode jacksonParseInvalid(Invalid s) {
        return s.mapper.readTree(s.docs[s.next()]);
    }

    /**
     * Parse and validate with the default (lenient) profile.
     *
     * @param s the set
     * @return the verdict
     */
    @Benchmark
    public ValidationResult validateLenient(Valid s) {
        return s.validator.validate(Payload.of(s.next()));
    }

    /**
     * Parse and validate with the strict profile.
     *
     * @param s the set
     * @return the verdict
     */
    @Benchmark
    public ValidationResult validateStrict(Valid s) {
        return s.validator.validate(Payload.of(s.next()), STRICT);
    }

    /**
     * Parse and validate an invalid message, collecting every error.
     *
     * @param s the set
     * @return the verdict
     */
    @Benchmark
    public ValidationResult validateInvalid(Invalid s) {
        int i = s.next();
        return s.validator.validate(Payload.of(s.docs[i]), s.checks[i]);
    }

    /**
     * Prints the sizes of every set, without running anything.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        for (String set : Corpus.SETS) {
            try {
                System.out.println(Corpus.describe(set, Corpus.load(set)));
            } catch (IllegalStateException e) {
                System.out.println("set " + set + ": " + e.getMessage());
            }
        }
    }
}
