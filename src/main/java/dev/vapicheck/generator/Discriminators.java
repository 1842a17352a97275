package dev.vapicheck.generator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Phase 3: which unions have a property that tells their branches apart (a {@code type} or {@code provider}
 * whose values are enums in every branch), and which branches each value selects.
 *
 * <p>A union of one branch has a tag too when that branch's {@code type} or {@code provider} is a const: a
 * value the snapshot does not know is then a new variant (a legacy knowledge base, a new provider), not a
 * broken object.
 */
final class Discriminators {

    /** Properties that may tag a union of one branch. */
    private static final List<String> SINGLE_BRANCH_TAGS = List.of("type", "provider");

    /** A discriminated union: the property that tells branches apart, and the branches for each value. */
    record Discriminator(String property, SortedMap<String, List<String>> branchesByValue) {}

    private final Map<String, Discriminator> byUnion;
    /** {@code Model.wireName} of every property that selects a union branch. */
    private final Set<String> tagProperties;

    private Discriminators(Map<String, Discriminator> byUnion, Set<String> tagProperties) {
        this.byUnion = byUnion;
        this.tagProperties = tagProperties;
    }

    static Discriminators find(Catalog catalog) {
        Map<String, Discriminator> byUnion = new TreeMap<>();
        Set<String> tags = new TreeSet<>();
        for (String name : catalog.models()) {
            if (!catalog.isUnion(name)) {
                continue;
            }
            List<String> variants = catalog.unionModelVariants(name);
            if (variants == null || variants.isEmpty()) {
                continue;
            }
            Discriminator best = variants.size() == 1 ? singleBranch(catalog, variants.get(0)) : best(catalog, variants);
            if (best != null) {
                byUnion.put(name, best);
                for (String v : variants) {
                    tags.add(v + "." + best.property());
                }
            }
        }
        return new Discriminators(byUnion, tags);
    }

    private static Discriminator best(Catalog catalog, List<String> variants) {
        Discriminator best = null;
        DocModel first = catalog.doc(variants.get(0));
        for (DocModel.Property p : first.properties()) {
            String wire = catalog.wire(first.name(), p);
            SortedMap<String, List<String>> byValue = new TreeMap<>();
            boolean ok = true;
            for (String v : variants) {
                List<String> values = catalog.enumValues(v, wire);
                if (values.isEmpty()) {
                    ok = false;
                    break;
                }
                for (String value : values) {
                    byValue.computeIfAbsent(value, k -> new ArrayList<>()).add(v);
                }
            }
            if (!ok || byValue.size() < 2) {
                continue;
            }
            if (best == null || distinctBranches(byValue) > distinctBranches(best.branchesByValue())) {
                best = new Discriminator(wire, byValue);
            }
        }
        return best;
    }

    private static Discriminator singleBranch(Catalog catalog, String variant) {
        for (String wire : SINGLE_BRANCH_TAGS) {
            List<String> values = catalog.enumValues(variant, wire);
            if (values.size() == 1) {
                SortedMap<String, List<String>> byValue = new TreeMap<>();
                byValue.put(values.get(0), List.of(variant));
                return new Discriminator(wire, byValue);
            }
        }
        return null;
    }

    private static int distinctBranches(SortedMap<String, List<String>> byValue) {
        return (int) byValue.values().stream().filter(l -> l.size() == 1).count() * 1000 + byValue.size();
    }

    /** The discriminator of a union, or {@code null}. */
    Discriminator of(String union) {
        return byUnion.get(union);
    }

    Map<String, Discriminator> all() {
        return byUnion;
    }

    /** Whether a model's property selects a branch of some union. */
    boolean isTag(String model, String wire) {
        return tagProperties.contains(model + "." + wire);
    }
}
