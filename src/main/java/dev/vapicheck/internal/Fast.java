package dev.vapicheck.internal;

import com.networknt.schema.regex.RegularExpression;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.BooleanNode;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.NumericNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * The nodes of a compiled schema ({@link FastCompiler}): each keyword is a small final class that answers "does this
 * value pass" ({@link Node#test}) without building anything, and, for a value that fails, reports why as networknt
 * would ({@link Node#collect}, see {@link FastErrors}). A {@link Run} carries the per-call state: the step and depth
 * budget (exceeding it, like meeting anything the compiler could not handle, {@linkplain Bail bails out} so that
 * networknt decides), the unknown-variant notes, and what the first pass learnt of where a value fails.
 */
final class Fast {
    static final int NULL = 1;
    static final int BOOLEAN = 2;
    static final int OBJECT = 4;
    static final int ARRAY = 8;
    static final int STRING = 16;
    static final int NUMBER = 32;
    static final int INTEGER = 64;

    private Fast() {
    }

    /** One compiled schema or keyword. */
    abstract static class Node {
        /**
         * Whether the value passes.
         *
         * @param n the value
         * @param r the run
         * @return true if it passes
         * @throws Bail if the run must be left to networknt
         */
        abstract boolean test(JsonNode n, Run r);

        /**
         * Reports why the value fails, as networknt would ({@link FastErrors}); adds nothing if it passes. A node
         * that cannot word its errors bails out when the value fails it.
         *
         * @param n    the value
         * @param at   where the value is
         * @param s    where errors go
         * @param part which of the node's keywords, for a node that checks several ({@link Members}, {@link Items},
         *             {@link Text}), in the order networknt evaluates them
         * @throws Bail if networknt must report instead
         */
        void collect(JsonNode n, FastErrors.Trail at, FastErrors.Sink s, int part) {
            if (!test(n, s.run)) {
                throw Bail.INSTANCE;
            }
        }
    }

    /** Thrown, without a stack trace, when the compiled path cannot decide and networknt must. */
    static final class Bail extends RuntimeException {
        private static final long serialVersionUID = 1L;
        static final Bail INSTANCE = new Bail();

        private Bail() {
            super("left to networknt", null, false, false);
        }
    }

    /** The state of one validation: budget and notes. Not thread-safe; one per call. */
    static final class Run {
        /** Slots of the ring of failed pairs: 64 pairs, more than the depth of any failing path in practice. */
        private static final int FAILED_RING = 128;
        /** Entries of the ring of passed prefixes. */
        private static final int PASSED_RING = 32;
        private final long maxSteps;
        private final int maxDepth;
        private long steps;
        private int depth;
        private Object[] notes = new Object[0];
        private int noteCount;
        /** The last schema–value pairs that failed, a ring: the failing path of the last failure is at its end. */
        private Object @Nullable [] failed;
        private int failedAt;
        /** The last containers whose first members or elements passed before one failed, a ring. */
        private Object @Nullable [] passed;
        private int @Nullable [] passedCounts;
        private int passedAt;

        /**
         * A run that bails out past half of networknt's limits, so that networknt reports any limit itself.
         *
         * @param maxSteps networknt's step limit
         * @param maxDepth networknt's evaluation depth limit
         */
        Run(long maxSteps, int maxDepth) {
            this.maxSteps = Math.max(1, maxSteps / 2);
            this.maxDepth = Math.max(1, maxDepth / 2);
        }

        /**
         * Starts the budget and the notes again for a second pass over the same value ({@link FastErrors}), keeping
         * what is known to fail.
         */
        void restart() {
            steps = 0;
            depth = 0;
            reset(0);
        }

        /** Remembers that a schema fails a value (on the path of a failure, so a second pass need not test it). */
        void failed(Node schema, JsonNode value) {
            Object[] f = failed;
            if (f == null) {
                f = new Object[FAILED_RING];
                failed = f;
            }
            f[failedAt] = schema;
            f[failedAt + 1] = value;
            failedAt = (failedAt + 2) & (FAILED_RING - 1);
        }

        /** Whether a schema is known to fail a value (see {@link #failed}). */
        boolean fails(Node schema, JsonNode value) {
            Object[] f = failed;
            if (f != null) {
                // The most recent first: a caller that has just tested the value finds it at once.
                for (int k = 2; k <= FAILED_RING; k += 2) {
                    int i = (failedAt - k) & (FAILED_RING - 1);
                    if (f[i] == schema && f[i + 1] == value) {
                        return true;
                    }
                }
            }
            return false;
        }

        /**
         * Remembers that the first members or elements of a container passed a check, without a note, before one
         * failed it: a second pass need not test them again.
         */
        void passed(Node check, JsonNode container, int count) {
            Object[] p = passed;
            int[] c = passedCounts;
            if (p == null || c == null) {
                p = new Object[PASSED_RING * 2];
                c = new int[PASSED_RING];
                passed = p;
                passedCounts = c;
            }
            p[passedAt * 2] = check;
            p[passedAt * 2 + 1] = container;
            c[passedAt] = count;
            passedAt = (passedAt + 1) & (PASSED_RING - 1);
        }

        /** How many first members or elements of a container are known to pass a check (see {@link #passed}). */
        int passedPrefix(Node check, JsonNode container) {
            Object[] p = passed;
            int[] c = passedCounts;
            if (p != null && c != null) {
                for (int k = 1; k <= PASSED_RING; k++) {
                    int i = (passedAt - k) & (PASSED_RING - 1);
                    if (p[i * 2] == check && p[i * 2 + 1] == container) {
                        return c[i];
                    }
                }
            }
            return 0;
        }

        void step() {
            if (++steps > maxSteps) {
                throw Bail.INSTANCE;
            }
        }

        void enter() {
            if (++steps > maxSteps || ++depth > maxDepth) {
                throw Bail.INSTANCE;
            }
        }

        void exit() {
            depth--;
        }

        int mark() {
            return noteCount;
        }

        void reset(int mark) {
            for (int i = mark * 2; i < noteCount * 2; i++) {
                notes[i] = null;
            }
            noteCount = mark;
        }

        void note(JsonNode union, Discriminated where) {
            if (noteCount * 2 == notes.length) {
                notes = Arrays.copyOf(notes, Math.max(8, notes.length * 2));
            }
            notes[noteCount * 2] = union;
            notes[noteCount * 2 + 1] = where;
            noteCount++;
        }

        /**
         * The unknown-variant notes kept, in evaluation order.
         *
         * @return the notes
         */
        List<Note> notes() {
            return notesSince(0);
        }

        /**
         * The notes taken since a mark, in evaluation order.
         *
         * @param mark the mark
         * @return the notes
         */
        List<Note> notesSince(int mark) {
            List<Note> out = new ArrayList<>(noteCount - mark);
            for (int i = mark; i < noteCount; i++) {
                JsonNode union = (JsonNode) notes[i * 2];
                Discriminated where = (Discriminated) notes[i * 2 + 1];
                out.add(new Note(union, where.property, union.path(where.property), where.known));
            }
            return out;
        }
    }

    /**
     * A tag that selected no branch of a union that leaves its tag open (lenient).
     *
     * @param union    the object holding the tag
     * @param property the tag's name
     * @param value    the tag's value
     * @param known    the values that select a branch, in schema order
     */
    record Note(JsonNode union, String property, JsonNode value, List<String> known) {
    }

    /**
     * The JSON type of a value as a bit, with {@link #INTEGER} added to integral numbers (1.0 included). Class tests,
     * most frequent first: cheaper than {@code getNodeType()} on the hot path.
     */
    static int typeOf(JsonNode n) {
        if (n instanceof StringNode) {
            return STRING;
        }
        if (n instanceof ObjectNode) {
            return OBJECT;
        }
        if (n instanceof NumericNode) {
            return numberType(n);
        }
        if (n instanceof ArrayNode) {
            return ARRAY;
        }
        if (n instanceof BooleanNode) {
            return BOOLEAN;
        }
        if (n instanceof NullNode) {
            return NULL;
        }
        // Binary, POJO or missing nodes (from a tree built in code): networknt's rules apply.
        throw Bail.INSTANCE;
    }

    private static int numberType(JsonNode n) {
        if (n.isIntegralNumber()) {
            return NUMBER | INTEGER;
        }
        if (n.isFloatingPointNumber() && !n.isBigDecimal() && !Double.isFinite(n.doubleValue())) {
            throw Bail.INSTANCE;
        }
        return n.canConvertToExactIntegral() ? NUMBER | INTEGER : NUMBER;
    }

    /**
     * A number's exact value.
     *
     * @param n a number node
     * @return the value
     * @throws Bail for a double beyond the double range (networknt's own rules for those apply)
     */
    static BigDecimal decimal(JsonNode n) {
        if (n.isFloatingPointNumber() && !n.isBigDecimal() && !Double.isFinite(n.doubleValue())) {
            throw Bail.INSTANCE;
        }
        return n.decimalValue();
    }

    /** {@code true} or {@code false} as a schema. */
    static final class Const extends Node {
        static final Const TRUE = new Const(true);
        static final Const FALSE = new Const(false);
        private final boolean value;

        private Const(boolean value) {
            this.value = value;
        }

        @Override
        boolean test(JsonNode n, Run r) {
            return value;
        }
    }

    /**
     * A schema object: a type check, then its other keywords in order. Counts as one evaluation step. Its errors come
     * in networknt's order: {@code type}, {@code properties}, then the other keywords as the schema lists them
     * ({@code then} and {@code else} where {@code if} is).
     */
    static final class Schema extends Node {
        private final int types;
        private final Node[] checks;
        private final FastErrors.Loc loc;
        private final @Nullable JsonNode type;
        /** The checks' keywords in error order: the check's index times 4, plus its part. */
        private final int[] order;

        Schema(int types, Node[] checks, FastErrors.Loc loc, @Nullable JsonNode type, int[] order) {
            this.types = types;
            this.checks = checks;
            this.loc = loc;
            this.type = type;
            this.order = order;
        }

        @Override
        void collect(JsonNode n, FastErrors.Trail at, FastErrors.Sink s, int part) {
            Run r = s.run;
            if (!r.fails(this, n)) {
                int mark = r.mark();
                if (test(n, r)) {
                    return;
                }
                r.reset(mark);
            }
            r.enter();
            try {
                if (types != 0 && (types & typeOf(n)) == 0) {
                    s.add(FastErrors.Fault.of("type", at, n, type, loc));
                }
                for (int o : order) {
                    checks[o >>> 2].collect(n, at, s, o & 3);
                }
            } finally {
                r.exit();
            }
        }

        @Override
        boolean test(JsonNode n, Run r) {
            if (checks.length == 0) {
                // A leaf such as {"type": "string"}: one step, nothing nested.
                r.step();
                return types == 0 || (types & typeOf(n)) != 0;
            }
            r.enter();
            try {
                if (types != 0 && (types & typeOf(n)) == 0) {
                    r.failed(this, n);
                    return false;
                }
                for (Node c : checks) {
                    if (!c.test(n, r)) {
                        r.failed(this, n);
                        return false;
                    }
                }
                return true;
            } finally {
                r.exit();
            }
        }
    }

    /** Compiles the target of a {@link Ref} when a validation first reaches it. */
    interface Resolver {
        /**
         * The target, compiled now if it is not yet.
         *
         * @param ref the reference
         * @return its target ({@link #BAIL} if it cannot be compiled)
         */
        Node resolve(Ref ref);
    }

    /** A schema the compiler could not handle: any value that reaches it is left to networknt. */
    static final Node BAIL = new Node() {
        @Override
        boolean test(JsonNode n, Run r) {
            throw Bail.INSTANCE;
        }
    };

    /**
     * A {@code $ref} to an absolute location, compiled when a validation first reaches it: a body touches a small
     * part of a large set, so a cold start compiles only that part. References may form cycles.
     */
    static final class Ref extends Node {
        private final String location;
        private final Resolver resolver;
        private volatile @Nullable Node target;

        Ref(String location, Resolver resolver) {
            this.location = location;
            this.resolver = resolver;
        }

        String location() {
            return location;
        }

        @Nullable Node target() {
            return target;
        }

        void target(Node t) {
            this.target = t;
        }

        @Override
        boolean test(JsonNode n, Run r) {
            Node t = target;
            if (t == null) {
                t = resolver.resolve(this);
            }
            return t.test(n, r);
        }

        @Override
        void collect(JsonNode n, FastErrors.Trail at, FastErrors.Sink s, int part) {
            Node t = target;
            if (t == null) {
                t = resolver.resolve(this);
            }
            t.collect(n, at, s, part);
        }
    }

    /**
     * {@code properties}, {@code required} and {@code additionalProperties} in one pass over the members.
     *
     * <p>Declared names sit in an open-addressing table. Jackson hands out the same canonical {@code String} for a
     * name on every parse, so after the first match by {@code equals} the table keeps the instance it was given, and
     * later look-ups match by identity. (A racy write of an immutable, equal {@code String}: any thread sees one of
     * two equal keys.)
     */
    static final class Members extends Node {
        private final String[] keys;
        private final int[] hashes;
        private final Property[] declared;
        private final int mask;
        private final int requiredDeclared;
        private final String[] requiredOther;
        private final @Nullable Node additional;
        private final String[] names;
        private final Node[] schemas;
        private final String[] required;
        private final @Nullable JsonNode requiredNode;
        private final FastErrors.Loc loc;

        static final int PROPERTIES = 0;
        static final int REQUIRED = 1;
        static final int ADDITIONAL = 2;
        /** The keyword of each part. */
        static final List<String> KEYWORDS = List.of("properties", "required", "additionalProperties");

        /**
         * A declared property: its schema, whether it is required, and its place among the declared ones.
         *
         * @param schema   its schema
         * @param required whether it is required
         * @param index    its place in the schema's {@code properties}
         */
        private record Property(Node schema, boolean required, int index) {
        }

        /**
         * The members' checks.
         *
         * @param properties   the declared properties' schemas, in the schema's order
         * @param required     the {@code required} names, in the schema's order (empty if none)
         * @param requiredNode the {@code required} keyword's value, for its errors
         * @param additional   the {@code additionalProperties} schema, or null if any member may be added
         * @param loc          the location of the schema holding these keywords
         */
        Members(Map<String, Node> properties, String[] required, @Nullable JsonNode requiredNode,
                @Nullable Node additional, FastErrors.Loc loc) {
            this.names = properties.keySet().toArray(new String[0]);
            this.schemas = properties.values().toArray(new Node[0]);
            this.required = required;
            this.requiredNode = requiredNode;
            this.additional = additional;
            this.loc = loc;
            int capacity = Integer.highestOneBit(Math.max(4, names.length * 2 + 1)) * 2;
            this.keys = new String[capacity];
            this.hashes = new int[capacity];
            this.declared = new Property[capacity];
            this.mask = capacity - 1;
            List<String> requiredNames = List.of(required);
            for (int k = 0; k < names.length; k++) {
                int h = names[k].hashCode();
                int i = spread(h) & mask;
                while (keys[i] != null) {
                    i = (i + 1) & mask;
                }
                keys[i] = names[k];
                hashes[i] = h;
                declared[i] = new Property(schemas[k], requiredNames.contains(names[k]), k);
            }
            this.requiredOther = requiredNames.stream().filter(r -> !properties.containsKey(r)).toArray(String[]::new);
            this.requiredDeclared = required.length - requiredOther.length;
        }

        private static int spread(int h) {
            return h ^ (h >>> 16);
        }

        private @Nullable Property find(String name) {
            int h = name.hashCode();
            for (int i = spread(h) & mask;; i = (i + 1) & mask) {
                String k = keys[i];
                if (k == null) {
                    return null;
                }
                if (k == name) {
                    return declared[i];
                }
                if (hashes[i] == h && k.equals(name)) {
                    keys[i] = name;
                    return declared[i];
                }
            }
        }

        @Override
        boolean test(JsonNode n, Run r) {
            if (!(n instanceof ObjectNode)) {
                return true;
            }
            int found = 0;
            int mark = r.mark();
            int i = 0;
            for (Map.Entry<String, JsonNode> e : n.properties()) {
                Property p = find(e.getKey());
                if (p != null) {
                    if (p.required) {
                        found++;
                    }
                    if (!p.schema.test(e.getValue(), r)) {
                        return failedAt(n, r, i, mark);
                    }
                } else if (additional != null && !additional.test(e.getValue(), r)) {
                    return failedAt(n, r, i, mark);
                }
                i++;
            }
            if (found != requiredDeclared) {
                return failedAt(n, r, i, mark);
            }
            for (String name : requiredOther) {
                if (!n.has(name)) {
                    return false;
                }
            }
            return true;
        }

        private boolean failedAt(JsonNode n, Run r, int passedMembers, int mark) {
            if (passedMembers > 0 && r.mark() == mark) {
                r.passed(this, n, passedMembers);
            }
            return false;
        }

        /**
         * The {@code properties} part: networknt evaluates the declared properties in the schema's order. The members
         * are tested in the body's order (one pass, no look-up per declared name); those that fail are then reported
         * in the schema's order. With fail-fast, the notes taken before the first error must be networknt's, so the
         * members are visited in the schema's order instead.
         */
        private void properties(JsonNode n, FastErrors.Trail at, FastErrors.Sink s) {
            if (s.failFast()) {
                for (int i = 0; i < names.length; i++) {
                    JsonNode v = n.get(names[i]);
                    if (v != null) {
                        schemas[i].collect(v, at.child(names[i]), s, 0);
                    }
                }
                return;
            }
            Run r = s.run;
            int[] failing = null;
            int count = 0;
            int skip = r.passedPrefix(this, n);
            for (Map.Entry<String, JsonNode> e : n.properties()) {
                if (skip > 0) {
                    skip--; // these passed when the check failed
                    continue;
                }
                Property p = find(e.getKey());
                if (p == null) {
                    continue;
                }
                if (!r.fails(p.schema, e.getValue())) {
                    int mark = r.mark();
                    if (p.schema.test(e.getValue(), r)) {
                        continue;
                    }
                    r.reset(mark);
                }
                if (failing == null) {
                    failing = new int[4];
                } else if (count == failing.length) {
                    failing = Arrays.copyOf(failing, count * 2);
                }
                failing[count++] = p.index;
            }
            if (failing == null) {
                return;
            }
            Arrays.sort(failing, 0, count);
            for (int k = 0; k < count; k++) {
                int i = failing[k];
                schemas[i].collect(n.get(names[i]), at.child(names[i]), s, 0);
            }
        }

        @Override
        void collect(JsonNode n, FastErrors.Trail at, FastErrors.Sink s, int part) {
            if (!(n instanceof ObjectNode)) {
                return;
            }
            switch (part) {
                case PROPERTIES -> properties(n, at, s);
                case REQUIRED -> {
                    for (String name : required) {
                        if (!n.has(name)) {
                            s.add(new FastErrors.Fault("required", null, at, n, requiredNode, loc.child("required"),
                                    name, new Object[] {name}));
                        }
                    }
                }
                default -> {
                    if (additional == null) {
                        return;
                    }
                    int skip = s.failFast() ? 0 : s.run.passedPrefix(this, n);
                    for (Map.Entry<String, JsonNode> e : n.properties()) {
                        if (skip > 0 || find(e.getKey()) != null) {
                            skip--;
                            continue;
                        }
                        if (additional == Const.FALSE) {
                            s.add(new FastErrors.Fault("additionalProperties", null, at, n, BooleanNode.FALSE,
                                    loc.child("additionalProperties"), e.getKey(), new Object[] {e.getKey()}));
                        } else {
                            additional.collect(e.getValue(), at.child(e.getKey()), s, 0);
                        }
                    }
                }
            }
        }
    }

    /** {@code items} (a single schema) with {@code minItems} and {@code maxItems}. */
    static final class Items extends Node {
        private final @Nullable Node items;
        private final long min;
        private final long max;
        private final @Nullable JsonNode minNode;
        private final @Nullable JsonNode maxNode;
        private final FastErrors.Loc loc;

        static final int ITEMS = 0;
        static final int MIN = 1;
        static final int MAX = 2;
        /** The keyword of each part. */
        static final List<String> KEYWORDS = List.of("items", "minItems", "maxItems");

        Items(@Nullable Node items, @Nullable JsonNode minNode, @Nullable JsonNode maxNode, FastErrors.Loc loc) {
            this.items = items;
            this.min = minNode == null ? 0 : minNode.longValue();
            this.max = maxNode == null ? Long.MAX_VALUE : maxNode.longValue();
            this.minNode = minNode;
            this.maxNode = maxNode;
            this.loc = loc;
        }

        @Override
        void collect(JsonNode n, FastErrors.Trail at, FastErrors.Sink s, int part) {
            if (!n.isArray()) {
                return;
            }
            if (part == ITEMS && items != null) {
                // The elements that passed when the check failed need no second test.
                for (int i = s.failFast() ? 0 : s.run.passedPrefix(this, n); i < n.size(); i++) {
                    items.collect(n.get(i), at.child(i), s, 0);
                }
            } else if (part == MIN && n.size() < min) {
                s.add(FastErrors.Fault.of("minItems", at, n, minNode, loc));
            } else if (part == MAX && n.size() > max) {
                s.add(FastErrors.Fault.of("maxItems", at, n, maxNode, loc));
            }
        }

        @Override
        boolean test(JsonNode n, Run r) {
            if (!n.isArray()) {
                return true;
            }
            if (n.size() < min || n.size() > max) {
                return false;
            }
            if (items != null) {
                int mark = r.mark();
                int i = 0;
                for (JsonNode v : n) {
                    if (!items.test(v, r)) {
                        if (i > 0 && r.mark() == mark) {
                            r.passed(this, n, i);
                        }
                        return false;
                    }
                    i++;
                }
            }
            return true;
        }
    }

    /** {@code minLength}, {@code maxLength} (in code points) and {@code pattern} (networknt's own regex). */
    static final class Text extends Node {
        private final long min;
        private final long max;
        private final @Nullable RegularExpression pattern;
        private final @Nullable JsonNode minNode;
        private final @Nullable JsonNode maxNode;
        private final @Nullable JsonNode patternNode;
        private final FastErrors.Loc loc;

        static final int MIN = 0;
        static final int MAX = 1;
        static final int PATTERN = 2;
        /** The keyword of each part. */
        static final List<String> KEYWORDS = List.of("minLength", "maxLength", "pattern");

        Text(@Nullable JsonNode minNode, @Nullable JsonNode maxNode, @Nullable RegularExpression pattern,
                @Nullable JsonNode patternNode, FastErrors.Loc loc) {
            this.min = minNode == null ? 0 : minNode.longValue();
            this.max = maxNode == null ? Long.MAX_VALUE : maxNode.longValue();
            this.pattern = pattern;
            this.minNode = minNode;
            this.maxNode = maxNode;
            this.patternNode = patternNode;
            this.loc = loc;
        }

        @Override
        void collect(JsonNode n, FastErrors.Trail at, FastErrors.Sink s, int part) {
            if (!n.isString()) {
                return;
            }
            String v = n.stringValue();
            if (part == PATTERN) {
                if (pattern != null && !pattern.matches(v)) {
                    s.add(FastErrors.Fault.of("pattern", at, n, patternNode, loc));
                }
                return;
            }
            long cps = v.codePointCount(0, v.length());
            if (part == MIN && cps < min) {
                s.add(FastErrors.Fault.of("minLength", at, n, minNode, loc));
            } else if (part == MAX && cps > max) {
                s.add(FastErrors.Fault.of("maxLength", at, n, maxNode, loc));
            }
        }

        @Override
        boolean test(JsonNode n, Run r) {
            if (!n.isString()) {
                return true;
            }
            String s = n.stringValue();
            int len = s.length();
            // A string of len chars holds between len / 2 and len code points: count only when that decides.
            if (len > max || len < 2 * min) {
                long cps = s.codePointCount(0, len);
                if (cps > max || cps < min) {
                    return false;
                }
            }
            return pattern == null || pattern.matches(s);
        }
    }

    /** One keyword that checks the value itself: when it fails, one error names the keyword and its value. */
    abstract static class Assertion extends Node {
        private final String keyword;
        private final JsonNode schemaValue;
        private final FastErrors.Loc loc;

        Assertion(String keyword, JsonNode schemaValue, FastErrors.Loc loc) {
            this.keyword = keyword;
            this.schemaValue = schemaValue;
            this.loc = loc;
        }

        @Override
        final void collect(JsonNode n, FastErrors.Trail at, FastErrors.Sink s, int part) {
            if (!test(n, s.run)) {
                s.add(FastErrors.Fault.of(keyword, at, n, schemaValue, loc));
            }
        }
    }

    /** {@code minimum}, {@code maximum}, {@code exclusiveMinimum}, {@code exclusiveMaximum}. */
    static final class Bound extends Assertion {
        private final BigDecimal limit;
        private final boolean lower;
        private final boolean exclusive;

        Bound(String keyword, JsonNode limitNode, boolean lower, boolean exclusive, FastErrors.Loc loc) {
            super(keyword, limitNode, loc);
            this.limit = limitNode.decimalValue();
            this.lower = lower;
            this.exclusive = exclusive;
        }

        @Override
        boolean test(JsonNode n, Run r) {
            if (!n.isNumber()) {
                return true;
            }
            int c = decimal(n).compareTo(limit);
            if (lower) {
                return exclusive ? c > 0 : c >= 0;
            }
            return exclusive ? c < 0 : c <= 0;
        }
    }

    /** {@code const}, and {@code enum} of any values. */
    static final class Values extends Assertion {
        private final JsonNode[] values;

        Values(JsonNode[] values, String keyword, JsonNode schemaValue, FastErrors.Loc loc) {
            super(keyword, schemaValue, loc);
            this.values = values;
        }

        @Override
        boolean test(JsonNode n, Run r) {
            for (JsonNode v : values) {
                if (same(v, n)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** {@code enum} (or {@code const}) of strings only: one hash look-up. */
    static final class Strings extends Assertion {
        private final Set<String> values;

        Strings(Set<String> values, String keyword, JsonNode schemaValue, FastErrors.Loc loc) {
            super(keyword, schemaValue, loc);
            this.values = new HashSet<>(values);
        }

        @Override
        boolean test(JsonNode n, Run r) {
            return n.isString() && values.contains(n.stringValue());
        }
    }

    /** JSON equality: numbers by value (1 equals 1.0), containers member by member. */
    static boolean same(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return decimal(a).compareTo(decimal(b)) == 0;
        }
        if (a.getNodeType() != b.getNodeType()) {
            return false;
        }
        if (a.isArray()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!same(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a.isObject()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (Map.Entry<String, JsonNode> e : a.properties()) {
                JsonNode other = b.get(e.getKey());
                if (other == null || !same(e.getValue(), other)) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    /** {@code allOf} of any shape. */
    static final class AllOf extends Node {
        private final Node[] all;

        AllOf(Node[] all) {
            this.all = all;
        }

        @Override
        void collect(JsonNode n, FastErrors.Trail at, FastErrors.Sink s, int part) {
            for (Node a : all) {
                a.collect(n, at, s, 0);
            }
        }

        @Override
        boolean test(JsonNode n, Run r) {
            for (Node s : all) {
                if (!s.test(n, r)) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * A discriminated {@code allOf} (see {@link DiscriminatedAllOf}): for an object, the {@code then} of the tag's
     * value only; a string tag that selects nothing is noted when the union leaves the tag open (no {@code enum}).
     */
    static final class Discriminated extends Node {
        private final String property;
        private final Map<JsonNode, Node> branches;
        private final Node[] all;
        private final boolean noteUnknown;
        private final List<String> known;

        Discriminated(String property, Map<JsonNode, Node> branches, Node[] all, boolean noteUnknown,
                List<String> known) {
            this.property = property;
            this.branches = new HashMap<>(branches);
            this.all = all;
            this.noteUnknown = noteUnknown;
            this.known = List.copyOf(known);
        }

        @Override
        boolean test(JsonNode n, Run r) {
            if (n.isObject()) {
                JsonNode tag = n.get(property);
                if (tag == null) {
                    return true;
                }
                Node branch = branches.get(tag);
                if (branch != null) {
                    return branch.test(n, r);
                }
                if (noteUnknown && tag.isString()) {
                    r.note(n, this);
                }
                return true;
            }
            for (Node s : all) {
                if (!s.test(n, r)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        void collect(JsonNode n, FastErrors.Trail at, FastErrors.Sink s, int part) {
            if (n.isObject()) {
                JsonNode tag = n.get(property);
                Node branch = tag == null ? null : branches.get(tag);
                if (branch != null) {
                    branch.collect(n, at, s, 0);
                } else if (tag != null && noteUnknown && tag.isString()) {
                    s.run.note(n, this);
                }
                return;
            }
            for (Node a : all) {
                a.collect(n, at, s, 0);
            }
        }
    }

    /**
     * {@code anyOf}: the first branch that passes keeps its notes; failed branches leave none. {@code oneOf}: exactly
     * one branch passes.
     */
    static final class Alternatives extends Node {
        private final Node[] branches;
        private final boolean oneOf;
        private final FastErrors.Loc loc;

        Alternatives(Node[] branches, boolean oneOf, FastErrors.Loc loc) {
            this.branches = branches;
            this.oneOf = oneOf;
            this.loc = loc;
        }

        @Override
        void collect(JsonNode n, FastErrors.Trail at, FastErrors.Sink s, int part) {
            int mark = s.run.mark();
            if (!test(n, s.run)) {
                s.run.reset(mark);
                FastErrors.alternatives(branches, oneOf, n, at, s, loc);
            }
        }

        @Override
        boolean test(JsonNode n, Run r) {
            boolean matched = false;
            for (Node b : branches) {
                int mark = r.mark();
                if (b.test(n, r)) {
                    if (!oneOf) {
                        return true;
                    }
                    if (matched) {
                        return false;
                    }
                    matched = true;
                } else {
                    r.reset(mark);
                }
            }
            return matched;
        }
    }

    /** {@code not}. */
    static final class Not extends Node {
        private final Node schema;

        Not(Node schema) {
            this.schema = schema;
        }

        @Override
        boolean test(JsonNode n, Run r) {
            int mark = r.mark();
            boolean inner = schema.test(n, r);
            r.reset(mark);
            return !inner;
        }
    }

    /** {@code if}, {@code then}, {@code else}; the condition leaves no notes. */
    static final class Conditional extends Node {
        private final Node condition;
        private final @Nullable Node then;
        private final @Nullable Node otherwise;

        Conditional(Node condition, @Nullable Node then, @Nullable Node otherwise) {
            this.condition = condition;
            this.then = then;
            this.otherwise = otherwise;
        }

        @Override
        boolean test(JsonNode n, Run r) {
            int mark = r.mark();
            boolean holds = condition.test(n, r);
            r.reset(mark);
            Node next = holds ? then : otherwise;
            return next == null || next.test(n, r);
        }

        @Override
        void collect(JsonNode n, FastErrors.Trail at, FastErrors.Sink s, int part) {
            Run r = s.run;
            int mark = r.mark();
            boolean holds = condition.test(n, r);
            r.reset(mark);
            Node next = holds ? then : otherwise;
            if (next != null) {
                next.collect(n, at, s, 0);
            }
        }
    }

    /**
     * Finds where nodes sit in a tree, by identity, in one pass (so that many notes on a large body stay linear).
     *
     * @param root    the tree
     * @param targets the nodes to find
     * @return for each target found, its path segments (String members, Integer elements)
     */
    static Map<JsonNode, List<Object>> pathsOf(JsonNode root, Set<JsonNode> targets) {
        Map<JsonNode, List<Object>> found = new IdentityHashMap<>();
        // Containers only, each with its parent's index and its segment, walked with an explicit stack.
        List<JsonNode> nodes = new ArrayList<>();
        List<Integer> parents = new ArrayList<>();
        List<Object> segments = new ArrayList<>();
        Deque<Integer> stack = new ArrayDeque<>();
        nodes.add(root);
        parents.add(-1);
        segments.add("");
        stack.push(0);
        while (!stack.isEmpty() && found.size() < targets.size()) {
            int at = stack.pop();
            JsonNode n = nodes.get(at);
            if (targets.contains(n) && !found.containsKey(n)) {
                List<Object> path = new ArrayList<>();
                for (int i = at; parents.get(i) >= 0; i = parents.get(i)) {
                    path.add(segments.get(i));
                }
                Collections.reverse(path);
                found.put(n, path);
            }
            if (n.isObject()) {
                for (Map.Entry<String, JsonNode> e : n.properties()) {
                    if (e.getValue().isContainer()) {
                        push(e.getValue(), at, e.getKey(), nodes, parents, segments, stack);
                    }
                }
            } else if (n.isArray()) {
                int i = 0;
                for (JsonNode v : n) {
                    if (v.isContainer()) {
                        push(v, at, i, nodes, parents, segments, stack);
                    }
                    i++;
                }
            }
        }
        return found;
    }

    private static void push(JsonNode n, int parent, Object segment, List<JsonNode> nodes, List<Integer> parents,
            List<Object> segments, Deque<Integer> stack) {
        nodes.add(n);
        parents.add(parent);
        segments.add(segment);
        stack.push(nodes.size() - 1);
    }
}
