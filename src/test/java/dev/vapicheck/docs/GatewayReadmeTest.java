package dev.vapicheck.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vapicheck.Payload;
import dev.vapicheck.ProblemDetails;
import dev.vapicheck.VapiValidator;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The README's gateway sections quote what runs: the proxy commands (run by CI in {@code .ci/run}), the filter
 * registration (run by {@code VapiCheckFilterTest}), and the problem body the validator renders.
 */
class GatewayReadmeTest {
    private static final Path BASE = Path.of(System.getProperty("project.basedir", "."));

    @Test
    void readmeQuotesTheProxyCommandsAndTheFilterRegistration() throws Exception {
        String readme = Files.readString(BASE.resolve("README.md"));
        String filterTest = Files.readString(BASE.resolve("src/test/java/dev/vapicheck/servlet/VapiCheckFilterTest.java"));

        assertThat(readme).contains(Files.readString(BASE.resolve("src/examples/proxy/try-it.sh")).strip());
        assertThat(readme).contains(region(filterTest, "servlet"));
    }

    @Test
    void readmeShowsTheProblemTheValidatorRenders() throws Exception {
        String readme = Files.readString(BASE.resolve("README.md"));
        int from = readme.indexOf("```json\n{\n  \"type\": \"https://vapi-check.dev/problems/invalid-message\"");
        assertThat(from).isNotNegative();
        String shown = readme.substring(from + "```json\n".length(), readme.indexOf("```", from + 7));
        byte[] body = Files.readAllBytes(BASE.resolve("testdata/invalid/status-update/timestamp-string.json"));

        String rendered = ProblemDetails.of(VapiValidator.create().validate(Payload.of(body))).toJson();

        JsonMapper json = JsonMapper.builder().build();
        assertThat(json.readTree(shown)).isEqualTo(json.readTree(rendered));
    }

    /** The lines between {@code // readme:NAME} and {@code // readme:end}, de-indented. */
    private static String region(String source, String name) {
        String start = "// readme:" + name + "\n";
        int from = source.indexOf(start);
        assertThat(from).as("marker %s", name).isNotNegative();
        int to = source.indexOf("// readme:end", from);
        assertThat(to).as("end of marker %s", name).isNotNegative();
        StringBuilder out = new StringBuilder();
        for (String line : source.substring(from + start.length(), to).split("\n")) {
            out.append(line.length() >= 8 ? line.substring(8) : line.strip()).append('\n');
        }
        return out.toString().strip();
    }
}
