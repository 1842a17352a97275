package dev.vapicheck.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Upgrading to a newer snapshot as a user would: the generator reads a docs folder as openapi-generator writes it
 * (endpoint docs included) and an OpenAPI document with unresolved {@code $ref}s, reports what changed as a draft
 * reviewed list ({@code --propose}), refuses the draft until its reasons are written, and with {@code --reviewed}
 * writes schemas that take the change.
 */
class UpgradeTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path work;

    /** A copy of the snapshot with one endpoint doc, one new property (a disagreement) and one new union variant. */
    private Path newerSnapshot() throws IOException {
        Path api = work.resolve("vapi-api-next");
        Path docs = Files.createDirectories(api.resolve("model-docs"));
        try (Stream<Path> s = Files.list(Inputs.apiDir().resolve("model-docs"))) {
            for (Path f : s.toList()) {
                Files.copy(f, docs.resolve(f.getFileName().toString()));
            }
        }
        Files.writeString(docs.resolve("CallsApi.md"), """
                # \\\\CallsApi

                All URIs are relative to *https://api.example*

                Method | HTTP request | Description
                ------------- | ------------- | -------------
                [**call_controller_find_one**](CallsApi.md#call_controller_find_one) | **GET** /call/{id} | Get Call

                ## call_controller_find_one

                > models::Call call_controller_find_one(id)
                """);
        edit(docs.resolve("ServerMessageHang.md"), "**timestamp** |",
                "**turn_id** | Option<**String**> | A turn. | [optional]\n**timestamp** |");
        edit(docs.resolve("CallCostsInner.md"), "| VoicemailDetectionCost |  |",
                "| VoicemailDetectionCost |  |\n| KnowledgeBaseCost |  |");
        Files.writeString(docs.resolve("KnowledgeBaseCost.md"), """
                # KnowledgeBaseCost

                ## Properties

                Name | Type | Description | Notes
                ------------ | ------------- | ------------- | -------------
                **r#type** | **String** | The type. |\s
                **cost** | **f64** | The cost. |\s

                """);
        String yaml = Files.readString(Inputs.apiDir().resolve("openapi.yaml"), StandardCharsets.UTF_8);
        String hang = "    ServerMessageHang:\n      required:\n      - type\n      type: object\n      properties:\n";
        assertThat(yaml).contains(hang);
        yaml = yaml.replace(hang, hang.replace("      - type\n", "      - type\n      - turnId\n")
                + "        turnId:\n          type: string\n");
        String analysis = "            - $ref: '#/components/schemas/AnalysisCost'\n";
        assertThat(yaml).contains(analysis);
        yaml = yaml.replace(analysis, analysis + "            - $ref: '#/components/schemas/KnowledgeBaseCost'\n");
        String components = "components:\n  schemas:\n";
        assertThat(yaml).contains(components);
        // The new model's tag is a reference into components, as an unresolved document writes it.
        yaml = yaml.replace(components, components
                + "    KnowledgeBaseCost:\n      type: object\n      required:\n      - type\n      - cost\n"
                + "      properties:\n        type:\n          $ref: '#/components/schemas/KnowledgeBaseCostType'\n"
                + "        cost:\n          type: number\n"
                + "    KnowledgeBaseCostType:\n      type: string\n      enum:\n      - knowledge-base\n");
        Files.writeString(api.resolve("openapi.yaml"), yaml, StandardCharsets.UTF_8);
        return api;
    }

    private static void edit(Path file, String find, String replacement) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(text).contains(find);
        Files.writeString(file, text.replace(find, replacement), StandardCharsets.UTF_8);
    }

    private record Run(int exit, String out, String err) {}

    private static Run generate(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = new CommandLine(new Generate());
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int exit = cmd.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void proposeThenReviewedTakesTheNewSnapshot() throws IOException {
        Path api = newerSnapshot();
        Path out = work.resolve("schemas");
        Path draft = work.resolve("reviewed-draft.json");

        Run first = generate("--api", api.toString(), "--out", out.toString(), "--propose", draft.toString());
        assertThat(first.exit()).isEqualTo(1);
        assertThat(first.err()).contains("unreviewed disagreement: ServerMessageHang.turnId: docs optional, openapi required")
                .doesNotContain("CallsApi");
        assertThat(Files.exists(out)).isFalse();

        JsonNode proposal = JSON.readTree(draft.toFile());
        JsonNode entry = null;
        for (JsonNode d : proposal.path("disagreements")) {
            if (d.path("key").asString().startsWith("ServerMessageHang.turnId")) {
                entry = d;
            }
        }
        assertThat(entry).isNotNull();
        assertThat(entry.path("reason").asString()).isEmpty();
        assertThat(proposal.path("stale")).isEmpty();
        assertThat(proposal.path("repairs").size()).isEqualTo(Reviewed.load().repairs().size());

        Run refused = generate("--api", api.toString(), "--out", out.toString(), "--reviewed", draft.toString());
        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err()).contains("disagreement \"ServerMessageHang.turnId: docs optional, openapi required\" "
                + "has an empty reason");

        ((ObjectNode) entry).put("reason", "The docs are the contract: turnId stays optional.");
        Files.writeString(draft, JSON.writeValueAsString(proposal), StandardCharsets.UTF_8);
        Run done = generate("--api", api.toString(), "--out", out.toString(), "--reviewed", draft.toString());
        assertThat(done.err()).isEmpty();
        assertThat(done.exit()).isEqualTo(0);

        JsonNode hang = JSON.readTree(out.resolve("strict/ServerMessageHang.json").toFile());
        assertThat(hang.path("properties").path("turnId").path("type").toString()).isEqualTo("[\"string\",\"null\"]");
        assertThat(hang.path("required").toString()).doesNotContain("turnId");
        JsonNode costs = JSON.readTree(out.resolve("strict/CallCostsInner.json").toFile());
        assertThat(costs.path("properties").path("type").path("enum").toString()).contains("\"knowledge-base\"");
        JsonNode cost = JSON.readTree(out.resolve("strict/KnowledgeBaseCost.json").toFile());
        assertThat(cost.path("properties").path("type").path("const").asString()).isEqualTo("knowledge-base");
        assertThat(Files.exists(out.resolve("strict/CallsApi.json"))).isFalse();
    }

    @Test
    void endpointDocsAreNotModels() {
        assertThat(DocReader.isEndpointDoc("CallsApi.md", "# \\CallsApi\n\nMethod | HTTP request | Description\n"))
                .isTrue();
        assertThat(DocReader.isEndpointDoc("OpenAiApi.md", "# OpenAiApi\n\n## Properties\n")).isFalse();
        assertThat(DocReader.isEndpointDoc("Call.md", "# Call\n")).isFalse();
    }
}
