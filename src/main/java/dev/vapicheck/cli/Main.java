package dev.vapicheck.cli;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.security.CodeSource;
import java.util.concurrent.Callable;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code java -jar vapi-check-cli.jar validate [options] (FILE... | -)}, {@code proxy} and {@code replay}.
 *
 * <p>Exit codes: 0 when every input is valid, 1 when any input is invalid, 2 on a usage or I/O error.
 */
@Command(name = "vapi-check", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Checks Vapi server messages and replies against the vapi-check JSON Schemas.",
        subcommands = {ValidateCommand.class, ProxyCommand.class, ReplayCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every input is valid", "1:some input is invalid", "2:usage or I/O error"})
public final class Main implements Callable<Integer> {
    /** Exit code when every input is valid. */
    public static final int VALID = 0;
    /** Exit code when any input is invalid. */
    public static final int INVALID = 1;
    /** Exit code for a usage or I/O error. */
    public static final int ERROR = 2;

    private final InputStream stdin;

    @Spec
    CommandSpec spec;

    /** A command that reads {@code -} from {@link System#in}. */
    public Main() {
        this(System.in);
    }

    /**
     * A command that reads {@code -} from the given stream (for tests and embedding).
     *
     * @param stdin what {@code -} means
     */
    public Main(InputStream stdin) {
        this.stdin = stdin;
    }

    InputStream stdin() {
        return stdin;
    }

    /**
     * Runs the command line and exits with its code.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }

    /** Without a subcommand: print the usage and fail. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ERROR;
    }

    /** The version and the API snapshot from the jar manifest ({@code Implementation-Version}, {@code Vapi-Api-Snapshot}). */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            Attributes manifest = manifest();
            String v = manifest == null ? null : manifest.getValue(Attributes.Name.IMPLEMENTATION_VERSION);
            String api = manifest == null ? null : manifest.getValue("Vapi-Api-Snapshot");
            return new String[] {"vapi-check " + (v == null ? "(development build)" : v)
                    + (api == null ? "" : ", schemas from the " + api)};
        }

        /** The main attributes of the jar this class came from, or null when it is not in a jar. */
        static @Nullable Attributes manifest() {
            try {
                CodeSource source = Main.class.getProtectionDomain().getCodeSource();
                if (source == null || !source.getLocation().getPath().endsWith(".jar")) {
                    return null;
                }
                try (JarFile jar = new JarFile(new File(source.getLocation().toURI()))) {
                    Manifest m = jar.getManifest();
                    return m == null ? null : m.getMainAttributes();
                }
            } catch (IOException | URISyntaxException | RuntimeException e) {
                return null;
            }
        }
    }
}
