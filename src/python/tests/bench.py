"""Measures the installed package (not a test): the time to import it, to validate one message the first time and
then per message, for a valid and an invalid (or drift) payload given as bytes. Figures vary with the machine:
quote them with the command and the machine's load.

    python bench.py VALID.json OTHER.json [ROUNDS]        (with the venv where vapi_check is installed)
"""
import json
import sys
import time


def main(argv):
    if len(argv) < 2:
        sys.stderr.write("usage: python bench.py VALID.json OTHER.json [ROUNDS]\n")
        return 2
    n = int(argv[2]) if len(argv) > 2 else 100
    t0 = time.perf_counter()
    import vapi_check
    load_ms = (time.perf_counter() - t0) * 1e3

    def measure(path):
        with open(path, "rb") as f:
            data = f.read()
        t = time.perf_counter()
        r = vapi_check.validate_message(data)
        first_ms = (time.perf_counter() - t) * 1e3
        t = time.perf_counter()
        for _ in range(n):
            vapi_check.validate_message(data)
        per_message_us = (time.perf_counter() - t) * 1e6 / n
        return {"file": path, "bytes": len(data), "valid": r["valid"], "errors": len(r["errors"]),
                "warnings": len(r["warnings"]), "firstMs": round(first_ms, 2), "perMessageUs": round(per_message_us, 1)}

    print(json.dumps({"python": sys.version.split()[0], "importMs": round(load_ms, 1),
                      "valid": measure(argv[0]), "other": measure(argv[1])}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
