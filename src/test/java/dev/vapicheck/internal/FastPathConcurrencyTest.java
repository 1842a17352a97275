package dev.vapicheck.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vapicheck.Limits;
import dev.vapicheck.Profile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The fast path compiles schemas while payloads are being validated ({@code $ref}s on first use): threads that race
 * to compile the same fresh set must get exactly the verdicts and notes of one thread alone.
 */
class FastPathConcurrencyTest {
    private static final int THREADS = 8;
    private static final Path TESTDATA = Path.of(System.getProperty("project.basedir", ".")).resolve("testdata");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SchemaSet.Budget BUDGET = SchemaSet.Budget.of(Limits.defaults().maxValidationSteps(),
            Limits.defaults().maxValidationDepth());

    private record Case(Profile profile, String kind, JsonNode message) {
    }

    private static SchemaSet fresh() {
        return SchemaSet.load(SchemaSource.classpath(FastPathConcurrencyTest.class.getClassLoader(),
                "dev/vapicheck/schemas/"), false);
    }

    private static String verdict(SchemaSet set, Case c) {
        // A kind the set does not know (drift) has no model: the verdict is then UNDECIDED.
        SchemaSet.Model model = set.message(c.profile(), c.kind());
        FastPath.Result r = FastPath.check(model == null ? null : model.fast(), c.message(), BUDGET);
        List<String> notes = new ArrayList<>();
        r.warnings(c.message()).forEach(w -> notes.add(w.error().instanceLocation().toString()));
        return r.verdict() + " " + notes;
    }

    @Test
    void racingThreadsGetTheVerdictsOfOneThread() throws Exception {
        List<Case> cases = new ArrayList<>();
        for (String group : List.of("valid", "invalid", "drift")) {
            try (Stream<Path> files = Files.walk(TESTDATA.resolve(group))) {
                for (Path p : (Iterable<Path>) files.sorted()::iterator) {
                    String name = p.getFileName().toString();
                    if (!name.endsWith(".json") || name.endsWith(".expected.json") || p.toString().contains("reply")) {
                        continue;
                    }
                    JsonNode body = read(p);
                    JsonNode message = body != null && body.has("message") ? body.get("message") : body;
                    if (message != null && message.isObject() && message.path("type").isString()) {
                        for (Profile profile : Profile.values()) {
                            cases.add(new Case(profile, message.get("type").stringValue(), message));
                        }
                    }
                }
            }
        }
        SchemaSet alone = fresh();
        List<String> expected = new ArrayList<>();
        for (Case c : cases) {
            expected.add(verdict(alone, c));
        }
        SchemaSet shared = fresh();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<String>>> results = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            long seed = t;
            results.add(pool.submit(() -> {
                List<Integer> order = new ArrayList<>();
                for (int i = 0; i < cases.size(); i++) {
                    order.add(i);
                }
                Collections.shuffle(order, new Random(seed));
                String[] got = new String[cases.size()];
                start.await();
                for (int i : order) {
                    got[i] = verdict(shared, cases.get(i));
                }
                return List.of(got);
            }));
        }
        start.countDown();
        for (Future<List<String>> f : results) {
            assertThat(f.get(2, TimeUnit.MINUTES)).isEqualTo(expected);
        }
        pool.shutdown();
        assertThat(expected).as("the cases reach both verdicts")
                .anyMatch(v -> v.startsWith("VALID")).anyMatch(v -> v.startsWith("INVALID"));
    }

    private static @Nullable JsonNode read(Path p) throws IOException {
        try {
            return JSON.readTree(Files.readAllBytes(p));
        } catch (tools.jackson.core.JacksonException e) {
            return null;
        }
    }
}
