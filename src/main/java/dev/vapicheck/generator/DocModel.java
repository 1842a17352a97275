package dev.vapicheck.generator;

import java.util.List;

/**
 * One model doc: an object with properties, or a union ("Enum Variants") over models or primitives.
 *
 * @param name the model name (the doc's heading)
 * @param file the doc's file name
 * @param properties the properties of an object model, in doc order
 * @param variants the variants of a union, in doc order; {@code String} and {@code f64} stand for primitives
 */
record DocModel(String name, String file, Kind kind, List<Property> properties, List<String> variants) {

    enum Kind { OBJECT, UNION }

    /**
     * A row of the properties table.
     *
     * @param docName the Rust name as shown ({@code r#type}, {@code phone_number})
     * @param optional whether the notes say {@code [optional]}
     * @param line the 1-based line of the row in its doc
     */
    record Property(String docName, TypeRef type, boolean optional, boolean readOnly, int line) {

        /** Required but may be null: {@code Option<X>} without {@code [optional]}. */
        boolean nullableByDoc() {
            return !optional && type instanceof TypeRef.Optional;
        }

        /** The Rust name without its raw-identifier prefix. */
        String bareName() {
            return docName.startsWith("r#") ? docName.substring(2) : docName;
        }
    }
}
