"""Union-branch coverage of the valid fixtures: which branch of every union each valid fixture takes.

Walks every testdata/valid fixture through the strict bundles (messages from the webhook-body root, replies from
their reply model) and records, for each union, the branches taken: the value of the discriminator for if/then
unions, the first matching branch for anyOf unions. Prints one line per union and a TOTAL line; exits 1 when a
branch is never taken, except the branches listed in UNREACHABLE.

Usage (from the repository root): /usr/bin/python3 .ci/coverage.py
"""
import collections
import glob
import json
import sys

from jsonschema import Draft202012Validator

UNREACHABLE = {
    # The reply union: a reply is validated against the reply model of the kind it answers, never through it.
    ("ServerMessageResponseMessageResponse", 0), ("ServerMessageResponseMessageResponse", 1),
    ("ServerMessageResponseMessageResponse", 2), ("ServerMessageResponseMessageResponse", 3),
    ("ServerMessageResponseMessageResponse", 4),
    # Both branches are a plain string in the snapshot (its preset list is empty), so the first always matches.
    ("NeuphonicVoiceVoiceId", 1),
}

defs = {}
for kind in ("server-message", "server-message-response"):
    with open(f"schemas/bundle/{kind}.strict.json", encoding="utf-8") as f:
        defs.update(json.load(f)["$defs"])
with open("schemas/index.json", encoding="utf-8") as f:
    reply_models = json.load(f)["replyKinds"]
seen = collections.defaultdict(set)


def walk(schema, value, name=None):
    if "$ref" in schema:
        ref = schema["$ref"].split("/")[-1]
        return walk(defs[ref], value, ref)
    if "if" in schema and "else" in schema:  # a nullable reference
        if value is not None:
            walk(schema["else"], value, name)
        return
    if "allOf" in schema and isinstance(value, dict):
        for branch in schema["allOf"]:
            for prop, cond in branch.get("if", {}).get("properties", {}).items():
                if value.get(prop) == cond.get("const"):
                    seen[name].add(cond["const"])
                    walk(branch["then"], value)
    if "anyOf" in schema:
        for i, branch in enumerate(schema["anyOf"]):
            if Draft202012Validator({"$defs": defs, **branch}).is_valid(value):
                seen[name].add(i)
                walk(branch, value)
                break
    if isinstance(value, dict):
        for prop, sub in schema.get("properties", {}).items():
            if prop in value:
                walk(sub, value[prop])
        extra = schema.get("additionalProperties")
        if isinstance(extra, dict):
            for v in value.values():
                walk(extra, v)
    if isinstance(value, list) and "items" in schema:
        for v in value:
            walk(schema["items"], v)


files = sorted(glob.glob("testdata/valid/**/*.json", recursive=True))
if not files:
    sys.exit("no fixtures under testdata/valid")
for path in files:
    with open(path, encoding="utf-8") as f:
        body = json.load(f)
    if "/reply/" in path:
        walk({"$ref": "#/$defs/" + reply_models[path.split("/reply/")[1].split("/")[0]]}, body)
    else:
        walk({"$ref": "#/$defs/ServerMessage"}, body)

total = covered = 0
missing_anywhere = []
for name, schema in sorted(defs.items()):
    if "allOf" in schema and any("if" in b for b in schema["allOf"]):
        branches = [next(iter(b["if"]["properties"].values()))["const"] for b in schema["allOf"]]
    elif "anyOf" in schema:
        branches = list(range(len(schema["anyOf"])))
    else:
        continue
    missing = [b for b in branches if b not in seen[name]]
    total += len(branches)
    covered += len(branches) - len(missing)
    missing_anywhere += [(name, b) for b in missing if (name, b) not in UNREACHABLE]
    print(f"{name}: {len(branches) - len(missing)}/{len(branches)}" + (f"  missing: {missing}" if missing else ""))
print(f"TOTAL union branches taken by valid fixtures: {covered} / {total} ({len(files)} files)")
if missing_anywhere:
    print("branches no valid fixture takes:", missing_anywhere, file=sys.stderr)
    sys.exit(1)
