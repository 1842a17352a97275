package dev.vapicheck.cli;

import dev.vapicheck.Profile;
import dev.vapicheck.SchemaSetException;
import dev.vapicheck.VapiValidator;
import dev.vapicheck.gateway.Mode;
import dev.vapicheck.gateway.Quarantine;
import dev.vapicheck.gateway.WebhookGate;
import dev.vapicheck.micrometer.VapiCheckMetrics;
import dev.vapicheck.proxy.ValidatingProxy;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** {@code proxy}: a validating reverse proxy in front of a webhook server. */
@Command(name = "proxy", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Validates Vapi webhooks (and the replies to them) in front of a server in any language.",
            "GET /healthz answers ok; GET /metrics serves Prometheus text. Stops on SIGTERM/SIGINT after the"
                + " requests in flight finish."})
final class ProxyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--listen", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:8080",
            description = "Where to listen (default 127.0.0.1:8080; port 0 for any free port).")
    String listen = "127.0.0.1:8080";

    @Option(names = "--upstream", required = true, paramLabel = "URL",
            description = "The webhook server, such as http://127.0.0.1:3000; request paths are appended.")
    URI upstream;

    @Option(names = "--mode", paramLabel = "enforce|monitor", defaultValue = "enforce",
            converter = ModeConverter.class,
            description = "enforce (default): answer an invalid message with a 422/400 problem; monitor: pass it.")
    Mode mode = Mode.ENFORCE;

    @Option(names = "--profile", paramLabel = "lenient|strict", defaultValue = "lenient",
            converter = ValidateCommand.ProfileConverter.class, description = "lenient (default) or strict.")
    Profile profile = Profile.LENIENT;

    @Option(names = "--secret-env", paramLabel = "NAME",
            description = "Require the x-vapi-secret header to equal the value of environment variable NAME.")
    @Nullable String secretEnv;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "20s", converter = DurationConverter.class,
            description = "How long the upstream has to answer, such as 20s (default, Vapi's) or 500ms; then 504.")
    Duration timeout = Duration.ofSeconds(20);

    @Option(names = "--max-body-bytes", paramLabel = "N", defaultValue = "8388608",
            description = "The largest message accepted (default 8 MiB); larger ones get 413.")
    int maxBodyBytes = WebhookGate.DEFAULT_MAX_BODY_BYTES;

    @Option(names = "--replace-invalid-replies",
            description = "In enforce mode, answer Vapi with a 502 problem instead of an invalid reply.")
    boolean replaceInvalidReplies;

    @Option(names = "--reject-unknown-kinds",
            description = "Refuse message kinds the schemas do not know (by default they pass, with a warning).")
    boolean rejectUnknownKinds;

    @Option(names = "--warnings", description = "Also report drift (what strict would flag) in problems.")
    boolean warnings;

    @Option(names = "--quarantine", paramLabel = "DIR",
            description = "Keep every message enforce mode rejects in DIR (body, errors, redacted headers).")
    @Nullable Path quarantine;

    @Option(names = "--quarantine-max-files", paramLabel = "N", defaultValue = "1000",
            description = "At most N quarantined messages (default 1000); the oldest go first.")
    int quarantineMaxFiles = 1000;

    @Option(names = "--quarantine-max-bytes", paramLabel = "N", defaultValue = "104857600",
            description = "At most N bytes in the quarantine (default 100 MiB); the oldest go first.")
    long quarantineMaxBytes = 100L << 20;

    @Option(names = "--stop-timeout", paramLabel = "DURATION", defaultValue = "25s",
            converter = DurationConverter.class,
            description = "On shutdown, how long requests in flight may take to finish (default 25s).")
    Duration stopTimeout = Duration.ofSeconds(25);

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        int colon = listen.lastIndexOf(':');
        String host;
        int port;
        try {
            host = listen.substring(0, Math.max(colon, 0));
            port = Integer.parseInt(listen.substring(colon + 1));
        } catch (NumberFormatException e) {
            err.println("vapi-check: --listen must be HOST:PORT but was " + listen);
            return Main.ERROR;
        }
        String secret = null;
        if (secretEnv != null) {
            secret = System.getenv(secretEnv);
            if (secret == null || secret.isBlank()) {
                err.println("vapi-check: --secret-env " + secretEnv + ": that environment variable is not set");
                return Main.ERROR;
            }
        }
        ValidatingProxy proxy;
        try {
            VapiValidator validator = VapiValidator.create();
            PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            VapiCheckMetrics metrics = new VapiCheckMetrics(validator.messageKinds());
            metrics.bindTo(registry);
            Quarantine q = null;
            if (quarantine != null) {
                q = Quarantine.open(quarantine, quarantineMaxFiles, quarantineMaxBytes);
                metrics.bindQuarantine(q);
            }
            WebhookGate gate = WebhookGate.builder(validator).mode(mode).profile(profile).warnings(warnings)
                    .secret(secret).maxBodyBytes(maxBodyBytes).quarantine(q).listener(metrics)
                    .replaceInvalidReplies(replaceInvalidReplies).rejectUnknownKinds(rejectUnknownKinds).build();
            proxy = ValidatingProxy.builder(gate, upstream).listen(host.isEmpty() ? "127.0.0.1" : host, port)
                    .timeout(timeout).stopTimeout(stopTimeout).metrics(registry).build();
        } catch (SchemaSetException | IllegalArgumentException | IOException e) {
            err.println("vapi-check: " + e.getMessage());
            return Main.ERROR;
        }
        proxy.start();
        Runtime.getRuntime().addShutdownHook(new Thread(proxy::close, "vapi-proxy-stop"));
        out.println("vapi-check proxy: listening on " + proxy.uri() + ", upstream " + upstream + ", mode "
                + mode.name().toLowerCase(Locale.ROOT) + ", profile " + profile.name().toLowerCase(Locale.ROOT));
        out.flush();
        proxy.join();
        return Main.VALID;
    }

    /** Accepts enforce and monitor in any case. */
    static final class ModeConverter implements ITypeConverter<Mode> {
        @Override
        public Mode convert(String value) {
            for (Mode m : Mode.values()) {
                if (m.name().equalsIgnoreCase(value)) {
                    return m;
                }
            }
            throw new TypeConversionException("expected enforce or monitor but was '" + value + "'");
        }
    }

    /** {@code 20s}, {@code 300ms}, or a number of seconds. */
    static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                Duration d;
                if (value.endsWith("ms")) {
                    d = Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
                } else if (value.endsWith("s")) {
                    d = Duration.ofMillis(Math.round(Double.parseDouble(value.substring(0, value.length() - 1))
                            * 1000));
                } else {
                    d = Duration.ofSeconds(Long.parseLong(value));
                }
                if (d.isNegative() || d.isZero()) {
                    throw new TypeConversionException("expected a positive duration but was '" + value + "'");
                }
                return d;
            } catch (NumberFormatException e) {
                throw new TypeConversionException("expected a duration such as 20s or 300ms but was '" + value
                        + "'");
            }
        }
    }
}
