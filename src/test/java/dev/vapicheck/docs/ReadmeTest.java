package dev.vapicheck.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's Java snippets are the whole files under {@code src/examples/java/}, imports included: this test
 * compiles them as they are (warnings are errors), runs them, and fails when the README stops quoting them
 * exactly. CI runs the JavaScript and Python examples for real.
 */
class ReadmeTest {
    private static final Path BASE = Path.of(System.getProperty("project.basedir", "."));
    private static final Path EXAMPLES = BASE.resolve("src/examples/java");
    private static final List<String> JAVA = List.of("ValidateBody.java", "WebhookContractTest.java");

    @TempDir
    static Path classes;
    static ClassLoader loader;

    @BeforeAll
    static void compileTheExamples() throws Exception {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        List<String> args = new ArrayList<>(List.of("-Xlint:all", "-Werror", "-proc:none", "-d",
                classes.toString(), "-cp", System.getProperty("java.class.path")));
        JAVA.forEach(f -> args.add(EXAMPLES.resolve(f).toString()));
        int rc = javac.run(null, log, log, args.toArray(String[]::new));
        assertThat(rc).as("the README's Java examples compile as they are:%n%s", log).isZero();
        loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, ReadmeTest.class.getClassLoader());
    }

    @Test
    void validateBodyRuns() throws Exception {
        Path good = BASE.resolve("testdata/valid/status-update/minimal.json");
        Path bad = BASE.resolve("testdata/invalid/status-update/timestamp-string.json");
        assertThat(runMain(good)).isEqualTo("valid\nstrict: valid\n");
        assertThat(runMain(bad)).contains("/message/timestamp: ").contains("\n1 errors\n");
    }

    @Test
    void contractTestPasses() throws Exception {
        Class<?> test = loader.loadClass("WebhookContractTest");
        var constructor = test.getDeclaredConstructor();
        constructor.setAccessible(true);
        Object instance = constructor.newInstance();
        Method m = test.getDeclaredMethod("toolCallsAndTheirReply");
        m.setAccessible(true);
        m.invoke(instance);
    }

    @Test
    void readmeQuotesTheExamples() throws Exception {
        String readme = Files.readString(BASE.resolve("README.md"));
        for (String file : JAVA) {
            assertThat(readme).as("README quotes %s whole", file).contains(Files.readString(EXAMPLES.resolve(file)).strip());
        }
        assertThat(readme).contains(Files.readString(BASE.resolve("src/examples/js/validate.mjs")).strip());
        assertThat(readme).contains(Files.readString(BASE.resolve("src/examples/python/validate.py")).strip());
    }

    private static synchronized String runMain(Path body) throws Exception {
        Method main = loader.loadClass("ValidateBody").getMethod("main", String[].class);
        PrintStream saved = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            main.invoke(null, (Object) new String[] {body.toString()});
        } finally {
            System.setOut(saved);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
