package dev.vapicheck.internal;

import dev.vapicheck.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.TokenStreamFactory;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonFactoryBuilder;
import tools.jackson.core.util.JsonRecyclerPools;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a payload in any form into a Jackson tree, within the limits, or into one input error
 * ({@code json} or {@code io}). Immutable and thread-safe.
 */
public final class PayloadReader {
    private static final int CHUNK = 8192;

    /** The strict parsers. */
    private final Mappers strict;
    /** The first attempt's parsers. */
    private final Mappers fast;
    private final int maxDepth;
    private final long maxDocumentBytes;
    private final int maxStringLength;
    private final int maxNumberLength;
    private final int maxNameLength;
    private final boolean attemptFirst;

    /**
     * The outcome: a tree, or the error that prevented one.
     *
     * @param node  the tree, or null if reading failed
     * @param error the error, or null if reading succeeded
     */
    public record Parsed(@Nullable JsonNode node, @Nullable Located error) {
        static Parsed ok(JsonNode node) {
            return new Parsed(node, null);
        }

        static Parsed fail(Located error) {
            return new Parsed(null, error);
        }
    }

    /**
     * A reader with these limits.
     *
     * @param maxDepth         deepest nesting
     * @param maxDocumentBytes largest document (bytes, or chars for text)
     * @param maxStringLength  longest string value
     * @param maxNumberLength  longest number literal
     * @param maxNameLength    longest property name
     */
    public PayloadReader(int maxDepth, long maxDocumentBytes, int maxStringLength, int maxNumberLength,
            int maxNameLength) {
        this(maxDepth, maxDocumentBytes, maxStringLength, maxNumberLength, maxNameLength, true);
    }

    private PayloadReader(int maxDepth, long maxDocumentBytes, int maxStringLength, int maxNumberLength,
            int maxNameLength, boolean attemptFirst) {
        this.attemptFirst = attemptFirst;
        this.maxDepth = maxDepth;
        this.maxDocumentBytes = maxDocumentBytes;
        this.maxStringLength = maxStringLength;
        this.maxNumberLength = maxNumberLength;
        this.maxNameLength = maxNameLength;
        StreamReadConstraints constraints = StreamReadConstraints.builder()
                .maxNestingDepth(maxDepth)
                .maxDocumentLength(maxDocumentBytes)
                .maxStringLength(maxStringLength)
                .maxNumberLength(maxNumberLength)
                .maxNameLength(maxNameLength)
                .build();
        this.strict = new Mappers(mapper(strictFactory(constraints, true), false),
                mapper(strictFactory(constraints, false), false));
        // The first attempt finds duplicates while building the tree, where Jackson learns of them for free, instead
        // of keeping a set of names per object in the parser. It only decides that a payload is fine: whatever it
        // rejects is read again by a strict mapper above, whose error (position included) is the one reported.
        this.fast = new Mappers(mapper(fastFactory(constraints, true), true),
                mapper(fastFactory(constraints, false), true));
    }

    private static JsonMapper mapper(JsonFactory factory, boolean duplicatesInTree) {
        // Trailing content is checked by the reader, with a message of its own.
        JsonMapper.Builder builder = JsonMapper.builder(factory).disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        if (duplicatesInTree) {
            builder.enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
        }
        return builder.build();
    }

    /**
     * A mapper for bytes and one for text, with the same settings.
     *
     * @param bytes the mapper for byte input
     * @param text  the mapper for text input
     */
    private record Mappers(JsonMapper bytes, JsonMapper text) {
        /** A parser over the input, whichever form it has. */
        JsonParser open(byte @Nullable [] input, int byteLength, @Nullable String chars, @Nullable CharSlice slice) {
            if (input != null) {
                return bytes.createParser(input, 0, byteLength);
            }
            if (chars != null) {
                return text.createParser(chars);
            }
            CharSlice s = Objects.requireNonNull(slice);
            return text.createParser(s.chars(), 0, s.length());
        }

        /** The tree a parser from {@link #open} reads. */
        JsonNode read(JsonParser parser, byte @Nullable [] input) {
            return (input != null ? bytes : text).readTree(parser);
        }
    }

    private static JsonFactory strictFactory(StreamReadConstraints constraints, boolean bytes) {
        return flooding(JsonFactory.builder()
                .streamReadConstraints(constraints)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                // Fresh buffers on every read: which of two faults in one long string Jackson meets first (its length,
                // or a bad escape further on) depends on the size of the buffers it starts with, and recycled buffers
                // are as large as the largest payload read before. Only failing payloads are read here.
                .recyclerPool(JsonRecyclerPools.nonRecyclingPool()), bytes)
                .build();
    }

    private static JsonFactory fastFactory(StreamReadConstraints constraints, boolean bytes) {
        return flooding(JsonFactory.builder().streamReadConstraints(constraints), bytes).build();
    }

    /**
     * Names whose hashes collide (a flood of them is an attack on the table that shares names between parses): in
     * text, Jackson's hash is the same for anyone, and refusing a flood made the verdict depend on the text form and
     * on the names earlier payloads left in the table; there it stops sharing names instead. Bytes are hashed with a
     * seed of the process, and a flood there stays refused.
     */
    private static JsonFactoryBuilder flooding(JsonFactoryBuilder builder, boolean bytes) {
        return bytes ? builder : builder.disable(TokenStreamFactory.Feature.FAIL_ON_SYMBOL_HASH_OVERFLOW);
    }

    /**
     * The same reader without the cheaper first attempt: every payload is read by the strict parser alone, and
     * every tree walked with paths, as the reference that the tests hold the usual way to.
     *
     * @return a reader with the same limits
     */
    PayloadReader strictOnly() {
        return new PayloadReader(maxDepth, maxDocumentBytes, maxStringLength, maxNumberLength, maxNameLength, false);
    }

    /**
     * Parses JSON text.
     *
     * @param json the text
     * @return the tree or the error
     */
    public Parsed read(String json) {
        if (json.length() > maxDocumentBytes) {
            return Parsed.fail(documentTooLarge(json.length(), "chars"));
        }
        // A leading byte-order mark is skipped in every form, as Jackson skips it in bytes.
        return parse(null, 0, json.startsWith("\uFEFF") ? json.substring(1) : json, null);
    }

    /**
     * Parses UTF-8 bytes.
     *
     * @param utf8 the bytes
     * @return the tree or the error
     */
    public Parsed read(byte[] utf8) {
        if (utf8.length > maxDocumentBytes) {
            return Parsed.fail(documentTooLarge(utf8.length, "bytes"));
        }
        return parse(utf8, utf8.length, null, null);
    }

    /**
     * Reads at most the size limit plus one byte from a stream (without closing it) and parses them.
     *
     * @param in the stream
     * @return the tree or the error
     */
    public Parsed read(InputStream in) {
        byte[] bytes;
        try {
            bytes = in.readNBytes((int) (maxDocumentBytes + 1));
        } catch (IOException | RuntimeException e) {
            return Parsed.fail(ioError(e));
        }
        if (bytes.length > maxDocumentBytes) {
            return Parsed.fail(documentTooLarge(bytes.length, "bytes"));
        }
        return parse(bytes, bytes.length, null, null);
    }

    /**
     * Reads at most the size limit plus one char from a reader (without closing it) and parses them.
     *
     * @param in the reader
     * @return the tree or the error
     */
    public Parsed read(Reader in) {
        char[] buf = new char[CHUNK];
        int len = 0;
        long cap = maxDocumentBytes + 1;
        try {
            while (len < cap) {
                if (len == buf.length) {
                    buf = java.util.Arrays.copyOf(buf, (int) Math.min(cap, (long) buf.length * 2));
                }
                int n = in.read(buf, len, buf.length - len);
                if (n < 0) {
                    break;
                }
                len += n;
            }
        } catch (IOException | RuntimeException e) {
            return Parsed.fail(ioError(e));
        }
        if (len > maxDocumentBytes) {
            return Parsed.fail(documentTooLarge(len, "chars"));
        }
        if (len > 0 && buf[0] == '\uFEFF') {
            return parse(null, 0, new String(buf, 1, len - 1), null);
        }
        return parse(null, 0, null, new CharSlice(buf, len));
    }

    /**
     * Checks an already parsed tree: it must be present and no deeper than the limit.
     *
     * @param node the tree
     * @return the same tree or the error
     */
    public Parsed check(JsonNode node) {
        if (node.isMissingNode()) {
            return Parsed.fail(Located.of(ErrorCode.MALFORMED_JSON, "json", List.of(), "",
                    "the payload is empty (a missing node)", Map.of()));
        }
        return attemptFirst && !deeperThanTheLimit(node) ? Parsed.ok(node) : deepest(node);
    }

    /**
     * Whether a container in the tree is nested deeper than the limit: a walk over the containers alone, with
     * their depths, and no path (which only {@link #deepest} builds, for the error).
     */
    private boolean deeperThanTheLimit(JsonNode root) {
        // Iterative, so that a tree built by other means cannot overflow the stack here.
        JsonNode[] nodes = new JsonNode[16];
        int[] depths = new int[16];
        int top = 0;
        if (root.isContainer()) {
            nodes[top] = root;
            depths[top++] = 1;
        }
        while (top > 0) {
            JsonNode n = nodes[--top];
            int depth = depths[top];
            nodes[top] = null;
            if (depth > maxDepth) {
                return true;
            }
            for (JsonNode child : n) {
                if (child.isContainer()) {
                    if (top == nodes.length) {
                        nodes = java.util.Arrays.copyOf(nodes, top * 2);
                        depths = java.util.Arrays.copyOf(depths, top * 2);
                    }
                    nodes[top] = child;
                    depths[top++] = depth + 1;
                }
            }
        }
        return false;
    }

    /** The error for a tree nested deeper than the limit, at the first container too deep in this walk's order. */
    private Parsed deepest(JsonNode node) {
        // Iterative, so that a tree built by other means cannot overflow the stack here.
        Deque<Object[]> stack = new ArrayDeque<>();
        stack.push(new Object[] {node, 1, List.of()});
        while (!stack.isEmpty()) {
            Object[] top = stack.pop();
            JsonNode n = (JsonNode) top[0];
            int depth = (Integer) top[1];
            @SuppressWarnings("unchecked")
            List<Object> path = (List<Object>) top[2];
            if (!n.isContainer()) {
                continue;
            }
            if (depth > maxDepth) {
                return Parsed.fail(Located.of(ErrorCode.TOO_DEEP, "json", path, "",
                        "nesting is deeper than the limit of " + maxDepth + " levels", args("limit", maxDepth)));
            }
            if (n.isArray()) {
                for (int i = n.size() - 1; i >= 0; i--) {
                    stack.push(new Object[] {n.get(i), depth + 1, append(path, i)});
                }
            } else {
                for (Map.Entry<String, JsonNode> e : n.properties()) {
                    stack.push(new Object[] {e.getValue(), depth + 1, append(path, e.getKey())});
                }
            }
        }
        return Parsed.ok(node);
    }

    private static List<Object> append(List<Object> path, Object segment) {
        List<Object> copy = new ArrayList<>(path.size() + 1);
        copy.addAll(path);
        copy.add(segment);
        return copy;
    }

    private record CharSlice(char[] chars, int length) {
    }

    private Parsed parse(byte @Nullable [] bytes, int byteLength, @Nullable String text, @Nullable CharSlice chars) {
        if (bytes == null) {
            JsonNode node = attempt(null, 0, text, chars);
            return node != null ? Parsed.ok(node) : strict(null, 0, text, chars);
        }
        // UTF-8 is checked first, with the JDK's decoder, so that no Jackson version decides it.
        int firstNonAscii = Utf8.firstNonAscii(bytes, 0, byteLength);
        int bad = Utf8.firstInvalid(bytes, firstNonAscii, byteLength);
        if (bad >= 0) {
            return Parsed.fail(invalidUtf8(bytes, bad));
        }
        if (byteLength >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
            // The byte-order mark is skipped here, as in text, so that positions agree in every form. The rest
            // is read as text: Jackson would skip a second mark in bytes, but not in text (fuzz finding).
            return parse(null, 0, new String(bytes, 3, byteLength - 3, StandardCharsets.UTF_8), null);
        }
        for (int i = 0; i < Math.min(4, byteLength); i++) {
            if (bytes[i] == 0) {
                // Jackson would guess UTF-16 or UTF-32 here; webhook bodies are UTF-8. (A NUL is never valid
                // JSON text, so the verdict is the one the same text gets in any other form.)
                return Parsed.fail(Located.of(ErrorCode.INVALID_UTF8, "json", List.of(), "",
                        "the payload is not UTF-8 (a NUL byte at byte offset " + i
                                + "; UTF-16 and UTF-32 are not accepted)",
                        args("offset", i)));
            }
        }
        // Valid UTF-8 parses to the same tree as bytes or as the text it decodes to, and a limit that the text
        // breaks the bytes break too (a name or string is never shorter in bytes than in chars). So bytes that
        // pass are the text's verdict; anything else is decided on the text, below.
        JsonNode node = attempt(bytes, byteLength, null, null);
        if (node != null) {
            return Parsed.ok(node);
        }
        if (firstNonAscii >= 0) {
            // Beyond ASCII the bytes are parsed as the text they are (valid UTF-8, checked above): Jackson counts a
            // property name's length in bytes in byte input but in chars in text (fuzz finding), and every limit
            // and position here counts chars, so every input form gets the same verdict.
            return strict(null, 0, new String(bytes, 0, byteLength, StandardCharsets.UTF_8), null);
        }
        return strict(bytes, byteLength, null, null);
    }

    /**
     * The first, cheaper attempt: the tree if the payload is one JSON value within the limits and without duplicate
     * names, else null (and the caller reads it again strictly, for the error).
     */
    private @Nullable JsonNode attempt(byte @Nullable [] bytes, int byteLength, @Nullable String text,
            @Nullable CharSlice chars) {
        if (!attemptFirst) {
            return null;
        }
        JsonParser parser;
        try {
            parser = fast.open(bytes, byteLength, text, chars);
        } catch (RuntimeException e) {
            return null;
        }
        try (parser) {
            JsonNode node = fast.read(parser, bytes);
            if (node == null || node.isMissingNode() || parser.nextToken() != null) {
                return null;
            }
            return node;
        } catch (RuntimeException e) {
            return null; // read again strictly, for the error
        }
    }

    /** Reads the payload with every check in the parser, so that an error is found where it starts. */
    private Parsed strict(byte @Nullable [] bytes, int byteLength, @Nullable String text, @Nullable CharSlice chars) {
        Source source = new Source(bytes, byteLength, text != null ? text
                : chars != null ? java.nio.CharBuffer.wrap(chars.chars(), 0, chars.length()) : null);
        JsonParser parser = null;
        try {
            parser = strict.open(bytes, byteLength, text, chars);
            JsonNode node = strict.read(parser, bytes);
            if (node == null || node.isMissingNode()) {
                return Parsed.fail(Located.of(ErrorCode.MALFORMED_JSON, "json", List.of(), "",
                        "the payload is empty: expected a JSON object", Map.of()));
            }
            JsonToken trailing = parser.nextToken();
            if (trailing != null) {
                Map<String, Object> at = source.position(parser.currentTokenLocation());
                return Parsed.fail(Located.of(ErrorCode.MALFORMED_JSON, "json", List.of(), "",
                        "malformed JSON at " + where(at) + ": unexpected content after the end of the JSON value",
                        at));
            }
            return Parsed.ok(node);
        } catch (StreamConstraintsException e) {
            return Parsed.fail(constraintError(e, parser, source));
        } catch (JacksonException e) {
            return Parsed.fail(readError(e, parser, source));
        } finally {
            if (parser != null) {
                try {
                    parser.close();
                } catch (RuntimeException ignored) {
                    // nothing to release for in-memory input
                }
            }
        }
    }

    /**
     * The input being parsed, to turn Jackson's offsets into a line and a column of our own: lines end at
     * {@code \n}, {@code \r\n} or {@code \r}; columns count chars (UTF-16 units) from 1, in every input form.
     */
    private record Source(byte @Nullable [] bytes, int byteLength, @Nullable CharSequence text) {
        Map<String, Object> position(@Nullable TokenStreamLocation loc) {
            return loc == null ? new LinkedHashMap<>() : position(offset(loc));
        }

        long offset(TokenStreamLocation loc) {
            return bytes != null ? loc.getByteOffset() : loc.getCharOffset();
        }

        private int length() {
            return bytes != null ? byteLength : text == null ? 0 : text.length();
        }

        private int at(int i) {
            return bytes != null ? bytes[i] & 0xFF : Objects.requireNonNull(text).charAt(i);
        }

        /**
         * Where the value of the token at {@code offset} starts: after {@code "name":} when the token is a property
         * name (Jackson reads a member's value together with its name), else the token itself.
         */
        long valueStart(long offset) {
            int end = length();
            int i = (int) offset;
            if (offset < 0 || i >= end || at(i) != '"') {
                return offset;
            }
            for (i++; i < end && at(i) != '"'; i++) {
                if (at(i) == '\\') {
                    i++;
                }
            }
            for (i++; i < end && (at(i) == ' ' || at(i) == '\t' || at(i) == '\n' || at(i) == '\r' || at(i) == ':');
                    i++) {
                // whitespace and the colon
            }
            return i < end ? i : offset;
        }

        Map<String, Object> position(long offset) {
            Map<String, Object> args = new LinkedHashMap<>();
            int end = length();
            if (offset < 0 || offset > end) {
                return args;
            }
            int line = 1;
            int column = 1;
            for (int i = 0; i < offset; i++) {
                int c = bytes != null ? bytes[i] & 0xFF : text.charAt(i);
                if (c == '\n' || c == '\r') {
                    int next = i + 1 < end ? (bytes != null ? bytes[i + 1] & 0xFF : text.charAt(i + 1)) : -1;
                    if (c == '\r' && next == '\n') {
                        continue; // the \n ends the line
                    }
                    line++;
                    column = 1;
                } else if (bytes == null || c < 0x80 || c >= 0xC0) {
                    column += bytes != null && c >= 0xF0 ? 2 : 1; // a 4-byte sequence is a surrogate pair
                }
            }
            args.put("line", line);
            args.put("column", column);
            return args;
        }
    }

    private Located constraintError(StreamConstraintsException e, @Nullable JsonParser parser, Source source) {
        String detail = Objects.toString(e.getOriginalMessage(), "");
        // The start of the token that broke the limit: the parser's current position depends on its buffers.
        TokenStreamLocation loc = parser == null ? null : parser.currentTokenLocation();
        List<Object> path = parser == null ? List.of() : path(parser.streamReadContext());
        Map<String, Object> args = loc == null ? new LinkedHashMap<>()
                : source.position(detail.startsWith("Name length") ? source.offset(loc)
                        : source.valueStart(source.offset(loc)));
        String at = args.isEmpty() ? "" : " (at " + where(args) + ")";
        if (detail.contains("nesting depth")) {
            args.put("limit", maxDepth);
            return Located.of(ErrorCode.TOO_DEEP, "json", path, "",
                    "nesting is deeper than the limit of " + maxDepth + " levels" + at, args);
        }
        String what;
        long limit;
        if (detail.startsWith("String value length")) {
            what = "a string value is longer than the limit of " + maxStringLength + " chars";
            limit = maxStringLength;
        } else if (detail.startsWith("Number value length")) {
            what = "a number is longer than the limit of " + maxNumberLength + " chars";
            limit = maxNumberLength;
        } else if (detail.startsWith("Name length")) {
            what = "a property name is longer than the limit of " + maxNameLength + " chars";
            limit = maxNameLength;
        } else if (detail.startsWith("Document length")) {
            what = "the payload is larger than the limit of " + maxDocumentBytes;
            limit = maxDocumentBytes;
        } else {
            what = "the payload exceeds a size limit";
            limit = -1;
        }
        if (limit >= 0) {
            args.put("limit", limit);
        }
        return Located.of(ErrorCode.TOO_LARGE, "json", path, "", what + at, args);
    }

    private Located readError(JacksonException e, @Nullable JsonParser parser, Source source) {
        String detail = firstLine(Objects.toString(e.getOriginalMessage(), ""));
        TokenStreamLocation loc = e.getLocation();
        if (loc == null && parser != null) {
            loc = parser.currentLocation();
        }
        List<Object> path = parser == null ? List.of() : path(parser.streamReadContext());
        Map<String, Object> args = source.position(loc);
        if (detail.startsWith("Duplicate Object property")) {
            TokenStreamContext ctx = parser == null ? null : parser.streamReadContext();
            String name = ctx == null ? null : ctx.currentName();
            if (name != null) {
                args.put("property", name);
            }
            return Located.of(ErrorCode.DUPLICATE_KEY, "json", path, "",
                    "duplicate property " + (name == null ? "" : Messages.quote(name) + " ") + "at " + where(args)
                            + ": each property may appear only once in an object",
                    args);
        }
        return Located.of(ErrorCode.MALFORMED_JSON, "json", path, "",
                "malformed JSON at " + where(args) + ": " + describe(detail), args);
    }

    private static final java.util.regex.Pattern CODE = java.util.regex.Pattern.compile("\\(code (\\d+)");

    /** Jackson's complaint in the project's own words: never Jackson's text, class names or settings. */
    static String describe(String detail) {
        java.util.regex.Matcher m = CODE.matcher(detail);
        String ch = m.find() ? character(Integer.parseInt(m.group(1))) : "a character";
        String what;
        if (detail.contains("end-of-input")) {
            return "the JSON text ends too early (cut short, or a bracket or quote is not closed)";
        } else if (detail.startsWith("Illegal character") || detail.startsWith("Illegal unquoted character")) {
            what = "control character " + ch + " is not allowed here (inside a string it must be escaped)";
        } else if (detail.startsWith("Unexpected character")) {
            what = "unexpected " + ch;
        } else if (detail.startsWith("Unrecognized token")) {
            what = "unrecognized word";
        } else if (detail.startsWith("Unexpected close marker")) {
            return "a closing bracket that does not match the opening one";
        } else if (detail.startsWith("Unrecognized character escape")) {
            return "invalid escape in a string: a backslash before " + ch;
        } else if (detail.contains("numeric value") || detail.contains("Numeric value") || detail.contains("zeroes")
                || detail.contains("Non-standard token")) {
            return "invalid number (JSON numbers are like -12, 3.5 or 1e6)";
        } else {
            return "the text is not valid JSON";
        }
        if (detail.contains("comma to separate Object")) {
            return what + ": expected ',' or '}'";
        } else if (detail.contains("comma to separate Array")) {
            return what + ": expected ',' or ']'";
        } else if (detail.contains("double-quote to start field name")) {
            return what + ": expected a property name in double quotes";
        } else if (detail.contains("colon to separate")) {
            return what + ": expected ':'";
        }
        return what + ": expected a JSON value (a string, number, object, array, true, false or null)";
    }

    private static String character(int code) {
        String hex = String.format(java.util.Locale.ROOT, "U+%04X", code);
        return code > 0x20 && code < 0x7F ? "character '" + (char) code + "' (" + hex + ")" : "character " + hex;
    }

    private static Located invalidUtf8(byte[] bytes, int offset) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset; i++) {
            if (bytes[i] == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        int column = offset - lineStart + 1;
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("offset", offset);
        args.put("line", line);
        args.put("column", column);
        return Located.of(ErrorCode.INVALID_UTF8, "json", List.of(), "",
                String.format(java.util.Locale.ROOT,
                        "invalid UTF-8 byte sequence at byte offset %d (line %d, column %d): starts with 0x%02X",
                        offset, line, column, bytes[offset] & 0xFF),
                args);
    }

    private Located documentTooLarge(long size, String unit) {
        return Located.of(ErrorCode.TOO_LARGE, "json", List.of(), "",
                "the payload is larger than the limit of " + maxDocumentBytes + " " + unit,
                args("limit", maxDocumentBytes));
    }

    private static Located ioError(Exception e) {
        String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return Located.of(ErrorCode.IO_ERROR, "io", List.of(), "", "could not read the payload: " + detail,
                Map.of());
    }

    /** The path of the value the parser was at, as pointer segments. */
    private static List<Object> path(@Nullable TokenStreamContext ctx) {
        List<Object> reversed = new ArrayList<>();
        for (TokenStreamContext c = ctx; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                if (c.getCurrentIndex() >= 0) {
                    reversed.add(c.getCurrentIndex());
                }
            } else if (c.inObject()) {
                String name = c.currentName();
                if (name != null) {
                    reversed.add(name);
                }
            }
        }
        Collections.reverse(reversed);
        return reversed;
    }

    private static String where(Map<String, Object> position) {
        if (!position.containsKey("line")) {
            return "an unknown position";
        }
        return "line " + position.get("line") + ", column " + position.get("column");
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static Map<String, Object> args(String key, Object value) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(key, value);
        return m;
    }
}
