// Every fixture of testdata/ gets the Java library's verdict from the installed package: valid ones are valid
// in both profiles with no warning; invalid and drift ones give exactly the errors (and lenient warnings, with
// {warnings: true}) that their .expected.json lists, as places "instanceLocation keyword"; and where the Java
// CLI's verdict list is given (VAPI_CHECK_JAVA_VERDICTS=target/agree/java.jsonl), each verdict equals it.
//
//   VAPI_CHECK_ROOT=<repository> node --test corpus.test.mjs     (from a folder where vapi-check is installed)
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync, existsSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { createRequire } from "node:module";
import { validateMessage, validateReply } from "vapi-check";

const root = process.env.VAPI_CHECK_ROOT;
assert.ok(root, "set VAPI_CHECK_ROOT to the repository (its testdata/ is the corpus)");
const testdata = join(root, "testdata");

function fixtures() {
  const out = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith(".json") && !name.endsWith(".expected.json")) out.push(p);
    }
  };
  for (const group of ["valid", "invalid", "drift"]) if (existsSync(join(testdata, group))) walk(join(testdata, group));
  return out.map((file) => {
    const parts = relative(testdata, file).split(/[\\/]/);
    const reply = parts[1] === "reply";
    return { file, name: `testdata/${parts.join("/")}`, group: parts[0], kind: parts[reply ? 2 : 1], reply };
  });
}

const all = fixtures();
const java = new Map();
if (process.env.VAPI_CHECK_JAVA_VERDICTS) {
  for (const line of readFileSync(process.env.VAPI_CHECK_JAVA_VERDICTS, "utf8").split("\n")) {
    if (!line.trim()) continue;
    const v = JSON.parse(line);
    java.set(`${v.file} ${v.profile}`, v.valid);
  }
}

test("the bundles and the index are importable from the package, CommonJS and ES module alike", async () => {
  const require = createRequire(import.meta.url);
  const bundle = require("vapi-check/schemas/server-message.lenient.json");
  assert.equal(bundle.$ref, "#/$defs/ServerMessage");
  const cjs = require("vapi-check");
  const esm = await import("vapi-check");
  assert.equal(esm.validateMessage, cjs.validateMessage);
  assert.deepEqual([...cjs.messageKinds], Object.keys(cjs.schemaIndex.messageKinds));
  assert.ok(cjs.replyKinds.includes("tool-calls"));
});

const places = (list) => list.map((e) => `${e.instanceLocation} ${e.keyword}`).sort();
const unique = (list) => [...new Set(list)];

test("the corpus is there", () => {
  assert.ok(all.filter((f) => f.group === "valid").length > 100, "more than 100 valid fixtures");
  assert.ok(all.filter((f) => f.group !== "valid").length > 100, "more than 100 invalid or drift fixtures");
  if (process.env.VAPI_CHECK_JAVA_VERDICTS) assert.equal(java.size, all.length * 2, "one Java verdict per fixture and profile");
});

for (const f of all) {
  test(f.name, () => {
    const bytes = readFileSync(f.file);
    for (const profile of ["lenient", "strict"]) {
      const options = { profile, warnings: profile === "lenient" };
      const r = f.reply ? validateReply(f.kind, bytes, options) : validateMessage(bytes, options);
      if (java.size > 0) assert.equal(r.valid, java.get(`${f.name} ${profile}`), `${profile}: the Java verdict`);
      if (f.group === "valid") {
        assert.deepEqual(r.errors, [], `${profile}: errors`);
        assert.deepEqual(r.warnings, [], `${profile}: warnings`);
        continue;
      }
      const expected = JSON.parse(readFileSync(f.file.replace(/\.json$/, ".expected.json"), "utf8"))[profile];
      assert.equal(r.valid, expected.valid, `${profile}: valid`);
      assert.deepEqual(unique(places(r.errors)), unique(places(expected.errors)), `${profile}: errors`);
      if (profile === "lenient" && expected.warnings) {
        assert.deepEqual(unique(places(r.warnings)), unique(places(expected.warnings)), "lenient: warnings");
      }
      for (const e of [...r.errors, ...r.warnings]) {
        assert.equal(typeof e.message, "string");
        assert.match(e.code, /^[A-Z_0-9]+$/);
      }
    }
  });
}
