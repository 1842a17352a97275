#!/usr/bin/env bash
# Builds the npm package from schemas/ into target/npm/vapi-check-<version>.tgz (run from anywhere; needs node
# and npm; installs its build tools, Ajv and TypeScript, with `npm ci --prefix src/npm/tools`).
#
#   bash src/npm/build.sh            the tarball; prints its path on the last line
#
# target/npm/package/ holds what was packed: lib/ (src/npm/lib plus the generated lib/validators.js),
# schemas/ (the four bundles and index.json), index.d.ts (generated), package.json, README.md.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
out=target/npm
pkg="$out/package"

npm ci --prefix src/npm/tools --no-audit --no-fund --loglevel=error < /dev/null
version="$(sed -n 's:^  <version>\(.*\)</version>$:\1:p' pom.xml | head -n 1)"
[[ -n "$version" ]] || { echo "build.sh: no project version in pom.xml" >&2; exit 1; }

rm -rf "$pkg"
mkdir -p "$pkg/lib"
cp src/npm/lib/*.js src/npm/lib/*.mjs "$pkg/lib/"
cp src/npm/README.md "$pkg/README.md"
cp LICENSE "$pkg/LICENSE"
sed "s/\"version\": \"0.0.0\"/\"version\": \"$version\"/" src/npm/package.json > "$pkg/package.json"
node src/npm/build/generate.mjs --schemas schemas --out "$pkg"
node src/npm/tools/node_modules/typescript/bin/tsc --noEmit --strict "$pkg/index.d.ts"
rm -f "$out"/vapi-check-*.tgz
( cd "$out" && npm pack ./package --silent --loglevel=error ) > /dev/null
ls "$root/$out"/vapi-check-*.tgz
