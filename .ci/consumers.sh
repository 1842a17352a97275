#!/usr/bin/env bash
# Builds the consumer projects of src/test/consumers/ against the library installed in the local Maven
# repository (so run `mvn install` first) and runs the smoke validation in each; checks that a plain consumer
# gets only the library's runtime dependencies. Usage: bash .ci/consumers.sh VERSION   (from the repository root)
set -euo pipefail
version="$1"
work=target/consumers
rm -rf "$work"
mkdir -p "$work"
cp -r src/test/consumers/. "$work/"
testdata="$PWD/testdata"

# What a library user may get (groupId:artifactId), compile and runtime scope: the engine and its two runtime
# dependencies, Jackson, JSpecify and the errorprone annotations.
allowed='^(dev\.vapicheck:vapi-check|com\.networknt:json-schema-validator|com\.ethlo\.time:itu|org\.slf4j:slf4j-api|tools\.jackson\.core:jackson-(databind|core)|com\.fasterxml\.jackson\.core:jackson-annotations|org\.jspecify:jspecify|com\.google\.errorprone:error_prone_annotations)$'

# consumer directory, expected outcome of the smoke run (ok | host-error)
matrix=("plain ok" "boot-3.5 host-error" "boot-3.5-fixed ok" "boot-4.0 ok")
for entry in "${matrix[@]}"; do
  read -r name expect <<< "$entry"
  dir="$work/$name"
  mvn -B -q -f "$dir/pom.xml" -Dvapi.version="$version" compile dependency:list dependency:build-classpath \
    -DoutputFile=deps.txt -DexcludeTransitive=false -Dmdep.outputFile=cp.txt -DincludeScope=runtime < /dev/null
  deps=$(grep -E '^\s+[^ ]+:[^ ]+:' "$dir/deps.txt" | sed -E 's/^ +//; s/ .*//' | sort)
  printf '%-15s %s\n' "$name" "$(echo "$deps" | awk -F: '{print $2":"$4}' | tr '\n' ' ')"
  if [[ "$name" == plain ]]; then
    bad=$(echo "$deps" | awk -F: '{print $1":"$2}' | grep -Ev "$allowed" || true)
    if [[ -n "$bad" ]]; then
      echo "the library brings dependencies a user must not get:" >&2
      echo "$bad" >&2
      exit 1
    fi
  fi
  java -cp "$dir/target/classes:$(cat "$dir/cp.txt")" Smoke "$testdata" "$expect" < /dev/null
done
