// The package's rules on a small schema set written here in the shape of issue 10 (lenient union tags open,
// strict ones enums; optional refs nullable): unknown variants as warnings at the tag, closest anyOf branch,
// document order, unknown message types, input errors. Builds the package's lib/ from these schemas with the
// real generator into a temporary folder.
//
//   node --test src/npm/test/open-unions.test.mjs      (from the repository, after src/npm/build.sh)
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, mkdirSync, writeFileSync, cpSync, symlinkSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const npm = join(dirname(fileURLToPath(import.meta.url)), "..");
const ref = (name) => ({ $ref: `#/$defs/${name}` });
const union = (tag, branches) => ({
  type: "object",
  required: [tag],
  properties: { [tag]: { type: "string" } },
  allOf: Object.entries(branches).map(([v, m]) => ({ if: { required: [tag], properties: { [tag]: { const: v } } }, then: ref(m) })),
});
const object = (required, properties) => ({ type: "object", required, properties });

const MESSAGE_DEFS = {
  ServerMessage: object(["message"], { message: ref("ServerMessageMessage") }),
  ServerMessageMessage: union("type", { "status-update": "StatusUpdate", "tool-calls": "ToolCalls" }),
  StatusUpdate: object(["type", "status"], {
    type: { type: "string", const: "status-update" },
    status: { type: "string" },
    costs: { type: "array", items: ref("Cost") },
    voice: { if: { type: "null" }, else: ref("Voice") },
  }),
  ToolCalls: object(["type", "toolCallList"], {
    type: { type: "string", const: "tool-calls" },
    toolCallList: { type: "array", items: { anyOf: [ref("FunctionCall"), ref("Voice")] } },
  }),
  FunctionCall: object(["id", "name"], { id: { type: "string" }, name: { type: "string" } }),
  Cost: union("type", { model: "ModelCost", voice: "VoiceCost" }),
  ModelCost: object(["type", "cost"], { type: { type: "string", const: "model" }, cost: { type: "number" } }),
  VoiceCost: object(["type", "characters"], { type: { type: "string", const: "voice" }, characters: { type: "integer" } }),
  Voice: union("provider", { azure: "AzureVoice" }),
  AzureVoice: object(["provider", "voiceId"], { provider: { type: "string", const: "azure" }, voiceId: { type: "string" } }),
};
const REPLY_DEFS = {
  ServerMessageResponse: object(["messageResponse"], { messageResponse: ref("ToolCallsReply") }),
  ToolCallsReply: {
    type: "object",
    properties: { results: { type: "array", items: object(["toolCallId"], { toolCallId: { type: "string" } }) }, error: { type: "string" } },
    additionalProperties: false,
    anyOf: [{ required: ["results"] }, { required: ["error"] }],
  },
};

/** The strict twin of a lenient test schema: union tags become enums, plain objects close. */
function strictOf(s) {
  if (Array.isArray(s)) return s.map(strictOf);
  if (s === null || typeof s !== "object") return s;
  const out = {};
  for (const [k, v] of Object.entries(s)) out[k] = k === "properties" ? Object.fromEntries(Object.entries(v).map(([p, x]) => [p, strictOf(x)])) : strictOf(v);
  if (Array.isArray(s.allOf) && s.allOf[0] && s.allOf[0].if) {
    const tag = s.allOf[0].if.required[0];
    out.properties = { ...out.properties, [tag]: { enum: s.allOf.map((b) => b.if.properties[tag].const) } };
  } else if (s.type === "object" && s.properties && s.additionalProperties === undefined) {
    out.additionalProperties = false;
  }
  return out;
}

function bundle(file, profile, root, defs) {
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $id: `https://vapi-check.dev/schemas/test/bundle/${file}.${profile}.json`,
    $ref: `#/$defs/${root}`,
    $defs: profile === "strict" ? strictOf(defs) : defs,
  };
}

function build() {
  const dir = mkdtempSync(join(tmpdir(), "vapi-check-open-unions-"));
  const schemas = join(dir, "schemas");
  mkdirSync(join(schemas, "bundle"), { recursive: true });
  writeFileSync(join(schemas, "index.json"), JSON.stringify({
    api: "test", profiles: ["lenient", "strict"],
    messageKinds: { "status-update": "StatusUpdate", "tool-calls": "ToolCalls" },
    replyKinds: { "tool-calls": "ToolCallsReply" },
  }));
  for (const profile of ["lenient", "strict"]) {
    writeFileSync(join(schemas, "bundle", `server-message.${profile}.json`), JSON.stringify(bundle("server-message", profile, "ServerMessage", MESSAGE_DEFS)));
    writeFileSync(join(schemas, "bundle", `server-message-response.${profile}.json`), JSON.stringify(bundle("server-message-response", profile, "ServerMessageResponse", REPLY_DEFS)));
  }
  const pkg = join(dir, "package");
  cpSync(join(npm, "lib"), join(pkg, "lib"), { recursive: true });
  execFileSync(process.execPath, [join(npm, "build", "generate.mjs"), "--schemas", schemas, "--out", pkg], { stdio: "pipe" });
  symlinkSync(join(npm, "tools", "node_modules"), join(dir, "node_modules"), "dir");
  return { dir, pkg, api: createRequire(join(pkg, "lib", "index.js"))("./index.js") };
}

const { dir, pkg, api } = build();
process.on("exit", () => rmSync(dir, { recursive: true, force: true }));
const { validateMessage, validateReply } = api;
const places = (list) => list.map((e) => `${e.instanceLocation} ${e.keyword} ${e.code}`);
const status = (extra) => ({ message: { type: "status-update", status: "queued", ...extra } });

test("the generator compiles a tag-closed twin of each lenient model and knows lenient message types are open", () => {
  const validators = createRequire(join(pkg, "lib", "index.js"))("./validators.js");
  assert.equal(typeof validators["message/lenient+tags/StatusUpdate"], "function");
  assert.equal(validators["message/strict+tags/StatusUpdate"], undefined);
  assert.deepEqual(JSON.parse(readFileSync(join(pkg, "lib", "facts.json"), "utf8")).openMessageTypes, { lenient: true, strict: false });
});

test("lenient: an unknown cost type is valid with an UNKNOWN_VARIANT warning at its tag; strict: an enum error", () => {
  const body = status({ costs: [{ type: "model", cost: 1 }, { type: "storage", bytes: 3 }] });
  const lenient = validateMessage(body);
  assert.equal(lenient.valid, true);
  assert.deepEqual(places(lenient.warnings), ["/message/costs/1/type enum UNKNOWN_VARIANT"]);
  assert.match(lenient.warnings[0].message, /storage/);
  const strict = validateMessage(body, { profile: "strict" });
  assert.equal(strict.valid, false);
  assert.deepEqual(places(strict.errors), ["/message/costs/1/type enum ENUM"]);
  assert.deepEqual(strict.warnings, []);
});

test("a known variant is checked against its branch only", () => {
  const r = validateMessage(status({ costs: [{ type: "voice", characters: 1.5 }] }));
  assert.deepEqual(places(r.errors), ["/message/costs/0/characters type TYPE"]);
  assert.deepEqual(r.warnings, []);
});

test("a single-variant union: null passes, an unknown provider warns, a known one is checked", () => {
  assert.deepEqual(validateMessage(status({ voice: null })), { valid: true, messageType: "status-update", profile: "lenient", errors: [], warnings: [] });
  assert.deepEqual(places(validateMessage(status({ voice: { provider: "acme" } })).warnings), ["/message/voice/provider enum UNKNOWN_VARIANT"]);
  assert.deepEqual(places(validateMessage(status({ voice: { provider: "acme" } }), { profile: "strict" }).errors), ["/message/voice/provider enum ENUM"]);
  assert.deepEqual(places(validateMessage(status({ voice: { provider: "azure" } })).errors), ["/message/voice required REQUIRED"]);
});

test("an unknown message type: lenient valid with a warning, strict or rejectUnknownKinds an error", () => {
  const body = { message: { type: "call-summary", summary: "hi" } };
  const lenient = validateMessage(body);
  assert.equal(lenient.valid, true);
  assert.equal(lenient.messageType, "call-summary");
  assert.deepEqual(places(lenient.warnings), ["/message/type enum UNKNOWN_VARIANT"]);
  assert.deepEqual(places(validateMessage(body, { profile: "strict" }).errors), ["/message/type enum UNKNOWN_MESSAGE_TYPE"]);
  assert.deepEqual(places(validateMessage(body, { rejectUnknownKinds: true }).errors), ["/message/type enum UNKNOWN_MESSAGE_TYPE"]);
  assert.deepEqual(places(validateMessage({ message: { type: 7 } }).errors), ["/message/type enum UNKNOWN_MESSAGE_TYPE"]);
});

test("anyOf: a passing branch's warnings are kept, a failing one's reported by the closest-branch rule", () => {
  const list = (...items) => ({ message: { type: "tool-calls", toolCallList: items } });
  const passing = validateMessage(list({ provider: "acme" }));
  assert.equal(passing.valid, true);
  assert.deepEqual(places(passing.warnings), ["/message/toolCallList/0/provider enum UNKNOWN_VARIANT"]);
  // both branches fail with one error: the first one's
  assert.deepEqual(places(validateMessage(list({ id: 5, name: "f" })).errors), ["/message/toolCallList/0/id type TYPE"]);
  // no branch takes a string: one type error
  const typeOnly = validateMessage(list("call_1"));
  assert.deepEqual(places(typeOnly.errors), ["/message/toolCallList/0 type TYPE"]);
  assert.match(typeOnly.errors[0].message, /expected object but was string/);
  // fewest errors wins: the voice branch has one (voiceId's type), the function-call branch two (id, name)
  assert.deepEqual(places(validateMessage(list({ provider: "azure", voiceId: 3 })).errors), ["/message/toolCallList/0/voiceId type TYPE"]);
});

test("errors come in document order, not schema order", () => {
  const r = validateMessage({ message: { type: "status-update", costs: [{ type: "model", cost: "x" }], status: 5 } });
  assert.deepEqual(places(r.errors), ["/message/costs/0/cost type TYPE", "/message/status type TYPE"]);
});

test("with {warnings: true}, lenient also reports what strict flags", () => {
  const r = validateMessage(status({ extra: 1, costs: [{ type: "storage" }] }), { warnings: true });
  assert.equal(r.valid, true);
  // in document order: "extra" is written before "costs"
  assert.deepEqual(places(r.warnings), ["/message/extra additionalProperties ADDITIONAL_PROPERTIES", "/message/costs/0/type enum UNKNOWN_VARIANT"]);
});

test("input is read by the Java library's rules", () => {
  assert.deepEqual(places(validateMessage('{"message": {"type": "hang", "type": "hang"}}').errors), [" json DUPLICATE_KEY"]);
  assert.deepEqual(places(validateMessage('{"message": {"type": "hang", "t\\"": 1, "t\\u0022": 2}}').errors), [" json DUPLICATE_KEY"]);
  assert.equal(validateMessage('{"message": {"type": "status-update", "status": "a\\"b", "costs": [], "x\\\\": {"x\\\\": 1}}}').valid, true);
  assert.deepEqual(places(validateMessage(`{"message": {"type": "status-update", "status": ${"1".repeat(1001)}}}`).errors), [" json TOO_LARGE"]);
  assert.deepEqual(places(validateMessage(`${"[".repeat(201)}${"]".repeat(201)}`).errors), [" json TOO_DEEP"]);
  assert.deepEqual(places(validateMessage('{"message": {"type": "hang",}}').errors), [" json MALFORMED_JSON"]);
  assert.deepEqual(places(validateMessage(Buffer.from([0x7b, 0xff, 0x7d])).errors), [" json INVALID_UTF8"]);
  assert.deepEqual(places(validateMessage("[1]").errors), [" type NOT_AN_OBJECT"]);
  assert.equal(validateMessage(Buffer.from(JSON.stringify(status({})))).valid, true);
});

test("replies: closed at the top, content required, kind checked", () => {
  assert.deepEqual(places(validateReply("tool-calls", {}).errors), [" required REQUIRED"]);
  assert.deepEqual(places(validateReply("tool-calls", { results: [], result: "ok" }).errors), ["/result additionalProperties ADDITIONAL_PROPERTIES"]);
  assert.equal(validateReply("tool-calls", { messageResponse: { error: "down" } }).valid, true);
  assert.throws(() => validateReply("status-update", {}), TypeError);
  assert.throws(() => validateMessage({}, { profile: "loose" }), TypeError);
});

test("the declarations of this schema set compile and narrow (tsc --strict)", () => {
  const ts = `import type { Message, Reply, Cost, StatusUpdate, ValidationResult } from "./package/index";
export function describe(m: Message): string {
  switch (m.type) {
    case "status-update": return m.status;
    case "tool-calls": return String(m.toolCallList.length);
    default: { const never: never = m; return never; }
  }
}
export const reply: Reply<"tool-calls"> = { results: [{ toolCallId: "call_1" }] };
// @ts-expect-error results is an array (the reply's anyOf of required properties does not hide its shape)
export const badReply: Reply<"tool-calls"> = { results: 5 };
export const cost: Cost = { type: "model", cost: 1 };
// @ts-expect-error a model cost has no characters
export const badCost: Cost = { type: "model", cost: 1, characters: 2 };
export const quiet: StatusUpdate = { type: "status-update", status: "queued", voice: null };
export const unknownVoice: StatusUpdate["voice"] = { provider: "azure", voiceId: "v" };
export const result: ValidationResult<"tool-calls"> = { valid: true, messageType: "tool-calls", profile: "strict", errors: [], warnings: [] };
`;
  writeFileSync(join(dir, "check.ts"), ts);
  const tsc = join(npm, "tools", "node_modules", "typescript", "bin", "tsc");
  execFileSync(process.execPath, [tsc, "--strict", "--noEmit", "--target", "es2022", "--module", "commonjs", join(dir, "check.ts")], { stdio: "pipe" });
});
