#!/usr/bin/env bash
# Builds the Python wheel from schemas/ into target/python/vapi_check-<version>-py3-none-any.whl (run from
# anywhere; needs node, and Debian's python3-build and python3-hatchling: offline, no isolation). Prints the
# wheel's path.
#
# target/python/stage/ holds what was built: src/python (pyproject.toml, README.md, vapi_check/) with the four
# bundles and index.json copied into vapi_check/schemas/, vapi_check/types.py generated, and the version from pom.xml (0.1.0-SNAPSHOT -> 0.1.0.dev0).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
python="${PYTHON:-/usr/bin/python3}"
out=target/python
stage="$out/stage"

version="$(sed -n 's:^  <version>\(.*\)</version>$:\1:p' pom.xml | head -n 1)"
[[ -n "$version" ]] || { echo "build.sh: no project version in pom.xml" >&2; exit 1; }
pyversion="${version/-SNAPSHOT/.dev0}"

rm -rf "$stage" "$out"/*.whl
mkdir -p "$stage/vapi_check/schemas"
cp src/python/README.md LICENSE "$stage/"
sed "s/^version = \"0.0.0\"/version = \"$pyversion\"/" src/python/pyproject.toml > "$stage/pyproject.toml"
cp src/python/vapi_check/*.py src/python/vapi_check/py.typed "$stage/vapi_check/"
cp schemas/index.json schemas/bundle/*.json "$stage/vapi_check/schemas/"
# TypedDicts from the same generator step as the npm package's declarations (needs node, no npm packages)
node src/npm/build/generate.mjs --schemas schemas --python-types "$stage/vapi_check/types.py"
"$python" -m build --no-isolation --skip-dependency-check --wheel --outdir "$out" "$stage" > "$out/build.log" 2>&1 \
  || { cat "$out/build.log" >&2; exit 1; }
ls "$root/$out"/vapi_check-*.whl
