#!/usr/bin/env node
// Generates the build-time parts of the npm package from schemas/ (run by src/npm/build.sh):
//
//   node src/npm/build/generate.mjs --schemas schemas --out target/npm/package
//
//   lib/validators.js   Ajv standalone code (CommonJS): one validator per (bundle, profile, model) the API uses,
//                       "message/<profile>/<Model>" and "reply/<profile>/<Model>"; when the lenient bundles have
//                       open union tags, "<set>/lenient+tags/<Model>" instead (a copy in which every tag is an enum
//                       of its known values: a payload passes it only if it names no unknown variant), and
//   lib/validators-lenient.js  lenient as written, loaded only when a payload fails "+tags";
//   index.d.ts          TypeScript declarations (see types.mjs);
//   schemas/*.json      the four bundles and index.json, as they are.
// With --python-types FILE: the Python package's TypedDicts (vapi_check/types.py), the same view as index.d.ts.
// Output is deterministic: same schemas, same bytes.

import { readFileSync, writeFileSync, mkdirSync, copyFileSync } from "node:fs";
import { join, dirname } from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { declarations, pythonTypes } from "./types.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const tools = createRequire(join(here, "..", "tools", "package.json")); // Ajv, from npm ci --prefix src/npm/tools
const { Explainer, discriminator } = createRequire(import.meta.url)("../lib/explain.js");

const SETS = { message: "server-message", reply: "server-message-response" };
const PROFILES = ["lenient", "strict"];

function args(argv) {
  const o = {};
  for (let i = 0; i < argv.length; i += 2) {
    if (!["--schemas", "--out", "--python-types"].includes(argv[i]) || i + 1 >= argv.length) {
      throw new Error(`usage: generate.mjs --schemas DIR (--out DIR | --python-types FILE) (got ${argv.join(" ")})`);
    }
    o[argv[i].slice(2)] = argv[i + 1];
  }
  if (!o.schemas || (!o.out && !o["python-types"])) throw new Error("usage: generate.mjs --schemas DIR (--out DIR | --python-types FILE)");
  return o;
}

const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);


/** A copy of a bundle in which each open union tag is an enum of its known values; and how many were closed. */
export function closeTags(bundle) {
  let closed = 0;
  const visit = (s) => {
    if (Array.isArray(s)) return s.map(visit);
    if (!isObject(s)) return s;
    const out = {};
    for (const [k, v] of Object.entries(s)) out[k] = visit(v);
    const p = discriminator(s.allOf);
    if (p !== null) {
      const own = isObject(out.properties) ? out.properties[p] : undefined;
      if (!(isObject(own) && (own.enum !== undefined || "const" in own))) {
        out.properties = { ...(out.properties || {}), [p]: { ...(isObject(own) ? own : {}), enum: s.allOf.map((b) => b.if.properties[p].const) } };
        closed++;
      }
    }
    return out;
  };
  return { bundle: visit(bundle), closed };
}

/** Whether the message union of a message bundle leaves its tag open (no enum or const on message.type). */
function openMessageTypes(bundle) {
  const resolve = (s) => (isObject(s) && typeof s.$ref === "string" ? resolve(bundle.$defs[s.$ref.slice(8)]) : s);
  const union = resolve(resolve(bundle).properties.message);
  if (discriminator(union.allOf) !== "type") throw new Error("the message union is not a discriminated allOf on type");
  const own = isObject(union.properties) ? union.properties.type : undefined;
  return !(isObject(own) && (own.enum !== undefined || "const" in own));
}

function main() {
  const o = args(process.argv.slice(2));
  const index = JSON.parse(readFileSync(join(o.schemas, "index.json"), "utf8"));
  if (o["python-types"]) {
    // The wheel's vapi_check/types.py (run by src/python/build.sh): the same lenient view as index.d.ts.
    const bundles = {};
    for (const [set, file] of Object.entries(SETS)) {
      for (const profile of PROFILES) {
        bundles[`${set}/${profile}`] = JSON.parse(readFileSync(join(o.schemas, "bundle", `${file}.${profile}.json`), "utf8"));
      }
    }
    writeFileSync(o["python-types"], pythonTypes(index, bundles));
    if (!o.out) return;
  }
  const models = {
    message: [...new Set(Object.values(index.messageKinds))].sort(),
    reply: [...new Set(Object.values(index.replyKinds))].sort(),
  };
  const Ajv2020 = tools("ajv/dist/2020.js").default;
  const standaloneCode = tools("ajv/dist/standalone").default;
  const options = {
    strict: false, allErrors: false, validateFormats: false, inlineRefs: false, code: { source: true, lines: false, optimize: 1 },
  };
  // Two modules: lib/validators.js, loaded with the package, holds what the usual call needs (strict, and lenient
  // with its union tags closed: passing it means valid with no unknown variant); lib/validators-lenient.js, loaded
  // only when a lenient payload fails that, holds lenient as written, for the verdict on an unknown variant.
  const modules = { "validators.js": { ajv: new Ajv2020(options), exports: {} }, "validators-lenient.js": { ajv: new Ajv2020(options), exports: {} } };
  const main = modules["validators.js"];
  const bundles = {};
  for (const profile of PROFILES) {
    // One schema per profile with the models of both bundles (the ones they share are the same), so that Ajv
    // compiles each model once per profile.
    const defs = {};
    for (const [set, file] of Object.entries(SETS)) {
      const bundle = JSON.parse(readFileSync(join(o.schemas, "bundle", `${file}.${profile}.json`), "utf8"));
      bundles[`${set}/${profile}`] = bundle;
      for (const [name, model] of Object.entries(bundle.$defs)) {
        if (name in defs && JSON.stringify(defs[name]) !== JSON.stringify(model)) {
          throw new Error(`model ${name} differs between the ${profile} bundles`);
        }
        defs[name] = model;
      }
    }
    const combined = { $schema: bundles[`message/${profile}`].$schema, $id: `https://vapi-check.dev/npm/${profile}.json`, $defs: defs };
    const add = (module, schema, key) => {
      module.ajv.addSchema(schema);
      for (const set of Object.keys(SETS)) {
        for (const m of models[set]) module.exports[`${set}/${key}/${m}`] = `${schema.$id}#/$defs/${m}`;
      }
    };
    const { bundle: tagged, closed } = profile === "lenient" ? closeTags(combined) : { closed: 0 };
    if (closed > 0) {
      tagged.$id = `https://vapi-check.dev/npm/${profile}+tags.json`;
      add(main, tagged, `${profile}+tags`);
      add(modules["validators-lenient.js"], combined, profile);
    } else {
      add(main, combined, profile);
    }
    if (profile === "lenient") console.error(`lenient: ${closed} open union tags`);
  }
  // The explainer must understand every keyword of every model: fail the build, not a user's request.
  for (const bundle of Object.values(bundles)) new Explainer(bundle);
  mkdirSync(join(o.out, "lib"), { recursive: true });
  mkdirSync(join(o.out, "schemas"), { recursive: true });
  for (const [file, { ajv, exports }] of Object.entries(modules)) {
    const code = Object.keys(exports).length > 0 ? standaloneCode(ajv, exports) : '"use strict";';
    writeFileSync(join(o.out, "lib", file),
      `// Generated by src/npm/build/generate.mjs from the vapi-check schemas with Ajv's standalone code; do not edit.\n${code}\n`);
    console.error(`${file}: ${Object.keys(exports).length} validators, ${code.length} chars`);
  }
  for (const f of ["index.json", ...Object.values(SETS).flatMap((f) => PROFILES.map((p) => `bundle/${f}.${p}.json`))]) {
    copyFileSync(join(o.schemas, f), join(o.out, "schemas", f.replace("bundle/", "")));
  }
  writeFileSync(join(o.out, "index.d.ts"), declarations(index, bundles));
  // Whether a message.type the snapshot does not know passes in each profile (lenient after issue 10).
  const facts = { openMessageTypes: {} };
  for (const profile of PROFILES) facts.openMessageTypes[profile] = openMessageTypes(bundles[`message/${profile}`]);
  writeFileSync(join(o.out, "lib", "facts.json"), `${JSON.stringify(facts, null, 2)}\n`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
