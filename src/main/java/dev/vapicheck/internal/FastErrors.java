package dev.vapicheck.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The compiled path's error pass: when {@link FastPath} finds a node invalid, the same compiled tree walks the failing
 * parts again and reports each error as networknt would (the same keyword, instance and schema locations, schema value,
 * closest alternative, and the same order), so that networknt never has to compile the set. Whatever the tree cannot
 * word itself ({@code not}, a {@code false} subschema, a budget near networknt's limits) {@linkplain Fast.Bail bails
 * out}, and networknt reports instead. {@code DifferentialTest} holds both passes to the same output.
 */
final class FastErrors {
    private FastErrors() {
    }

    /** A schema location: the document's IRI with a fragment, built segment by segment, spelled when needed. */
    static final class Loc {
        private final @Nullable Loc parent;
        private final String segment;

        private Loc(@Nullable Loc parent, String segment) {
            this.parent = parent;
            this.segment = segment;
        }

        /**
         * A location as a {@code $ref} resolves.
         *
         * @param absolute {@code <document>} or {@code <document>#<pointer>}
         * @return the location
         */
        static Loc of(String absolute) {
            return new Loc(null, absolute.indexOf('#') < 0 ? absolute + "#" : absolute);
        }

        Loc child(String name) {
            return new Loc(this, name);
        }

        Loc child(int index) {
            return new Loc(this, Integer.toString(index));
        }

        @Override
        public String toString() {
            if (parent == null) {
                return segment;
            }
            // networknt writes the segments of a schema location as they are, unescaped.
            return parent + "/" + segment;
        }
    }

    /** An instance location, built only along the failing parts of a body. */
    static final class Trail {
        static final Trail ROOT = new Trail(null, "");
        private final @Nullable Trail parent;
        private final Object segment;

        private Trail(@Nullable Trail parent, Object segment) {
            this.parent = parent;
            this.segment = segment;
        }

        /** A trail that starts at a place in the payload. */
        static Trail of(List<Object> prefix) {
            Trail t = ROOT;
            for (Object segment : prefix) {
                t = new Trail(t, segment);
            }
            return t;
        }

        Trail child(String name) {
            return new Trail(this, name);
        }

        Trail child(int index) {
            return new Trail(this, index);
        }

        List<Object> segments() {
            List<Object> out = new ArrayList<>();
            for (Trail t = this; t.parent != null; t = t.parent) {
                out.add(t.segment);
            }
            Collections.reverse(out);
            return out;
        }

        boolean same(Trail other) {
            Trail a = this;
            Trail b = other;
            while (a != b) {
                if (a.parent == null || b.parent == null || !a.segment.equals(b.segment)) {
                    return false;
                }
                a = a.parent;
                b = b.parent;
            }
            return true;
        }
    }

    /**
     * An error as found, worded only when reported.
     *
     * @param keyword    the keyword
     * @param messageKey the message key, or null
     * @param at         where in the body
     * @param actual     the value
     * @param expected   the keyword's value in the schema
     * @param location   the keyword's location
     * @param property   the property named, or ""
     * @param arguments  arguments ({@code oneOf}'s match count), or null
     */
    record Fault(String keyword, @Nullable String messageKey, Trail at, JsonNode actual, @Nullable JsonNode expected,
            Loc location, String property, Object @Nullable [] arguments) {
        static Fault of(String keyword, Trail at, JsonNode actual, @Nullable JsonNode expected, Loc schema) {
            return new Fault(keyword, null, at, actual, expected, schema.child(keyword), "", null);
        }

        Located translate() {
            return ErrorTranslator.translate(keyword, messageKey, at.segments(), actual, expected,
                    location.toString(), property, arguments, null);
        }
    }

    /** Where errors go: the list of the alternative being tried, or the run's own list, which is capped. */
    static final class Sink {
        final Fast.Run run;
        private final List<Fault> top = new ArrayList<>();
        private final int cap;
        private final boolean failFast;
        private List<Fault> current = top;

        Sink(Fast.Run run, int cap, boolean failFast) {
            this.run = run;
            this.cap = cap;
            this.failFast = failFast;
        }

        /** @return whether only the first error counts (and the notes taken before it) */
        boolean failFast() {
            return failFast;
        }

        void add(Fault f) {
            if (current == top) {
                if (top.size() >= cap) {
                    throw Full.INSTANCE;
                }
                current.add(f);
                if (failFast) {
                    throw Full.FIRST; // fail-fast: the first error at the top is the one reported
                }
                return;
            }
            current.add(f);
        }

        /** Collects into a fresh list until {@link #restore}; returns the list in use before. */
        List<Fault> divert(List<Fault> into) {
            List<Fault> before = current;
            current = into;
            return before;
        }

        void restore(List<Fault> before) {
            current = before;
        }
    }

    /** Thrown (without a stack trace) when the run's list is full. */
    static final class Full extends RuntimeException {
        private static final long serialVersionUID = 1L;
        static final Full INSTANCE = new Full("too many errors");
        static final Full FIRST = new Full("the first error, with fail-fast");

        private Full(String why) {
            super(why, null, false, false);
        }
    }

    /**
     * Reports an {@code anyOf} or {@code oneOf} that the value fails, as {@link ClosestBranch} does.
     *
     * @param branches the alternatives
     * @param oneOf    whether exactly one must pass
     * @param n        the value
     * @param at       where it is
     * @param s        where errors go
     * @param loc      the keyword's location
     */
    static void alternatives(Fast.Node[] branches, boolean oneOf, JsonNode n, Trail at, Sink s, Loc loc) {
        Fast.Run r = s.run;
        int mark = r.mark();
        List<List<Fault>> failures = new ArrayList<>(branches.length);
        List<Integer> matches = new ArrayList<>(1);
        for (int i = 0; i < branches.length; i++) {
            List<Fault> errors = new ArrayList<>();
            List<Fault> before = s.divert(errors);
            int branchMark = r.mark();
            try {
                branches[i].collect(n, at, s, 0);
            } finally {
                s.restore(before);
            }
            if (errors.isEmpty()) {
                matches.add(i);
                if (!oneOf) {
                    break;
                }
            } else {
                failures.add(errors);
                r.reset(branchMark);
            }
        }
        if (matches.size() == 1 || (!oneOf && !matches.isEmpty())) {
            return;
        }
        r.reset(mark); // no alternative fits: what they noted does not describe the value
        if (matches.size() > 1) {
            s.add(new Fault("oneOf", "oneOf.indexes", at, n, null, loc, "",
                    new Object[] {matches.size(), matches.toString()}));
            return;
        }
        Closest.Decision d = Closest.decide(failures, new Closest.Facts<Fault>() {
            @Override
            public String keyword(Fault f) {
                return f.keyword();
            }

            @Override
            public boolean atValue(Fault f) {
                return f.at().same(at);
            }

            @Override
            public @Nullable JsonNode schemaNode(Fault f) {
                return f.expected();
            }

            @Override
            public String property(Fault f) {
                return f.property();
            }
        });
        switch (d.kind()) {
            case BRANCH -> failures.get(d.branch()).forEach(s::add);
            case TYPE -> s.add(new Fault("type", "type", at, n, d.listed(), loc, "", null));
            case ENUM -> s.add(new Fault("enum", "enum", at, n, d.listed(), loc, "", null));
            case REQUIRED -> s.add(new Fault("required", ClosestBranch.REQUIRED_ONE_OF, at, n, d.listed(), loc,
                    d.listed().get(0).asString(), null));
        }
    }

    /**
     * Reports the errors of a node the compiled path found invalid.
     *
     * @param compiled  the compiled model
     * @param node      the node
     * @param prefix    the node's place in the payload
     * @param failFast  whether only the first error counts
     * @param maxErrors the caller's cap, which bounds how many errors are kept
     * @param run       the run of {@link FastPath#check} that found the node invalid (it knows where), started
     *                  again here with the same budget
     * @return the outcome, or null if networknt must report instead
     */
    static SchemaSet.@Nullable Outcome collect(Fast.Node compiled, JsonNode node, List<Object> prefix,
            boolean failFast, int maxErrors, Fast.Run run) {
        run.restart();
        Sink sink = new Sink(run, (int) Math.min(Integer.MAX_VALUE - 16L, Math.max(10_000L, maxErrors * 10L)),
                failFast);
        boolean truncated = false;
        try {
            compiled.collect(node, Trail.of(prefix), sink, 0);
        } catch (Full full) {
            truncated = full == Full.INSTANCE;
        } catch (Fast.Bail | StackOverflowError e) {
            return null;
        }
        if (sink.top.isEmpty()) {
            return null; // the two compiled passes disagree: networknt decides
        }
        List<Fault> kept = failFast ? sink.top.subList(0, 1) : sink.top;
        List<Located> errors = new ArrayList<>(kept.size());
        for (Fault f : kept) {
            errors.add(f.translate());
        }
        // With fail-fast the run stopped at the first error: its notes are those taken before it, as networknt's.
        List<Fast.Note> notes = run.notes();
        List<Located> warnings = notes.isEmpty() ? List.of()
                : FastPath.warnings(notes, node, prefix);
        return new SchemaSet.Outcome(errors, truncated, warnings);
    }
}
