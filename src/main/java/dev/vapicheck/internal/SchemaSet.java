package dev.vapicheck.internal;

import com.networknt.schema.AbsoluteIri;
import com.networknt.schema.Error;
import com.networknt.schema.ExecutionConfig;
import com.networknt.schema.OutputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.ValidationLimitExceededException;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.path.PathType;
import com.networknt.schema.resource.InputStreamSource;
import com.networknt.schema.resource.ResourceLoader;
import dev.vapicheck.ErrorCode;
import dev.vapicheck.Profile;
import dev.vapicheck.SchemaSetException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A loaded schema set: {@code index.json}, and per profile and model a compiled tree ({@link FastCompiler}) and a
 * networknt {@link Schema}, each compiled on first need, shared by all threads. Nothing outside {@link #BASE} is ever
 * loaded, so nothing is fetched from the network.
 */
public final class SchemaSet {
    /** The base IRI of every schema in a set; {@code <BASE><profile>/<Model>.json} is a model's {@code $id}. */
    public static final String BASE = "https://vapi-check.dev/schemas/1.0/";
    private static final String DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema";
    private static final Pattern FILE = Pattern.compile("(lenient|strict)/[A-Za-z0-9_][A-Za-z0-9_.-]*\\.json");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");
    private static final JsonMapper PLAIN = JsonMapper.builder().build();

    private final SortedMap<String, String> messageKinds;
    private final SortedMap<String, String> replyKinds;
    private final Map<Profile, Map<String, Model>> messages = new EnumMap<>(Profile.class);
    private final Map<Profile, Map<String, Model>> replies = new EnumMap<>(Profile.class);
    /** Guarded by itself: networknt's registries, made when a profile first needs one (a faster start). */
    private final Map<Profile, SchemaRegistry> registries = new EnumMap<>(Profile.class);
    private final Loader loader;
    private final Map<Profile, FastCompiler> fast = new EnumMap<>(Profile.class);
    private final SchemaSource source;

    /**
     * One compiled model.
     *
     * <p>The networknt schema and the fast path are compiled on first use (or, for sets loaded eagerly, the
     * networknt schema at load).
     */
    public static final class Model {
        private final String kind;
        private final String name;
        private final Profile profile;
        private final SchemaSet set;
        private volatile @Nullable Schema schema;
        private volatile Fast.@Nullable Node fast;
        private volatile boolean fastDone;

        Model(String kind, String name, Profile profile, SchemaSet set) {
            this.kind = kind;
            this.name = name;
            this.profile = profile;
            this.set = set;
        }

        /** @return the message kind it serves */
        public String kind() {
            return kind;
        }

        /** @return the model name */
        public String name() {
            return name;
        }

        /**
         * The networknt schema, compiled on first use.
         *
         * @return the compiled schema
         * @throws SchemaSetException if the set turns out to be broken
         */
        public Schema schema() {
            Schema s = schema;
            if (s == null) {
                s = set.compile(profile, name);
                schema = s;
            }
            return s;
        }

        /** Whether networknt has compiled this model (only when the compiled path could not decide or word errors). */
        boolean networkntCompiled() {
            return schema != null;
        }

        /** The compiled fast path, compiled on first use; null if networknt must validate this model. */
        Fast.@Nullable Node fast() {
            if (!fastDone) {
                fast = set.fast.get(profile).model(name);
                fastDone = true;
            }
            return fast;
        }
    }

    /**
     * Limits turned into networknt execution configurations, built once per validator.
     *
     * @param full     for collecting every error
     * @param failFast for stopping at the first error
     */
    public record Budget(ExecutionConfig full, ExecutionConfig failFast) {
        /**
         * The configurations for these limits.
         *
         * @param maxSteps the step limit
         * @param maxDepth the nesting limit of schema evaluations
         * @return the budget
         */
        public static Budget of(long maxSteps, int maxDepth) {
            return new Budget(
                    ExecutionConfig.builder().locale(Locale.ROOT).maxEvaluationSteps(maxSteps)
                            .maxEvaluationDepth(maxDepth).build(),
                    ExecutionConfig.builder().locale(Locale.ROOT).maxEvaluationSteps(maxSteps)
                            .maxEvaluationDepth(maxDepth).failFast(true).build());
        }
    }

    /**
     * What validating one node against one model found.
     *
     * @param errors    the errors, relative to the node, in evaluation order
     * @param truncated whether collection stopped early because there were too many
     * @param warnings  the unknown variants let through ({@link ErrorCode#UNKNOWN_VARIANT}), relative to the node
     */
    public record Outcome(List<Located> errors, boolean truncated, List<Located> warnings) {
        static final Outcome VALID = new Outcome(List.of(), false, List.of());
    }

    private SchemaSet(SchemaSource source, SortedMap<String, String> messageKinds,
            SortedMap<String, String> replyKinds) {
        this.source = source;
        this.loader = new Loader(source);
        this.messageKinds = Collections.unmodifiableSortedMap(messageKinds);
        this.replyKinds = Collections.unmodifiableSortedMap(replyKinds);
    }

    /**
     * Loads {@code index.json} and compiles, for both profiles, every model it names and everything they reference.
     *
     * @param source where the files are
     * @return the compiled set
     * @throws SchemaSetException if the set is broken
     */
    public static SchemaSet load(SchemaSource source) {
        return load(source, true);
    }

    /**
     * Loads {@code index.json}; compiles the models now ({@code eager}, which finds a broken set at once) or each
     * on first use (a fast start, for a set already tested, such as the embedded one).
     *
     * @param source where the files are
     * @param eager  whether to compile every model now
     * @return the set
     * @throws SchemaSetException if the set is broken (with {@code eager}, or if {@code index.json} is)
     */
    public static SchemaSet load(SchemaSource source, boolean eager) {
        byte[] indexBytes;
        try {
            indexBytes = source.read("index.json");
        } catch (IOException e) {
            throw new SchemaSetException("cannot read " + source.describe("index.json") + ": " + e.getMessage(), e);
        }
        if (indexBytes == null) {
            throw new SchemaSetException("no index.json in the schema set " + source + " (expected "
                    + source.describe("index.json") + ")");
        }
        JsonNode index;
        try {
            index = PLAIN.readTree(indexBytes);
        } catch (JacksonException e) {
            throw new SchemaSetException(source.describe("index.json") + " is not valid JSON: "
                    + e.getOriginalMessage(), e);
        }
        if (index == null || !index.isObject()) {
            throw new SchemaSetException(source.describe("index.json") + " must be a JSON object");
        }
        SchemaSet set = new SchemaSet(source, kinds(source, index, "messageKinds", true),
                kinds(source, index, "replyKinds", false));
        for (Profile profile : Profile.values()) {
            set.fast.put(profile, new FastCompiler(source, folder(profile)));
            set.messages.put(profile, set.models(profile, set.messageKinds));
            set.replies.put(profile, set.models(profile, set.replyKinds));
        }
        if (eager) {
            for (Profile profile : Profile.values()) {
                set.messages.get(profile).values().forEach(Model::schema);
                set.replies.get(profile).values().forEach(Model::schema);
            }
        }
        return set;
    }

    private Map<String, Model> models(Profile profile, Map<String, String> kinds) {
        Map<String, Model> models = new LinkedHashMap<>();
        for (Map.Entry<String, String> kind : kinds.entrySet()) {
            models.put(kind.getKey(), new Model(kind.getKey(), kind.getValue(), profile, this));
        }
        return Collections.unmodifiableMap(models);
    }

    private Schema compile(Profile profile, String model) {
        // One compilation at a time: networknt shares the referenced schemas between models.
        synchronized (registries) {
            try {
                SchemaRegistry registry = registries.computeIfAbsent(profile, p -> Engine.registry(loader));
                Schema schema = registry.getSchema(SchemaLocation.of(BASE + folder(profile) + "/" + model + ".json"));
                schema.initializeValidators();
                return schema;
            } catch (SchemaSetException e) {
                throw e;
            } catch (LinkageError e) {
                // Met while validating (lazy compilation), a broken class path must still end as an error in the
                // result; the words are VapiValidator.Builder.build()'s.
                throw new SchemaSetException("the libraries on the class path cannot run vapi-check (" + e
                        + "); vapi-check needs Jackson 3.1 or later with jackson-annotations 2.21 or later, and"
                        + " json-schema-validator 3.0.9", e);
            } catch (RuntimeException | StackOverflowError e) {
                SchemaSetException ours = find(e);
                if (ours != null) {
                    throw new SchemaSetException(ours.getMessage(), e);
                }
                throw new SchemaSetException("broken schema set " + source + ": " + describe(e), e);
            }
        }
    }

    private static SortedMap<String, String> kinds(SchemaSource source, JsonNode index, String field,
            boolean required) {
        JsonNode node = index.get(field);
        SortedMap<String, String> out = new TreeMap<>();
        if (node == null && !required) {
            return out;
        }
        if (node == null || !node.isObject() || (required && node.isEmpty())) {
            throw new SchemaSetException(source.describe("index.json") + ": \"" + field
                    + "\" must be a non-empty object of kind -> model name");
        }
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            String model = e.getValue().isString() ? e.getValue().stringValue() : "";
            if (e.getKey().isEmpty() || !NAME.matcher(model).matches()) {
                throw new SchemaSetException(source.describe("index.json") + ": \"" + field + "\" entry \""
                        + e.getKey() + "\" -> " + e.getValue() + " is not a kind mapped to a model name");
            }
            out.put(e.getKey(), model);
        }
        return out;
    }

    /** networknt's dialect and configuration, loaded only when a model is first compiled with networknt. */
    private static final class Engine {
        private static final Dialect DIALECT = Dialect.builder(Dialects.getDraft202012())
                .keyword(ClosestBranch.ANY_OF)
                .keyword(ClosestBranch.ONE_OF)
                .keyword(DiscriminatedAllOf.ALL_OF)
                .keyword(Pruning.Ref.REF)
                .build();
        private static final SchemaRegistryConfig CONFIG = SchemaRegistryConfig.builder()
                .pathType(PathType.JSON_POINTER)
                .locale(Locale.ROOT)
                .build();

        private Engine() {
        }

        static SchemaRegistry registry(Loader loader) {
            return SchemaRegistry.withDefaultDialect(DIALECT, b -> b
                    .schemaRegistryConfig(CONFIG)
                    .schemaLoader(l -> l.allow(SchemaSet::allowed).resourceLoaders(r -> r.add(loader))));
        }
    }

    private static boolean allowed(AbsoluteIri iri) {
        String s = iri.toString();
        return s.startsWith(BASE) && allowedRelative(s.substring(BASE.length()));
    }

    /** Whether a path relative to {@link #BASE} names a schema file of the set. */
    static boolean allowedRelative(String relative) {
        return FILE.matcher(relative).matches();
    }

    private static String folder(Profile profile) {
        return profile.name().toLowerCase(Locale.ROOT);
    }

    private static @Nullable SchemaSetException find(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SchemaSetException s) {
                return s;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    private static String describe(Throwable e) {
        if (e instanceof StackOverflowError) {
            return "its references nest too deeply to compile";
        }
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t && t.getMessage() != null
                && t.getMessage().startsWith(t.getCause().getClass().getName())) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    /**
     * Compiles, for the fast path, everything the models compiled so far can reach (for tests).
     *
     * @param profile the profile
     * @return the schema locations the fast path leaves to networknt
     */
    List<String> compileReachable(Profile profile) {
        return fast.get(profile).compileReachable();
    }

    /** @return the message kinds, sorted */
    public SortedMap<String, String> messageKinds() {
        return messageKinds;
    }

    /** @return the reply kinds (kinds answered), sorted */
    public SortedMap<String, String> replyKinds() {
        return replyKinds;
    }

    /**
     * The compiled model of a message kind.
     *
     * @param profile the profile
     * @param kind    the message type
     * @return the model, or null if the kind is unknown
     */
    public @Nullable Model message(Profile profile, String kind) {
        return messages.get(profile).get(kind);
    }

    /**
     * The compiled reply model for a kind answered.
     *
     * @param profile the profile
     * @param kind    the message type answered
     * @return the model, or null if the kind has no reply model
     */
    public @Nullable Model reply(Profile profile, String kind) {
        return replies.get(profile).get(kind);
    }

    /**
     * Where wrapper errors point in the schema set: the bundle whose root is the webhook body (or the reply
     * wrapper).
     *
     * @param profile the profile
     * @param reply   true for the reply bundle
     * @param pointer the JSON pointer inside the bundle, such as {@code /required}
     * @return an absolute schema location
     */
    public static String bundleLocation(Profile profile, boolean reply, String pointer) {
        return BASE + "bundle/server-message" + (reply ? "-response." : ".") + folder(profile) + ".json#" + pointer;
    }

    /**
     * Where the list of message kinds is.
     *
     * @return the schema location of {@code messageKinds} in {@code index.json}
     */
    public static String kindsLocation() {
        return BASE + "index.json#/messageKinds";
    }

    /**
     * Validates a node against a model: first the compiled pass that only decides, then, only if the node fails,
     * the compiled pass that reports errors ({@link FastErrors}); networknt only where the compiled path cannot
     * finish.
     *
     * @param model     the model
     * @param node      the node (the message or reply object)
     * @param budget    the execution limits
     * @param failFast  whether to stop at the first error
     * @param maxErrors the caller's cap, which bounds how many errors are kept in memory
     * @return the errors found, relative to {@code node}
     */
    public Outcome validate(Model model, JsonNode node, Budget budget, boolean failFast, int maxErrors) {
        return validate(model, node, List.of(), budget, failFast, maxErrors);
    }

    /**
     * The same, with every location put under a prefix (where the node sits in the payload).
     *
     * @param model     the model
     * @param node      the node (the message or reply object)
     * @param prefix    the node's place in the payload, such as {@code ["message"]}
     * @param budget    the execution limits
     * @param failFast  whether to stop at the first error
     * @param maxErrors the caller's cap, which bounds how many errors are kept in memory
     * @return the errors found, under {@code prefix}
     */
    public Outcome validate(Model model, JsonNode node, List<Object> prefix, Budget budget, boolean failFast,
            int maxErrors) {
        FastPath.Result fast = FastPath.check(model.fast(), node, budget);
        if (fast.verdict() == FastPath.Verdict.VALID) {
            return fast.notes().isEmpty() ? Outcome.VALID
                    : new Outcome(List.of(), false, FastPath.warnings(fast.notes(), node, prefix));
        }
        if (fast.verdict() == FastPath.Verdict.INVALID) {
            // The compiled tree words the errors itself: networknt need not compile the model at all.
            Outcome compiled = FastErrors.collect(Objects.requireNonNull(model.fast()), node, prefix, failFast,
                    maxErrors, Objects.requireNonNull(fast.run()));
            if (compiled != null) {
                return compiled;
            }
        }
        return under(networknt(model, node, budget, failFast, maxErrors, fast), prefix);
    }

    private static Outcome under(Outcome o, List<Object> prefix) {
        if (prefix.isEmpty() || (o.errors().isEmpty() && o.warnings().isEmpty())) {
            return o;
        }
        List<Located> errors = new ArrayList<>(o.errors().size());
        o.errors().forEach(l -> errors.add(l.under(prefix)));
        List<Located> warnings = new ArrayList<>(o.warnings().size());
        o.warnings().forEach(l -> warnings.add(l.under(prefix)));
        return new Outcome(errors, o.truncated(), warnings);
    }

    private Outcome networknt(Model model, JsonNode node, Budget budget, boolean failFast, int maxErrors,
            FastPath.Result fast) {
        Schema schema = model.schema();
        if (fast.verdict() == FastPath.Verdict.UNDECIDED) {
            try {
                NotingContext quick = new NotingContext(budget.full());
                Boolean ok = schema.validate(quick, node, OutputFormat.BOOLEAN);
                if (Boolean.TRUE.equals(ok)) {
                    return quick.notes().isEmpty() ? Outcome.VALID : new Outcome(List.of(), false, warnings(quick));
                }
            } catch (ValidationLimitExceededException e) {
                return new Outcome(List.of(limitError(e)), false, List.of());
            } catch (StackOverflowError e) {
                return new Outcome(List.of(stackError()), false, List.of());
            }
        }
        return collect(model, node, failFast, maxErrors,
                context(model, budget, failFast, fast.verdict() == FastPath.Verdict.INVALID));
    }

    /**
     * The context of an error-collecting pass.
     *
     * @param model    the model
     * @param budget   the execution limits
     * @param failFast whether to stop at the first error
     * @param prune    whether networknt skips what the compiled path proves valid (only when the compiled model
     *                 exists and found the node invalid; tests compare both ways)
     * @return the context
     */
    NotingContext context(Model model, Budget budget, boolean failFast, boolean prune) {
        NotingContext ctx = new NotingContext(failFast ? budget.failFast() : budget.full());
        if (prune) {
            // Only the failing parts of the body are then evaluated by networknt.
            ctx.prune(fast.get(model.profile), new Fast.Run(budget.full().getMaxEvaluationSteps(),
                    budget.full().getMaxEvaluationDepth()));
        }
        return ctx;
    }

    /**
     * The pass that collects errors.
     *
     * @param model     the model
     * @param node      the node
     * @param failFast  whether to stop at the first error
     * @param maxErrors the caller's cap
     * @param ctx       the context ({@link #context})
     * @return the errors found, relative to {@code node}
     */
    Outcome collect(Model model, JsonNode node, boolean failFast, int maxErrors, NotingContext ctx) {
        Schema schema = model.schema();
        CappedList errors = new CappedList((int) Math.min(Integer.MAX_VALUE - 16L, Math.max(10_000L,
                maxErrors * 10L)));
        ctx.setErrors(errors);
        boolean truncated = false;
        Located abort = null;
        try {
            schema.validate(ctx, node, OutputFormat.DEFAULT);
        } catch (CappedList.Full full) {
            truncated = true;
        } catch (ValidationLimitExceededException e) {
            abort = limitError(e);
        } catch (StackOverflowError e) {
            abort = stackError();
        }
        List<Located> out = new ArrayList<>(errors.size() + 1);
        for (Error e : errors) {
            out.add(ErrorTranslator.translate(e));
        }
        if (abort != null) {
            out.add(abort);
        }
        if (failFast && out.size() > 1) {
            out = new ArrayList<>(out.subList(0, 1));
        }
        return new Outcome(out, truncated, abort == null ? warnings(ctx) : List.of());
    }

    private static List<Located> warnings(NotingContext ctx) {
        List<Located> out = new ArrayList<>(ctx.notes().size());
        for (NotingContext.Note n : ctx.notes()) {
            out.add(unknownVariant(ErrorTranslator.segments(n.tagLocation()), n.property(), n.value().asString(),
                    n.known()));
        }
        return out;
    }

    /** The warning for a tag that selected no branch of an open union (from networknt's notes or the fast path). */
    static Located unknownVariant(List<Object> tagPath, String property, String actual, List<String> known) {
        return unknownVariant(tagPath, property, property, actual, known, "");
    }

    /**
     * The {@link ErrorCode#UNKNOWN_VARIANT} warning: a tag whose value selects none of the known variants, so the
     * object was checked only as an object.
     *
     * @param tagPath        where the tag is
     * @param what           what the tag is called in the message, such as {@code provider} or {@code message type}
     * @param property       the tag's property name
     * @param actual         the value found
     * @param known          the values known
     * @param schemaLocation where the known values are listed, or {@code ""}
     * @return the warning
     */
    public static Located unknownVariant(List<Object> tagPath, String what, String property, String actual,
            List<String> known, String schemaLocation) {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("property", property);
        args.put("actual", actual);
        args.put("known", known);
        return Located.of(ErrorCode.UNKNOWN_VARIANT, "enum", tagPath, schemaLocation,
                "unknown " + what + " " + Messages.quote(actual)
                        + " (newer than the snapshot?); known: " + known + "; checked only as an object",
                args);
    }

    private static Located limitError(ValidationLimitExceededException e) {
        List<Object> path = ErrorTranslator.segments(e.getInstanceLocation());
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("limit", e.getLimit());
        String message;
        if (e.getLimitKind() == ValidationLimitExceededException.LimitKind.EVALUATION_DEPTH) {
            args.put("kind", "depth");
            message = "validation stopped: schema evaluations nest deeper than the limit of " + e.getLimit();
        } else {
            args.put("kind", "steps");
            message = "validation stopped: it needs more than the limit of " + e.getLimit() + " evaluation steps";
        }
        return Located.of(ErrorCode.VALIDATION_LIMIT, "limit", path,
                e.getSchemaLocation() == null ? "" : e.getSchemaLocation().toString(), message, args);
    }

    private static Located stackError() {
        return Located.of(ErrorCode.VALIDATION_LIMIT, "limit", List.of(), "",
                "validation stopped: the payload nests too deeply for the thread's stack", Map.of("kind", "stack"));
    }

    /** Keeps at most {@code cap} errors, then aborts the run. */
    private static final class CappedList extends ArrayList<Error> {
        private static final long serialVersionUID = 1L;
        private final int cap;

        CappedList(int cap) {
            this.cap = cap;
        }

        @Override
        public boolean add(Error e) {
            if (size() >= cap) {
                throw Full.INSTANCE;
            }
            return super.add(e);
        }

        @Override
        public boolean addAll(Collection<? extends Error> c) {
            for (Error e : c) {
                add(e);
            }
            return !c.isEmpty();
        }

        /** Thrown (without a stack trace) when the list is full. */
        static final class Full extends RuntimeException {
            private static final long serialVersionUID = 1L;
            static final Full INSTANCE = new Full();

            private Full() {
                super("too many errors", null, false, false);
            }
        }
    }

    /** The keywords whose target must lie in the set, checked when a file loads (some resolve only when used). */
    private static final List<String> REFS = List.of("$ref", "$dynamicRef", "$recursiveRef");

    private static boolean inside(URI base, String ref) {
        try {
            return base.resolve(new URI(ref)).normalize().toString().startsWith(BASE);
        } catch (URISyntaxException | IllegalArgumentException e) {
            return false;
        }
    }

    /** Serves the files of the set and checks their {@code $schema} and {@code $id}s on the way. */
    private static final class Loader implements ResourceLoader {
        private final SchemaSource source;

        Loader(SchemaSource source) {
            this.source = source;
        }

        @Override
        public @Nullable InputStreamSource getResource(AbsoluteIri iri) {
            String s = iri.toString();
            if (!allowed(iri)) {
                return null;
            }
            String relative = s.substring(BASE.length());
            byte[] bytes;
            try {
                bytes = source.read(relative);
            } catch (IOException e) {
                throw new SchemaSetException("cannot read " + source.describe(relative) + ": " + e.getMessage(), e);
            }
            if (bytes == null) {
                throw new SchemaSetException("missing schema " + source.describe(relative) + " (needed for " + s
                        + ")");
            }
            check(relative, s, bytes);
            return () -> new ByteArrayInputStream(bytes);
        }

        private void check(String relative, String iri, byte[] bytes) {
            JsonNode root;
            try {
                root = PLAIN.readTree(bytes);
            } catch (JacksonException e) {
                throw new SchemaSetException(source.describe(relative) + " is not valid JSON: "
                        + e.getOriginalMessage(), e);
            }
            if (root == null || !(root.isObject() || root.isBoolean())) {
                throw new SchemaSetException(source.describe(relative) + " is not a JSON Schema (not an object)");
            }
            JsonNode dialect = root.get("$schema");
            if (dialect != null && !(dialect.isString() && dialect.stringValue().replaceAll("#$", "")
                    .equals(DRAFT_2020_12))) {
                throw new SchemaSetException(source.describe(relative) + " declares $schema " + dialect
                        + "; only " + DRAFT_2020_12 + " is supported");
            }
            JsonNode id = root.get("$id");
            if (id != null && !(id.isString() && id.stringValue().equals(iri))) {
                throw new SchemaSetException(source.describe(relative) + " declares $id " + id + " but was loaded as "
                        + iri);
            }
            URI base = URI.create(iri);
            Deque<JsonNode> stack = new ArrayDeque<>();
            stack.push(root);
            while (!stack.isEmpty()) {
                JsonNode n = stack.pop();
                if (n.isObject()) {
                    JsonNode nested = n.get("$id");
                    if (nested != null && nested.isString() && n != root) {
                        String resolved;
                        try {
                            resolved = base.resolve(new URI(nested.stringValue())).toString();
                        } catch (URISyntaxException | IllegalArgumentException e) {
                            resolved = nested.stringValue();
                        }
                        if (!resolved.startsWith(BASE)) {
                            throw new SchemaSetException(source.describe(relative) + " declares $id " + nested
                                    + ", which is outside the schema set " + BASE);
                        }
                    }
                    for (String keyword : REFS) {
                        JsonNode ref = n.get(keyword);
                        if (ref != null && ref.isString() && !inside(base, ref.stringValue())) {
                            throw new SchemaSetException(source.describe(relative) + " declares " + keyword + " "
                                    + ref + ", which is outside the schema set " + BASE);
                        }
                    }
                    for (Map.Entry<String, JsonNode> e : n.properties()) {
                        if (e.getValue().isContainer()) {
                            stack.push(e.getValue());
                        }
                    }
                } else if (n.isArray()) {
                    for (JsonNode v : n) {
                        if (v.isContainer()) {
                            stack.push(v);
                        }
                    }
                }
            }
        }
    }
}
