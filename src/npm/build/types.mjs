// TypeScript declarations for the npm package, written from the bundles (used by generate.mjs).
//
// The lenient view: every model of the message and reply bundles is a type of the same name; a property is
// optional where the schema does not require it; an enum that lenient leaves open (a status, an ended reason, a
// model name: checked as a string in lenient, as an enum in strict) is typed `"known" | ... | (string & {})`, so
// editors show the known values and any string type-checks. A discriminated union (the generator's allOf of
// if/then on a tag property) and an anyOf are unions of their branches' types, so `switch (x.type)` narrows;
// a variant newer than the snapshot passes lenient validation (with an UNKNOWN_VARIANT warning) but has no
// type of its own: it reaches the `default` branch. Objects are typed with their known properties only.

import { createRequire } from "node:module";

const { discriminator } = createRequire(import.meta.url)("../lib/explain.js");
const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

const literal = (v) => JSON.stringify(v);
const key = (k) => (IDENT.test(k) ? k : JSON.stringify(k));
const union = (parts) => {
  const unique = [...new Set(parts)];
  return unique.length === 0 ? "never" : unique.join(" | ");
};
const refName = (ref) => {
  if (typeof ref !== "string" || !ref.startsWith("#/$defs/")) throw new Error(`unsupported $ref ${ref}`);
  return ref.slice(8);
};

/** Whether a list of alternatives only names properties that must be present. */
function requiredOnly(list) {
  return Array.isArray(list) && list.length > 0
    && list.every((b) => isObject(b) && Object.keys(b).length === 1 && Array.isArray(b.required) && b.required.length > 0);
}

/** Whether a list of alternatives says what shape a value has (not only, say, which properties it needs). */
function shaped(list) {
  const SHAPE = ["$ref", "type", "properties", "const", "enum", "anyOf", "oneOf", "allOf", "items"];
  return Array.isArray(list) && list.some((b) => b === true || b === false || (isObject(b) && SHAPE.some((k) => k in b)));
}

const SCALARS = { string: "string", number: "number", integer: "number", boolean: "boolean", null: "null" };

/**
 * The type of a lenient schema; `strict` is the strict schema at the same place (for the known values of an
 * enum that lenient leaves open), or undefined.
 */
function typeOf(s, strict, indent) {
  if (s === true || s === undefined) return "unknown";
  if (s === false) return "never";
  const st = isObject(strict) ? strict : {};
  if (s.$ref !== undefined) return refName(s.$ref);
  if ("const" in s) return literal(s.const);
  if (s.enum !== undefined) return union(s.enum.map(literal));
  if (isObject(s.if) && Object.keys(s.if).length === 1 && s.if.type === "null" && s.then === undefined) {
    // The generator's "optional means nullable" for a $ref: {if: {type: null}, else: {$ref}}
    return union(["null", typeOf(s.else, st.else, indent)]);
  }
  const tag = discriminator(s.allOf);
  if (tag !== null) return union(s.allOf.map((b, i) => typeOf(b.then, st.allOf && st.allOf[i] && st.allOf[i].then, indent)));
  if (shaped(s.anyOf) || shaped(s.oneOf)) {
    const list = s.anyOf || s.oneOf;
    const sl = st.anyOf || st.oneOf || [];
    return union(list.map((b, i) => typeOf(b, sl[i], indent)));
  }
  const types = Array.isArray(s.type) ? s.type : s.type === undefined ? [] : [s.type];
  if (types.length === 0) return isObject(s.properties) ? object(s, st, indent) : "unknown";
  return union(types.map((t) => {
    if (t === "object") return object(s, st, indent);
    if (t === "array") return array(s, st, indent);
    const known = Array.isArray(st.enum) ? st.enum.filter((v) => typeof v === "string") : [];
    if (t === "string" && known.length > 0) return union([...known.map(literal), "(string & {})"]);
    if (!(t in SCALARS)) throw new Error(`unsupported type ${t}`);
    return SCALARS[t];
  }));
}

function array(s, st, indent) {
  const item = typeOf(s.items, st.items, indent);
  return /^[A-Za-z0-9_"]+$/.test(item) ? `${item}[]` : `Array<${item}>`;
}

function object(s, st, indent, tagValues) {
  const props = isObject(s.properties) ? s.properties : {};
  const names = Object.keys(props);
  if (names.length === 0) return "Record<string, unknown>";
  const required = new Set(Array.isArray(s.required) ? s.required : []);
  const sp = isObject(st.properties) ? st.properties : {};
  const inner = `${indent}  `;
  const type = (n) => (tagValues && tagValues.has(n) ? union(tagValues.get(n).map(literal)) : typeOf(props[n], sp[n], inner));
  const lines = names.map((n) => `${inner}${key(n)}${required.has(n) ? "" : "?"}: ${type(n)};`);
  return `{\n${lines.join("\n")}\n${indent}}`;
}

/**
 * Model name to the tag properties its unions test, with the values that select it: on a branch the tag is
 * present and one of those values (the model alone may leave it optional or nullable), so that is its type.
 */
function tagsOfBranches(defs) {
  const tags = new Map();
  const visit = (s) => {
    if (Array.isArray(s)) return s.forEach(visit);
    if (!isObject(s)) return;
    const p = discriminator(s.allOf);
    if (p !== null) {
      for (const b of s.allOf) {
        if (isObject(b.then) && typeof b.then.$ref === "string") {
          const name = refName(b.then.$ref);
          if (!tags.has(name)) tags.set(name, new Map());
          const values = tags.get(name);
          if (!values.has(p)) values.set(p, []);
          const v = b.if.properties[p].const;
          if (!values.get(p).includes(v)) values.get(p).push(v);
        }
      }
    }
    Object.values(s).forEach(visit);
  };
  for (const { lenient } of defs.values()) visit(lenient);
  return tags;
}

function definition(name, s, strict, tags) {
  const tagValues = tags.get(name);
  const required = [...(Array.isArray(s.required) ? s.required : []), ...(tagValues ? tagValues.keys() : [])];
  const plain = isObject(s.properties) && discriminator(s.allOf) === null && !shaped(s.anyOf) && !shaped(s.oneOf)
    && s.$ref === undefined && (s.type === "object" || s.type === undefined);
  const t = plain ? object({ ...s, required }, isObject(strict) ? strict : {}, "", tagValues) : typeOf({ ...s, title: undefined }, strict, "");
  const alternatives = requiredOnly(s.anyOf) ? s.anyOf.map((b) => b.required.filter((p) => p in s.properties)) : [];
  if (plain && alternatives.length > 0 && alternatives.every((a) => a.length > 0)) {
    // An anyOf of required-only branches (a reply must carry results or error, ...): the fields, and a type that
    // requires one of the alternatives, so that an empty reply does not type-check.
    const fields = `${name}Fields`;
    const pick = (a) => `Required<Pick<${fields}, ${a.map(literal).join(" | ")}>>`;
    return `export interface ${fields} ${t}\n\n/** ${fields} with at least one of: ${alternatives.map((a) => a.join(" + ")).join(", ")}. */\n`
      + `export type ${name} = ${fields} & (${alternatives.map(pick).join(" | ")});\n`;
  }
  if (t.startsWith("{\n")) return `export interface ${name} ${t}\n`;
  return `export type ${name} = ${t};\n`;
}

/** The declarations file: the API, then one type per model of the message and reply bundles. */
export function declarations(index, bundles) {
  const defs = new Map();
  for (const set of ["message", "reply"]) {
    const lenient = bundles[`${set}/lenient`].$defs;
    const strict = bundles[`${set}/strict`].$defs;
    for (const name of Object.keys(lenient)) {
      const seen = defs.get(name);
      if (seen !== undefined && JSON.stringify(seen.lenient) !== JSON.stringify(lenient[name])) {
        throw new Error(`model ${name} differs between the message and the reply bundle`);
      }
      defs.set(name, { lenient: lenient[name], strict: strict[name] });
    }
  }
  const kinds = Object.entries(index.messageKinds);
  const replies = Object.entries(index.replyKinds);
  const out = [];
  out.push(`// Generated by src/npm/build/generate.mjs from the vapi-check schemas (${index.api}); do not edit.
// The lenient view: see the package README. Models are the bundles' $defs, by name.

/** A profile: lenient (the default, for gateways) or strict (for contract tests). */
export type Profile = "lenient" | "strict";

/** One error or warning, as the Java library reports it. */
export interface ValidationError {
  /** RFC 6901 pointer to the value at fault, e.g. "/message/call/status" ("" for the whole payload). */
  instanceLocation: string;
  /** The JSON Schema keyword that failed ("type", "required", "enum", ...), or "json" for unreadable input. */
  keyword: string;
  /** The Java library's ErrorCode name, e.g. "REQUIRED", "UNKNOWN_VARIANT", "UNKNOWN_MESSAGE_TYPE". */
  code: string;
  /** What was expected and what was found. */
  message: string;
}

/** The result of a check: errors in document order. */
export interface ValidationResult<K extends string = string> {
  /** True when there are no errors (warnings do not count). */
  valid: boolean;
  /** The message's type as sent (a reply: the kind given), or null when there is none. */
  messageType: K | null;
  profile: Profile;
  errors: ValidationError[];
  /** Lenient: unknown union variants (code UNKNOWN_VARIANT); with {warnings: true} also what strict flags. */
  warnings: ValidationError[];
}

export interface Options {
  /** Default "lenient". */
  profile?: Profile;
  /** Lenient only: also report as warnings what the strict profile flags on a valid payload. */
  warnings?: boolean;
  /** Lenient only: an unknown message.type is an error (UNKNOWN_MESSAGE_TYPE) instead of a warning. */
  rejectUnknownKinds?: boolean;
}

/** A payload: the parsed JSON value, or its text or UTF-8 bytes (then read strictly, as the Java library does). */
export type Payload = unknown;

/** Validates a webhook body ({"message": {...}}) or a bare message. Never throws for bad data. */
export declare function validateMessage(body: Payload, options?: Options): ValidationResult<MessageType | (string & {})>;
/** Validates a reply to a message of type \`kind\`, bare or as {"messageResponse": {...}}. Throws a TypeError for a kind without a reply model. */
export declare function validateReply<K extends ReplyKind>(kind: K, body: Payload, options?: Options): ValidationResult<K>;
/** The message types the schemas know. */
export declare const messageKinds: readonly MessageType[];
/** The message types that have a reply model. */
export declare const replyKinds: readonly ReplyKind[];
/** schemas/index.json: message type to model, reply kind to model. */
export declare const schemaIndex: {
  api: string;
  profiles: Profile[];
  messageKinds: { [K in MessageType]: string };
  replyKinds: { [K in ReplyKind]: string };
};

/** Every message type the schemas know. */
export type MessageType = ${union(kinds.map(([k]) => literal(k)))};
/** Each message type's model. */
export interface MessageTypes {
${kinds.map(([k, m]) => `  ${key(k)}: ${m};`).join("\n")}
}
/** A message of a known type: switch on \`type\` to narrow. */
export type Message = MessageTypes[MessageType];
/** A webhook body as Vapi sends it. */
export interface WebhookBody {
  message: Message;
}
/** The message types that have a reply model. */
export type ReplyKind = ${union(replies.map(([k]) => literal(k)))};
/** The reply model of each reply kind. */
export interface ReplyTypes {
${replies.map(([k, m]) => `  ${key(k)}: ${m};`).join("\n")}
}
/** The reply to a message of type K. */
export type Reply<K extends ReplyKind> = ReplyTypes[K];
`);
  const tags = tagsOfBranches(defs);
  for (const name of [...defs.keys()].sort()) {
    const { lenient, strict } = defs.get(name);
    out.push(definition(name, lenient, strict, tags));
  }
  return out.join("\n");
}

// ---- Python: TypedDicts for the wheel's vapi_check/types.py, the same lenient view ----------------------

const PY_SCALARS = { string: "str", number: "float", integer: "int", boolean: "bool", null: "None" };
const pyLiteral = (v) => (v === null ? "None" : typeof v === "boolean" ? (v ? "True" : "False") : JSON.stringify(v));
const pyUnion = (parts) => {
  const unique = [...new Set(parts)];
  if (unique.includes("Any")) return "Any";
  return unique.length === 0 ? "Any" : unique.length === 1 ? unique[0] : `Union[${unique.join(", ")}]`;
};
const pyLiterals = (values) => {
  const plain = values.filter((v) => v !== null).map(pyLiteral);
  const parts = plain.length > 0 ? [`Literal[${plain.join(", ")}]`] : [];
  return pyUnion(values.includes(null) ? [...parts, "None"] : parts);
};

/** A Python type expression; q: model names as string forward references (in an alias evaluated at import). */
function pyTypeOf(s, strict, q) {
  if (s === true || s === undefined) return "Any";
  if (s === false) return "NoReturn";
  const st = isObject(strict) ? strict : {};
  if (s.$ref !== undefined) return q ? JSON.stringify(refName(s.$ref)) : refName(s.$ref);
  if ("const" in s) return pyLiterals([s.const]);
  if (s.enum !== undefined) return pyLiterals(s.enum);
  if (isObject(s.if) && Object.keys(s.if).length === 1 && s.if.type === "null" && s.then === undefined) {
    return pyUnion([pyTypeOf(s.else, st.else, q), "None"]);
  }
  const tag = discriminator(s.allOf);
  if (tag !== null) return pyUnion(s.allOf.map((b, i) => pyTypeOf(b.then, st.allOf && st.allOf[i] && st.allOf[i].then, q)));
  if (shaped(s.anyOf) || shaped(s.oneOf)) {
    const list = s.anyOf || s.oneOf;
    const sl = st.anyOf || st.oneOf || [];
    return pyUnion(list.map((b, i) => pyTypeOf(b, sl[i], q)));
  }
  const types = Array.isArray(s.type) ? s.type : s.type === undefined ? [] : [s.type];
  if (types.length === 0) return "Any";
  return pyUnion(types.map((t) => {
    if (t === "object") return "Dict[str, Any]";
    if (t === "array") return `List[${pyTypeOf(s.items, st.items, q)}]`;
    const known = Array.isArray(st.enum) ? st.enum.filter((v) => typeof v === "string") : [];
    if (t === "string" && known.length > 0) return `Union[${pyLiterals(known)}, str]`;
    if (!(t in PY_SCALARS)) throw new Error(`unsupported type ${t}`);
    return PY_SCALARS[t];
  }));
}

/** vapi_check/types.py: one TypedDict per object model, a Union per union model, Literal for consts. */
export function pythonTypes(index, bundles) {
  const defs = new Map();
  for (const set of ["message", "reply"]) {
    const lenient = bundles[`${set}/lenient`].$defs;
    const strict = bundles[`${set}/strict`].$defs;
    for (const name of Object.keys(lenient)) defs.set(name, { lenient: lenient[name], strict: strict[name] });
  }
  const tags = tagsOfBranches(defs);
  const out = [`"""TypedDicts for the Vapi webhook messages and replies, generated by src/npm/build/types.mjs from the
vapi-check schemas (${index.api}); do not edit. The lenient view: an enum that lenient leaves open is
Union[Literal[known values...], str]; a union is a Union of its branches; objects list their known keys (NotRequired
where optional); model names are forward references. For type checkers; validate with vapi_check.validate_message.
"""
# flake8: noqa
from typing import Any, Dict, List, Literal, NoReturn, Union

from typing import TypedDict

try:
    from typing import NotRequired, TypeAlias
except ImportError:  # Python < 3.11: every key counts as required at run time; type checkers know both names
    TypeAlias = Any

    class NotRequired:  # noqa: N801
        def __class_getitem__(cls, item):
            return item

`];
  for (const name of [...defs.keys()].sort()) {
    const { lenient: s, strict } = defs.get(name);
    const st = isObject(strict) ? strict : {};
    const isPlainObject = isObject(s.properties) && Object.keys(s.properties).length > 0 && discriminator(s.allOf) === null
      && !shaped(s.anyOf) && !shaped(s.oneOf) && s.$ref === undefined;
    if (!isPlainObject) {
      out.push(`${name}: TypeAlias = ${pyTypeOf({ ...s, title: undefined }, strict, true)}\n`);
      continue;
    }
    const tagValues = tags.get(name) || new Map();
    const required = new Set([...(Array.isArray(s.required) ? s.required : []), ...tagValues.keys()]);
    const sp = isObject(st.properties) ? st.properties : {};
    const fields = Object.entries(s.properties).map(([p, v]) => {
      const t = tagValues.has(p) ? pyLiterals(tagValues.get(p)) : pyTypeOf(v, sp[p], true);
      return `    ${JSON.stringify(p)}: ${required.has(p) ? t : `NotRequired[${t}]`},`;
    });
    out.push(`${name} = TypedDict(${JSON.stringify(name)}, {\n${fields.join("\n")}\n})\n`);
  }
  const kinds = Object.entries(index.messageKinds);
  out.push(`MessageType: TypeAlias = Literal[${kinds.map(([k]) => JSON.stringify(k)).join(", ")}]
Message: TypeAlias = Union[${[...new Set(kinds.map(([, m]) => JSON.stringify(m)))].join(", ")}]
WebhookBody = TypedDict("WebhookBody", {"message": "Message"})
ReplyKind: TypeAlias = Literal[${Object.keys(index.replyKinds).map((k) => JSON.stringify(k)).join(", ")}]
MESSAGE_TYPES = {${kinds.map(([k, m]) => `${JSON.stringify(k)}: ${JSON.stringify(m)}`).join(", ")}}
REPLY_TYPES = {${Object.entries(index.replyKinds).map(([k, m]) => `${JSON.stringify(k)}: ${JSON.stringify(m)}`).join(", ")}}
`);
  return out.join("\n");
}
