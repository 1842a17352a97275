#!/usr/bin/env node
// Ajv's verdicts on the fixture corpus, for the cross-validator agreement check run by .ci/run.
//
//   node .ci/agree.mjs [--profile lenient|strict] [--why] [--root DIR]
//
// Prints one JSON line per (fixture, profile), sorted by file then profile:
//   {"file": "testdata/valid/hang/minimal.json", "profile": "strict", "valid": true}
// With --why, an invalid verdict also carries "error": the first error Ajv reported.
//
// Messages (testdata/{valid,invalid,drift}/<kind>/*.json) are checked against the root of
// schemas/bundle/server-message.<profile>.json; replies (testdata/{valid,invalid,drift}/reply/<kind>/*.json)
// against <response bundle $id>#/$defs/<model>, the model named by schemas/index.json replyKinds[<kind>].
//
// The bytes are read the way the Java library reads them (internal/PayloadReader): UTF-8 only (an optional
// BOM), strict RFC 8259 JSON, no duplicate property names, at most 200 levels of nesting, and the default
// size limits. A file that breaks one of these rules is invalid in every profile. Exit status: 0 when every
// verdict was printed (whatever the verdicts), 2 when the corpus or the schemas cannot be used.

import { readFileSync, readdirSync, statSync, existsSync } from "node:fs";
import { join, dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import Ajv2020Module from "ajv/dist/2020.js";

const Ajv2020 = Ajv2020Module.default ?? Ajv2020Module;

const PROFILES = ["lenient", "strict"];
const MESSAGE_SETS = ["valid", "invalid", "drift"];

// The defaults of dev.vapicheck.Limits.
const MAX_DEPTH = 200;
const MAX_DOCUMENT_BYTES = 16 * 1024 * 1024;
const MAX_STRING_LENGTH = 4 * 1024 * 1024;
const MAX_NUMBER_LENGTH = 1000;
const MAX_NAME_LENGTH = 10000;

class InputError extends Error {}

function usage(message) {
  process.stderr.write(`agree.mjs: ${message}\n`);
  process.stderr.write("usage: node .ci/agree.mjs [--profile lenient|strict] [--why] [--root DIR]\n");
  process.exit(2);
}

function parseArgs(argv) {
  const opts = {
    profiles: PROFILES,
    why: false,
    root: resolve(dirname(fileURLToPath(import.meta.url)), ".."),
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--why") {
      opts.why = true;
    } else if (a === "--profile" && i + 1 < argv.length) {
      const p = argv[++i];
      if (!PROFILES.includes(p)) usage(`unknown profile ${JSON.stringify(p)}`);
      opts.profiles = [p];
    } else if (a === "--root" && i + 1 < argv.length) {
      opts.root = resolve(argv[++i]);
    } else {
      usage(`unexpected argument ${JSON.stringify(a)}`);
    }
  }
  return opts;
}

// ---- strict JSON reading -------------------------------------------------------------------------------

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;

function parseStrict(text) {
  let i = 0;
  const n = text.length;

  const fail = (what) => {
    throw new InputError(`${what} at char ${i}`);
  };
  const ws = () => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) i++;
      else break;
    }
  };
  const string = (limit, what) => {
    const start = i;
    i++; // opening quote
    for (;;) {
      if (i >= n) fail("unterminated string");
      const c = text.charCodeAt(i);
      if (c === 0x22) break;
      if (c < 0x20) fail("control character in string");
      i += c === 0x5c ? 2 : 1;
    }
    i++; // closing quote
    let s;
    try {
      s = JSON.parse(text.slice(start, i)); // decodes and checks the escapes
    } catch (e) {
      i = start;
      fail("bad string escape");
    }
    if (s.length > limit) fail(`${what} longer than ${limit} chars`);
    return s;
  };
  const value = (depth) => {
    ws();
    if (i >= n) fail("unexpected end of input");
    const c = text[i];
    if (c === "{" || c === "[") {
      if (depth + 1 > MAX_DEPTH) fail(`nesting deeper than ${MAX_DEPTH}`);
      i++;
      ws();
      if (c === "[") {
        const arr = [];
        if (text[i] === "]") {
          i++;
          return arr;
        }
        for (;;) {
          arr.push(value(depth + 1));
          ws();
          if (text[i] === ",") i++;
          else if (text[i] === "]") {
            i++;
            return arr;
          } else fail("expected , or ]");
        }
      }
      const obj = {};
      const seen = new Set();
      if (text[i] === "}") {
        i++;
        return obj;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail("expected a property name");
        const key = string(MAX_NAME_LENGTH, "property name");
        if (seen.has(key)) fail(`duplicate property ${JSON.stringify(key)}`);
        seen.add(key);
        ws();
        if (text[i] !== ":") fail("expected :");
        i++;
        // defineProperty, so that a "__proto__" member stays an ordinary property as with JSON.parse
        Object.defineProperty(obj, key, { value: value(depth + 1), writable: true, enumerable: true, configurable: true });
        ws();
        if (text[i] === ",") i++;
        else if (text[i] === "}") {
          i++;
          return obj;
        } else fail("expected , or }");
      }
    }
    if (c === '"') return string(MAX_STRING_LENGTH, "string");
    if (c === "-" || (c >= "0" && c <= "9")) {
      NUMBER.lastIndex = i;
      const m = NUMBER.exec(text);
      if (!m) fail("bad number");
      // Jackson counts the digits only (integer, fraction and exponent), not the signs, "." or "e".
      if (m[0].replace(/[^0-9]/g, "").length > MAX_NUMBER_LENGTH) fail(`number longer than ${MAX_NUMBER_LENGTH} digits`);
      i += m[0].length;
      return Number(m[0]);
    }
    for (const [word, v] of [["true", true], ["false", false], ["null", null]]) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return v;
      }
    }
    fail("unexpected character");
  };

  const v = value(0);
  ws();
  if (i !== n) fail("unexpected content after the JSON value");
  return v;
}

function readPayload(path) {
  const bytes = readFileSync(path);
  if (bytes.length > MAX_DOCUMENT_BYTES) throw new InputError(`larger than ${MAX_DOCUMENT_BYTES} bytes`);
  for (let k = 0; k < Math.min(4, bytes.length); k++) {
    if (bytes[k] === 0) throw new InputError("not UTF-8 (NUL byte near the start)");
  }
  let text;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes); // drops one leading BOM
  } catch (e) {
    throw new InputError("invalid UTF-8");
  }
  return parseStrict(text);
}

// ---- corpus ---------------------------------------------------------------------------------------------

function jsonFiles(dir) {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith(".json") && !f.endsWith(".expected.json"))
    .filter((f) => statSync(join(dir, f)).isFile())
    .sort();
}

function subdirs(dir) {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return [];
  return readdirSync(dir)
    .filter((d) => statSync(join(dir, d)).isDirectory())
    .sort();
}

/** [{file, replyKind|null}], file relative to root with forward slashes. */
function corpus(root) {
  const items = [];
  for (const set of MESSAGE_SETS) {
    for (const kind of subdirs(join(root, "testdata", set))) {
      if (kind === "reply") {
        for (const replyKind of subdirs(join(root, "testdata", set, "reply"))) {
          for (const f of jsonFiles(join(root, "testdata", set, "reply", replyKind))) {
            items.push({ file: `testdata/${set}/reply/${replyKind}/${f}`, replyKind });
          }
        }
      } else {
        for (const f of jsonFiles(join(root, "testdata", set, kind))) {
          items.push({ file: `testdata/${set}/${kind}/${f}`, replyKind: null });
        }
      }
    }
  }
  if (!items.some((it) => it.file.startsWith("testdata/valid/"))) {
    usage(`no fixtures under ${join(root, "testdata", "valid")} (expected testdata/valid/<kind>/*.json)`);
  }
  return items;
}

// ---- validation -----------------------------------------------------------------------------------------

function loadJson(path) {
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch (e) {
    usage(`cannot read ${path}: ${e.message}`);
  }
}

function firstError(errors) {
  const e = errors && errors[0];
  if (!e) return "invalid";
  return `${e.instancePath || "/"} ${e.keyword}: ${e.message} (${e.schemaPath})`;
}

function main() {
  const opts = parseArgs(process.argv.slice(2));
  const root = opts.root;
  const index = loadJson(join(root, "schemas", "index.json"));
  const replyKinds = index.replyKinds || {};
  const items = corpus(root);
  for (const it of items) {
    if (it.replyKind !== null && !(it.replyKind in replyKinds)) {
      usage(`${it.file}: reply kind ${JSON.stringify(it.replyKind)} is not in schemas/index.json replyKinds`);
    }
  }

  const lines = [];
  for (const profile of opts.profiles) {
    const ajv = new Ajv2020({ strict: false, allErrors: false, validateFormats: false });
    const message = loadJson(join(root, "schemas", "bundle", `server-message.${profile}.json`));
    const response = loadJson(join(root, "schemas", "bundle", `server-message-response.${profile}.json`));
    const validateMessage = ajv.compile(message);
    ajv.addSchema(response);
    const replyValidators = {};
    for (const [kind, model] of Object.entries(replyKinds)) {
      const ref = `${response.$id}#/$defs/${model}`;
      const v = ajv.getSchema(ref);
      if (!v) usage(`cannot resolve ${ref}`);
      replyValidators[kind] = v;
    }

    for (const it of items) {
      const line = { file: it.file, profile, valid: false };
      let data;
      let parsed = false;
      try {
        data = readPayload(join(root, it.file));
        parsed = true;
      } catch (e) {
        if (!(e instanceof InputError)) throw e;
        if (opts.why) line.error = `input: ${e.message}`;
      }
      if (parsed) {
        const validate = it.replyKind === null ? validateMessage : replyValidators[it.replyKind];
        line.valid = validate(data) === true;
        if (!line.valid && opts.why) line.error = firstError(validate.errors);
      }
      lines.push(line);
    }
  }

  const cmp = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
  lines.sort((a, b) => cmp(a.file, b.file) || cmp(a.profile, b.profile));
  // Same spacing as Python's json.dumps, so that the three verdict lists look alike.
  const show = (l) =>
    `{"file": ${JSON.stringify(l.file)}, "profile": ${JSON.stringify(l.profile)}, "valid": ${l.valid}` +
    ("error" in l ? `, "error": ${JSON.stringify(l.error)}` : "") +
    "}";
  process.stdout.write(lines.map((l) => `${show(l)}\n`).join(""));
}

main();
