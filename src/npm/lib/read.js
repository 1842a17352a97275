"use strict";
// Reads a payload's bytes or text by the Java library's rules (its PayloadReader): UTF-8 only (one optional BOM),
// strict RFC 8259 JSON, no duplicate property names, at most 200 levels of nesting, and the default size limits
// of dev.vapicheck.Limits. A payload that breaks one gets one error with keyword "json" and a code of its own.

const LIMITS = Object.freeze({
  maxDepth: 200,
  maxDocumentBytes: 16 * 1024 * 1024,
  maxStringLength: 4 * 1024 * 1024,
  maxNumberLength: 1000,
  maxNameLength: 10000,
});

class InputError extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;

function parseStrict(text) {
  let i = 0;
  const n = text.length;
  const fail = (what, code = "MALFORMED_JSON") => {
    throw new InputError(code, `${what} at char ${i}`);
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
    i++;
    for (;;) {
      if (i >= n) fail("unterminated string");
      const c = text.charCodeAt(i);
      if (c === 0x22) break;
      if (c < 0x20) fail("control character in string");
      i += c === 0x5c ? 2 : 1;
    }
    i++;
    let s;
    try {
      s = JSON.parse(text.slice(start, i));
    } catch (e) {
      i = start;
      fail("bad string escape");
    }
    if (s.length > limit) fail(`${what} longer than ${limit} chars`, "TOO_LARGE");
    return s;
  };
  const value = (depth) => {
    ws();
    if (i >= n) fail("unexpected end of input");
    const c = text[i];
    if (c === "{" || c === "[") {
      if (depth + 1 > LIMITS.maxDepth) fail(`nesting deeper than ${LIMITS.maxDepth}`, "TOO_DEEP");
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
        const key = string(LIMITS.maxNameLength, "property name");
        if (seen.has(key)) fail(`duplicate property ${JSON.stringify(key)}`, "DUPLICATE_KEY");
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
    if (c === '"') return string(LIMITS.maxStringLength, "string");
    if (c === "-" || (c >= "0" && c <= "9")) {
      NUMBER.lastIndex = i;
      const m = NUMBER.exec(text);
      if (!m) fail("bad number");
      // Jackson counts the digits only (integer, fraction and exponent), not the signs, "." or "e".
      if (m[0].replace(/[^0-9]/g, "").length > LIMITS.maxNumberLength) {
        fail(`number longer than ${LIMITS.maxNumberLength} digits`, "TOO_LARGE");
      }
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

/** The JSON value of a string, or of UTF-8 bytes (Buffer, Uint8Array, ArrayBuffer); throws InputError. */
function readPayload(input) {
  if (typeof input === "string") {
    return parseStrict(input.charCodeAt(0) === 0xfeff ? input.slice(1) : input);
  }
  const bytes = input instanceof ArrayBuffer ? new Uint8Array(input) : input;
  if (bytes.length > LIMITS.maxDocumentBytes) {
    throw new InputError("TOO_LARGE", `larger than ${LIMITS.maxDocumentBytes} bytes`);
  }
  for (let k = 0; k < Math.min(4, bytes.length); k++) {
    if (bytes[k] === 0) throw new InputError("INVALID_UTF8", "not UTF-8 (NUL byte near the start)");
  }
  let text;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes); // drops one leading BOM
  } catch (e) {
    throw new InputError("INVALID_UTF8", "invalid UTF-8");
  }
  return parseStrict(text);
}

function isRaw(input) {
  return typeof input === "string" || input instanceof Uint8Array || input instanceof ArrayBuffer;
}

module.exports = { readPayload, isRaw, InputError, LIMITS };
