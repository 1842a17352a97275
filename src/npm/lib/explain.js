"use strict";
// Why a value fails one model of a vapi-check bundle, by the Java library's rules: the errors of the closest
// branch of an anyOf, only the selected branch of a discriminated union, and (lenient) a union tag that selects
// no branch reported as an UNKNOWN_VARIANT warning. The precompiled Ajv validators give the verdict; this walk
// runs only to explain a failure or to find unknown variants, so it favours clarity over speed.
//
// It understands the keywords the generator writes: $ref (to #/$defs/...), type, const, enum, properties,
// required, additionalProperties, items, minLength, maxLength, minimum, maximum, exclusiveMinimum,
// exclusiveMaximum, pattern, allOf, anyOf, oneOf, if/then/else. format and annotations are ignored (formats are
// annotations in draft 2020-12); any other assertion keyword stops the walk with an error, at load time.

const KNOWN = new Set([
  "$ref", "type", "const", "enum", "properties", "required", "additionalProperties", "items", "minLength",
  "maxLength", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "pattern", "allOf", "anyOf", "oneOf",
  "if", "then", "else", "format", "title", "description", "$comment", "$schema", "$id", "$defs", "default",
  "examples", "deprecated", "readOnly", "writeOnly",
]);

const MAX_SHOWN = 60;

function typeOf(v) {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  if (typeof v === "number") return Number.isInteger(v) ? "integer" : "number";
  return typeof v; // string, boolean, object
}

function hasType(v, t) {
  switch (t) {
    case "null": return v === null;
    case "boolean": return typeof v === "boolean";
    case "string": return typeof v === "string";
    case "number": return typeof v === "number";
    case "integer": return typeof v === "number" && Number.isInteger(v);
    case "array": return Array.isArray(v);
    case "object": return v !== null && typeof v === "object" && !Array.isArray(v);
    default: return false;
  }
}

function isObject(v) {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

function equal(a, b) {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== "object") return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) return a.length === b.length && a.every((x, i) => equal(x, b[i]));
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && equal(a[k], b[k]));
}

function shorten(s) {
  return s.length > MAX_SHOWN ? `${s.slice(0, MAX_SHOWN)}...` : s;
}

function render(v) {
  if (v === undefined) return "nothing";
  if (typeof v === "string") return shorten(JSON.stringify(v));
  if (isObject(v)) return "an object";
  if (Array.isArray(v)) return "an array";
  return shorten(JSON.stringify(v));
}

function pointer(path) {
  return path.map((s) => `/${String(s).replace(/~/g, "~0").replace(/\//g, "~1")}`).join("");
}

function codeOf(keyword) {
  if (keyword === "false") return "FALSE_SCHEMA";
  return keyword.replace(/([a-z])([A-Z])/g, "$1_$2").toUpperCase();
}

/** The property every branch of an allOf tests with {if: {required: [P], properties: {P: {const}}}, then}. */
function discriminator(allOf) {
  if (!Array.isArray(allOf)) return null;
  let property = null;
  for (const branch of allOf) {
    if (!isObject(branch) || Object.keys(branch).length !== 2 || !("then" in branch) || !isObject(branch.if)) return null;
    const cond = branch.if;
    if (Object.keys(cond).length !== 2 || !Array.isArray(cond.required) || cond.required.length !== 1) return null;
    const p = cond.required[0];
    if (typeof p !== "string" || !isObject(cond.properties) || Object.keys(cond.properties).length !== 1) return null;
    const test = cond.properties[p];
    if (!isObject(test) || Object.keys(test).length !== 1 || !("const" in test)) return null;
    if (property !== null && property !== p) return null;
    property = p;
  }
  return property;
}

class Explainer {
  /** @param bundle one of the four bundles (self-contained, models under $defs) */
  constructor(bundle) {
    this.defs = bundle.$defs || {};
    this.patterns = new Map();
    this.unions = new WeakMap();
    for (const [name, schema] of Object.entries(this.defs)) this.check(schema, `#/$defs/${name}`);
  }

  check(schema, at) {
    if (typeof schema === "boolean") return;
    if (!isObject(schema)) throw new Error(`not a schema at ${at}`);
    for (const [k, v] of Object.entries(schema)) {
      if (!KNOWN.has(k)) throw new Error(`keyword ${k} at ${at} is not supported by the explainer`);
      if (k === "properties" || k === "$defs") {
        for (const [p, s] of Object.entries(v)) this.check(s, `${at}/${k}/${p}`);
      } else if (k === "allOf" || k === "anyOf" || k === "oneOf") {
        v.forEach((s, i) => this.check(s, `${at}/${k}/${i}`));
      } else if (["items", "if", "then", "else", "additionalProperties"].includes(k)) {
        this.check(v, `${at}/${k}`);
      } else if (k === "$ref" && !(typeof v === "string" && v.startsWith("#/$defs/") && v.slice(8) in this.defs)) {
        throw new Error(`$ref ${v} at ${at} does not name a model of the bundle`);
      }
    }
  }

  model(name) {
    const schema = this.defs[name];
    if (schema === undefined) throw new Error(`no model ${name}`);
    return schema;
  }

  /**
   * Errors and warnings of value against a model; each {path, keyword, message, code, expected}.
   * path is relative to value; expected is the schema value of the failed keyword (for the anyOf rules).
   */
  explain(name, value) {
    const out = { errors: [], warnings: [] };
    this.walk(this.model(name), value, [], out);
    return out;
  }

  fail(out, path, keyword, message, expected) {
    out.errors.push({ path: path.slice(), keyword, message, code: codeOf(keyword), expected });
  }

  walk(schema, v, path, out) {
    if (schema === true) return;
    if (schema === false) {
      this.fail(out, path, "false", `no value is allowed here, but there is ${render(v)}`);
      return;
    }
    if (schema.$ref !== undefined) this.walk(this.defs[schema.$ref.slice(8)], v, path, out);
    if (schema.type !== undefined) {
      const types = Array.isArray(schema.type) ? schema.type : [schema.type];
      if (!types.some((t) => hasType(v, t))) {
        this.fail(out, path, "type", `expected ${types.join(" or ")} but was ${typeOf(v) === "integer" ? "number" : typeOf(v)}`, types);
      }
    }
    if ("const" in schema && !equal(v, schema.const)) {
      this.fail(out, path, "const", `expected ${render(schema.const)} but was ${render(v)}`, schema.const);
    }
    if (schema.enum !== undefined && !schema.enum.some((e) => equal(v, e))) {
      this.fail(out, path, "enum", `expected one of ${shorten(JSON.stringify(schema.enum))} but was ${render(v)}`, schema.enum);
    }
    if (typeof v === "string") this.strings(schema, v, path, out);
    if (typeof v === "number") this.numbers(schema, v, path, out);
    if (isObject(v)) this.object(schema, v, path, out);
    if (Array.isArray(v) && schema.items !== undefined) {
      v.forEach((item, i) => {
        path.push(i);
        this.walk(schema.items, item, path, out);
        path.pop();
      });
    }
    if (schema.allOf !== undefined) this.allOf(schema, v, path, out);
    if (schema.if !== undefined) this.conditional(schema, v, path, out);
    if (schema.anyOf !== undefined) this.branches(schema.anyOf, "anyOf", v, path, out);
    if (schema.oneOf !== undefined) this.branches(schema.oneOf, "oneOf", v, path, out);
  }

  strings(schema, v, path, out) {
    const length = schema.minLength !== undefined || schema.maxLength !== undefined ? [...v].length : 0;
    if (schema.minLength !== undefined && length < schema.minLength) {
      this.fail(out, path, "minLength", `expected at least ${schema.minLength} characters but was ${length}`, schema.minLength);
    }
    if (schema.maxLength !== undefined && length > schema.maxLength) {
      this.fail(out, path, "maxLength", `expected at most ${schema.maxLength} characters but was ${length}`, schema.maxLength);
    }
    if (schema.pattern !== undefined) {
      let re = this.patterns.get(schema.pattern);
      if (re === undefined) {
        re = new RegExp(schema.pattern, "u");
        this.patterns.set(schema.pattern, re);
      }
      if (!re.test(v)) this.fail(out, path, "pattern", `expected a string matching ${schema.pattern} but was ${render(v)}`, schema.pattern);
    }
  }

  numbers(schema, v, path, out) {
    const checks = [
      ["minimum", (l) => v >= l, ">="],
      ["maximum", (l) => v <= l, "<="],
      ["exclusiveMinimum", (l) => v > l, ">"],
      ["exclusiveMaximum", (l) => v < l, "<"],
    ];
    for (const [keyword, ok, op] of checks) {
      const limit = schema[keyword];
      if (limit !== undefined && !ok(limit)) {
        this.fail(out, path, keyword, `expected a number ${op} ${limit} but was ${render(v)}`, limit);
      }
    }
  }

  object(schema, v, path, out) {
    if (schema.required !== undefined) {
      for (const p of schema.required) {
        if (!Object.prototype.hasOwnProperty.call(v, p)) {
          this.fail(out, path, "required", `missing required property ${JSON.stringify(p)}`, p);
        }
      }
    }
    const properties = schema.properties || {};
    for (const [p, value] of Object.entries(v)) {
      if (Object.prototype.hasOwnProperty.call(properties, p)) {
        path.push(p);
        this.walk(properties[p], value, path, out);
        path.pop();
      } else if (schema.additionalProperties === false) {
        path.push(p);
        this.fail(out, path, "additionalProperties", `unknown property ${JSON.stringify(p)} (the schema does not define it)`, false);
        path.pop();
      } else if (schema.additionalProperties !== undefined) {
        path.push(p);
        this.walk(schema.additionalProperties, value, path, out);
        path.pop();
      }
    }
  }

  allOf(schema, v, path, out) {
    let property = this.unions.get(schema.allOf);
    if (property === undefined) {
      property = discriminator(schema.allOf);
      this.unions.set(schema.allOf, property);
    }
    if (property === null || !isObject(v)) {
      // Not a discriminated union, or not an object (then every `if` holds vacuously): every subschema applies.
      for (const s of schema.allOf) this.walk(s, v, path, out);
      return;
    }
    if (!Object.prototype.hasOwnProperty.call(v, property)) return; // the union's `required` reports it
    const tag = v[property];
    const branch = schema.allOf.find((b) => equal(tag, b.if.properties[property].const));
    if (branch !== undefined) {
      this.walk(branch.then, v, path, out);
      return;
    }
    const own = schema.properties && schema.properties[property];
    const closed = isObject(own) && (own.enum !== undefined || "const" in own);
    if (!closed && typeof tag === "string") {
      const known = schema.allOf.map((b) => b.if.properties[property].const);
      out.warnings.push({
        path: [...path, property],
        keyword: "enum",
        code: "UNKNOWN_VARIANT",
        message: `unknown variant ${render(tag)}: known values are ${shorten(JSON.stringify(known))}`,
        expected: known,
      });
    }
  }

  conditional(schema, v, path, out) {
    const test = { errors: [], warnings: [] };
    this.walk(schema.if, v, path, test);
    const next = test.errors.length === 0 ? schema.then : schema.else;
    if (next !== undefined) this.walk(next, v, path, out);
  }

  branches(list, keyword, v, path, out) {
    const failures = [];
    const matches = [];
    for (let i = 0; i < list.length; i++) {
      const o = { errors: [], warnings: [] };
      this.walk(list[i], v, path, o);
      if (o.errors.length === 0) {
        matches.push(o);
        if (keyword === "anyOf") break;
      } else {
        failures.push(o);
      }
    }
    if (matches.length === 1 || (keyword === "anyOf" && matches.length > 0)) {
      out.warnings.push(...matches[0].warnings);
      return;
    }
    if (matches.length > 1) {
      this.fail(out, path, "oneOf", `expected exactly one alternative to match but ${matches.length} do`, matches.length);
      return;
    }
    const closest = this.closest(failures, v, path);
    out.errors.push(...closest.errors);
    out.warnings.push(...closest.warnings);
  }

  /** The rule of the Java library's ClosestBranch: see its javadoc. */
  closest(failures, v, path) {
    const at = pointer(path);
    const rootType = (o) => o.errors.find((e) => e.keyword === "type" && pointer(e.path) === at);
    if (failures.every((o) => rootType(o) !== undefined)) {
      const types = [];
      for (const o of failures) for (const t of rootType(o).expected) if (!types.includes(t)) types.push(t);
      const e = { errors: [], warnings: [] };
      this.fail(e, path, "type", `expected ${types.join(" or ")} but was ${typeOf(v) === "integer" ? "number" : typeOf(v)}`, types);
      return e;
    }
    const onlyValues = failures.every((o) => o.errors.length === 1 && pointer(o.errors[0].path) === at
      && (o.errors[0].keyword === "const" || o.errors[0].keyword === "enum"));
    if (onlyValues) {
      const values = [];
      for (const o of failures) {
        const x = o.errors[0];
        for (const value of x.keyword === "enum" ? x.expected : [x.expected]) {
          if (!values.some((w) => equal(w, value))) values.push(value);
        }
      }
      const e = { errors: [], warnings: [] };
      this.fail(e, path, "enum", `expected one of ${shorten(JSON.stringify(values))} but was ${render(v)}`, values);
      return e;
    }
    let best = null;
    for (const o of failures) {
      if (rootType(o) !== undefined) continue;
      if (best === null || o.errors.length < best.errors.length) best = o;
    }
    return best === null ? failures[0] : best;
  }
}

const KEYWORD_RANK = (k) => (k === "type" ? "" : k);

/**
 * Errors in document order: by where their location appears in the value (members in the order written,
 * elements by index, a parent before its children), then keyword (type first), then message; duplicates once.
 */
function documentOrder(errors, root) {
  const indexes = new WeakMap();
  const positions = (path) => {
    const out = [];
    let node = root;
    for (const segment of path) {
      let position = Number.MAX_SAFE_INTEGER;
      let next;
      if (isObject(node)) {
        let index = indexes.get(node);
        if (index === undefined) {
          index = new Map(Object.keys(node).map((k, i) => [k, i]));
          indexes.set(node, index);
        }
        if (index.has(String(segment))) {
          position = index.get(String(segment));
          next = node[segment];
        }
      } else if (Array.isArray(node) && typeof segment === "number" && segment < node.length) {
        position = segment;
        next = node[segment];
      }
      out.push(position);
      node = next;
    }
    return out;
  };
  const keyed = errors.map((e) => ({ e, p: positions(e.path), k: KEYWORD_RANK(e.keyword) }));
  const cmp = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
  keyed.sort((a, b) => {
    const n = Math.min(a.p.length, b.p.length);
    for (let i = 0; i < n; i++) if (a.p[i] !== b.p[i]) return a.p[i] - b.p[i];
    return a.p.length - b.p.length || cmp(a.k, b.k) || cmp(a.e.message, b.e.message);
  });
  const out = [];
  let previous = null;
  for (const { e } of keyed) {
    const location = pointer(e.path);
    if (previous && previous.location === location && previous.keyword === e.keyword && previous.message === e.message) continue;
    previous = { location, keyword: e.keyword, message: e.message };
    out.push(e);
  }
  return out;
}

module.exports = { Explainer, documentOrder, pointer, discriminator, render, typeOf, codeOf };
