"""Reads a payload's bytes or text by the Java library's rules (its PayloadReader): UTF-8 only (one optional
BOM), strict RFC 8259 JSON, no duplicate property names, at most 200 levels of nesting, and the default size
limits of dev.vapicheck.Limits. A payload that breaks one raises InputError with the Java library's code."""
import json

MAX_DEPTH = 200
MAX_DOCUMENT_BYTES = 16 * 1024 * 1024
MAX_STRING_LENGTH = 4 * 1024 * 1024
MAX_NUMBER_LENGTH = 1000
MAX_NAME_LENGTH = 10000


class InputError(Exception):
    def __init__(self, code, message):
        super().__init__(message)
        self.code = code


def _pairs(pairs):
    obj = {}
    for key, value in pairs:
        if len(key) > MAX_NAME_LENGTH:
            raise InputError("TOO_LARGE", "property name longer than %d chars" % MAX_NAME_LENGTH)
        if key in obj:
            raise InputError("DUPLICATE_KEY", "duplicate property %s" % json.dumps(key))
        obj[key] = value
    return obj


def _constant(name):
    raise InputError("MALFORMED_JSON", "%s is not JSON" % name)


def _number(convert):
    def parse(literal):
        # Jackson counts the digits only (integer, fraction and exponent), not the signs, "." or "e".
        if sum(c.isdigit() for c in literal) > MAX_NUMBER_LENGTH:
            raise InputError("TOO_LARGE", "number longer than %d digits" % MAX_NUMBER_LENGTH)
        return convert(literal)
    return parse


def _check_tree(value):
    stack = [(value, 0)]
    while stack:
        v, depth = stack.pop()
        if isinstance(v, str):
            if len(v) > MAX_STRING_LENGTH:
                raise InputError("TOO_LARGE", "string longer than %d chars" % MAX_STRING_LENGTH)
        elif isinstance(v, (dict, list)):
            if depth + 1 > MAX_DEPTH:
                raise InputError("TOO_DEEP", "nesting deeper than %d" % MAX_DEPTH)
            for child in (v.values() if isinstance(v, dict) else v):
                stack.append((child, depth + 1))


def read_payload(data):
    """The JSON value of UTF-8 bytes or of a str."""
    if isinstance(data, (bytes, bytearray, memoryview)):
        data = bytes(data)
        if len(data) > MAX_DOCUMENT_BYTES:
            raise InputError("TOO_LARGE", "larger than %d bytes" % MAX_DOCUMENT_BYTES)
        if b"\x00" in data[:4]:
            raise InputError("INVALID_UTF8", "not UTF-8 (NUL byte near the start)")
        if data.startswith(b"\xef\xbb\xbf"):
            data = data[3:]
        try:
            text = data.decode("utf-8", errors="strict")
        except UnicodeDecodeError as e:
            raise InputError("INVALID_UTF8", "invalid UTF-8 at byte %d" % e.start) from None
    else:
        text = data[1:] if data.startswith("\ufeff") else data
    try:
        value = json.loads(text, object_pairs_hook=_pairs, parse_constant=_constant,
                           parse_int=_number(int), parse_float=_number(float))
    except InputError:
        raise
    except RecursionError:
        raise InputError("TOO_DEEP", "nesting deeper than %d" % MAX_DEPTH) from None
    except ValueError as e:
        raise InputError("MALFORMED_JSON", "malformed JSON: %s" % e) from None
    _check_tree(value)
    return value
