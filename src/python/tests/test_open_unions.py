"""The package's rules on a small schema set written here in the shape of issue 10 (lenient union tags open,
strict ones enums; optional refs nullable): unknown variants as warnings at the tag, closest anyOf branch,
document order, unknown message types, input errors. Same cases as src/npm/test/open-unions.test.mjs."""
import json

import pytest

from vapi_check import Validator


def ref(name):
    return {"$ref": "#/$defs/" + name}


def union(tag, branches):
    return {"type": "object", "required": [tag], "properties": {tag: {"type": "string"}},
            "allOf": [{"if": {"required": [tag], "properties": {tag: {"const": v}}}, "then": ref(m)}
                      for v, m in branches.items()]}


def obj(required, properties):
    return {"type": "object", "required": required, "properties": properties}


MESSAGE_DEFS = {
    "ServerMessage": obj(["message"], {"message": ref("ServerMessageMessage")}),
    "ServerMessageMessage": union("type", {"status-update": "StatusUpdate", "tool-calls": "ToolCalls"}),
    "StatusUpdate": obj(["type", "status"], {
        "type": {"type": "string", "const": "status-update"},
        "status": {"type": "string"},
        "costs": {"type": "array", "items": ref("Cost")},
        "voice": {"if": {"type": "null"}, "else": ref("Voice")},
    }),
    "ToolCalls": obj(["type", "toolCallList"], {
        "type": {"type": "string", "const": "tool-calls"},
        "toolCallList": {"type": "array", "items": {"anyOf": [ref("FunctionCall"), ref("Voice")]}},
    }),
    "FunctionCall": obj(["id", "name"], {"id": {"type": "string"}, "name": {"type": "string"}}),
    "Cost": union("type", {"model": "ModelCost", "voice": "VoiceCost"}),
    "ModelCost": obj(["type", "cost"], {"type": {"type": "string", "const": "model"}, "cost": {"type": "number"}}),
    "VoiceCost": obj(["type", "characters"], {"type": {"type": "string", "const": "voice"},
                                              "characters": {"type": "integer"}}),
    "Voice": union("provider", {"azure": "AzureVoice"}),
    "AzureVoice": obj(["provider", "voiceId"], {"provider": {"type": "string", "const": "azure"},
                                                "voiceId": {"type": "string"}}),
}
REPLY_DEFS = {
    "ServerMessageResponse": obj(["messageResponse"], {"messageResponse": ref("ToolCallsReply")}),
    "ToolCallsReply": {
        "type": "object",
        "properties": {"results": {"type": "array", "items": obj(["toolCallId"], {"toolCallId": {"type": "string"}})},
                       "error": {"type": "string"}},
        "additionalProperties": False,
        "anyOf": [{"required": ["results"]}, {"required": ["error"]}],
    },
}


def strict_of(s):
    """The strict twin of a lenient test schema: union tags become enums, plain objects close."""
    if isinstance(s, list):
        return [strict_of(x) for x in s]
    if not isinstance(s, dict):
        return s
    out = {k: ({p: strict_of(x) for p, x in v.items()} if k == "properties" else strict_of(v)) for k, v in s.items()}
    if isinstance(s.get("allOf"), list) and s["allOf"] and "if" in s["allOf"][0]:
        tag = s["allOf"][0]["if"]["required"][0]
        out["properties"] = dict(out["properties"], **{tag: {"enum": [b["if"]["properties"][tag]["const"] for b in s["allOf"]]}})
    elif s.get("type") == "object" and "properties" in s and "additionalProperties" not in s:
        out["additionalProperties"] = False
    return out


@pytest.fixture(scope="module")
def v(tmp_path_factory):
    d = tmp_path_factory.mktemp("schemas")
    (d / "bundle").mkdir()
    (d / "index.json").write_text(json.dumps({
        "api": "test", "profiles": ["lenient", "strict"],
        "messageKinds": {"status-update": "StatusUpdate", "tool-calls": "ToolCalls"},
        "replyKinds": {"tool-calls": "ToolCallsReply"}}))
    for profile in ("lenient", "strict"):
        for file, root, defs in (("server-message", "ServerMessage", MESSAGE_DEFS),
                                 ("server-message-response", "ServerMessageResponse", REPLY_DEFS)):
            bundle = {"$schema": "https://json-schema.org/draft/2020-12/schema",
                      "$id": "https://vapi-check.dev/schemas/test/bundle/%s.%s.json" % (file, profile),
                      "$ref": "#/$defs/" + root, "$defs": strict_of(defs) if profile == "strict" else defs}
            (d / "bundle" / ("%s.%s.json" % (file, profile))).write_text(json.dumps(bundle))
    return Validator(str(d))


def places(errors):
    return ["%s %s %s" % (e["instanceLocation"], e["keyword"], e["code"]) for e in errors]


def status(**extra):
    return {"message": dict({"type": "status-update", "status": "queued"}, **extra)}


def test_unknown_cost_type_is_a_lenient_warning_and_a_strict_error(v):
    body = status(costs=[{"type": "model", "cost": 1}, {"type": "storage", "bytes": 3}])
    lenient = v.validate_message(body)
    assert lenient["valid"] is True
    assert places(lenient["warnings"]) == ["/message/costs/1/type enum UNKNOWN_VARIANT"]
    assert "storage" in lenient["warnings"][0]["message"]
    strict = v.validate_message(body, "strict")
    assert strict["valid"] is False
    assert places(strict["errors"]) == ["/message/costs/1/type enum ENUM"]
    assert strict["warnings"] == []


def test_a_known_variant_is_checked_against_its_branch_only(v):
    r = v.validate_message(status(costs=[{"type": "voice", "characters": 1.5}]))
    assert places(r["errors"]) == ["/message/costs/0/characters type TYPE"]
    assert r["warnings"] == []


def test_single_variant_union(v):
    assert v.validate_message(status(voice=None)) == {"valid": True, "messageType": "status-update",
                                                      "profile": "lenient", "errors": [], "warnings": []}
    assert places(v.validate_message(status(voice={"provider": "acme"}))["warnings"]) == \
        ["/message/voice/provider enum UNKNOWN_VARIANT"]
    assert places(v.validate_message(status(voice={"provider": "acme"}), "strict")["errors"]) == \
        ["/message/voice/provider enum ENUM"]
    assert places(v.validate_message(status(voice={"provider": "azure"}))["errors"]) == \
        ["/message/voice required REQUIRED"]


def test_unknown_message_type(v):
    body = {"message": {"type": "call-summary", "summary": "hi"}}
    lenient = v.validate_message(body)
    assert lenient["valid"] is True and lenient["messageType"] == "call-summary"
    assert places(lenient["warnings"]) == ["/message/type enum UNKNOWN_VARIANT"]
    assert places(v.validate_message(body, "strict")["errors"]) == ["/message/type enum UNKNOWN_MESSAGE_TYPE"]
    assert places(v.validate_message(body, reject_unknown_kinds=True)["errors"]) == \
        ["/message/type enum UNKNOWN_MESSAGE_TYPE"]
    assert places(v.validate_message({"message": {"type": 7}})["errors"]) == ["/message/type enum UNKNOWN_MESSAGE_TYPE"]


def test_any_of_closest_branch(v):
    def calls(*items):
        return {"message": {"type": "tool-calls", "toolCallList": list(items)}}
    passing = v.validate_message(calls({"provider": "acme"}))
    assert passing["valid"] is True
    assert places(passing["warnings"]) == ["/message/toolCallList/0/provider enum UNKNOWN_VARIANT"]
    assert places(v.validate_message(calls({"id": 5, "name": "f"}))["errors"]) == ["/message/toolCallList/0/id type TYPE"]
    type_only = v.validate_message(calls("call_1"))
    assert places(type_only["errors"]) == ["/message/toolCallList/0 type TYPE"]
    assert "expected object but was string" in type_only["errors"][0]["message"]
    assert places(v.validate_message(calls({"provider": "azure", "voiceId": 3}))["errors"]) == \
        ["/message/toolCallList/0/voiceId type TYPE"]


def test_document_order(v):
    r = v.validate_message({"message": {"type": "status-update", "costs": [{"type": "model", "cost": "x"}], "status": 5}})
    assert places(r["errors"]) == ["/message/costs/0/cost type TYPE", "/message/status type TYPE"]


def test_warnings_option_adds_what_strict_flags(v):
    r = v.validate_message(status(extra=1, costs=[{"type": "storage"}]), warnings=True)
    assert r["valid"] is True
    assert places(r["warnings"]) == ["/message/extra additionalProperties ADDITIONAL_PROPERTIES",
                                     "/message/costs/0/type enum UNKNOWN_VARIANT"]


def test_input_rules(v):
    assert places(v.validate_message('{"message": {"type": "hang", "type": "hang"}}')["errors"]) == [" json DUPLICATE_KEY"]
    assert places(v.validate_message('{"message": {"type": "hang", "t\\"": 1, "t\\u0022": 2}}')["errors"]) == \
        [" json DUPLICATE_KEY"]
    assert v.validate_message('{"message": {"type": "status-update", "status": "a\\"b", "x\\\\": {"x\\\\": 1}}}')["valid"]
    assert places(v.validate_message('{"message": {"type": "status-update", "status": %s}}' % ("1" * 1001))["errors"]) == \
        [" json TOO_LARGE"]
    assert places(v.validate_message("[" * 201 + "]" * 201)["errors"]) == [" json TOO_DEEP"]
    assert places(v.validate_message('{"message": {"type": "hang",}}')["errors"]) == [" json MALFORMED_JSON"]
    assert places(v.validate_message(b"{\xff}")["errors"]) == [" json INVALID_UTF8"]
    assert places(v.validate_message("[1]")["errors"]) == [" type NOT_AN_OBJECT"]
    assert v.validate_message(json.dumps(status()).encode())["valid"] is True


def test_replies(v):
    assert places(v.validate_reply("tool-calls", {})["errors"]) == [" required REQUIRED"]
    assert places(v.validate_reply("tool-calls", {"results": [], "result": "ok"})["errors"]) == \
        ["/result additionalProperties ADDITIONAL_PROPERTIES"]
    assert v.validate_reply("tool-calls", {"messageResponse": {"error": "down"}})["valid"] is True
    with pytest.raises(ValueError):
        v.validate_reply("status-update", {})
    with pytest.raises(ValueError):
        v.validate_message({}, "loose")
