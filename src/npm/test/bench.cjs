// Measures the installed package (not a test): the time to load it, to validate one message the first time and
// then per message, for a valid and an invalid (or drift) payload given as bytes. Figures vary with the machine:
// quote them with the command and the machine's load.
//
//   node bench.cjs VALID.json OTHER.json [ROUNDS]        (from a folder where vapi-check is installed)
"use strict";
const { performance } = require("node:perf_hooks");
const { readFileSync } = require("node:fs");

const [valid, other, rounds = "1000"] = process.argv.slice(2);
if (!valid || !other) {
  console.error("usage: node bench.cjs VALID.json OTHER.json [ROUNDS]");
  process.exit(2);
}
const n = Number(rounds);
const t0 = performance.now();
const { validateMessage } = require("vapi-check");
const loadMs = performance.now() - t0;

function measure(file) {
  const bytes = readFileSync(file);
  let t = performance.now();
  const r = validateMessage(bytes);
  const firstMs = performance.now() - t;
  t = performance.now();
  for (let i = 0; i < n; i++) validateMessage(bytes);
  const perMessageUs = ((performance.now() - t) * 1000) / n;
  return { file, bytes: bytes.length, valid: r.valid, errors: r.errors.length, warnings: r.warnings.length,
    firstMs: +firstMs.toFixed(2), perMessageUs: +perMessageUs.toFixed(1) };
}

console.log(JSON.stringify({ node: process.version, loadMs: +loadMs.toFixed(1), valid: measure(valid), other: measure(other) }));
