package dev.vapicheck;

import dev.vapicheck.internal.DocumentOrder;
import dev.vapicheck.internal.Located;
import dev.vapicheck.internal.Messages;
import dev.vapicheck.internal.PayloadReader;
import dev.vapicheck.internal.SchemaSet;
import java.io.InputStream;
import java.io.Reader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One validator's way from a payload to a result: read, find the message (or reply) and its kind, validate it
 * against that kind's model only, then order and cap the errors.
 */
final class Dispatch {
    private static final List<Object> MESSAGE = List.of("message");
    private static final List<Object> MESSAGE_RESPONSE = List.of("messageResponse");

    private final SchemaSet schemas;
    private final PayloadReader reader;
    private final SchemaSet.Budget budget;

    Dispatch(SchemaSet schemas, PayloadReader reader, SchemaSet.Budget budget) {
        this.schemas = schemas;
        this.reader = reader;
        this.budget = budget;
    }

    /** What one profile found: errors, and the unknown variants it let through. */
    private record Found(@Nullable String messageType, List<Located> errors, boolean truncated,
            List<Located> unknownVariants) {
        Found(@Nullable String messageType, List<Located> errors, boolean truncated) {
            this(messageType, errors, truncated, List.of());
        }
    }

    ValidationResult run(Payload payload, Check check, int maxErrors) {
        String replyKind = check.replyKind();
        String requiredKind = check.requiredKind();
        if (replyKind != null && !schemas.replyKinds().containsKey(replyKind)) {
            throw new IllegalArgumentException("no reply model for messages of type \"" + replyKind
                    + "\"; the kinds that have one are " + schemas.replyKinds().keySet());
        }
        if (requiredKind != null && !schemas.messageKinds().containsKey(requiredKind)) {
            throw new IllegalArgumentException("unknown message kind \"" + requiredKind + "\"; the known kinds are "
                    + schemas.messageKinds().keySet());
        }
        Profile profile = check.getProfile();
        PayloadReader.Parsed parsed = read(payload);
        JsonNode root = parsed.node();
        if (root == null) {
            Located error = parsed.error();
            return new ValidationResult(replyKind, profile, error == null ? List.of() : List.of(error.error()),
                    List.of(), false);
        }
        // Fail-fast reports exactly one error, whatever step found more.
        int cap = check.isFailFast() ? 1 : maxErrors;
        Found found = guarded(root, check, profile, cap, replyKind);
        List<Located> sorted = DocumentOrder.sort(found.errors(), root);
        List<ValidationError> errors = first(sorted, cap);
        // Truncated only when errors were really left out: counted after duplicates are dropped.
        boolean truncated = found.truncated() || sorted.size() > cap;
        // Unknown variants are always reported; with warnings asked for, so is what strict flags besides them.
        Map<String, Located> unknown = new LinkedHashMap<>();
        for (Located w : found.unknownVariants()) {
            unknown.putIfAbsent(w.error().instanceLocation().toString(), w);
        }
        List<Located> warnings = new ArrayList<>(unknown.values());
        if (check.wantsWarnings() && profile == Profile.LENIENT && errors.isEmpty()) {
            Found strict = guarded(root, check, Profile.STRICT, maxErrors, replyKind);
            for (Located w : strict.errors()) {
                if (!unknown.containsKey(w.error().instanceLocation().toString())) {
                    warnings.add(w);
                }
            }
            truncated |= strict.truncated();
        }
        List<Located> sortedWarnings = DocumentOrder.sort(warnings, root);
        truncated |= sortedWarnings.size() > maxErrors;
        return new ValidationResult(found.messageType(), profile, errors, first(sortedWarnings, maxErrors),
                truncated);
    }

    /** Evaluates; a bug or an engine failure becomes an error, never an exception for a data problem. */
    private Found guarded(JsonNode root, Check check, Profile profile, int maxErrors, @Nullable String replyKind) {
        try {
            return evaluate(root, check, profile, maxErrors);
        } catch (RuntimeException e) {
            Located error = Located.of(ErrorCode.OTHER, "other", List.of(), "",
                    "validation failed unexpectedly: " + e.getClass().getSimpleName(), Map.of());
            return new Found(replyKind, List.of(error), false);
        }
    }

    private static List<ValidationError> first(List<Located> sorted, int cap) {
        List<ValidationError> out = new ArrayList<>(Math.min(sorted.size(), cap));
        for (int i = 0; i < sorted.size() && i < cap; i++) {
            out.add(sorted.get(i).error());
        }
        return out;
    }

    private PayloadReader.Parsed read(Payload payload) {
        Object source = payload.source();
        return switch (payload.form()) {
            case STRING -> reader.read((String) source);
            case BYTES -> reader.read((byte[]) source);
            case STREAM -> reader.read((InputStream) source);
            case READER -> reader.read((Reader) source);
            case TREE -> reader.check((JsonNode) source);
        };
    }

    private Found evaluate(JsonNode root, Check check, Profile profile, int maxErrors) {
        String replyKind = check.replyKind();
        if (replyKind != null) {
            return evaluateReply(root, replyKind, check, profile, maxErrors);
        }
        return evaluateMessage(root, check, profile, maxErrors);
    }

    private Found evaluateMessage(JsonNode root, Check check, Profile profile, int maxErrors) {
        if (!root.isObject()) {
            return new Found(null, List.of(notAnObject(List.of(), root, "a message")), false);
        }
        List<Located> errors = new ArrayList<>();
        JsonNode message = root;
        List<Object> prefix = List.of();
        if (!root.has("type") && root.has("message")) {
            message = root.get("message");
            prefix = MESSAGE;
            if (profile == Profile.STRICT) {
                unknownMembers(root, "message", SchemaSet.bundleLocation(profile, false, "/additionalProperties"),
                        errors);
            }
            if (!message.isObject()) {
                errors.add(notAnObject(prefix, message, "\"message\""));
                return new Found(null, errors, false);
            }
        }
        JsonNode type = message.get("type");
        if (type == null) {
            String text = prefix.isEmpty()
                    ? "missing required property \"type\" (a bare message) or \"message\" (a webhook body)"
                    : "missing required property \"type\"";
            errors.add(Located.of(ErrorCode.REQUIRED, "required", prefix, SchemaSet.kindsLocation(), text,
                    Map.of("property", "type")));
            return new Found(null, errors, false);
        }
        List<Object> typePath = append(prefix, "type");
        String kind = type.isString() ? type.stringValue() : null;
        SchemaSet.Model model = kind == null ? null : schemas.message(profile, kind);
        String required = check.requiredKind();
        if (model == null) {
            List<String> known = new ArrayList<>(schemas.messageKinds().keySet());
            if (kind != null && profile == Profile.LENIENT && !check.rejectsUnknownKinds()) {
                // A kind newer than the snapshot: valid as an object, with a warning at its type.
                Located warning = SchemaSet.unknownVariant(typePath, "message type", "type", kind, known,
                        SchemaSet.kindsLocation());
                if (required != null) {
                    errors.add(wrongKind(typePath, required, kind));
                }
                return new Found(kind, errors, false, List.of(warning));
            }
            String shown = kind == null ? Messages.typeOf(type) + (type.isValueNode() ? " " + type : "") : Messages.quote(kind);
            errors.add(Located.of(ErrorCode.UNKNOWN_MESSAGE_TYPE, "enum", typePath, SchemaSet.kindsLocation(),
                    "unknown message type " + shown + ": expected one of " + known,
                    args("allowed", known, "actual", kind == null ? type.toString() : kind)));
            return new Found(kind, errors, false);
        }
        if (required != null && !required.equals(kind)) {
            errors.add(wrongKind(typePath, required, kind));
        }
        if (check.isFailFast() && !errors.isEmpty()) {
            return new Found(kind, errors.subList(0, 1), false);
        }
        SchemaSet.Outcome outcome = schemas.validate(model, message, prefix, budget, check.isFailFast(), maxErrors);
        errors.addAll(outcome.errors());
        return new Found(kind, errors, outcome.truncated(), outcome.warnings());
    }

    private static Located wrongKind(List<Object> typePath, String required, String kind) {
        return Located.of(ErrorCode.WRONG_MESSAGE_TYPE, "const", typePath, "",
                "expected a message of type " + Messages.quote(required) + " but was " + Messages.quote(kind),
                args("expected", required, "actual", kind));
    }

    private Found evaluateReply(JsonNode root, String kind, Check check, Profile profile, int maxErrors) {
        if (!root.isObject()) {
            return new Found(kind, List.of(notAnObject(List.of(), root, "a reply")), false);
        }
        List<Located> errors = new ArrayList<>();
        JsonNode reply = root;
        List<Object> prefix = List.of();
        if (root.has("messageResponse")) {
            reply = root.get("messageResponse");
            prefix = MESSAGE_RESPONSE;
            if (profile == Profile.STRICT) {
                unknownMembers(root, "messageResponse",
                        SchemaSet.bundleLocation(profile, true, "/additionalProperties"), errors);
            }
            if (!reply.isObject()) {
                errors.add(notAnObject(prefix, reply, "\"messageResponse\""));
                return new Found(kind, errors, false);
            }
        }
        if (check.isFailFast() && !errors.isEmpty()) {
            return new Found(kind, errors.subList(0, 1), false);
        }
        SchemaSet.Model model = schemas.reply(profile, kind);
        if (model == null) {
            throw new IllegalStateException("no compiled reply model for " + kind);
        }
        SchemaSet.Outcome outcome = schemas.validate(model, reply, prefix, budget, check.isFailFast(), maxErrors);
        errors.addAll(outcome.errors());
        return new Found(kind, errors, outcome.truncated(), outcome.warnings());
    }

    private static void unknownMembers(JsonNode wrapper, String allowed, String schemaLocation, List<Located> out) {
        for (String name : wrapper.propertyNames()) {
            if (!allowed.equals(name)) {
                out.add(Located.of(ErrorCode.ADDITIONAL_PROPERTIES, "additionalProperties", List.of(name),
                        schemaLocation, "unknown property " + Messages.quote(name) + " (the schema does not define it)",
                        Map.of("property", name)));
            }
        }
    }

    private static Located notAnObject(List<Object> path, JsonNode node, String what) {
        return Located.of(ErrorCode.NOT_AN_OBJECT, "type", path, "",
                "expected " + what + " to be a JSON object but was " + Messages.typeOf(node),
                args("expected", List.of("object"), "actual", Messages.typeOf(node)));
    }

    private static List<Object> append(List<Object> path, Object segment) {
        List<Object> out = new ArrayList<>(path);
        out.add(segment);
        return out;
    }

    private static Map<String, Object> args(String k1, Object v1, String k2, Object v2) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(k1, v1);
        m.put(k2, v2);
        return m;
    }
}
