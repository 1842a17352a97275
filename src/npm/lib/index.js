"use strict";
// vapi-check for JavaScript and TypeScript: validates Vapi webhook bodies and the replies to them against the
// vapi-check schemas, with the Java library's result: {valid, messageType, profile, errors, warnings}.
// The verdict comes from Ajv standalone validators compiled at build time (lib/validators.js, and
// lib/validators-lenient.js on demand); only when a payload fails, or (lenient) names a union variant the
// snapshot does not know, lib/explain.js walks the model to say where and why.

const validators = require("./validators.js");
const { Explainer, documentOrder, pointer, render } = require("./explain.js");
const { readPayload, isRaw, InputError } = require("./read.js");
const index = require("../schemas/index.json");
const facts = require("./facts.json");

const PROFILES = ["lenient", "strict"];
const BUNDLES = {
  "message/lenient": () => require("../schemas/server-message.lenient.json"),
  "message/strict": () => require("../schemas/server-message.strict.json"),
  "reply/lenient": () => require("../schemas/server-message-response.lenient.json"),
  "reply/strict": () => require("../schemas/server-message-response.strict.json"),
};
const explainers = new Map();
const own = (o, k) => Object.prototype.hasOwnProperty.call(o, k);

function explainer(set, profile) {
  const key = `${set}/${profile}`;
  let e = explainers.get(key);
  if (e === undefined) {
    e = new Explainer(BUNDLES[key]());
    explainers.set(key, e);
  }
  return e;
}

function options(given) {
  const o = given === undefined ? {} : given;
  if (o === null || typeof o !== "object") throw new TypeError("options must be an object");
  const profile = o.profile === undefined ? "lenient" : o.profile;
  if (!PROFILES.includes(profile)) {
    throw new TypeError(`unknown profile ${JSON.stringify(profile)}: expected "lenient" or "strict"`);
  }
  return { profile, warnings: o.warnings === true, rejectUnknownKinds: o.rejectUnknownKinds === true };
}

function error(path, keyword, code, message) {
  return { path, keyword, code, message };
}

function publicError(e) {
  return { instanceLocation: pointer(e.path), keyword: e.keyword, code: e.code, message: e.message };
}

function notAnObject(path, value, what) {
  const type = value === null ? "null" : Array.isArray(value) ? "array" : typeof value;
  return error(path, "type", "NOT_AN_OBJECT", `expected ${what} to be a JSON object but was ${type}`);
}

function isObject(v) {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

let lenientValidators = null;

/**
 * Validates one model: Ajv for the verdict, the explainer for errors and unknown-variant warnings. Where the
 * profile has open union tags, the usual call runs the copy with them closed (valid there: valid, no unknown
 * variant); only a payload that fails it loads and runs the profile as written.
 */
function check(set, profile, model, value, prefix, found) {
  const tags = validators[`${set}/${profile}+tags/${model}`];
  if (tags !== undefined && tags(value) === true) return;
  let validate = validators[`${set}/${profile}/${model}`];
  if (validate === undefined) {
    if (lenientValidators === null) lenientValidators = require("./validators-lenient.js");
    validate = lenientValidators[`${set}/${profile}/${model}`];
  }
  const valid = validate(value) === true;
  if (valid && tags === undefined) return;
  const explained = explainer(set, profile).explain(model, value);
  const under = (e) => ({ ...e, path: [...prefix, ...e.path] });
  found.errors.push(...explained.errors.map(under));
  found.warnings.push(...explained.warnings.map(under));
  if (!valid && explained.errors.length === 0) {
    // Ajv and the explainer disagree: never report a failure without saying where.
    const first = validate.errors && validate.errors[0];
    const at = first ? first.instancePath.split("/").slice(1).map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~")) : [];
    found.errors.push(error([...prefix, ...at], first ? first.keyword : "other", "OTHER", first ? first.message : "invalid"));
  }
}

function unknownMembers(root, allowed, found) {
  for (const name of Object.keys(root)) {
    if (name !== allowed) {
      found.errors.push(error([name], "additionalProperties", "ADDITIONAL_PROPERTIES",
        `unknown property ${JSON.stringify(name)} (the schema does not define it)`));
    }
  }
}

function evaluateMessage(root, profile, opts) {
  const found = { messageType: null, errors: [], warnings: [] };
  if (!isObject(root)) {
    found.errors.push(notAnObject([], root, "a message"));
    return found;
  }
  let message = root;
  let prefix = [];
  if (!own(root, "type") && own(root, "message")) {
    message = root.message;
    prefix = ["message"];
    if (profile === "strict") unknownMembers(root, "message", found);
    if (!isObject(message)) {
      found.errors.push(notAnObject(prefix, message, '"message"'));
      return found;
    }
  }
  if (!own(message, "type")) {
    found.errors.push(error(prefix, "required", "REQUIRED", prefix.length === 0
      ? 'missing required property "type" (a bare message) or "message" (a webhook body)'
      : 'missing required property "type"'));
    return found;
  }
  const type = message.type;
  const typePath = [...prefix, "type"];
  const kind = typeof type === "string" ? type : null;
  found.messageType = kind;
  const model = kind !== null && own(index.messageKinds, kind) ? index.messageKinds[kind] : null;
  if (model === null) {
    const known = Object.keys(index.messageKinds);
    if (kind !== null && facts.openMessageTypes[profile] && !opts.rejectUnknownKinds) {
      found.warnings.push(error(typePath, "enum", "UNKNOWN_VARIANT",
        `unknown message type ${render(kind)}: known types are ${JSON.stringify(known)}`));
    } else {
      found.errors.push(error(typePath, "enum", "UNKNOWN_MESSAGE_TYPE",
        `unknown message type ${render(type)}: expected one of ${JSON.stringify(known)}`));
    }
    return found;
  }
  check("message", profile, model, message, prefix, found);
  return found;
}

function evaluateReply(root, kind, profile) {
  const found = { messageType: kind, errors: [], warnings: [] };
  if (!isObject(root)) {
    found.errors.push(notAnObject([], root, "a reply"));
    return found;
  }
  let reply = root;
  let prefix = [];
  if (own(root, "messageResponse")) {
    reply = root.messageResponse;
    prefix = ["messageResponse"];
    if (profile === "strict") unknownMembers(root, "messageResponse", found);
    if (!isObject(reply)) {
      found.errors.push(notAnObject(prefix, reply, '"messageResponse"'));
      return found;
    }
  }
  check("reply", profile, index.replyKinds[kind], reply, prefix, found);
  return found;
}

function run(input, opts, evaluate) {
  let root;
  try {
    root = isRaw(input) ? readPayload(input) : input;
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    return { valid: false, messageType: null, profile: opts.profile, errors: [publicError(error([], "json", e.code, e.message))], warnings: [] };
  }
  let found;
  let warnings;
  try {
    found = evaluate(root, opts.profile);
    warnings = found.warnings;
    if (opts.warnings && opts.profile === "lenient" && found.errors.length === 0) {
      const strict = evaluate(root, "strict");
      const seen = new Set(warnings.map((w) => `${pointer(w.path)} ${w.keyword}`));
      warnings = warnings.concat(strict.errors.filter((e) => !seen.has(`${pointer(e.path)} ${e.keyword}`)));
    }
  } catch (e) {
    // A bug or an engine failure must not escape as an exception for a data problem (as in the Java library).
    return { valid: false, messageType: null, profile: opts.profile,
      errors: [publicError(error([], "other", "OTHER", `validation failed unexpectedly: ${e}`))], warnings: [] };
  }
  return {
    valid: found.errors.length === 0,
    messageType: found.messageType,
    profile: opts.profile,
    errors: documentOrder(found.errors, root).map(publicError),
    warnings: documentOrder(warnings, root).map(publicError),
  };
}

/**
 * Validates a webhook body ({"message": {...}}) or a bare message.
 * @param body the parsed JSON value, or its text (string) or UTF-8 bytes (Buffer, Uint8Array), read strictly
 * @param options {profile: "lenient" | "strict", warnings: boolean, rejectUnknownKinds: boolean}
 */
function validateMessage(body, options_) {
  const opts = options(options_);
  return run(body, opts, (root, profile) => evaluateMessage(root, profile, opts));
}

/**
 * Validates a reply to a message of type `kind` (bare, or wrapped as {"messageResponse": ...}).
 * Throws a TypeError for a kind that has no reply model (see replyKinds).
 */
function validateReply(kind, body, options_) {
  if (typeof kind !== "string" || !own(index.replyKinds, kind)) {
    throw new TypeError(`no reply model for messages of type ${JSON.stringify(kind)}; the kinds that have one are ${
      JSON.stringify(Object.keys(index.replyKinds))}`);
  }
  const opts = options(options_);
  return run(body, opts, (root, profile) => evaluateReply(root, kind, profile));
}

const messageKinds = Object.freeze(Object.keys(index.messageKinds));
const replyKinds = Object.freeze(Object.keys(index.replyKinds));

module.exports = { validateMessage, validateReply, messageKinds, replyKinds, schemaIndex: index };
