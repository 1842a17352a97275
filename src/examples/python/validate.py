"""Validates a Vapi webhook body with python-jsonschema and the project's self-contained bundle.

Usage: python3 validate.py BODY.json   (run from the repository root; needs jsonschema >= 4)
"""
import json
import sys

from jsonschema import Draft202012Validator

with open("schemas/bundle/server-message.lenient.json", encoding="utf-8") as f:
    validator = Draft202012Validator(json.load(f))

with open(sys.argv[1], encoding="utf-8") as f:
    body = json.load(f)

errors = sorted(validator.iter_errors(body), key=lambda e: list(map(str, e.absolute_path)))
for e in errors:
    print("/" + "/".join(map(str, e.absolute_path)) + ": " + e.message + " (" + e.validator + ")")
print("valid" if not errors else f"{len(errors)} errors")
sys.exit(1 if errors else 0)
