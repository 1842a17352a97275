package dev.vapicheck.generator;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Where the tests find the read-only API snapshot and the committed schemas.
 *
 * <p>The snapshot is Vapi's text and stays out of the repository. Tests that need it run when it is found
 * ({@code -Dvapi.api.dir=DIR}, by default {@code ../shared/vapi-api-1.0} beside the checkout) and are skipped
 * otherwise, so that a bare clone builds; with {@code -Dvapi.require.inputs=true} (as {@code .ci/run} sets it)
 * a missing snapshot fails them instead.
 */
final class Inputs {
    static final String MISSING = "Vapi API snapshot not found at %s (no model-docs/ folder there): the generator"
            + " tests need it. Put the snapshot (model-docs/*.md and openapi.yaml) at ../shared/vapi-api-1.0 beside"
            + " the checkout, or name its folder with -Dvapi.api.dir=DIR";

    private Inputs() {}

    static Path basedir() {
        return Path.of(System.getProperty("project.basedir", "."));
    }

    /** The snapshot folder; skips the calling test (or fails it, if required) when it is not there. */
    static Path apiDir() {
        Path dir = Path.of(System.getProperty("vapi.api.dir", basedir().resolve("../shared/vapi-api-1.0").toString()));
        return apiDir(dir, Boolean.getBoolean("vapi.require.inputs"));
    }

    static Path apiDir(Path dir, boolean required) {
        boolean found = Files.isDirectory(dir.resolve("model-docs"));
        String why = String.format(MISSING, dir.toAbsolutePath().normalize());
        if (!found && required) {
            throw new IllegalStateException(why + " (required: -Dvapi.require.inputs=true)");
        }
        Assumptions.assumeTrue(found, why);
        return dir;
    }

    static Path schemasDir() {
        return basedir().resolve("schemas");
    }
}
