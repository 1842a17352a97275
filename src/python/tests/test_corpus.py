"""Every fixture of testdata/ gets the Java library's verdict from the installed package: valid ones are valid in
both profiles with no warning; invalid and drift ones give exactly the errors (and lenient warnings, with
warnings=True) their .expected.json lists, as places "instanceLocation keyword"; and where the Java CLI's verdict
list is given (VAPI_CHECK_JAVA_VERDICTS=target/agree/java.jsonl), each verdict equals it.

    VAPI_CHECK_ROOT=<repository> python3 -m pytest test_corpus.py
"""
import json
import os

import pytest

from vapi_check import validate_message, validate_reply

ROOT = os.environ.get("VAPI_CHECK_ROOT")
TESTDATA = os.path.join(ROOT or ".", "testdata")


def fixtures():
    out = []
    for group in ("valid", "invalid", "drift"):
        base = os.path.join(TESTDATA, group)
        for dirpath, _, files in sorted(os.walk(base)):
            for name in sorted(files):
                if name.endswith(".json") and not name.endswith(".expected.json"):
                    rel = os.path.relpath(os.path.join(dirpath, name), TESTDATA).replace(os.sep, "/")
                    parts = rel.split("/")
                    reply = parts[1] == "reply"
                    out.append(("testdata/" + rel, group, parts[2] if reply else parts[1], reply))
    return out


ALL = fixtures()
JAVA = {}
if os.environ.get("VAPI_CHECK_JAVA_VERDICTS"):
    with open(os.environ["VAPI_CHECK_JAVA_VERDICTS"], encoding="utf-8") as f:
        for line in f:
            if line.strip():
                v = json.loads(line)
                JAVA[(v["file"], v["profile"])] = v["valid"]


def places(errors):
    return sorted({"%s %s" % (e["instanceLocation"], e["keyword"]) for e in errors})


def test_the_corpus_is_there():
    assert ROOT, "set VAPI_CHECK_ROOT to the repository (its testdata/ is the corpus)"
    assert len([f for f in ALL if f[1] == "valid"]) > 100
    assert len([f for f in ALL if f[1] != "valid"]) > 100
    if JAVA:
        assert len(JAVA) == 2 * len(ALL), "one Java verdict per fixture and profile"


@pytest.mark.parametrize("name,group,kind,reply", ALL, ids=[f[0] for f in ALL])
def test_fixture(name, group, kind, reply):
    with open(os.path.join(ROOT, name), "rb") as f:
        data = f.read()
    for profile in ("lenient", "strict"):
        warnings = profile == "lenient"
        if reply:
            r = validate_reply(kind, data, profile, warnings=warnings)
        else:
            r = validate_message(data, profile, warnings=warnings)
        if JAVA:
            assert r["valid"] == JAVA[(name, profile)], "%s: the Java verdict" % profile
        if group == "valid":
            assert r["errors"] == [] and r["warnings"] == [], profile
            continue
        with open(os.path.join(ROOT, name[:-len(".json")] + ".expected.json"), encoding="utf-8") as f:
            expected = json.load(f)[profile]
        assert r["valid"] == expected["valid"], profile
        assert places(r["errors"]) == places(expected["errors"]), profile
        if profile == "lenient" and "warnings" in expected:
            assert places(r["warnings"]) == places(expected["warnings"])
        for e in r["errors"] + r["warnings"]:
            assert isinstance(e["message"], str) and e["code"].isupper()
