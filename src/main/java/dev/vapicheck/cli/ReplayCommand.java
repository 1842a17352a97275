package dev.vapicheck.cli;

import dev.vapicheck.gateway.Quarantine;
import dev.vapicheck.proxy.Replay;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code replay}: sends quarantined webhooks to a server. */
@Command(name = "replay", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"POSTs the messages in a quarantine folder to URL, oldest first; removes each one taken (2xx).",
            "Exit code 0 when every message was taken, 1 when some were not, 2 on a usage or I/O error."})
final class ReplayCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--quarantine", required = true, paramLabel = "DIR", description = "The quarantine folder.")
    Path quarantine;

    @Option(names = "--to", required = true, paramLabel = "URL",
            description = "Where to POST them, such as http://127.0.0.1:3000/webhook.")
    URI to;

    @Option(names = "--secret-env", paramLabel = "NAME",
            description = "Send the value of environment variable NAME as x-vapi-secret.")
    @Nullable String secretEnv;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "20s",
            converter = ProxyCommand.DurationConverter.class, description = "Per request (default 20s).")
    Duration timeout = Duration.ofSeconds(20);

    @Option(names = "--keep", description = "Keep the messages that were taken.")
    boolean keep;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.isDirectory(quarantine)) {
            err.println("vapi-check: --quarantine " + quarantine + " is not a directory");
            return Main.ERROR;
        }
        String secret = secretEnv == null ? null : System.getenv(secretEnv);
        if (secretEnv != null && (secret == null || secret.isBlank())) {
            err.println("vapi-check: --secret-env " + secretEnv + ": that environment variable is not set");
            return Main.ERROR;
        }
        List<Replay.Sent> sent;
        try {
            sent = new Replay(to, secret, timeout, keep).run(Quarantine.open(quarantine, Integer.MAX_VALUE,
                    Long.MAX_VALUE));
        } catch (IOException | IllegalArgumentException e) {
            err.println("vapi-check: " + e.getMessage());
            return Main.ERROR;
        }
        int failed = 0;
        for (Replay.Sent s : sent) {
            out.println(s.entry().id() + " " + (s.entry().kind() == null ? "-" : s.entry().kind()) + " -> "
                    + (s.status() == 0 ? "failed: " + s.detail() : Integer.toString(s.status())));
            if (!s.ok()) {
                failed++;
            }
        }
        out.println(sent.size() + " replayed, " + (sent.size() - failed) + " taken, " + failed + " not taken");
        out.flush();
        return failed == 0 ? Main.VALID : Main.INVALID;
    }
}
