"""Validation over python-jsonschema (4.10 and later) with the Java library's result and rules.

jsonschema finds the errors; this module shapes them as the Java library does: the errors of the closest branch of
an anyOf (see the Java ClosestBranch), one additionalProperties error per unknown member at that member, a union
tag that selects no branch in lenient reported as an UNKNOWN_VARIANT warning at the tag, errors in document order.

Unknown variants: in a lenient bundle a discriminated union (an allOf of {if: {required: [P], properties: {P:
{const: v}}}, then: ...}) whose own properties.P has no enum lets any tag through. The validator here checks a copy
of each lenient bundle in which those tags are enums marked with "x-vapi-check-tag"; an error of such an enum is a
warning, and a branch of an anyOf whose only errors are such warnings passes, so the verdict is lenient's.
"""
import copy
import json
import os
import re

from jsonschema import Draft202012Validator, validators as _validators
from jsonschema.exceptions import ValidationError

from ._read import InputError, read_payload

PROFILES = ("lenient", "strict")
TAG = "x-vapi-check-tag"
_SETS = {"message": "server-message", "reply": "server-message-response"}


# ---- ECMA-262 patterns ----------------------------------------------------------------------------------
# The schemas' patterns are ECMA-262 regular expressions (as Ajv and the Java validator read them); Python's `re`
# differs: `$` also matches before a final "\n", `.` matches "\r", U+2028 and U+2029, and `\d`, `\w` match
# non-ASCII digits and letters. Patterns are translated; a construct not handled is used as it is (or, with
# strict=True, refused with a ValueError: the CI's agreement check, .ci/agree.py, uses it that way).
_ECMA_CLASS = {"d": "0-9", "w": "A-Za-z0-9_"}


def ecma_to_python(pattern, strict=False):
    out = []
    in_class = False
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\" and i + 1 < len(pattern):
            e = pattern[i + 1]
            if e in _ECMA_CLASS:
                out.append(_ECMA_CLASS[e] if in_class else "[%s]" % _ECMA_CLASS[e])
            elif e.lower() in _ECMA_CLASS and not in_class:
                out.append("[^%s]" % _ECMA_CLASS[e.lower()])
            elif strict and (e in "DWsSbBpPck" or e.isdigit() and e != "0"):
                raise ValueError("pattern %s uses \\%s, which is not translated to Python yet"
                                 % (json.dumps(pattern), e))
            else:
                out.append(pattern[i:i + 2])
            i += 2
            continue
        if in_class:
            if c == "]":
                in_class = False
            out.append(c)
        elif c == "[":
            in_class = True
            out.append(c)
            if pattern.startswith("^", i + 1):
                out.append("^")
                i += 1
            if strict and pattern.startswith("]", i + 1):  # a leading "]" is literal in Python, ends an empty class in ECMA
                raise ValueError("pattern %s has an empty character class" % json.dumps(pattern))
        elif c == "$":
            out.append(r"\Z")
        elif c == ".":
            out.append("[^\\n\\r\\u2028\\u2029]")
        else:
            out.append(c)
        i += 1
    return "".join(out)


_compiled = {}


def _ecma_pattern(validator, pattern, instance, schema):
    if not validator.is_type(instance, "string"):
        return
    regex = _compiled.get(pattern)
    if regex is None:
        regex = _compiled[pattern] = re.compile(ecma_to_python(pattern))
    if not regex.search(instance):
        yield ValidationError("%r does not match %r" % (instance, pattern))


_Validator = _validators.extend(Draft202012Validator, {"pattern": _ecma_pattern})


# ---- schema helpers -------------------------------------------------------------------------------------

def discriminator(all_of):
    """The property every branch of a generated discriminated allOf tests, or None."""
    if not isinstance(all_of, list) or not all_of:
        return None
    prop = None
    for b in all_of:
        if not isinstance(b, dict) or set(b) != {"if", "then"} or not isinstance(b["if"], dict):
            return None
        c = b["if"]
        if set(c) != {"required", "properties"} or not isinstance(c["required"], list) or len(c["required"]) != 1:
            return None
        p = c["required"][0]
        if not isinstance(c["properties"], dict) or list(c["properties"]) != [p]:
            return None
        t = c["properties"][p]
        if not isinstance(t, dict) or list(t) != ["const"]:
            return None
        if prop is not None and prop != p:
            return None
        prop = p
    return prop


def _closed(own):
    return isinstance(own, dict) and ("enum" in own or "const" in own)


def close_tags(schema):
    """A copy of a bundle in which each open union tag is an enum of its known values, marked with TAG."""
    def visit(s):
        if isinstance(s, list):
            return [visit(x) for x in s]
        if not isinstance(s, dict):
            return s
        out = {k: visit(v) for k, v in s.items()}
        p = discriminator(s.get("allOf"))
        if p is not None:
            props = out.get("properties") if isinstance(out.get("properties"), dict) else {}
            own = props.get(p)
            if not _closed(own):
                tag = dict(own) if isinstance(own, dict) else {}
                tag["enum"] = [b["if"]["properties"][p]["const"] for b in s["allOf"]]
                tag[TAG] = True
                out["properties"] = dict(props, **{p: tag})
        return out
    return visit(copy.deepcopy(schema))


def _resolve(bundle, s):
    while isinstance(s, dict) and isinstance(s.get("$ref"), str):
        s = bundle["$defs"][s["$ref"][len("#/$defs/"):]]
    return s


def open_message_types(bundle):
    union = _resolve(bundle, _resolve(bundle, bundle)["properties"]["message"])
    if discriminator(union.get("allOf")) != "type":
        raise ValueError("the message union is not a discriminated allOf on type")
    return not _closed((union.get("properties") or {}).get("type"))


# ---- errors ---------------------------------------------------------------------------------------------

def _pointer(path):
    return "".join("/" + str(s).replace("~", "~0").replace("/", "~1") for s in path)


def _code(keyword):
    if keyword == "false":
        return "FALSE_SCHEMA"
    return re.sub(r"([a-z])([A-Z])", r"\1_\2", keyword).upper()


def _type_name(v):
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "boolean"
    if isinstance(v, (int, float)):
        return "number"
    if isinstance(v, str):
        return "string"
    if isinstance(v, list):
        return "array"
    return "object"


def _render(v):
    if isinstance(v, dict):
        return "an object"
    if isinstance(v, list):
        return "an array"
    s = json.dumps(v, ensure_ascii=False)
    return s if len(s) <= 60 else s[:60] + "..."


def _short(v):
    s = json.dumps(v, ensure_ascii=False)
    return s if len(s) <= 60 else s[:60] + "..."


class _Err(object):
    __slots__ = ("path", "keyword", "code", "message", "expected")

    def __init__(self, path, keyword, message, expected=None, code=None):
        self.path = list(path)
        self.keyword = keyword
        self.code = code or _code(keyword)
        self.message = message
        self.expected = expected


def _message(e):
    k, v, x = e.validator, e.validator_value, e.instance
    if k == "type":
        types = v if isinstance(v, list) else [v]
        return "expected %s but was %s" % (" or ".join(types), _type_name(x))
    if k == "enum":
        return "expected one of %s but was %s" % (_short(v), _render(x))
    if k == "const":
        return "expected %s but was %s" % (_render(v), _render(x))
    if k in ("minLength", "maxLength"):
        return "expected %s %s characters but was %d" % ("at least" if k == "minLength" else "at most", v, len(x))
    if k in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        op = {"minimum": ">=", "maximum": "<=", "exclusiveMinimum": ">", "exclusiveMaximum": "<"}[k]
        return "expected a number %s %s but was %s" % (op, v, _render(x))
    if k == "pattern":
        return "expected a string matching %s but was %s" % (v, _render(x))
    return e.message


def _flatten(error, out_errors, out_warnings):
    """Shapes one jsonschema error (and, for anyOf/oneOf, its context) into errors and warnings."""
    k = error.validator
    path = list(error.absolute_path)
    if k in ("anyOf", "oneOf") and error.context:
        _branches(error, path, out_errors, out_warnings)
    elif k == "enum" and isinstance(error.schema, dict) and error.schema.get(TAG) is True:
        out_warnings.append(_Err(path, "enum", "unknown variant %s: known values are %s" % (
            _render(error.instance), _short(error.validator_value)), error.validator_value, "UNKNOWN_VARIANT"))
    elif k == "required":
        # jsonschema yields one error per missing property, its message naming it
        names = [p for p in error.validator_value if error.message == "%r is a required property" % (p,)]
        for p in names[:1] or [error.message]:
            out_errors.append(_Err(path, "required", "missing required property %s" % json.dumps(p), p))
    elif k == "additionalProperties" and error.validator_value is False:
        props = error.schema.get("properties", {})
        patterns = list(error.schema.get("patternProperties", {}))
        for name in error.instance:
            if name not in props and not any(re.search(p, name) for p in patterns):
                out_errors.append(_Err(path + [name], "additionalProperties",
                                       "unknown property %s (the schema does not define it)" % json.dumps(name), False))
    elif k == "oneOf":
        out_errors.append(_Err(path, "oneOf", "expected exactly one alternative to match but several do"))
    elif k == "false" or error.validator is None:
        out_errors.append(_Err(path, "false", "no value is allowed here, but there is %s" % _render(error.instance)))
    else:
        out_errors.append(_Err(path, k, _message(error), error.validator_value))


def _branches(error, path, out_errors, out_warnings):
    groups = {}
    for sub in error.context:
        groups.setdefault(sub.relative_schema_path[0], []).append(sub)
    failures = []
    matches = []
    for index in range(len(error.validator_value)):
        errs, warns = [], []
        for sub in groups.get(index, []):
            _flatten(sub, errs, warns)
        if errs:
            failures.append((errs, warns))
        else:
            matches.append(warns)
            if error.validator == "anyOf":
                break
    if len(matches) == 1 or (error.validator == "anyOf" and matches):
        out_warnings.extend(matches[0])
        return
    if matches:
        out_errors.append(_Err(path, "oneOf", "expected exactly one alternative to match but %d do" % len(matches)))
        return
    errs, warns = _closest(failures, error.instance, path)
    out_errors.extend(errs)
    out_warnings.extend(warns)


def _closest(failures, value, path):
    """The rule of the Java library's ClosestBranch: see its javadoc."""
    at = _pointer(path)

    def root_type(errs):
        for e in errs:
            if e.keyword == "type" and _pointer(e.path) == at:
                return e
        return None

    if all(root_type(errs) is not None for errs, _ in failures):
        types = []
        for errs, _ in failures:
            t = root_type(errs).expected
            for x in (t if isinstance(t, list) else [t]):
                if x not in types:
                    types.append(x)
        return [_Err(path, "type", "expected %s but was %s" % (" or ".join(types), _type_name(value)), types)], []
    if all(len(errs) == 1 and _pointer(errs[0].path) == at and errs[0].keyword in ("const", "enum")
           for errs, _ in failures):
        values = []
        for errs, _ in failures:
            e = errs[0]
            for v in (e.expected if e.keyword == "enum" else [e.expected]):
                if not any(_same(v, w) for w in values):
                    values.append(v)
        return [_Err(path, "enum", "expected one of %s but was %s" % (_short(values), _render(value)), values)], []
    best = None
    for errs, warns in failures:
        if root_type(errs) is not None:
            continue
        if best is None or len(errs) < len(best[0]):
            best = (errs, warns)
    return best if best is not None else failures[0]


def _same(a, b):
    return json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True) and type(a) is type(b)


def document_order(errors, root):
    """By where the location appears in the value, then keyword (type first), then message; duplicates once."""
    big = float("inf")

    def positions(path):
        out = []
        node = root
        for segment in path:
            position, nxt = big, None
            if isinstance(node, dict):
                if str(segment) in node:
                    position = list(node).index(str(segment))
                    nxt = node[str(segment)]
            elif isinstance(node, list) and isinstance(segment, int) and 0 <= segment < len(node):
                position, nxt = segment, node[segment]
            out.append(position)
            node = nxt
        return out

    keyed = sorted(errors, key=lambda e: (positions(e.path), "" if e.keyword == "type" else e.keyword, e.message))
    out, previous = [], None
    for e in keyed:
        key = (_pointer(e.path), e.keyword, e.message)
        if key != previous:
            out.append(e)
            previous = key
    return out


def _public(e):
    return {"instanceLocation": _pointer(e.path), "keyword": e.keyword, "code": e.code, "message": e.message}


# ---- the validator --------------------------------------------------------------------------------------

class Validator(object):
    """Validates messages and replies against one schema directory (a copy of the repository's schemas/ layout:
    index.json and bundle/*.json, or the flat layout of the package: index.json and the four bundles)."""

    def __init__(self, schema_dir=None):
        if schema_dir is None:
            schema_dir = os.path.join(os.path.dirname(os.path.abspath(__file__)), "schemas")
        self._dir = schema_dir
        self.index = self._load("index.json")
        self.message_kinds = tuple(self.index["messageKinds"])
        self.reply_kinds = tuple(self.index["replyKinds"])
        self._validators = {}
        self._open_types = {}

    def _load(self, name):
        for candidate in (os.path.join(self._dir, name), os.path.join(self._dir, "bundle", name)):
            if os.path.exists(candidate):
                with open(candidate, encoding="utf-8") as f:
                    return json.load(f)
        raise FileNotFoundError("no %s in %s" % (name, self._dir))

    def _validator(self, which, profile, model):
        key = (which, profile)
        entry = self._validators.get(key)
        if entry is None:
            bundle = self._load("%s.%s.json" % (_SETS[which], profile))
            if which == "message":
                self._open_types[profile] = open_message_types(bundle)
            if profile == "lenient":
                bundle = close_tags(bundle)
            entry = self._validators[key] = (bundle, {})
        bundle, by_model = entry
        v = by_model.get(model)
        if v is None:
            if model not in bundle["$defs"]:
                raise ValueError("the %s bundle has no model %s" % (which, model))
            wrapper = {"$schema": bundle.get("$schema"), "$ref": "#/$defs/" + model, "$defs": bundle["$defs"]}
            v = by_model[model] = _Validator(wrapper)
        return v

    def _open_message_types(self, profile):
        if profile not in self._open_types:
            self._open_types[profile] = open_message_types(self._load("server-message.%s.json" % profile))
        return self._open_types[profile]

    def _check(self, which, profile, model, value, prefix, found):
        errors, warnings = [], []
        for e in self._validator(which, profile, model).iter_errors(value):
            _flatten(e, errors, warnings)
        for e in errors + warnings:
            e.path = prefix + e.path
        found["errors"].extend(errors)
        found["warnings"].extend(warnings)

    @staticmethod
    def _not_an_object(path, value, what):
        return _Err(path, "type", "expected %s to be a JSON object but was %s" % (what, _type_name(value)),
                    ["object"], "NOT_AN_OBJECT")

    @staticmethod
    def _unknown_members(root, allowed, found):
        for name in root:
            if name != allowed:
                found["errors"].append(_Err([name], "additionalProperties",
                                            "unknown property %s (the schema does not define it)" % json.dumps(name)))

    def _message(self, root, profile, reject_unknown_kinds):
        found = {"messageType": None, "errors": [], "warnings": []}
        if not isinstance(root, dict):
            found["errors"].append(self._not_an_object([], root, "a message"))
            return found
        message, prefix = root, []
        if "type" not in root and "message" in root:
            message, prefix = root["message"], ["message"]
            if profile == "strict":
                self._unknown_members(root, "message", found)
            if not isinstance(message, dict):
                found["errors"].append(self._not_an_object(prefix, message, '"message"'))
                return found
        if "type" not in message:
            found["errors"].append(_Err(prefix, "required", 'missing required property "type"' if prefix else
                                        'missing required property "type" (a bare message) or "message" (a webhook body)',
                                        "type"))
            return found
        kind = message["type"] if isinstance(message["type"], str) else None
        found["messageType"] = kind
        model = self.index["messageKinds"].get(kind) if kind is not None else None
        if model is None:
            known = list(self.message_kinds)
            if kind is not None and self._open_message_types(profile) and not reject_unknown_kinds:
                found["warnings"].append(_Err(prefix + ["type"], "enum", "unknown message type %s: known types are %s"
                                              % (_render(kind), _short(known)), known, "UNKNOWN_VARIANT"))
            else:
                found["errors"].append(_Err(prefix + ["type"], "enum", "unknown message type %s: expected one of %s"
                                            % (_render(message["type"]), _short(known)), known, "UNKNOWN_MESSAGE_TYPE"))
            return found
        self._check("message", profile, model, message, prefix, found)
        return found

    def _reply(self, root, kind, profile):
        found = {"messageType": kind, "errors": [], "warnings": []}
        if not isinstance(root, dict):
            found["errors"].append(self._not_an_object([], root, "a reply"))
            return found
        reply, prefix = root, []
        if "messageResponse" in root:
            reply, prefix = root["messageResponse"], ["messageResponse"]
            if profile == "strict":
                self._unknown_members(root, "messageResponse", found)
            if not isinstance(reply, dict):
                found["errors"].append(self._not_an_object(prefix, reply, '"messageResponse"'))
                return found
        self._check("reply", profile, self.index["replyKinds"][kind], reply, prefix, found)
        return found

    def _run(self, body, profile, warnings, evaluate):
        if profile not in PROFILES:
            raise ValueError('unknown profile %r: expected "lenient" or "strict"' % (profile,))
        if isinstance(body, (str, bytes, bytearray, memoryview)):
            try:
                root = read_payload(body)
            except InputError as e:
                return {"valid": False, "messageType": None, "profile": profile,
                        "errors": [_public(_Err([], "json", str(e), code=e.code))], "warnings": []}
        else:
            root = body
        try:
            found = evaluate(root, profile)
            found_warnings = found["warnings"]
            if warnings and profile == "lenient" and not found["errors"]:
                seen = {(_pointer(w.path), w.keyword) for w in found_warnings}
                strict = evaluate(root, "strict")
                found_warnings = found_warnings + [e for e in strict["errors"]
                                                   if (_pointer(e.path), e.keyword) not in seen]
        except (RecursionError, TypeError, ValueError, KeyError) as e:
            # A bug or an engine failure must not escape as an exception for a data problem (as in the Java library).
            return {"valid": False, "messageType": None, "profile": profile, "warnings": [],
                    "errors": [_public(_Err([], "other", "validation failed unexpectedly: %r" % (e,), code="OTHER"))]}
        return {
            "valid": not found["errors"],
            "messageType": found["messageType"],
            "profile": profile,
            "errors": [_public(e) for e in document_order(found["errors"], root)],
            "warnings": [_public(e) for e in document_order(found_warnings, root)],
        }

    def validate_message(self, body, profile="lenient", warnings=False, reject_unknown_kinds=False):
        return self._run(body, profile, warnings, lambda root, p: self._message(root, p, reject_unknown_kinds))

    def validate_reply(self, kind, body, profile="lenient", warnings=False):
        if kind not in self.index["replyKinds"]:
            raise ValueError("no reply model for messages of type %r; the kinds that have one are %s"
                             % (kind, list(self.reply_kinds)))
        return self._run(body, profile, warnings, lambda root, p: self._reply(root, kind, p))
