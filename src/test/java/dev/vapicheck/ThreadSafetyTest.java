package dev.vapicheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** One validator used from 8 threads gives exactly the single-threaded results. */
class ThreadSafetyTest {
    private static final int THREADS = 8;
    private static final int ROUNDS = 10;

    /** Valid and invalid payloads of every kind of the small set, in several forms. */
    static List<Object[]> cases() {
        String status = VapiValidatorTest.STATUS;
        List<String> messages = List.of(
                status,
                VapiValidatorTest.WEBHOOK,
                status.replace("\"ended\"", "\"paused\""),
                status.replace("\"twilioAccountSid\": \"AC1\"", "\"twilioAccountSid\": 1"),
                status.replace("\"destination\": null", "\"destination\": {\"type\": \"sip\", \"sipUri\": \"x\"}"),
                status.replace("\"destination\": null", "\"destination\": 4"),
                status.replace("\"role\": \"bot\"", "\"role\": \"alien\""),
                VapiValidatorTest.Caps.manyBadMessages(70),
                "{\"type\": \"transcript\", \"role\": \"user\", \"transcriptType\": \"final\", \"transcript\": \"\"}",
                "{\"type\": \"tool-calls\", \"toolCallList\": [{\"id\": \"1\", \"type\": \"function\","
                        + " \"function\": {\"name\": \"f\", \"arguments\": {}, \"parameters\": {\"type\": \"object\","
                        + " \"properties\": {\"a\": {\"type\": \"array\", \"items\": {\"type\": 1}}}}}}]}",
                "{\"type\": \"bogus\"}",
                "{\"a\": 1, \"a\": 2}",
                "[1, 2",
                "{\"message\": {\"type\": \"status-update\", \"status\": \"x\", \"extra\": {}}, \"more\": 1}");
        List<Object[]> cases = new ArrayList<>();
        for (String m : messages) {
            for (Profile p : Profile.values()) {
                cases.add(new Object[] {m, Check.message().profile(p).withWarnings()});
                cases.add(new Object[] {m.getBytes(StandardCharsets.UTF_8), Check.message().profile(p).maxErrors(7)});
            }
        }
        cases.add(new Object[] {"{\"results\": [{\"toolCallId\": 1}], \"x\": 0}", Check.replyTo("tool-calls")});
        cases.add(new Object[] {"{\"results\": [{\"toolCallId\": 1}], \"x\": 0}",
            Check.replyTo("tool-calls").profile(Profile.STRICT)});
        return cases;
    }

    private static ValidationResult run(VapiValidator v, Object[] c) {
        Payload payload = c[0] instanceof String s ? Payload.of(s) : Payload.of((byte[]) c[0]);
        return v.validate(payload, (Check) c[1]);
    }

    private static String fingerprint(ValidationResult r) {
        return r.isValid() + " " + r.messageType() + " " + r.profile() + " " + r.isTruncated() + " " + r.errors()
                + " " + r.errors().stream().map(e -> e.code() + e.schemaLocation() + e.arguments()).toList()
                + " " + r.warnings();
    }

    @Test
    @Timeout(120)
    void resultsFromEightThreadsEqualSingleThreadedResults() throws Exception {
        // A fresh validator, so that the threads also race on its first use.
        VapiValidator validator = VapiValidator.builder().schemaDirectory(TestSchemas.smallSet()).build();
        List<Object[]> cases = cases();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<String>>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int offset = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    List<String> seen = new ArrayList<>();
                    for (int round = 0; round < ROUNDS; round++) {
                        for (int i = 0; i < cases.size(); i++) {
                            // every thread walks the cases in its own order
                            int index = (i + offset * 7 + round) % cases.size();
                            seen.add(index + " " + fingerprint(run(validator, cases.get(index))));
                        }
                    }
                    return seen;
                }));
            }
            start.countDown();
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < cases.size(); i++) {
                expected.add(fingerprint(run(validator, cases.get(i))));
            }
            for (Future<List<String>> f : futures) {
                for (String seen : f.get(100, TimeUnit.SECONDS)) {
                    int space = seen.indexOf(' ');
                    int index = Integer.parseInt(seen.substring(0, space));
                    assertThat(seen.substring(space + 1)).as("case %d", index).isEqualTo(expected.get(index));
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(cases.stream().map(c -> run(validator, c)).filter(ValidationResult::isValid).count())
                .isBetween(1L, (long) cases.size() - 1);
    }
}
