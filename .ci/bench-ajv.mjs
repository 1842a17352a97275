#!/usr/bin/env node
// Ajv standalone on the Java benchmark's own inputs, for the comparison in the README (not run by .ci/run).
//
//   mvn -B -Pbench test-compile exec:exec@sets exec:exec@paired   # the sets, and Java's figures
//   node .ci/bench-ajv.mjs [--sets DIR] [--java FILE] [--seconds S]
//
// For each profile the message bundle (schemas/bundle/server-message.<profile>.json) is compiled once with Ajv 8
// (draft 2020-12, formats not asserted, as the Java library) and turned into standalone code (ajv/dist/standalone),
// once stopping at the first error and once with allErrors. Then, per set, as the JMH benchmark does:
//   parse          JSON.parse of the bytes (decoded from UTF-8)
//   lenient/strict parse + the standalone validator (valid sets)
//   all-errors     parse + the allErrors validator, with the profile that rejects the document (invalid sets)
// As the Java side (PairedBench) measures, throughput is per CPU-second of this process (so other processes on a
// shared machine do not count), benchmarks are interleaved in slices over 7 rounds, and each figure is the median.
// The table gives msgs and MB per CPU-second, the ratio to JSON.parse in this process and, from Java's figures
// (target/paired-result.json), the ratio to Jackson's readTree (jacksonParse) of the same set in bytes per
// CPU-second: the ratio the Java table gives. Each set is compared with the parse of its own bytes.

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

const opts = { sets: join(root, "target/bench-sets"), java: join(root, "target/paired-result.json"), seconds: 0.25 };
for (let i = 2; i < process.argv.length; i++) {
  const a = process.argv[i];
  if (a === "--sets") opts.sets = resolve(process.argv[++i]);
  else if (a === "--java") opts.java = resolve(process.argv[++i]);
  else if (a === "--seconds") opts.seconds = Number(process.argv[++i]);
  else {
    process.stderr.write("usage: node .ci/bench-ajv.mjs [--sets DIR] [--java FILE] [--seconds S]\n");
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

const cpuSeconds = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

// Calls fn on each document in turn for `seconds` of CPU; returns documents per CPU-second.
function slice(docs, fn, seconds) {
  const start = cpuSeconds();
  let now = start;
  let n = 0;
  let sink = 0;
  do {
    for (let i = 0; i < docs.length; i++) {
      if (fn(docs[i])) sink++;
    }
    n += docs.length;
    now = cpuSeconds();
  } while (now - start < seconds);
  if (sink < 0) console.log(sink);
  return n / (now - start);
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const jackson = {};
if (existsSync(opts.java)) {
  for (const r of JSON.parse(readFileSync(opts.java, "utf8"))) {
    if (r.benchmark === "jacksonParse") jackson[r.set] = r.msgsPerCpuSecond * r.meanBytes;
  }
}
const meanBytes = (docs) => docs.reduce((s, d) => s + d.bytes.length, 0) / docs.length;

const benches = [];
for (const set of ["small", "large", "mix", "invalid", "mutated-small", "mutated-large", "mutated"]) {
  if (!existsSync(join(opts.sets, set, "index.json"))) continue;
  const docs = load(set);
  const mean = meanBytes(docs);
  benches.push({ set, docs, mean, name: "parse", fn: (d) => parse(d.bytes) !== undefined });
  if (["small", "large", "mix"].includes(set)) {
    benches.push({ set, docs, mean, name: "ajv lenient", fn: (d) => validators.lenient(parse(d.bytes)) });
    benches.push({ set, docs, mean, name: "ajv strict", fn: (d) => validators.strict(parse(d.bytes)) });
  } else {
    benches.push({ set, docs, mean, name: "ajv all-errors", fn: (d) => {
      const v = validators[`${d.profile}-all`];
      return v(parse(d.bytes)) || v.errors.length > 0;
    } });
  }
}
for (const b of benches) {
  slice(b.docs, b.fn, 1.5);
  b.rates = [];
}
for (let round = 0; round < 7; round++) {
  for (const b of benches) b.rates.push(slice(b.docs, b.fn, opts.seconds));
}
const parseRate = {};
for (const b of benches) {
  b.rate = median(b.rates);
  if (b.name === "parse") parseRate[b.set] = b.rate * b.mean;
}
const rows = benches;
console.log("| set | docs | mean size | benchmark | msgs per CPU-s | MB per CPU-s | vs JSON.parse | vs Jackson readTree |");
console.log("|---|---:|---:|---|---:|---:|---:|---:|");
for (const r of rows) {
  const mbs = (r.rate * r.mean) / 1e6;
  const vsParse = r.name === "parse" ? "" : ((r.rate * r.mean) / parseRate[r.set]).toFixed(2);
  const j = jackson[r.set];
  const vsJackson = j ? ((r.rate * r.mean) / j).toFixed(2) : "n/a";
  console.log(`| ${r.set} | ${r.docs.length} | ${Math.round(r.mean).toLocaleString("en")} B | ${r.name} | `
    + `${Math.round(r.rate).toLocaleString("en")} | ${mbs.toFixed(1)} | ${vsParse} | ${vsJackson} |`);
}
