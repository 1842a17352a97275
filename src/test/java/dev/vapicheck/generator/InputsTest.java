package dev.vapicheck.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

class InputsTest {

    @Test
    void missingSnapshotSkipsWithWhereToGetIt(@TempDir Path tmp) {
        assertThatThrownBy(() -> Inputs.apiDir(tmp.resolve("nowhere"), false))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("nowhere")
                .hasMessageContaining("../shared/vapi-api-1.0")
                .hasMessageContaining("-Dvapi.api.dir=");
    }

    @Test
    void missingSnapshotFailsWhenRequired(@TempDir Path tmp) {
        assertThatThrownBy(() -> Inputs.apiDir(tmp.resolve("nowhere"), true))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("vapi.require.inputs");
    }

    @Test
    void foundSnapshotIsReturned(@TempDir Path tmp) throws Exception {
        Files.createDirectories(tmp.resolve("model-docs"));

        assertThat(Inputs.apiDir(tmp, true)).isEqualTo(tmp);
    }
}
