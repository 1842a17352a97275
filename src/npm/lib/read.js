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

/**
 * Checks text that JSON.parse accepted for what JSON.parse lets through: duplicate property names, nesting
 * deeper than maxDepth, strings, names and numbers over their limits. One pass over the characters; strings are
 * decoded only when they carry an escape or may be over a limit.
 */
function checkLimits(text) {
  const n = text.length;
  const stack = []; // a Set of names per open object, null per open array
  let prev = 0; // the last structural character
  let i = 0;
  const fail = (code, what) => {
    throw new InputError(code, `${what} at char ${i}`);
  };
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      let j = i + 1;
      for (;;) {
        j = text.indexOf('"', j);
        let k = j - 1;
        while (text.charCodeAt(k) === 0x5c) k--;
        if ((j - 1 - k) % 2 === 0) break;
        j++;
      }
      const top = stack.length > 0 ? stack[stack.length - 1] : null;
      const isName = top !== null && (prev === 0x7b || prev === 0x2c);
      const limit = isName ? LIMITS.maxNameLength : LIMITS.maxStringLength;
      const raw = text.slice(i + 1, j);
      const value = raw.length > limit || raw.includes("\\") ? JSON.parse(text.slice(i, j + 1)) : raw;
      if (value.length > limit) fail("TOO_LARGE", `${isName ? "property name" : "string"} longer than ${limit} chars`);
      if (isName) {
        if (top.has(value)) fail("DUPLICATE_KEY", `duplicate property ${JSON.stringify(value)}`);
        top.add(value);
      }
      prev = 0x22;
      i = j + 1;
    } else if (c === 0x7b || c === 0x5b) {
      if (stack.length + 1 > LIMITS.maxDepth) fail("TOO_DEEP", `nesting deeper than ${LIMITS.maxDepth}`);
      stack.push(c === 0x7b ? new Set() : null);
      prev = c;
      i++;
    } else if (c === 0x7d || c === 0x5d) {
      stack.pop();
      prev = c;
      i++;
    } else if (c === 0x2c || c === 0x3a) {
      prev = c;
      i++;
    } else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      let j = i + 1;
      let digits = c === 0x2d ? 0 : 1;
      for (; j < n; j++) {
        const d = text.charCodeAt(j);
        if (d >= 0x30 && d <= 0x39) digits++;
        else if (d !== 0x2e && d !== 0x65 && d !== 0x45 && d !== 0x2b && d !== 0x2d) break;
      }
      // Jackson counts the digits only (integer, fraction and exponent), not the signs, "." or "e".
      if (digits > LIMITS.maxNumberLength) fail("TOO_LARGE", `number longer than ${LIMITS.maxNumberLength} digits`);
      prev = 0x30;
      i = j;
    } else {
      i++;
    }
  }
}

function parseStrict(text) {
  let value;
  try {
    value = JSON.parse(text); // RFC 8259, strictly
  } catch (e) {
    if (e instanceof RangeError) throw new InputError("TOO_DEEP", `nesting deeper than ${LIMITS.maxDepth}`);
    throw new InputError("MALFORMED_JSON", `malformed JSON: ${e.message}`);
  }
  checkLimits(text);
  return value;
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
