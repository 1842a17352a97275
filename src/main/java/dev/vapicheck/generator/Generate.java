package dev.vapicheck.generator;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Regenerates {@code schemas/} from the model docs and the OpenAPI document.
 *
 * <pre>java -cp target/vapi-check-cli.jar dev.vapicheck.generator.Generate [--api DIR] [--out DIR] [--check]
 *     [--report] [--reviewed FILE] [--propose FILE]</pre>
 *
 * <p>Exit 0 when done (or, with {@code --check}, when {@code schemas/} is byte for byte what the inputs give),
 * 1 when the check finds a difference or generation finds an unreviewed disagreement, 2 on a usage or I/O error.
 */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Writes the JSON Schemas for Vapi server messages and replies.")
public final class Generate implements Callable<Integer> {

    @Option(names = "--api", description = "The vapi-api-1.0 folder (model-docs/ and openapi.yaml). Default: ${DEFAULT-VALUE}")
    Path api = Path.of("../shared/vapi-api-1.0");

    @Option(names = "--out", description = "The schemas folder to write. Default: ${DEFAULT-VALUE}")
    Path out = Path.of("schemas");

    @Option(names = "--check", description = "Write nothing; fail when the folder differs from what the inputs give.")
    boolean check;

    @Option(names = "--report", description = "Print the full report (models, unions, disagreements, repairs).")
    boolean verbose;

    @Option(names = "--reviewed", paramLabel = "FILE",
            description = "Use this reviewed list instead of the one built into the generator.")
    @Nullable Path reviewedFile;

    @Option(names = "--propose", paramLabel = "FILE", description = "Write the reviewed list these inputs need as a "
            + "draft: entries still used, every unreviewed finding with an empty reason, stale entries under \"stale\".")
    @Nullable Path proposeFile;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Generate()).execute(args));
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        Reviewed reviewed;
        try {
            reviewed = reviewedFile == null ? Reviewed.load() : Reviewed.read(reviewedFile);
        } catch (IllegalArgumentException e) {
            stderr.println("error: " + e.getMessage());
            return 2;
        }
        SchemaGenerator.Result result = run(api, reviewed);
        if (proposeFile != null) {
            Path parent = proposeFile.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(proposeFile, Json.write(result.proposal()), StandardCharsets.UTF_8);
            stdout.println("wrote a draft reviewed list to " + proposeFile + "; write every empty reason, delete "
                    + "\"stale\", then run again with --reviewed " + proposeFile);
        }
        if (verbose) {
            result.report().forEach(stdout::println);
        } else {
            stdout.println(result.report().get(0));
        }
        if (!result.failures().isEmpty()) {
            result.failures().forEach(f -> stderr.println("error: " + f));
            return 1;
        }
        if (check) {
            List<String> diffs = compare(out, result.files());
            diffs.forEach(d -> stderr.println("differs: " + d));
            stdout.println(diffs.isEmpty() ? "schemas are up to date (" + result.files().size() + " files)"
                    : diffs.size() + " files differ; run the generator and commit schemas/");
            return diffs.isEmpty() ? 0 : 1;
        }
        write(out, result.files());
        stdout.println("wrote " + result.files().size() + " files to " + out);
        return 0;
    }

    /** Reads the inputs and generates, on any file system. */
    static SchemaGenerator.Result run(Path apiDir, Reviewed reviewed) throws IOException {
        DocReader reader = new DocReader();
        Map<String, DocModel> docs = reader.readAll(apiDir.resolve("model-docs"));
        SchemaGenerator.Result r = new SchemaGenerator(docs, OpenApi.read(apiDir.resolve("openapi.yaml")), reviewed).generate();
        if (reader.diagnostics().isEmpty()) {
            return r;
        }
        List<String> failures = new ArrayList<>(r.failures());
        reader.diagnostics().forEach(d -> failures.add(d.toString()));
        return new SchemaGenerator.Result(r.files(), r.report(), failures, r.proposal());
    }

    /** Writes the files and removes generated files that are no longer produced. */
    static void write(Path outDir, SortedMap<String, String> files) throws IOException {
        for (String stale : existing(outDir)) {
            if (!files.containsKey(stale)) {
                Files.delete(outDir.resolve(stale));
            }
        }
        for (Map.Entry<String, String> e : files.entrySet()) {
            Path p = outDir.resolve(e.getKey());
            Files.createDirectories(p.getParent());
            Files.writeString(p, e.getValue(), StandardCharsets.UTF_8);
        }
    }

    /** The relative paths that differ between a folder and what should be in it. */
    static List<String> compare(Path outDir, SortedMap<String, String> files) throws IOException {
        TreeSet<String> diffs = new TreeSet<>();
        for (String have : existing(outDir)) {
            if (!files.containsKey(have)) {
                diffs.add(have + " (not generated)");
            }
        }
        for (Map.Entry<String, String> e : files.entrySet()) {
            Path p = outDir.resolve(e.getKey());
            if (!Files.exists(p)) {
                diffs.add(e.getKey() + " (missing)");
            } else if (!Files.readString(p, StandardCharsets.UTF_8).equals(e.getValue())) {
                diffs.add(e.getKey());
            }
        }
        return List.copyOf(diffs);
    }

    private static List<String> existing(Path outDir) throws IOException {
        if (!Files.isDirectory(outDir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(outDir)) {
            return s.filter(Files::isRegularFile)
                    .map(p -> outDir.relativize(p).toString().replace(outDir.getFileSystem().getSeparator(), "/"))
                    .filter(rel -> rel.endsWith(".json"))
                    .sorted()
                    .toList();
        }
    }
}
