package dev.vapicheck.cli;

import dev.vapicheck.Check;
import dev.vapicheck.Payload;
import dev.vapicheck.Profile;
import dev.vapicheck.SchemaSetException;
import dev.vapicheck.ValidationError;
import dev.vapicheck.ValidationResult;
import dev.vapicheck.VapiValidator;
import dev.vapicheck.internal.Messages;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import tools.jackson.core.SerializableString;
import tools.jackson.core.io.CharacterEscapes;
import tools.jackson.core.io.SerializedString;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code validate}: checks files (or standard input) and reports errors as text or JSON. */
@Command(name = "validate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Validates Vapi server messages (webhook bodies or bare messages) or replies.",
            "Exit code 0 when every input is valid, 1 when any is invalid, 2 on a usage or I/O error."})
final class ValidateCommand implements Callable<Integer> {
    /** Writes JSON that is safe to print: C1, bidi controls, line separators and DEL escaped as well. */
    private static final JsonMapper JSON = JsonMapper.builder(
            JsonFactory.builder().characterEscapes(new PrintableEscapes()).build()).build();
    /** How many --jsonl lines between two progress updates on a terminal. */
    private static final int PROGRESS_EVERY = 1000;

    /** The formats of the report. */
    enum Format { text, json }

    @ParentCommand
    Main parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--profile", paramLabel = "lenient|strict", defaultValue = "lenient",
            converter = ProfileConverter.class,
            description = "lenient (default): unknown properties and new enum values pass; strict: they fail.")
    Profile profile = Profile.LENIENT;

    @ArgGroup(exclusive = true)
    @Nullable What what;

    /** Either --type or --reply-to. */
    static final class What {
        @Option(names = "--type", paramLabel = "KIND", description = "Require message.type to be KIND.")
        @Nullable String type;

        @Option(names = "--reply-to", paramLabel = "KIND",
                description = "Check replies to a message of type KIND instead of messages.")
        @Nullable String replyTo;
    }

    @Option(names = "--format", paramLabel = "text|json", defaultValue = "text",
            description = "text (default): one line per error and a summary; json: one JSON object per input.")
    Format format = Format.text;

    @Option(names = "--jsonl", description = "Each line of each input is one payload (JSON Lines).")
    boolean jsonl;

    @Option(names = "--warnings",
            description = "With the lenient profile, also report what strict would flag (drift) as warnings.")
    boolean warnings;

    @Option(names = "--schemas", paramLabel = "DIR",
            description = "Use the schema set in DIR (laid out like schemas/) instead of the embedded one.")
    @Nullable Path schemas;

    @Option(names = "--max-errors", paramLabel = "N", description = "Report at most N errors per input (default 100).")
    @Nullable Integer maxErrors;

    @Option(names = "--fail-fast", description = "Stop at the first error of each input.")
    boolean failFast;

    @Option(names = "--reject-unknown-kinds", description = "With the lenient profile, make a message.type the "
            + "schemas do not know an error (by default it passes with an UNKNOWN_VARIANT warning).")
    boolean rejectUnknownKinds;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Files to check, or - for standard input.")
    List<String> files = new ArrayList<>();

    private int inputs;
    private int valid;
    private int invalid;
    private long errorCount;
    private long warningCount;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        VapiValidator validator;
        Check check;
        try {
            VapiValidator.Builder builder = VapiValidator.builder();
            if (schemas != null) {
                if (!Files.isDirectory(schemas)) {
                    err.println("vapi-check: --schemas " + schemas + " is not a directory");
                    return Main.ERROR;
                }
                builder.schemaDirectory(schemas);
            }
            validator = builder.build();
            check = check(validator);
        } catch (SchemaSetException | IllegalArgumentException | IllegalStateException e) {
            err.println("vapi-check: " + Messages.printable(String.valueOf(e.getMessage()), false));
            return Main.ERROR;
        }
        boolean ioError = false;
        for (String file : files) {
            try {
                if ("-".equals(file)) {
                    run(validator, check, "-", parent.stdin(), out, err);
                } else {
                    Path path = Path.of(file);
                    if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
                        err.println("vapi-check: cannot read " + Messages.printable(file, false)
                                + ": not a readable file");
                        ioError = true;
                        continue;
                    }
                    try (InputStream in = Files.newInputStream(path)) {
                        run(validator, check, file, in, out, err);
                    }
                }
            } catch (IOException | RuntimeException e) {
                err.println("vapi-check: cannot read " + Messages.printable(file, false) + ": "
                        + Messages.printable(String.valueOf(e.getMessage()), false));
                ioError = true;
            }
        }
        if (format == Format.text) {
            out.println(summary());
        }
        out.flush();
        if (ioError) {
            return Main.ERROR;
        }
        return invalid > 0 ? Main.INVALID : Main.VALID;
    }

    private Check check(VapiValidator validator) {
        Check check;
        if (what != null && what.replyTo != null) {
            if (!validator.replyKinds().contains(what.replyTo)) {
                throw new IllegalArgumentException("--reply-to " + what.replyTo + ": no reply model for that kind;"
                        + " kinds with one: " + validator.replyKinds());
            }
            check = Check.replyTo(what.replyTo);
        } else {
            check = Check.message();
            if (what != null && what.type != null) {
                if (!validator.messageKinds().contains(what.type)) {
                    throw new IllegalArgumentException("--type " + what.type + ": unknown message kind; known kinds: "
                            + validator.messageKinds());
                }
                check = check.kind(what.type);
            }
        }
        check = check.profile(profile);
        if (warnings) {
            check = check.withWarnings();
        }
        if (failFast) {
            check = check.failFast();
        }
        if (rejectUnknownKinds) {
            if (what != null && what.replyTo != null) {
                throw new IllegalArgumentException("--reject-unknown-kinds applies to messages, not to --reply-to");
            }
            check = check.rejectUnknownKinds();
        }
        if (maxErrors != null) {
            check = check.maxErrors(maxErrors);
        }
        return check;
    }

    private void run(VapiValidator validator, Check check, String source, InputStream in, PrintWriter out,
            PrintWriter err) throws IOException {
        if (!jsonl) {
            report(source, 0, validator.validate(Payload.of(in), check), out);
            return;
        }
        boolean progress = System.console() != null;
        LineReader lines = new LineReader(in, validator.limits().maxDocumentBytes());
        byte[] payload;
        while ((payload = lines.next()) != null) {
            if (isBlank(payload)) {
                continue;
            }
            report(source, lines.lineNumber(), validator.validate(Payload.of(payload), check), out);
            if (progress && inputs % PROGRESS_EVERY == 0) {
                err.print("\r" + source + ": " + lines.lineNumber() + " lines, " + invalid + " invalid");
                err.flush();
            }
        }
        if (progress && inputs >= PROGRESS_EVERY) {
            err.println();
        }
    }

    private static boolean isBlank(byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            byte b = bytes[i];
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    private void report(String source, int line, ValidationResult result, PrintWriter out) {
        inputs++;
        if (result.isValid()) {
            valid++;
        } else {
            invalid++;
        }
        errorCount += result.errors().size();
        warningCount += result.warnings().size();
        String where = Messages.printable(line > 0 ? source + ":" + line : source, false);
        if (format == Format.json) {
            ObjectNode o = JSON.createObjectNode();
            o.put("source", source);
            if (jsonl) {
                o.put("line", line);
            }
            o.put("valid", result.isValid());
            if (result.messageType().isPresent()) {
                o.put("messageType", result.messageType().get());
            } else {
                o.putNull("messageType");
            }
            o.set("errors", errors(result.errors()));
            o.set("warnings", errors(result.warnings()));
            o.put("truncated", result.isTruncated());
            out.println(JSON.writeValueAsString(o));
            return;
        }
        for (ValidationError e : result.errors()) {
            out.println(where + ": " + e);
        }
        for (ValidationError e : result.warnings()) {
            out.println(where + ": warning: " + e);
        }
        if (result.isTruncated()) {
            out.println(where + ": (more errors not shown; see --max-errors)");
        }
    }

    private static ArrayNode errors(List<ValidationError> errors) {
        ArrayNode array = JSON.createArrayNode();
        for (ValidationError e : errors) {
            ObjectNode o = array.addObject();
            o.put("instanceLocation", e.instanceLocation().toString());
            o.put("keyword", e.keyword());
            o.put("schemaLocation", e.schemaLocation());
            o.put("message", e.message());
            o.put("code", e.code().name());
        }
        return array;
    }

    private String summary() {
        StringBuilder sb = new StringBuilder();
        sb.append(inputs).append(inputs == 1 ? " input: " : " inputs: ").append(valid).append(" valid, ")
                .append(invalid).append(" invalid, ").append(errorCount).append(errorCount == 1 ? " error" : " errors");
        if (warnings || warningCount > 0) {
            sb.append(", ").append(warningCount).append(warningCount == 1 ? " warning" : " warnings");
        }
        return sb.toString();
    }

    /** JSON escapes for the characters {@link Messages#unsafe(char)} names, beyond Jackson's standard ones. */
    static final class PrintableEscapes extends CharacterEscapes {
        private static final long serialVersionUID = 1L;
        private final int[] ascii = standardAsciiEscapesForJSON();

        PrintableEscapes() {
            ascii[0x7F] = ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii.clone();
        }

        @Override
        public @Nullable SerializableString getEscapeSequence(int ch) {
            if (ch <= 0xFFFF && Messages.unsafe((char) ch)) {
                return new SerializedString(String.format(java.util.Locale.ROOT, "\\u%04x", ch));
            }
            return null;
        }
    }

    /** Accepts {@code lenient} and {@code strict} in any case. */
    static final class ProfileConverter implements picocli.CommandLine.ITypeConverter<Profile> {
        @Override
        public Profile convert(String value) {
            for (Profile p : Profile.values()) {
                if (p.name().equalsIgnoreCase(value)) {
                    return p;
                }
            }
            throw new picocli.CommandLine.TypeConversionException(
                    "expected lenient or strict but was '" + value + "'");
        }
    }
}
