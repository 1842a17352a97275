package dev.vapicheck.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Sorts errors in document order: by where their instance location appears in the payload (a parent before its
 * children, members in the order they were written, elements by index), then by keyword ({@code type} first,
 * as it is the most basic fault, then alphabetically), then by message. Errors equal in location, keyword and
 * message (as several branches of a union can report) are kept once.
 */
public final class DocumentOrder {
    private DocumentOrder() {
    }

    /**
     * Sorts errors by their position in a document.
     *
     * @param errors the errors, with paths relative to {@code root}
     * @param root   the document as given
     * @return a new sorted list
     */
    public static List<Located> sort(List<Located> errors, @Nullable JsonNode root) {
        if (errors.size() < 2) {
            return new ArrayList<>(errors);
        }
        // Sorting is stable: errors equal in every key keep their evaluation order.
        Map<JsonNode, Map<String, Integer>> memberIndexes = new IdentityHashMap<>();
        List<Keyed> keyed = new ArrayList<>(errors.size());
        for (Located e : errors) {
            keyed.add(new Keyed(e, positions(root, e.path(), memberIndexes)));
        }
        keyed.sort(Comparator.<Keyed, int[]>comparing(k -> k.positions, DocumentOrder::compare)
                .thenComparing(k -> k.error.error().keyword(), DocumentOrder::compareKeywords)
                .thenComparing(k -> k.error.error().message()));
        List<Located> out = new ArrayList<>(keyed.size());
        Located previous = null;
        for (Keyed k : keyed) {
            if (previous == null || !same(previous, k.error)) {
                out.add(k.error);
                previous = k.error;
            }
        }
        return out;
    }

    private static boolean same(Located a, Located b) {
        return a.error().instanceLocation().equals(b.error().instanceLocation())
                && a.error().keyword().equals(b.error().keyword())
                && a.error().message().equals(b.error().message());
    }

    private static int compareKeywords(String a, String b) {
        boolean aType = "type".equals(a);
        boolean bType = "type".equals(b);
        if (aType != bType) {
            return aType ? -1 : 1;
        }
        return a.compareTo(b);
    }

    private record Keyed(Located error, int[] positions) {
    }

    private static int[] positions(@Nullable JsonNode root, List<Object> path,
            Map<JsonNode, Map<String, Integer>> memberIndexes) {
        int[] out = new int[path.size()];
        JsonNode node = root;
        for (int i = 0; i < path.size(); i++) {
            Object segment = path.get(i);
            int position = Integer.MAX_VALUE;
            JsonNode next = null;
            if (node != null && node.isObject()) {
                String name = segment.toString();
                Integer index = memberIndexes.computeIfAbsent(node, DocumentOrder::indexMembers).get(name);
                if (index != null) {
                    position = index;
                    next = node.get(name);
                }
            } else if (node != null && node.isArray() && segment instanceof Integer index) {
                position = index;
                next = node.get(index);
            }
            out[i] = position;
            node = next;
        }
        return out;
    }

    private static Map<String, Integer> indexMembers(JsonNode object) {
        Map<String, Integer> indexes = new HashMap<>();
        int i = 0;
        for (String name : object.propertyNames()) {
            indexes.put(name, i++);
        }
        return indexes;
    }

    private static int compare(int[] a, int[] b) {
        int n = Math.min(a.length, b.length);
        for (int i = 0; i < n; i++) {
            int c = Integer.compare(a[i], b[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.length, b.length);
    }
}
