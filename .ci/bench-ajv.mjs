#!/usr/bin/env node
// Ajv standalone on the Java benchmark's own inputs, for the comparison in the README (not run by .ci/run).
//
//   mvn -B -Pbench test-compile exec:exec@sets        # writes target/bench-sets/<set>/ from testdata/
//   node .ci/bench-ajv.mjs [--sets DIR] [--jmh FILE] [--seconds S]
//
// For each profile the message bundle (schemas/bundle/server-message.<profile>.json) is compiled once with Ajv 8
// (draft 2020-12, formats not asserted, as the Java library) and turned into standalone code (ajv/dist/standalone),
// once stopping at the first error and once with allErrors. Then, per set, as the JMH benchmark does:
//   parse          JSON.parse of the bytes (decoded from UTF-8)
//   lenient/strict parse + the standalone validator (valid sets)
//   all-errors     parse + the allErrors validator, with the profile that rejects the document (invalid sets)
// Each figure is the median of 3 rounds of S seconds (default 2) after a warm-up round. The table gives msgs/s,
// MB/s, the ratio to JSON.parse in this process and, when a JMH result is there (target/jmh-result.json, written by
// `mvn -B -Pbench test-compile exec:exec`), the ratio to Jackson's readTree (jacksonParse) of the same set in MB/s,
// the ratio the Java table gives. A mutated set is compared with the valid set it was made from, as in BenchReport.

import { readFileSync, existsSync } from "node:fs";
import { join, dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";
import Ajv2020Module from "ajv/dist/2020.js";
import standaloneModule from "ajv/dist/standalone/index.js";

const Ajv2020 = Ajv2020Module.default ?? Ajv2020Module;
const standaloneCode = standaloneModule.default ?? standaloneModule;
const require = createRequire(import.meta.url);
const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

const opts = { sets: join(root, "target/bench-sets"), jmh: join(root, "target/jmh-result.json"), seconds: 2 };
for (let i = 2; i < process.argv.length; i++) {
  const a = process.argv[i];
  if (a === "--sets") opts.sets = resolve(process.argv[++i]);
  else if (a === "--jmh") opts.jmh = resolve(process.argv[++i]);
  else if (a === "--seconds") opts.seconds = Number(process.argv[++i]);
  else {
    process.stderr.write("usage: node .ci/bench-ajv.mjs [--sets DIR] [--jmh FILE] [--seconds S]\n");
    process.exit(2);
  }
}
if (!existsSync(join(opts.sets, "mix", "index.json"))) {
  process.stderr.write(`no benchmark sets under ${opts.sets}: run mvn -B -Pbench test-compile exec:exec@sets\n`);
  process.exit(2);
}

function standalone(profile, allErrors) {
  const bundle = JSON.parse(readFileSync(join(root, `schemas/bundle/server-message.${profile}.json`), "utf8"));
  const ajv = new Ajv2020({ strict: false, allErrors, validateFormats: false, code: { source: true } });
  const code = standaloneCode(ajv, ajv.compile(bundle));
  const module = { exports: {} };
  new Function("require", "module", "exports", code)(require, module, module.exports);
  return module.exports.default ?? module.exports;
}

const validators = {};
for (const profile of ["lenient", "strict"]) {
  validators[profile] = standalone(profile, false);
  validators[`${profile}-all`] = standalone(profile, true);
}

function load(set) {
  const dir = join(opts.sets, set);
  return JSON.parse(readFileSync(join(dir, "index.json"), "utf8")).map((d) => ({
    bytes: readFileSync(join(dir, d.file)),
    profile: d.profile,
  }));
}

function parse(bytes) {
  try {
    return JSON.parse(bytes.toString("utf8"));
  } catch {
    return undefined;
  }
}

// Calls fn on each document in turn for `seconds`; returns documents per second.
function round(docs, fn, seconds) {
  const end = process.hrtime.bigint() + BigInt(Math.round(seconds * 1e9));
  const start = process.hrtime.bigint();
  let n = 0;
  let sink = 0;
  while (process.hrtime.bigint() < end) {
    for (let i = 0; i < docs.length; i++) {
      if (fn(docs[i])) sink++;
      n++;
    }
  }
  const elapsed = Number(process.hrtime.bigint() - start) / 1e9;
  if (sink < 0) console.log(sink);
  return n / elapsed;
}

function measure(docs, fn) {
  round(docs, fn, Math.min(1, opts.seconds));
  const rounds = [0, 1, 2].map(() => round(docs, fn, opts.seconds)).sort((a, b) => a - b);
  return rounds[1];
}

const jackson = {};
if (existsSync(opts.jmh)) {
  for (const r of JSON.parse(readFileSync(opts.jmh, "utf8"))) {
    if (r.benchmark.endsWith(".jacksonParse")) jackson[r.params.set] = r.primaryMetric.score;
  }
}
const baseline = (set) => (set.endsWith("small") ? "small" : set.endsWith("large") ? "large" : "mix");
const meanBytes = (docs) => docs.reduce((s, d) => s + d.bytes.length, 0) / docs.length;

const rows = [];
const parseRate = {};
for (const set of ["small", "large", "mix", "invalid", "mutated-small", "mutated-large", "mutated"]) {
  if (!existsSync(join(opts.sets, set, "index.json"))) continue;
  const docs = load(set);
  const mean = meanBytes(docs);
  const benches = [["parse", (d) => parse(d.bytes) !== undefined]];
  if (["small", "large", "mix"].includes(set)) {
    benches.push(["ajv lenient", (d) => validators.lenient(parse(d.bytes))]);
    benches.push(["ajv strict", (d) => validators.strict(parse(d.bytes))]);
  } else {
    benches.push(["ajv all-errors", (d) => {
      const v = validators[`${d.profile}-all`];
      const ok = v(parse(d.bytes));
      return ok || v.errors.length > 0;
    }]);
  }
  for (const [name, fn] of benches) {
    const rate = measure(docs, fn);
    if (name === "parse") parseRate[set] = rate * mean;
    rows.push({ set, docs: docs.length, mean, name, rate });
  }
}

const means = {};
for (const set of ["small", "large", "mix"]) {
  if (existsSync(join(opts.sets, set, "index.json"))) means[set] = meanBytes(load(set));
}
console.log("| set | docs | mean size | benchmark | msgs/s | MB/s | vs JSON.parse | vs Jackson readTree |");
console.log("|---|---:|---:|---|---:|---:|---:|---:|");
for (const r of rows) {
  const mbs = (r.rate * r.mean) / 1e6;
  const base = baseline(r.set);
  const vsParse = r.name === "parse" ? "" : ((r.rate * r.mean) / (parseRate[base] ?? parseRate[r.set])).toFixed(2);
  const j = jackson[base];
  const vsJackson = j && means[base] ? ((r.rate * r.mean) / (j * means[base])).toFixed(2) : "n/a";
  console.log(`| ${r.set} | ${r.docs} | ${Math.round(r.mean).toLocaleString("en")} B | ${r.name} | `
    + `${Math.round(r.rate).toLocaleString("en")} | ${mbs.toFixed(1)} | ${vsParse} | ${vsJackson} |`);
}
