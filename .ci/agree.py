#!/usr/bin/python3
"""Python jsonschema's verdicts on the fixture corpus, and the three-way comparison; run by .ci/run.

  /usr/bin/python3 .ci/agree.py [--profile lenient|strict] [--why] [--root DIR]
  /usr/bin/python3 .ci/agree.py compare java.jsonl ajv.jsonl python.jsonl
  /usr/bin/python3 .ci/agree.py list | reshape PROFILE FILES OUTPUT | sort LIST   (used by java-verdicts.sh)

The first form prints one JSON line per (fixture, profile), sorted by file then profile:
  {"file": "testdata/valid/hang/minimal.json", "profile": "strict", "valid": true}
With --why, an invalid verdict also carries "error": the first error jsonschema reported.
Messages (testdata/{valid,invalid,drift}/<kind>/*.json) are checked against the root of
schemas/bundle/server-message.<profile>.json; replies (testdata/{valid,invalid,drift}/reply/<kind>/*.json)
against $defs/<model> of server-message-response.<profile>.json, the model named by schemas/index.json
replyKinds[<kind>]. It needs jsonschema 4.x (Debian's python3-jsonschema 4.10 is enough: no `referencing`).

The bytes are read the way the Java library reads them (internal/PayloadReader): UTF-8 only (an optional
BOM), strict RFC 8259 JSON, no duplicate property names, at most 200 levels of nesting, and the default size
limits. A file that breaks one of these rules is invalid in every profile. Patterns are matched by ECMA-262
rules. Both rules are the Python package's own code (src/python/vapi_check: _read.read_payload and
_core.ecma_to_python, strict); AGREE_PYTHON_REGEX=1 leaves patterns to Python's `re` as jsonschema does.

The second form reads verdict lists (named after their files) and exits 1, listing every (file, profile)
on which they differ or which a list lacks; otherwise it prints "agreement: N verdicts, 0 differences".

Exit status 2: the corpus, the schemas or a verdict list cannot be used.
"""

import json
import os
import sys

PROFILES = ("lenient", "strict")
MESSAGE_SETS = ("valid", "invalid", "drift")

def die(message):
    sys.stderr.write("agree.py: %s\n" % message)
    sys.exit(2)


def dumps(obj):
    return json.dumps(obj, ensure_ascii=False)


# ---- the Python package's rules ----------------------------------------------------------------------------

def _package():
    """The Python package's modules, from its sources (src/python/vapi_check): it reads payloads by the Java
    library's rules (UTF-8, strict JSON, no duplicate keys, the default limits) and translates ECMA-262 patterns;
    this check uses that code rather than a copy of it."""
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src", "python"))
    sys.dont_write_bytecode = True  # no __pycache__ in the package's sources
    try:
        from vapi_check import _core, _read
    except ImportError as e:
        die("cannot import the Python package's sources from src/python (%s)" % e)
    return _core, _read


def read_payload(reader, path):
    with open(path, "rb") as f:
        return reader.read_payload(f.read())


def check_patterns(core, node):
    """Dies on a pattern whose ECMA-262 meaning the translation cannot keep in Python."""
    stack = [node]
    while stack:
        n = stack.pop()
        if isinstance(n, dict):
            p = n.get("pattern")
            if isinstance(p, str):
                try:
                    core.ecma_to_python(p, strict=True)
                except ValueError as e:
                    die(str(e))
            stack.extend(n.values())
        elif isinstance(n, list):
            stack.extend(n)


# ---- corpus ---------------------------------------------------------------------------------------------

def _subdirs(path):
    if not os.path.isdir(path):
        return []
    return sorted(d for d in os.listdir(path) if os.path.isdir(os.path.join(path, d)))


def _json_files(path):
    if not os.path.isdir(path):
        return []
    return sorted(f for f in os.listdir(path)
                  if f.endswith(".json") and not f.endswith(".expected.json")
                  and os.path.isfile(os.path.join(path, f)))


def corpus(root):
    """[(file, reply_kind or None)], file relative to root with forward slashes."""
    items = []
    for group in MESSAGE_SETS:
        base = os.path.join(root, "testdata", group)
        for kind in _subdirs(base):
            if kind == "reply":
                for reply_kind in _subdirs(os.path.join(base, "reply")):
                    for f in _json_files(os.path.join(base, "reply", reply_kind)):
                        items.append(("testdata/%s/reply/%s/%s" % (group, reply_kind, f), reply_kind))
            else:
                for f in _json_files(os.path.join(base, kind)):
                    items.append(("testdata/%s/%s/%s" % (group, kind, f), None))
    if not any(f.startswith("testdata/valid/") for f, _ in items):
        die("no fixtures under %s (expected testdata/valid/<kind>/*.json)" % os.path.join(root, "testdata", "valid"))
    return items


# ---- validation -----------------------------------------------------------------------------------------

def load_json(path):
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError) as e:
        die("cannot read %s: %s" % (path, e))


def first_error(validator, instance):
    error = next(iter(validator.iter_errors(instance)), None)
    if error is None:
        return "invalid"
    where = "/" + "/".join(str(p) for p in error.absolute_path)
    schema_path = "/".join(str(p) for p in error.absolute_schema_path)
    return "%s %s: %s (#/%s)" % (where, error.validator, error.message[:300], schema_path)


def verdicts(root, profiles, why):
    try:
        from jsonschema import Draft202012Validator
    except ImportError:
        die("jsonschema is not installed for %s (apt-get install python3-jsonschema)" % sys.executable)
    core, reader = _package()
    if os.environ.get("AGREE_PYTHON_REGEX") != "1":  # AGREE_PYTHON_REGEX=1: Python's own dialect, to compare
        Draft202012Validator = core._Validator  # jsonschema's, with patterns matched by ECMA-262 rules

    index = load_json(os.path.join(root, "schemas", "index.json"))
    reply_kinds = index.get("replyKinds", {})
    items = corpus(root)
    for f, reply_kind in items:
        if reply_kind is not None and reply_kind not in reply_kinds:
            die("%s: reply kind %s is not in schemas/index.json replyKinds" % (f, dumps(reply_kind)))

    lines = []
    for profile in profiles:
        message = load_json(os.path.join(root, "schemas", "bundle", "server-message.%s.json" % profile))
        response = load_json(os.path.join(root, "schemas", "bundle", "server-message-response.%s.json" % profile))
        check_patterns(core, [message, response])
        validators = {None: Draft202012Validator(message)}
        for kind, model in reply_kinds.items():
            if model not in response.get("$defs", {}):
                die("server-message-response.%s.json has no $defs/%s" % (profile, model))
            # A wrapper instead of a "<$id>#/$defs/<model>" reference: works without the `referencing` library.
            wrapper = {"$schema": response.get("$schema"), "$ref": "#/$defs/" + model, "$defs": response["$defs"]}
            validators[kind] = Draft202012Validator(wrapper)

        for f, reply_kind in items:
            line = {"file": f, "profile": profile, "valid": False}
            try:
                instance = read_payload(reader, os.path.join(root, f))
            except reader.InputError as e:
                if why:
                    line["error"] = "input: %s" % e
            else:
                validator = validators[reply_kind]
                line["valid"] = validator.is_valid(instance)
                if not line["valid"] and why:
                    line["error"] = first_error(validator, instance)
            lines.append(line)

    lines.sort(key=lambda l: (l["file"], l["profile"]))
    out = sys.stdout
    for line in lines:
        out.write(dumps(line) + "\n")


# ---- comparison -----------------------------------------------------------------------------------------

def read_verdicts(path):
    name = os.path.basename(path)
    if name.endswith(".jsonl"):
        name = name[:-len(".jsonl")]
    table = {}
    errors = {}
    try:
        with open(path, encoding="utf-8") as f:
            for number, text in enumerate(f, 1):
                if not text.strip():
                    continue
                try:
                    d = json.loads(text)
                    key = (d["file"], d["profile"])
                    valid = d["valid"]
                    why = d.get("error")
                except (ValueError, KeyError, TypeError) as e:
                    die("%s:%d: not a verdict line (%s): %s" % (path, number, e, text.strip()[:200]))
                if not isinstance(valid, bool):
                    die("%s:%d: \"valid\" is not true or false" % (path, number))
                if key in table:
                    die("%s:%d: a second verdict for %s (%s)" % (path, number, key[0], key[1]))
                table[key] = valid
                if why is not None:
                    errors[key] = str(why)
    except OSError as e:
        die("cannot read %s: %s" % (path, e))
    if not table:
        die("%s holds no verdicts" % path)
    return name, table, errors


def compare(paths):
    if len(paths) < 2:
        die("compare needs at least two verdict lists")
    lists = [read_verdicts(p) for p in paths]
    names = [n for n, _, _ in lists]
    keys = sorted(set().union(*(t.keys() for _, t, _ in lists)))
    differences = []
    for key in keys:
        got = [t.get(key) for _, t, _ in lists]
        if None in got or len(set(got)) > 1:
            differences.append((key, got))

    def show(v):
        return "missing" if v is None else ("valid" if v else "invalid")

    for (f, profile), got in differences:
        print("DIFFERENT %s [%s]: %s" % (f, profile, ", ".join(
            "%s=%s" % (n, show(v)) for n, v in zip(names, got))))
        for name, _, errors in lists:
            if (f, profile) in errors:
                print("    %s: %s" % (name, errors[(f, profile)]))
    files = len({f for f, _ in keys})
    print("agreement (%s): %d verdicts on %d files, %d differences" % (
        " vs ".join(names), len(keys), files, len(differences)))
    return 1 if differences else 0


# ---- helpers for java-verdicts.sh -----------------------------------------------------------------------

def list_corpus(root):
    """One line per fixture: the reply kind ("-" for a message) and the file, tab-separated."""
    for f, reply_kind in corpus(root):
        print("%s\t%s" % (reply_kind or "-", f))
    return 0


def reshape(profile, files_path, output_path):
    """Turns the Java CLI's --format json output (objects with "source" and "valid") into verdict lines."""
    with open(files_path, encoding="utf-8") as f:
        expected = [line.rstrip("\n") for line in f if line.strip()]
    with open(output_path, encoding="utf-8") as f:
        text = f.read()
    decoder = json.JSONDecoder()
    got = {}
    i = 0
    while True:
        while i < len(text) and text[i] in " \t\r\n":
            i += 1
        if i >= len(text):
            break
        try:
            obj, i = decoder.raw_decode(text, i)
        except ValueError as e:
            die("the Java CLI printed something that is not JSON (%s): %s" % (e, text[i:i + 200]))
        if not isinstance(obj, dict) or not isinstance(obj.get("source"), str) \
                or not isinstance(obj.get("valid"), bool):
            die("the Java CLI printed an object without \"source\" and \"valid\": %s" % dumps(obj)[:300])
        source = obj["source"]
        if source not in expected:
            die("the Java CLI reported on %s, which it was not given" % source)
        if source in got:
            die("the Java CLI reported twice on %s" % source)
        got[source] = obj["valid"]
    missing = [f for f in expected if f not in got]
    if missing:
        die("the Java CLI printed no result for %d of %d files, first %s" % (len(missing), len(expected), missing[0]))
    for f in expected:
        print(dumps({"file": f, "profile": profile, "valid": got[f]}))
    return 0


def sort_verdicts(path):
    """Sorts a verdict list by file then profile, in place."""
    with open(path, encoding="utf-8") as f:
        lines = [json.loads(line) for line in f if line.strip()]
    lines.sort(key=lambda l: (l["file"], l["profile"]))
    with open(path, "w", encoding="utf-8") as f:
        for line in lines:
            f.write(dumps(line) + "\n")
    return 0


def main(argv):
    root = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    if argv and argv[0] == "compare":
        return compare(argv[1:])
    if argv[:1] == ["list"] and len(argv) == 1:
        return list_corpus(root)
    if argv[:1] == ["reshape"] and len(argv) == 4 and argv[1] in PROFILES:
        return reshape(argv[1], argv[2], argv[3])
    if argv[:1] == ["sort"] and len(argv) == 2:
        return sort_verdicts(argv[1])
    profiles = PROFILES
    why = False
    i = 0
    while i < len(argv):
        a = argv[i]
        if a == "--why":
            why = True
        elif a == "--profile" and i + 1 < len(argv) and argv[i + 1] in PROFILES:
            i += 1
            profiles = (argv[i],)
        elif a == "--root" and i + 1 < len(argv):
            i += 1
            root = os.path.abspath(argv[i])
        else:
            die("unexpected argument %s; usage: agree.py [--profile lenient|strict] [--why] [--root DIR]"
                " | agree.py compare LIST.jsonl LIST.jsonl..." % dumps(a))
        i += 1
    verdicts(root, profiles, why)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
