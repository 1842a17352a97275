package dev.vapicheck.internal;

import com.networknt.schema.ExecutionConfig;
import com.networknt.schema.ExecutionContext;
import com.networknt.schema.path.NodePath;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * An execution context that also collects notes: the unknown union variants the lenient profile lets through,
 * found by {@link DiscriminatedAllOf}. A note taken inside an alternative that fails is withdrawn by
 * {@link ClosestBranch}, so only the notes of the path that decided the verdict remain.
 */
final class NotingContext extends ExecutionContext {

    /** An unknown variant: where its tag is, the tag's value and the values known. */
    record Note(NodePath tagLocation, String property, JsonNode value, List<String> known) {
    }

    private final List<Note> notes = new ArrayList<>();
    private @Nullable FastCompiler compiler;
    private Fast.@Nullable Run run;
    private int skipped;

    NotingContext(ExecutionConfig config) {
        super(config);
    }

    /**
     * Lets networknt skip what the compiled path proves valid ({@link Pruning}).
     *
     * @param compiler the profile's compiler
     * @param run      the compiled run shared by every check of this validation
     */
    void prune(FastCompiler compiler, Fast.Run run) {
        this.compiler = compiler;
        this.run = run;
    }

    @Nullable FastCompiler compiler() {
        return compiler;
    }

    Fast.@Nullable Run run() {
        return run;
    }

    /** Counts an evaluation skipped ({@link Pruning}). */
    void skipped() {
        skipped++;
    }

    /** @return how many evaluations were skipped */
    int skips() {
        return skipped;
    }

    void note(Note note) {
        notes.add(note);
    }

    /** A mark to {@link #rollback(int)} to. */
    int mark() {
        return notes.size();
    }

    /** Withdraws the notes taken since the mark. */
    void rollback(int mark) {
        notes.subList(mark, notes.size()).clear();
    }

    List<Note> notes() {
        return notes;
    }
}
