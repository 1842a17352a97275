package dev.vapicheck.generator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads openapi-generator's markdown model docs (Rust flavour) into {@link DocModel}s.
 *
 * <p>Only facts are kept (names, types, optionality); descriptions are skipped. Rows it cannot read
 * become {@link Diagnostic}s with file and line rather than exceptions.
 */
final class DocReader {

    private static final Pattern HEADING = Pattern.compile("^# (\\w+)\\s*$");
    private static final Pattern NAME_CELL = Pattern.compile("^\\*\\*([A-Za-z0-9_#]+)\\*\\*$");
    private static final Pattern LINK = Pattern.compile("\\[\\*\\*(.+?)\\*\\*\\]\\([^)]*\\)");
    private static final Pattern BOLD = Pattern.compile("\\*\\*(.+?)\\*\\*");
    private static final Pattern NOTES = Pattern.compile("^(\\[optional\\]|\\[readonly\\]|\\[default to .*\\])*$");
    private static final Pattern VARIANT_ROW = Pattern.compile("^\\|\\s*(\\w+)\\s*\\|.*$");

    private final List<Diagnostic> diagnostics = new ArrayList<>();

    /** Problems found so far, in file and line order. */
    List<Diagnostic> diagnostics() {
        return diagnostics.stream().sorted().toList();
    }

    /**
     * Whether a doc is one of openapi-generator's endpoint docs ({@code CallsApi.md}: a heading such as
     * {@code # \\CallsApi} and a table of methods), which sits beside the model docs and is not a model.
     */
    static boolean isEndpointDoc(String file, String text) {
        return file.endsWith("Api.md") && !text.contains("## Properties") && !text.contains("## Enum Variants");
    }

    /** Reads every {@code *.md} of a folder but the endpoint docs, keyed by model name. */
    Map<String, DocModel> readAll(Path dir) throws IOException {
        Map<String, DocModel> models = new TreeMap<>();
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".md")).sorted().toList();
        }
        for (Path f : files) {
            String text = Files.readString(f, StandardCharsets.UTF_8);
            if (isEndpointDoc(f.getFileName().toString(), text)) {
                continue;
            }
            DocModel m = read(f.getFileName().toString(), text);
            if (m != null) {
                DocModel old = models.put(m.name(), m);
                if (old != null) {
                    diagnostics.add(new Diagnostic(m.file(), 1, "model " + m.name() + " also defined in " + old.file()));
                }
            }
        }
        return models;
    }

    /** Reads one doc; {@code null} (with a diagnostic) when it is neither an object nor a union doc. */
    DocModel read(String file, String text) {
        String[] lines = text.split("\r?\n", -1);
        String name = null;
        DocModel.Kind kind = null;
        List<DocModel.Property> properties = new ArrayList<>();
        List<String> variants = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int lineNo = i + 1;
            Matcher h = HEADING.matcher(line);
            if (name == null && h.matches()) {
                name = h.group(1);
            } else if (line.startsWith("## Properties")) {
                kind = DocModel.Kind.OBJECT;
            } else if (line.startsWith("## Enum Variants")) {
                kind = DocModel.Kind.UNION;
            } else if (kind == DocModel.Kind.OBJECT && line.startsWith("**")) {
                DocModel.Property p = readProperty(file, lineNo, line);
                if (p != null) {
                    properties.add(p);
                }
            } else if (kind == DocModel.Kind.UNION && line.startsWith("|")) {
                Matcher v = VARIANT_ROW.matcher(line);
                if (v.matches() && !v.group(1).equals("Name")) {
                    variants.add(v.group(1));
                }
            }
        }
        if (name == null || kind == null) {
            diagnostics.add(new Diagnostic(file, 1, "no model heading with a Properties or Enum Variants table"));
            return null;
        }
        return new DocModel(name, file, kind, List.copyOf(properties), List.copyOf(variants));
    }

    private DocModel.Property readProperty(String file, int lineNo, String line) {
        // Name | Type | Description | Notes, where a description may itself contain " | ".
        String[] cells = line.split(" \\| ", -1);
        if (cells.length < 3) {
            diagnostics.add(new Diagnostic(file, lineNo, "property row has fewer than 3 cells"));
            return null;
        }
        Matcher n = NAME_CELL.matcher(cells[0].trim());
        if (!n.matches()) {
            diagnostics.add(new Diagnostic(file, lineNo, "cannot read property name: " + cells[0].trim()));
            return null;
        }
        String typeCell = cells[1].trim();
        String plain = BOLD.matcher(LINK.matcher(typeCell).replaceAll("$1")).replaceAll("$1").replace(" ", "")
                .replace("HashMap<String,", "HashMap<String, ");
        TypeRef type = TypeRef.parse(plain.replace("HashMap<String, ", "HashMap<String,"));
        if (type == null) {
            diagnostics.add(new Diagnostic(file, lineNo, "unknown type form: " + typeCell));
            type = new TypeRef.Primitive("serde_json::Value");
        }
        String last = cells[cells.length - 1].trim();
        if (last.endsWith("|")) {
            last = "";
        }
        String notes = cells.length >= 4 && NOTES.matcher(last).matches() ? last : "";
        return new DocModel.Property(n.group(1), type, notes.contains("[optional]"), notes.contains("[readonly]"), lineNo);
    }
}
