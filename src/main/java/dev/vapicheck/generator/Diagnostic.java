package dev.vapicheck.generator;

/** A problem found while reading an input, with its place, like a compiler message. */
record Diagnostic(String file, int line, String message) implements Comparable<Diagnostic> {

    @Override
    public int compareTo(Diagnostic o) {
        int c = file.compareTo(o.file);
        return c != 0 ? c : Integer.compare(line, o.line);
    }

    @Override
    public String toString() {
        return file + ":" + line + ": " + message;
    }
}
