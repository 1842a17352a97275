package dev.vapicheck.gateway;

/** What a gateway does with a message that fails validation. */
public enum Mode {
    /** Answer it with a problem ({@code application/problem+json}, 422 or 400); the server never sees it. */
    ENFORCE,
    /** Pass it on unchanged and record the outcome only. */
    MONITOR
}
