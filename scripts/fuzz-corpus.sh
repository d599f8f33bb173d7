#!/usr/bin/env bash
# Minimises the corpus that `mvn -Pfuzz` grew in <module>/.cifuzz-corpus/ together with the
# committed one into src/test/resources/<package>/<Class>Inputs/<method>/, which every build
# replays (libFuzzer -merge=1: the smallest set of inputs with the same coverage). Findings
# (crash-*, timeout-*, and other files named by what they reproduce) are kept as they are.
# Usage: scripts/fuzz-corpus.sh [module ...]     (default: spr session)
set -euo pipefail
cd "$(dirname "$0")/.."
modules=("$@")
[ ${#modules[@]} -gt 0 ] || modules=(spr session)
list=$(IFS=,; echo "${modules[*]}")
mvn -q -pl "$list" test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/fuzz-classpath.txt
for m in "${modules[@]}"; do
  classpath="$m/target/test-classes:$m/target/classes:$(cat "$m/target/fuzz-classpath.txt")"
  for grown in "$m"/.cifuzz-corpus/*/*/; do
    [ -d "$grown" ] || continue
    class=$(basename "$(dirname "$grown")")
    method=$(basename "$grown")
    inputs="$m/src/test/resources/$(echo "${class%.*}" | tr . /)/${class##*.}Inputs/$method"
    work=$(mktemp -d)
    mkdir -p "$inputs" "$work/old" "$work/new"
    find "$inputs" -maxdepth 1 -type f -name '[0-9a-f]*' -regex '.*/[0-9a-f]\{40\}$' \
      -exec mv {} "$work/old/" \;
    java -cp "$classpath" com.code_intelligence.jazzer.Jazzer --target_class="$class" \
      --target_method="$method" --instrumentation_includes="io.codex.dht.**" \
      --custom_hook_includes="io.codex.dht.**" -merge=1 "$work/new" "$work/old" "$grown" \
      > "$work/merge.log" 2>&1 || { cat "$work/merge.log"; exit 1; }
    cp "$work/new"/* "$inputs/" 2>/dev/null || true
    echo "$class#$method: $(find "$inputs" -type f | wc -l) files," \
      "$(du -sb "$inputs" | cut -f1) bytes"
    rm -rf "$work"
  done
done
