package dev.vapicheck;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** The schema sets tests run against. */
final class TestSchemas {

    private TestSchemas() {
    }

    /** The small hand-written set in src/test/resources/dev/vapicheck/small-set (same layout as schemas/). */
    static Path smallSet() {
        try {
            return Path.of(TestSchemas.class.getResource("/dev/vapicheck/small-set/index.json").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fresh in-memory file system. */
    static FileSystem jimfs() {
        return Jimfs.newFileSystem(Configuration.unix());
    }

    /** Copies a folder tree into a file system and returns the copy's root. */
    static Path copy(Path from, FileSystem fs, String to) {
        Path root = fs.getPath(to);
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path target = root;
                for (Path part : from.relativize(p)) {
                    target = target.resolve(part.toString());
                }
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(p, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return root;
    }

    /** A validator on the small set, loaded from a Jimfs copy; built once for all tests. */
    static VapiValidator small() {
        return Small.VALIDATOR;
    }

    private static final class Small {
        static final VapiValidator VALIDATOR =
                VapiValidator.builder().schemaDirectory(copy(smallSet(), jimfs(), "/schemas")).build();
    }

    /** The real generated schemas/ folder of the project, once the lead has generated it. */
    static Optional<Path> realSet() {
        Path dir = Path.of(System.getProperty("project.basedir", "."), "schemas");
        return Files.isRegularFile(dir.resolve("index.json")) ? Optional.of(dir) : Optional.empty();
    }

    /** The fixture corpus folder. */
    static Path testdata() {
        return Path.of(System.getProperty("project.basedir", "."), "testdata");
    }

    /** Pointers of errors, for compact assertions. */
    static List<String> pointers(List<ValidationError> errors) {
        return errors.stream().map(e -> e.instanceLocation().toString()).toList();
    }

    /** "pointer keyword" pairs, for compact assertions. */
    static List<String> located(List<ValidationError> errors) {
        return errors.stream().map(e -> e.instanceLocation() + " " + e.keyword()).toList();
    }
}
