package dev.vapicheck;

/**
 * Which of the two schema sets a payload is checked against.
 *
 * <p>Both profiles enforce single-valued enums (constants) and the discriminators of unions
 * (such as {@code message.type}).
 */
public enum Profile {
    /**
     * The default: unknown properties are allowed, and an enum with several values that is not a union
     * discriminator is only checked for its JSON type, so that new values Vapi adds do not break a server.
     */
    LENIENT,
    /**
     * Every object model has {@code additionalProperties: false} and every enum is enforced: this is how
     * drift between the published API and real traffic shows up.
     */
    STRICT;

    /** The folder of this profile in a schema set ({@code lenient} or {@code strict}). */
    String folder() {
        return this == LENIENT ? "lenient" : "strict";
    }
}
