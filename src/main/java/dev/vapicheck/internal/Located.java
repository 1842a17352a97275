package dev.vapicheck.internal;

import dev.vapicheck.ErrorCode;
import dev.vapicheck.ValidationError;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonPointer;

/**
 * A {@link ValidationError} together with its instance location as a list of segments (a {@code String} for an
 * object member, an {@code Integer} for an array element), which is what document ordering needs.
 *
 * @param error the error
 * @param path  the segments of {@code error.instanceLocation()}
 */
public record Located(ValidationError error, List<Object> path) {

    /**
     * Freezes the path.
     *
     * @param error the error
     * @param path  the segments of its instance location
     */
    public Located {
        path = Collections.unmodifiableList(new ArrayList<>(path));
    }

    /**
     * Makes an error whose pointer is built from {@code path}.
     *
     * @param code           the code
     * @param keyword        the keyword
     * @param path           segments of the instance location
     * @param schemaLocation the schema location, or ""
     * @param message        the message
     * @param arguments      the arguments
     * @return the located error
     */
    public static Located of(ErrorCode code, String keyword, List<Object> path, String schemaLocation,
            String message, Map<String, Object> arguments) {
        return new Located(new ValidationError(code, keyword, pointer(path), schemaLocation, message, arguments),
                path);
    }

    /**
     * Builds a JSON Pointer from segments.
     *
     * @param path segments: {@code String} for members, {@code Integer} for elements
     * @return the pointer
     */
    public static JsonPointer pointer(List<Object> path) {
        StringBuilder sb = new StringBuilder();
        for (Object segment : path) {
            sb.append('/');
            if (segment instanceof Integer i) {
                sb.append(i.intValue());
            } else {
                String name = segment.toString();
                for (int i = 0; i < name.length(); i++) {
                    char c = name.charAt(i);
                    if (c == '~') {
                        sb.append("~0");
                    } else if (c == '/') {
                        sb.append("~1");
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return JsonPointer.compile(sb.toString());
    }

    /**
     * A copy of this error moved under a prefix (such as {@code /message}).
     *
     * @param prefix segments to put in front
     * @return the moved error, or this if the prefix is empty
     */
    public Located under(List<Object> prefix) {
        if (prefix.isEmpty()) {
            return this;
        }
        List<Object> full = new ArrayList<>(prefix.size() + path.size());
        full.addAll(prefix);
        full.addAll(path);
        ValidationError e = error;
        return new Located(new ValidationError(e.code(), e.keyword(), pointer(full), e.schemaLocation(), e.message(),
                e.arguments()), full);
    }
}
