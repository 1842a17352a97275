package dev.vapicheck.internal;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vapicheck.SchemaSetException;
import org.junit.jupiter.api.Test;

class JacksonHostTest {

    @Test
    void thisClassPathPasses() {
        assertThatCode(JacksonHost::check).doesNotThrowAnyException();
    }

    @Test
    void oldAnnotationsMessageNamesArtifactVersionsAndFix() {
        String m = JacksonHost.annotationsMessage("2.19.2");

        org.assertj.core.api.Assertions.assertThat(m)
                .contains("com.fasterxml.jackson.core:jackson-annotations is 2.19.2")
                .contains("needs 2.21 or later")
                .contains("Fix: manage com.fasterxml.jackson.core:jackson-annotations at 2.21");
    }

    @Test
    void jackson30IsRefusedWithTheFix() {
        assertThatThrownBy(() -> JacksonHost.checkJackson3("tools.jackson.core:jackson-databind", "3.0.4"))
                .isInstanceOf(SchemaSetException.class)
                .hasMessageContaining("tools.jackson.core:jackson-databind is 3.0.4")
                .hasMessageContaining("needs 3.1 or later")
                .hasMessageContaining("Fix: manage tools.jackson.core:jackson-databind");
    }

    @Test
    void jackson31AndLaterPass() {
        assertThatCode(() -> JacksonHost.checkJackson3("tools.jackson.core:jackson-core", "3.1.0"))
                .doesNotThrowAnyException();
        assertThatCode(() -> JacksonHost.checkJackson3("tools.jackson.core:jackson-core", "3.3.0-rc1"))
                .doesNotThrowAnyException();
    }
}
