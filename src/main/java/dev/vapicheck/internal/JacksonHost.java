package dev.vapicheck.internal;

import dev.vapicheck.SchemaSetException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/**
 * Checks, before anything else loads, that the host's Jackson can run the library, so that a host whose
 * dependency management pins older Jackson artifacts gets one precise {@link SchemaSetException} (artifact,
 * version found, version needed, the fix) instead of a {@link LinkageError} from deep inside Jackson.
 */
public final class JacksonHost {
    /** The oldest Jackson 3 release the library is built and tested for (the engine is built on 3.1). */
    static final int MIN_MINOR = 1;
    /** The oldest jackson-annotations release Jackson 3 runs with. */
    static final String MIN_ANNOTATIONS = "2.21";
    private static final String ANNOTATIONS = "com.fasterxml.jackson.core:jackson-annotations";

    private JacksonHost() {
    }

    /**
     * Throws if the Jackson on the class path of this library cannot work.
     *
     * @throws SchemaSetException naming the artifact, the version found, the version needed and the fix
     */
    public static void check() {
        ClassLoader loader = JacksonHost.class.getClassLoader();
        String annotations = version(loader, "com/fasterxml/jackson/core/jackson-annotations");
        if (!present(loader, "com.fasterxml.jackson.annotation.JsonSerializeAs")) {
            throw new SchemaSetException(annotationsMessage(annotations == null ? "an unknown version" : annotations));
        }
        String databind = version(loader, "tools/jackson/core/jackson-databind");
        String core = version(loader, "tools/jackson/core/jackson-core");
        checkJackson3("tools.jackson.core:jackson-databind", databind);
        checkJackson3("tools.jackson.core:jackson-core", core);
    }

    static String annotationsMessage(String found) {
        return "the Jackson on the class path cannot run vapi-check: " + ANNOTATIONS + " is " + found
                + ", but Jackson 3 needs " + MIN_ANNOTATIONS + " or later (a host's dependency management, such as"
                + " Spring Boot 3.5's, may pin an older one). Fix: manage " + ANNOTATIONS + " at " + MIN_ANNOTATIONS
                + " or later (in Maven, a <dependencyManagement> entry placed before the Spring Boot BOM)";
    }

    static void checkJackson3(String artifact, @Nullable String found) {
        if (found == null) {
            return; // repackaged or shaded: nothing to go by
        }
        String[] parts = found.split("[.-]");
        int major;
        int minor;
        try {
            major = Integer.parseInt(parts[0]);
            minor = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
        } catch (NumberFormatException e) {
            return;
        }
        if (major != 3 || minor < MIN_MINOR) {
            throw new SchemaSetException("the Jackson on the class path cannot run vapi-check: " + artifact + " is "
                    + found + ", but vapi-check needs 3." + MIN_MINOR + " or later within Jackson 3. Fix: manage "
                    + artifact + " (or the tools.jackson:jackson-bom) at 3." + MIN_MINOR + " or later");
        }
    }

    private static boolean present(ClassLoader loader, String name) {
        try {
            Class.forName(name, false, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** The version in the artifact's {@code pom.properties}, or null if the class path does not carry one. */
    private static @Nullable String version(ClassLoader loader, String groupAndArtifactPath) {
        int cut = groupAndArtifactPath.lastIndexOf('/');
        String path = "META-INF/maven/" + groupAndArtifactPath.substring(0, cut).replace('/', '.') + "/"
                + groupAndArtifactPath.substring(cut + 1) + "/pom.properties";
        try (InputStream in = loader.getResourceAsStream(path)) {
            if (in == null) {
                return null;
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }
}
