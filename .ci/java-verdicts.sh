#!/usr/bin/env bash
# The Java CLI's verdicts on the fixture corpus, in the agreement check's format (see .ci/agree.py):
#
#   bash .ci/java-verdicts.sh [JAR] > java.jsonl        (run from anywhere; JAR defaults to target/vapi-check-cli.jar)
#
# One CLI run per profile and fixture group (messages, then each reply kind with --reply-to KIND):
#   java -jar JAR validate --profile P --format json [--reply-to KIND] FILE...
# which prints one JSON object per file with "source" (the path as given) and "valid", and exits 0 (all
# valid), 1 (some invalid) or 2 and above (usage or other failure: this script then fails).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
jar="${1:-target/vapi-check-cli.jar}"
python=/usr/bin/python3
agree=.ci/agree.py

if [[ ! -f "$jar" ]]; then
  echo "java-verdicts.sh: $jar not found (build it with: mvn -q -B package -DskipTests)" >&2
  exit 2
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

"$python" "$agree" list > "$work/corpus.tsv"
cut -f1 "$work/corpus.tsv" | sort -u > "$work/groups"

: > "$work/verdicts.jsonl"
for profile in lenient strict; do
  while IFS= read -r group; do
    awk -F'\t' -v g="$group" '$1 == g { print $2 }' "$work/corpus.tsv" > "$work/files"
    args=(validate --profile "$profile" --format json)
    if [[ "$group" != "-" ]]; then
      args+=(--reply-to "$group")
    fi
    mapfile -t files < "$work/files"
    rc=0
    java -jar "$jar" "${args[@]}" "${files[@]}" > "$work/out" 2> "$work/err" || rc=$?
    if (( rc > 1 )); then
      echo "java-verdicts.sh: java -jar $jar ${args[*]} (${#files[@]} files) exited with $rc:" >&2
      head -c 4000 "$work/err" >&2
      exit 1
    fi
    "$python" "$agree" reshape "$profile" "$work/files" "$work/out" >> "$work/verdicts.jsonl"
  done < "$work/groups"
done

"$python" "$agree" sort "$work/verdicts.jsonl"
cat "$work/verdicts.jsonl"
