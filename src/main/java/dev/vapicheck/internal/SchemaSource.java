package dev.vapicheck.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where the files of a schema set come from: a folder on any {@link java.nio.file.FileSystem}, or the class path.
 * Files are named by paths relative to the set's root, such as {@code index.json} or {@code strict/Foo.json}.
 */
public abstract class SchemaSource {
    SchemaSource() {
    }

    /**
     * A folder laid out like {@code schemas/}.
     *
     * @param root the folder
     * @return the source
     */
    public static SchemaSource directory(Path root) {
        return new Directory(Objects.requireNonNull(root, "root"));
    }

    /**
     * Class path resources under a prefix, such as {@code dev/vapicheck/schemas/}.
     *
     * @param loader the class loader
     * @param prefix the resource prefix, ending in {@code /}
     * @return the source
     */
    public static SchemaSource classpath(ClassLoader loader, String prefix) {
        return new Classpath(loader, prefix);
    }

    /**
     * Reads one file.
     *
     * @param relative a path such as {@code lenient/Foo.json}, already checked to hold no {@code ..}
     * @return the bytes, or null if there is no such file
     * @throws IOException if the file exists but cannot be read
     */
    abstract byte @Nullable [] read(String relative) throws IOException;

    /**
     * Where a file would be, for messages.
     *
     * @param relative the relative path
     * @return a description such as a file system path
     */
    abstract String describe(String relative);

    private static final class Directory extends SchemaSource {
        private final Path root;

        Directory(Path root) {
            this.root = root;
        }

        @Override
        byte @Nullable [] read(String relative) throws IOException {
            Path file = resolve(relative);
            try {
                return Files.readAllBytes(file);
            } catch (NoSuchFileException e) {
                return null;
            }
        }

        private Path resolve(String relative) {
            Path p = root;
            for (String part : relative.split("/")) {
                p = p.resolve(part);
            }
            return p;
        }

        @Override
        String describe(String relative) {
            return resolve(relative).toString();
        }

        @Override
        public String toString() {
            return root.toString();
        }
    }

    private static final class Classpath extends SchemaSource {
        private final ClassLoader loader;
        private final String prefix;

        Classpath(ClassLoader loader, String prefix) {
            this.loader = loader;
            this.prefix = prefix;
        }

        @Override
        byte @Nullable [] read(String relative) throws IOException {
            try (InputStream in = loader.getResourceAsStream(prefix + relative)) {
                return in == null ? null : in.readAllBytes();
            }
        }

        @Override
        String describe(String relative) {
            return "classpath:" + prefix + relative;
        }

        @Override
        public String toString() {
            return "classpath:" + prefix;
        }
    }
}
