package dev.vapicheck;

import static dev.vapicheck.TestSchemas.located;
import static dev.vapicheck.TestSchemas.pointers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.core.JsonPointer;
import tools.jackson.databind.json.JsonMapper;

/** The public API against the small test schema set (src/test/resources/dev/vapicheck/small-set). */
class VapiValidatorTest {
    static final String STATUS = """
            {"type": "status-update", "status": "ended", "endedReason": "customer-ended-call", "timestamp": 1,
             "call": {"id": "c1", "status": "ended", "customer": {"number": "+15550100", "name": null},
                      "phoneNumber": {"provider": "twilio", "number": "+15550101", "twilioAccountSid": "AC1"}},
             "messages": [{"role": "user", "message": "hi", "time": 1}, {"role": "bot", "message": "hello", "time": 2}],
             "destination": null}
            """;
    static final String WEBHOOK = "{\"message\": " + STATUS + "}";

    final VapiValidator validator = TestSchemas.small();

    @Test
    void knowsTheKindsOfItsSchemaSet() {
        assertThat(validator.messageKinds()).containsExactly("status-update", "tool-calls", "transcript");
        assertThat(validator.replyKinds()).containsExactly("tool-calls");
        assertThat(validator.maxErrors()).isEqualTo(VapiValidator.DEFAULT_MAX_ERRORS);
        assertThat(validator.limits()).isEqualTo(Limits.defaults());
    }

    @Nested
    class Messages {
        @ParameterizedTest
        @EnumSource(Profile.class)
        void acceptsAValidWebhookBodyAndBareMessage(Profile profile) {
            for (String json : List.of(WEBHOOK, STATUS)) {
                ValidationResult r = validator.validate(Payload.of(json), Check.message().profile(profile));
                assertThat(r.errors()).isEmpty();
                assertThat(r.isValid()).isTrue();
                assertThat(r.messageType()).contains("status-update");
                assertThat(r.profile()).isEqualTo(profile);
                assertThat(r.isTruncated()).isFalse();
                assertThat(r.warnings()).isEmpty();
            }
        }

        @Test
        void pointersAreRelativeToTheDocumentAsGiven() {
            String bare = STATUS.replace("\"timestamp\": 1", "\"timestamp\": \"soon\"");
            assertThat(pointers(validator.validate(bare).errors())).containsExactly("/timestamp");
            assertThat(pointers(validator.validate("{\"message\": " + bare + "}").errors()))
                    .containsExactly("/message/timestamp");
        }

        @Test
        void unknownTypePassesLenientWithAnUnknownVariantWarningAtTheType() {
            ValidationResult r = validator.validate("{\"message\": {\"type\": \"chat.created\", \"status\": 5}}");
            assertThat(r.isValid()).isTrue();
            assertThat(r.errors()).isEmpty();
            assertThat(r.messageType()).contains("chat.created");
            assertThat(r.warnings()).singleElement().satisfies(w -> {
                assertThat(w.code()).isEqualTo(ErrorCode.UNKNOWN_VARIANT);
                assertThat(w.keyword()).isEqualTo("enum");
                assertThat(w.instanceLocation()).isEqualTo(JsonPointer.compile("/message/type"));
                assertThat(w.message()).contains("\"chat.created\"", "status-update");
                assertThat(w.arguments()).containsEntry("actual", "chat.created");
            });
        }

        @Test
        void unknownTypeIsOneEnumErrorInStrictOrWhenUnknownKindsAreRejected() {
            for (Check check : List.of(Check.message().profile(Profile.STRICT), Check.message().rejectUnknownKinds())) {
                ValidationResult r = validator.validate(Payload.of("{\"message\": {\"type\": \"bogus\", \"status\": 5}}"),
                        check);
                assertThat(r.warnings()).as("%s", check).isEmpty();
                unknownTypeIsOneEnumErrorListingTheKnownKinds(r);
            }
        }

        private void unknownTypeIsOneEnumErrorListingTheKnownKinds(ValidationResult r) {
            assertThat(r.errors()).singleElement().satisfies(e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_MESSAGE_TYPE);
                assertThat(e.keyword()).isEqualTo("enum");
                assertThat(e.instanceLocation()).isEqualTo(JsonPointer.compile("/message/type"));
                assertThat(e.message()).contains("\"bogus\"", "status-update", "tool-calls", "transcript");
                assertThat(e.arguments()).containsEntry("actual", "bogus")
                        .containsEntry("allowed", List.of("status-update", "tool-calls", "transcript"));
            });
            assertThat(r.messageType()).contains("bogus");
        }

        @Test
        void aTypeThatIsNotAStringIsAnUnknownType() {
            ValidationResult r = validator.validate("{\"message\": {\"type\": null}}");
            assertThat(located(r.errors())).containsExactly("/message/type enum");
            assertThat(r.errors().get(0).code()).isEqualTo(ErrorCode.UNKNOWN_MESSAGE_TYPE);
            assertThat(r.messageType()).isEmpty();
        }

        @Test
        void missingTypeIsRequiredAtTheMessage() {
            assertThat(located(validator.validate("{\"message\": {\"status\": \"ended\"}}").errors()))
                    .containsExactly("/message required");
            ValidationResult bare = validator.validate("{\"status\": \"ended\"}");
            assertThat(bare.errors()).singleElement().satisfies(e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.REQUIRED);
                assertThat(e.instanceLocation()).isEqualTo(JsonPointer.empty());
                assertThat(e.arguments()).containsEntry("property", "type");
            });
        }

        @Test
        void messageMemberMustBeAnObject() {
            ValidationResult r = validator.validate("{\"message\": [1]}");
            assertThat(r.errors()).singleElement().satisfies(e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.NOT_AN_OBJECT);
                assertThat(e.instanceLocation()).hasToString("/message");
            });
        }

        @Test
        void kindRequiresThatType() {
            Check check = Check.message().kind("transcript");
            ValidationResult r = validator.validate(Payload.of(WEBHOOK), check);
            assertThat(r.errors()).singleElement().satisfies(e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.WRONG_MESSAGE_TYPE);
                assertThat(e.keyword()).isEqualTo("const");
                assertThat(e.instanceLocation()).hasToString("/message/type");
                assertThat(e.message()).contains("\"transcript\"", "\"status-update\"");
            });
            assertThat(validator.validate(Payload.of(WEBHOOK), Check.message().kind("status-update")).isValid())
                    .isTrue();
        }

        @Test
        void aKindOutsideTheSetIsAProgrammingError() {
            assertThatThrownBy(() -> validator.validate(Payload.of(WEBHOOK), Check.message().kind("nope")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nope")
                    .hasMessageContaining("status-update");
        }

        @Test
        void strictFlagsUnknownPropertiesAtThePropertyAndEnumsLenientOnlyTypeChecks() {
            String json = "{\"message\": {\"type\": \"status-update\", \"status\": \"bogus\", \"newTop\": 1,"
                    + " \"call\": {\"id\": \"c\", \"newField\": true}}, \"extra\": 0}";
            assertThat(validator.validate(json).isValid()).isTrue();
            ValidationResult strict = validator.validate(Payload.of(json), Check.message().profile(Profile.STRICT));
            assertThat(located(strict.errors())).containsExactly(
                    "/message/status enum",
                    "/message/newTop additionalProperties",
                    "/message/call/newField additionalProperties",
                    "/extra additionalProperties");
            ValidationError status = strict.errors().get(0);
            assertThat(status.code()).isEqualTo(ErrorCode.ENUM);
            assertThat(status.message()).isEqualTo(
                    "expected one of [scheduled, queued, ringing, in-progress, forwarding, ended] but was \"bogus\"");
            assertThat(status.schemaLocation()).isEqualTo(
                    "https://vapi-check.dev/schemas/1.0/strict/ServerMessageStatusUpdate.json#/properties/status/enum");
            assertThat(strict.errors().get(2).arguments()).containsEntry("property", "newField");
            assertThat(validator.validate("{\"message\": {\"type\": \"status-update\", \"status\": 5}}").errors())
                    .singleElement().satisfies(e -> assertThat(e.message()).isEqualTo("expected string but was number"));
        }

        @Test
        void discriminatorsAndConstantsAreEnforcedInBothProfiles() {
            String json = "{\"type\": \"tool-calls\", \"toolCallList\": [{\"id\": \"1\", \"type\": \"func\","
                    + " \"function\": {\"name\": \"f\"}}]}";
            for (Profile p : Profile.values()) {
                assertThat(located(validator.validate(Payload.of(json), Check.message().profile(p)).errors()))
                        .as(p.name()).containsExactly("/toolCallList/0/type const");
            }
            String phone = STATUS.replace("\"provider\": \"twilio\"", "\"provider\": \"bell\"");
            assertThat(located(validator.validate(phone).errors())).containsExactly("/call/phoneNumber/provider enum");
        }

        @Test
        void aFaultInsideADiscriminatedBranchIsReportedOnlyFromThatBranch() {
            String json = STATUS.replace("\"twilioAccountSid\": \"AC1\"", "\"twilioAccountSid\": 7");
            ValidationResult r = validator.validate(json);
            assertThat(located(r.errors())).containsExactly("/call/phoneNumber/twilioAccountSid type");
            assertThat(r.errors().get(0).schemaLocation()).endsWith("/TwilioPhoneNumber.json#/properties/twilioAccountSid/type");
        }

        @Test
        void requiredPointsAtTheObjectAndNamesTheProperty() {
            String json = STATUS.replace(", \"twilioAccountSid\": \"AC1\"", "");
            ValidationError e = validator.validate(json).errors().get(0);
            assertThat(e.code()).isEqualTo(ErrorCode.REQUIRED);
            assertThat(e.instanceLocation()).hasToString("/call/phoneNumber");
            assertThat(e.message()).isEqualTo("missing required property \"twilioAccountSid\"");
            assertThat(e.arguments()).containsEntry("property", "twilioAccountSid");
        }

        @Test
        void messagesNameExpectedAndActual() {
            String json = """
                    {"type": "tool-calls", "toolCallList": [{"id": "1", "type": "function",
                      "function": {"name": "no spaces allowed", "arguments": 5}}],
                     "call": {"id": "c", "cost": -1, "customer": {"number": "1"}}}
                    """;
            List<ValidationError> errors = validator.validate(json).errors();
            assertThat(errors).extracting(ValidationError::message).containsExactly(
                    "expected a string matching ^[a-zA-Z0-9_-]{1,64}$ but was \"no spaces allowed\"",
                    "expected object or string but was number",
                    "expected a number >= 0 but was -1",
                    "expected at least 3 characters but was 1");
            assertThat(errors).extracting(ValidationError::code).containsExactly(ErrorCode.PATTERN, ErrorCode.TYPE,
                    ErrorCode.MINIMUM, ErrorCode.MIN_LENGTH);
        }
    }

    @Nested
    class Unions {
        @Test
        void noFittingAnyOfBranchReportsTheClosestBranchOnly() {
            // destination: anyOf [TransferDestination (anyOf [number, sip]), null]
            String json = STATUS.replace("\"destination\": null",
                    "\"destination\": {\"type\": \"sip\", \"sipUri\": \"http://example.com\"}");
            ValidationResult r = validator.validate(json);
            assertThat(located(r.errors())).containsExactly("/destination/sipUri pattern");
        }

        @Test
        void noBranchAcceptingTheTypeIsOneTypeErrorListingEveryType() {
            String json = STATUS.replace("\"destination\": null", "\"destination\": \"sip:x\"");
            ValidationResult r = validator.validate(json);
            assertThat(r.errors()).singleElement().satisfies(e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.TYPE);
                assertThat(e.instanceLocation()).hasToString("/destination");
                assertThat(e.message()).isEqualTo("expected object or null but was string");
                assertThat(e.arguments()).containsEntry("expected", List.of("object", "null"));
            });
        }

        @Test
        void equallyCloseBranchesGoToTheFirst() {
            // number and sip both miss the constant type and one required member: number comes first.
            String json = STATUS.replace("\"destination\": null", "\"destination\": {\"type\": \"phone\"}");
            ValidationResult r = validator.validate(json);
            assertThat(located(r.errors())).containsExactly("/destination required", "/destination/type const");
            assertThat(r.errors().get(0).arguments()).containsEntry("property", "number");
        }

        @Test
        void branchesThatAreOnlyConstantsAreOneEnumError() {
            String json = STATUS.replace("\"id\": \"c1\"", "\"id\": \"c1\", \"endedBy\": \"robot\"");
            assertThat(validator.validate(json).errors()).singleElement().satisfies(e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.ENUM);
                assertThat(e.instanceLocation()).hasToString("/call/endedBy");
                assertThat(e.message()).isEqualTo(
                        "expected one of [customer, assistant, system, error] but was \"robot\"");
            });
        }

        @Test
        void unknownDiscriminatorValueOfAnItemUnionIsOneEnumError() {
            String json = STATUS.replace("{\"role\": \"user\", \"message\": \"hi\", \"time\": 1}",
                    "{\"role\": \"alien\", \"message\": \"hi\", \"time\": 1}");
            assertThat(located(validator.validate(json).errors())).containsExactly("/messages/0/role enum");
        }
    }

    @Nested
    class Replies {
        static final String REPLY = "{\"results\": [{\"toolCallId\": \"1\", \"result\": \"ok\"}]}";

        @ParameterizedTest
        @EnumSource(Profile.class)
        void acceptsBareAndWrappedReplies(Profile profile) {
            for (String json : List.of(REPLY, "{\"messageResponse\": " + REPLY + "}")) {
                ValidationResult r = validator.validate(Payload.of(json), Check.replyTo("tool-calls").profile(profile));
                assertThat(r.errors()).isEmpty();
                assertThat(r.messageType()).contains("tool-calls");
            }
        }

        @Test
        void replyErrorsPointIntoTheReplyAsGiven() {
            String bad = "{\"results\": [{\"result\": \"ok\", \"toolCallId\": 1}]}";
            assertThat(located(validator.validate(Payload.of(bad), Check.replyTo("tool-calls")).errors()))
                    .containsExactly("/results/0/toolCallId type");
            assertThat(located(validator.validate(Payload.of("{\"messageResponse\": " + bad + "}"),
                    Check.replyTo("tool-calls")).errors())).containsExactly("/messageResponse/results/0/toolCallId type");
        }

        @Test
        void strictFlagsUnknownReplyProperties() {
            String json = "{\"messageResponse\": {\"results\": [], \"output\": 1}, \"x\": 2}";
            assertThat(validator.validate(Payload.of(json), Check.replyTo("tool-calls")).isValid()).isTrue();
            assertThat(located(validator.validate(Payload.of(json),
                    Check.replyTo("tool-calls").profile(Profile.STRICT)).errors()))
                    .containsExactly("/messageResponse/output additionalProperties", "/x additionalProperties");
        }

        @Test
        void aKindWithoutAReplyModelIsAProgrammingError() {
            assertThatThrownBy(() -> validator.validate(Payload.of(REPLY), Check.replyTo("status-update")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("status-update")
                    .hasMessageContaining("tool-calls");
        }

        @Test
        void aReplyMustBeAnObject() {
            ValidationResult r = validator.validate(Payload.of("\"ok\""), Check.replyTo("tool-calls"));
            assertThat(r.errors()).extracting(ValidationError::code).containsExactly(ErrorCode.NOT_AN_OBJECT);
            r = validator.validate(Payload.of("{\"messageResponse\": 3}"), Check.replyTo("tool-calls"));
            assertThat(located(r.errors())).containsExactly("/messageResponse type");
        }
    }

    @Nested
    class Warnings {
        static final String DRIFT = "{\"message\": {\"type\": \"status-update\", \"status\": \"paused\","
                + " \"call\": {\"id\": \"c\", \"region\": \"eu\"}}}";

        @Test
        void reportWhatStrictFlagsOnAPayloadLenientAccepts() {
            ValidationResult r = validator.validate(Payload.of(DRIFT), Check.message().withWarnings());
            assertThat(r.isValid()).isTrue();
            assertThat(r.errors()).isEmpty();
            assertThat(located(r.warnings())).containsExactly("/message/status enum",
                    "/message/call/region additionalProperties");
        }

        @Test
        void areOffByDefaultAndWithStrictAndForInvalidPayloads() {
            assertThat(validator.validate(DRIFT).warnings()).isEmpty();
            ValidationResult strict = validator.validate(Payload.of(DRIFT),
                    Check.message().profile(Profile.STRICT).withWarnings());
            assertThat(strict.warnings()).isEmpty();
            assertThat(strict.errors()).hasSize(2);
            ValidationResult invalid = validator.validate(Payload.of(DRIFT.replace("\"c\"", "1")),
                    Check.message().withWarnings());
            assertThat(invalid.isValid()).isFalse();
            assertThat(invalid.warnings()).isEmpty();
        }
    }

    @Nested
    class Caps {
        static String manyBadMessages(int n) {
            StringBuilder sb = new StringBuilder("{\"type\": \"status-update\", \"status\": \"ended\", \"messages\": [");
            for (int i = 0; i < n; i++) {
                sb.append(i == 0 ? "" : ",").append("{\"role\": \"user\", \"message\": ").append(i)
                        .append(", \"time\": \"t\"}");
            }
            return sb.append("]}").toString();
        }

        @Test
        void errorsAreInDocumentOrderAndCappedAtMaxErrors() {
            String json = manyBadMessages(80); // two errors per item
            ValidationResult all = validator.validate(json);
            assertThat(all.errors()).hasSize(100);
            assertThat(all.isTruncated()).isTrue();
            assertThat(pointers(all.errors()).subList(0, 4)).containsExactly("/messages/0/message", "/messages/0/time",
                    "/messages/1/message", "/messages/1/time");
            ValidationResult five = validator.validate(Payload.of(json), Check.message().maxErrors(5));
            assertThat(five.errors()).hasSize(5);
            assertThat(five.isTruncated()).isTrue();
            ValidationResult enough = validator.validate(Payload.of(json), Check.message().maxErrors(160));
            assertThat(enough.errors()).hasSize(160);
            assertThat(enough.isTruncated()).isFalse();
        }

        @Test
        void documentOrderFollowsTheOrderMembersWereWritten() {
            String json = "{\"timestamp\": \"t\", \"type\": \"status-update\", \"endedReason\": 1, \"status\": 2}";
            assertThat(pointers(validator.validate(json).errors())).containsExactly("/timestamp", "/endedReason",
                    "/status");
        }

        @Test
        void builderMaxErrorsIsTheDefaultCap() {
            VapiValidator three = VapiValidator.builder().schemaDirectory(TestSchemas.smallSet()).maxErrors(3).build();
            ValidationResult r = three.validate(manyBadMessages(5));
            assertThat(r.errors()).hasSize(3);
            assertThat(r.isTruncated()).isTrue();
        }

        @Test
        void failFastStopsAtTheFirstError() {
            ValidationResult r = validator.validate(Payload.of(manyBadMessages(50)), Check.message().failFast());
            assertThat(r.errors()).hasSize(1);
            assertThat(r.isValid()).isFalse();
            assertThat(validator.validate(Payload.of(WEBHOOK), Check.message().failFast()).isValid()).isTrue();
        }

        @Test
        void badCapsAreRejectedNamingTheValue() {
            assertThatThrownBy(() -> VapiValidator.builder().maxErrors(0)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("0");
            assertThatThrownBy(() -> Check.message().maxErrors(-3)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("-3");
        }
    }

    @Nested
    class InputForms {
        @Test
        void everyFormGivesTheSameResult() {
            String bad = WEBHOOK.replace("\"timestamp\": 1", "\"timestamp\": []");
            byte[] bytes = bad.getBytes(StandardCharsets.UTF_8);
            List<ValidationResult> results = List.of(
                    validator.validate(bad),
                    validator.validate(Payload.of(bad)),
                    validator.validate(Payload.of(bytes)),
                    validator.validate(Payload.of(new ByteArrayInputStream(bytes))),
                    validator.validate(Payload.of(new StringReader(bad))),
                    validator.validate(JsonMapper.builder().build().readTree(bad)));
            for (ValidationResult r : results) {
                assertThat(located(r.errors())).containsExactly("/message/timestamp type");
                assertThat(r.messageType()).contains("status-update");
            }
        }

        @Test
        void aUtf8ByteOrderMarkIsAccepted() {
            byte[] json = WEBHOOK.getBytes(StandardCharsets.UTF_8);
            byte[] withBom = new byte[json.length + 3];
            withBom[0] = (byte) 0xEF;
            withBom[1] = (byte) 0xBB;
            withBom[2] = (byte) 0xBF;
            System.arraycopy(json, 0, withBom, 3, json.length);
            assertThat(validator.validate(Payload.of(withBom)).isValid()).isTrue();
        }

        @Test
        void nonAsciiTextSurvivesEveryForm() {
            String json = STATUS.replace("\"hello\"", "\"h\u00e9llo \u4f60\u597d \ud83d\ude00\"");
            assertThat(validator.validate(Payload.of(json.getBytes(StandardCharsets.UTF_8))).isValid()).isTrue();
            assertThat(validator.validate(Payload.of(new StringReader(json))).isValid()).isTrue();
        }
    }

    @Test
    void resultsAndErrorsAreImmutableValues() {
        ValidationResult r = validator.validate(Payload.of("{\"type\": \"bogus\"}"), Check.message().rejectUnknownKinds());
        assertThatThrownBy(() -> r.errors().clear()).isInstanceOf(UnsupportedOperationException.class);
        ValidationError e = r.errors().get(0);
        assertThatThrownBy(() -> e.arguments().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThat(e).isEqualTo(validator.validate(Payload.of("{\"type\": \"bogus\"}"), Check.message().rejectUnknownKinds())
                .errors().get(0));
        assertThat(e.toString()).startsWith("/type: unknown message type \"bogus\"").endsWith("(enum)");
        assertThat(r.toString()).contains("valid=false");
    }
}
