package dev.vapicheck.internal;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** A schema set in Jimfs: one model per message kind, the same body in both profiles. */
final class TinySet {

    private TinySet() {}

    /**
     * Loads a set where each entry maps a message kind to the members of its model's schema object
     * (the text between the braces, without {@code $id}); the model is named after the kind, capitalised.
     */
    static SchemaSet of(Map<String, String> bodiesByKind) throws IOException {
        return of(bodiesByKind, true);
    }

    /** The same, loaded eagerly (networknt compiles every model now, as for a user's directory) or lazily. */
    static SchemaSet of(Map<String, String> bodiesByKind, boolean eager) throws IOException {
        FileSystem fs = Jimfs.newFileSystem(Configuration.unix());
        Path root = fs.getPath("/s");
        String kinds = bodiesByKind.keySet().stream().map(k -> "\"" + k + "\": \"" + model(k) + "\"")
                .collect(Collectors.joining(", "));
        Files.createDirectories(root);
        Files.writeString(root.resolve("index.json"), "{\"messageKinds\": {" + kinds + "}}");
        for (String profile : List.of("lenient", "strict")) {
            Files.createDirectories(root.resolve(profile));
            for (Map.Entry<String, String> e : bodiesByKind.entrySet()) {
                String name = model(e.getKey());
                Files.writeString(root.resolve(profile).resolve(name + ".json"),
                        "{\"$id\": \"" + SchemaSet.BASE + profile + "/" + name + ".json\", " + e.getValue() + "}");
            }
        }
        return SchemaSet.load(SchemaSource.directory(root), eager);
    }

    private static String model(String kind) {
        return Character.toUpperCase(kind.charAt(0)) + kind.substring(1);
    }
}
