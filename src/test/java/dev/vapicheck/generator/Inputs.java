package dev.vapicheck.generator;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the tests find the read-only API snapshot and the committed schemas. */
final class Inputs {

    private Inputs() {}

    static Path basedir() {
        return Path.of(System.getProperty("project.basedir", "."));
    }

    /** {@code ../shared/vapi-api-1.0} beside the checkout (surefire passes it as {@code vapi.api.dir}). */
    static Path apiDir() {
        Path dir = Path.of(System.getProperty("vapi.api.dir", basedir().resolve("../shared/vapi-api-1.0").toString()));
        if (!Files.isDirectory(dir.resolve("model-docs"))) {
            throw new IllegalStateException("API snapshot not found at " + dir.toAbsolutePath() + " (set -Dvapi.api.dir)");
        }
        return dir;
    }

    static Path schemasDir() {
        return basedir().resolve("schemas");
    }
}
