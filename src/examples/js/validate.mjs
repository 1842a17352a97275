// Validates a Vapi webhook body with Ajv and the project's self-contained bundle.
// Usage: node validate.mjs BODY.json   (run from the repository root, after `npm install ajv`)
import Ajv2020 from "ajv/dist/2020.js";
import { readFileSync } from "node:fs";

const bundle = JSON.parse(readFileSync("schemas/bundle/server-message.lenient.json", "utf8"));
const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
const validate = ajv.compile(bundle);

const body = JSON.parse(readFileSync(process.argv[2], "utf8"));
if (validate(body)) {
  console.log("valid");
} else {
  for (const e of validate.errors) console.log(`${e.instancePath}: ${e.message} (${e.keyword})`);
  process.exitCode = 1;
}
