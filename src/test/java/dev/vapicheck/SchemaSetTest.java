package dev.vapicheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Loading schema sets with {@link VapiValidator.Builder#schemaDirectory(Path)}, on Jimfs. */
class SchemaSetTest {
    final FileSystem fs = TestSchemas.jimfs();
    final Path set = TestSchemas.copy(TestSchemas.smallSet(), fs, "/set");

    @AfterEach
    void close() throws IOException {
        fs.close();
    }

    private void write(String relative, String content) throws IOException {
        Files.writeString(set.resolve(relative), content, StandardCharsets.UTF_8);
    }

    private VapiValidator build() {
        return VapiValidator.builder().schemaDirectory(set).build();
    }

    private static String schema(String profile, String model, String body) {
        return "{\"$schema\": \"https://json-schema.org/draft/2020-12/schema\", \"$id\": "
                + "\"https://vapi-check.dev/schemas/1.0/" + profile + "/" + model + ".json\", " + body + "}";
    }

    @Test
    void loadsASetFromAnyFileSystem() {
        VapiValidator v = build();
        assertThat(v.messageKinds()).contains("status-update");
        assertThat(v.validate("{\"type\": \"transcript\", \"role\": \"user\", \"transcriptType\": \"final\","
                + " \"transcript\": \"hi\"}").isValid()).isTrue();
    }

    @Test
    void aRefToAnyOtherHostFailsAtBuildWithoutTouchingTheNetwork() throws Exception {
        AtomicInteger accepted = new AtomicInteger();
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket socket = server.accept();
                        accepted.incrementAndGet();
                        socket.close();
                    } catch (SocketException closed) {
                        return;
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            String remote = "http://127.0.0.1:" + server.getLocalPort() + "/x.json";
            for (String profile : new String[] {"lenient", "strict"}) {
                write(profile + "/CreateCustomerDTO.json", schema(profile, "CreateCustomerDTO",
                        "\"type\": \"object\", \"properties\": {\"number\": {\"$ref\": \"" + remote + "\"}}"));
            }
            assertThatThrownBy(this::build).isInstanceOf(SchemaSetException.class)
                    .hasMessageContaining("127.0.0.1:" + server.getLocalPort());
            // A root schema $id elsewhere, and a nested one, are refused as well.
            write("strict/CreateCustomerDTO.json", schema("strict", "CreateCustomerDTO", "\"type\": \"object\"")
                    .replace("https://vapi-check.dev/schemas/1.0/strict/CreateCustomerDTO.json", remote));
            assertThatThrownBy(this::build).isInstanceOf(SchemaSetException.class);
            Thread.sleep(200);
            assertThat(accepted.get()).isZero();
        }
    }

    @Test
    void aNestedIdOutsideTheSetFails() throws IOException {
        write("lenient/CreateCustomerDTO.json", schema("lenient", "CreateCustomerDTO",
                "\"type\": \"object\", \"properties\": {\"number\": {\"$id\": \"https://example.com/n.json\","
                        + " \"type\": \"string\"}}"));
        assertThatThrownBy(this::build).isInstanceOf(SchemaSetException.class)
                .hasMessageContaining("https://example.com/n.json");
    }

    @Test
    void aDynamicRefOutsideTheSetFailsAtBuildNotAtValidation() throws IOException {
        // Fuzz finding: the engine resolves $dynamicRef only when it is used, so it loaded and then threw.
        for (String keyword : new String[] {"$dynamicRef", "$ref"}) {
            write("strict/CreateCustomerDTO.json", schema("strict", "CreateCustomerDTO",
                    "\"type\": \"object\", \"properties\": {\"number\": {\"" + keyword
                            + "\": \"https://example.com/meta.json#meta\"}}"));
            assertThatThrownBy(this::build).as(keyword).isInstanceOf(SchemaSetException.class)
                    .hasMessageContaining(keyword).hasMessageContaining("https://example.com/meta.json#meta");
        }
    }

    @Test
    void aRefToAMissingFileNamesIt() throws IOException {
        Files.delete(set.resolve("strict/VonagePhoneNumber.json"));
        assertThatThrownBy(this::build).isInstanceOf(SchemaSetException.class)
                .hasMessageContaining("VonagePhoneNumber.json");
    }

    @Test
    void aRefLeavingTheProfileFoldersFails() throws IOException {
        write("lenient/CreateCustomerDTO.json", schema("lenient", "CreateCustomerDTO",
                "\"properties\": {\"number\": {\"$ref\": \"../../../etc/passwd\"}}"));
        assertThatThrownBy(this::build).isInstanceOf(SchemaSetException.class);
    }

    @Test
    void aModelMissingFromTheIndexFails() throws IOException {
        Files.delete(set.resolve("lenient/ServerMessageTranscript.json"));
        assertThatThrownBy(this::build).isInstanceOf(SchemaSetException.class)
                .hasMessageContaining("ServerMessageTranscript.json");
    }

    @Test
    void aSchemaThatIsNotJsonOrNotASchemaFails() throws IOException {
        write("strict/Call.json", "{ not json");
        assertThatThrownBy(this::build).isInstanceOf(SchemaSetException.class).hasMessageContaining("Call.json");
        write("strict/Call.json", "[1, 2]");
        assertThatThrownBy(this::build).isInstanceOf(SchemaSetException.class).hasMessageContaining("Call.json");
    }

    @Test
    void anotherDialectFails() throws IOException {
        write("strict/Call.json", schema("strict", "Call", "\"type\": \"object\"")
                .replace("2020-12", "2019-09"));
        assertThatThrownBy(this::build).isInstanceOf(SchemaSetException.class).hasMessageContaining("$schema");
    }

    @Test
    void aMismatchedIdFails() throws IOException {
        write("strict/Call.json", schema("strict", "Other", "\"type\": \"object\""));
        assertThatThrownBy(this::build).isInstanceOf(SchemaSetException.class).hasMessageContaining("$id");
    }

    @Test
    void aMissingOrMalformedIndexFails() throws IOException {
        Files.delete(set.resolve("index.json"));
        assertThatThrownBy(this::build).isInstanceOf(SchemaSetException.class).hasMessageContaining("index.json");
        write("index.json", "{\"messageKinds\": []}");
        assertThatThrownBy(this::build).isInstanceOf(SchemaSetException.class).hasMessageContaining("messageKinds");
        write("index.json", "{\"messageKinds\": {\"hang\": \"../Escape\"}}");
        assertThatThrownBy(this::build).isInstanceOf(SchemaSetException.class).hasMessageContaining("hang");
        write("index.json", "nope");
        assertThatThrownBy(this::build).isInstanceOf(SchemaSetException.class).hasMessageContaining("index.json");
    }

    @Test
    void aMissingDirectoryFails() {
        assertThatThrownBy(() -> VapiValidator.builder().schemaDirectory(fs.getPath("/nowhere")).build())
                .isInstanceOf(SchemaSetException.class).hasMessageContaining("index.json");
    }
}
