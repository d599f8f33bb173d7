#!/usr/bin/env bash
# Exercises the commands the README and docs/ tell a user to type, so the documentation cannot
# drift from the code. Run after a build (`mvn verify` or `mvn -DskipTests package`); .ci/run
# runs it after `mvn verify`. About a minute and a half on two cores.
#
# 1. Every command in a ```sh block of README.md and docs/*.md is checked statically: each option
#    of a `java -jar ...discv5.jar <command>` or `simulator.jar` line is one its --help lists; each
#    maven profile, module and test class named by an `mvn` line exists; each script exists.
# 2. The commands are run in short forms: keygen, spr encode and decode (the example record
#    included), a small simulation with every scenario, the README's walk-through block itself
#    (ports and /tmp/dht replaced by free ones and a temporary dir), lookup --trace against it,
#    and the documented exit codes (2 for bad input, 143 after SIGTERM).
set -euo pipefail
cd "$(dirname "$0")/.."

J=discv5/target/discv5.jar
S=simulator/target/simulator.jar
for jar in "$J" "$S"; do
  [ -f "$jar" ] || { echo "docs-commands: $jar is missing; build first (mvn -DskipTests package)" >&2; exit 1; }
done
WORK=$(mktemp -d)
cleanup() {
  for p in $(jobs -p); do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
fail() { echo "docs-commands: FAILED: $*" >&2; exit 1; }
step() { echo "docs-commands: $*" >&2; }

# ---------------------------------------------------------------------------------------------
# 1. Static checks of every documented command.

# Prints each command line of the ```sh blocks of a markdown file (continuations joined).
commands() {
  awk '
    /^```sh$/ { inblock = 1; line = ""; next }
    /^```/    { inblock = 0; next }
    inblock {
      l = $0
      sub(/[ \t]+#.*$/, "", l)
      if (l ~ /\\$/) { sub(/\\$/, "", l); line = line l; next }
      line = line l
      if (line ~ /[^ \t]/) print line
      line = ""
    }' "$1"
}

HELP="$WORK/help"
mkdir -p "$HELP"
help_of() { # help_of KEY COMMAND...  caches a --help text
  local key=$1; shift
  [ -f "$HELP/$key" ] || "$@" --help > "$HELP/$key" 2>&1 || true
  cat "$HELP/$key"
}

checked=0
for doc in README.md docs/*.md; do
  while IFS= read -r line; do
    checked=$((checked + 1))
    case "$line" in
      *java*-jar*discv5.jar*|*'java -jar $J '*)
        rest=${line#*discv5.jar}
        [ "$rest" = "$line" ] && rest=${line#*'java -jar $J'}
        read -r -a words <<< "$rest"
        cmd=${words[0]}
        if [ "$cmd" = spr ]; then cmd="spr ${words[1]}"; fi
        text=$(help_of "discv5-${cmd// /-}" java -jar "$J" $cmd)
        ;;
      *java*-jar*simulator.jar*)
        text=$(help_of simulator java -jar "$S")
        ;;
      mvn*)
        for p in $(grep -o -- ' -P[a-z]*' <<< "$line" | sed 's/ -P//'); do
          grep -q "<id>$p</id>" pom.xml || fail "$doc: profile $p does not exist: $line"
        done
        modules=$(grep -o -- '-pl [a-z0-9,<>-]*' <<< "$line" | sed 's/-pl //; s/,/ /g' || true)
        for m in $modules; do
          [[ $m == *'<'* ]] || [ -d "$m" ] || fail "$doc: module $m does not exist: $line"
        done
        for t in $(grep -o -- '-Dtest=[A-Za-z0-9]*' <<< "$line" | sed 's/-Dtest=//' || true); do
          [ -z "$t" ] && continue
          found=$(find ${modules:-.} -name "$t.java" -path '*src/test*' 2>/dev/null | head -n 1)
          [ -n "$found" ] || fail "$doc: test class $t not found in ${modules:-any module}: $line"
        done
        continue
        ;;
      scripts/*)
        script=${line%% *}
        [ -x "$script" ] || fail "$doc: $script is not an executable script"
        continue
        ;;
      *) continue ;;
    esac
    grep -q "^Usage:" <<< "$text" || fail "$doc: no --help for: $line"
    for opt in $(grep -o -- '--[a-z][a-z0-9-]*' <<< "$line" | sort -u); do
      grep -q -- "$opt\b" <<< "$text" || fail "$doc: option $opt is not in --help of: $line"
    done
  done < <(commands "$doc")
done
step "checked the options of $checked documented command lines"

# ---------------------------------------------------------------------------------------------
# 2. The commands, run.

step "keygen, spr encode, spr decode"
java -jar "$J" keygen --out "$WORK/node.key" > "$WORK/keygen.out"
grep -q '^peer-id: 16Uiu2' "$WORK/keygen.out" || fail "keygen printed: $(cat "$WORK/keygen.out")"
grep -Eq '^node-id: [0-9a-f]{64}$' "$WORK/keygen.out" || fail "keygen printed no node id"
spr=$(java -jar "$J" spr encode --key "$WORK/node.key" --seq 1 \
  --addr /ip4/203.0.113.5/udp/8090 --service /mix/1.0.0=0a0b)
[[ $spr == spr:* ]] || fail "spr encode printed: $spr"
java -jar "$J" spr decode "$spr" | grep -q '"valid":true' || fail "spr decode of a fresh record"
java -jar "$J" spr encode --key "$WORK/node.key" --seq 1 --addr /ip4/203.0.113.5/udp/8090 \
  --format peer-record | grep -q '^spr:' || fail "spr encode --format peer-record"
java -jar "$J" spr decode "$(cat docs/examples/codex-node.spr)" > "$WORK/example.json"
grep -q '"valid":true' "$WORK/example.json" || fail "the example record: $(cat "$WORK/example.json")"
set +e
java -jar "$J" spr decode spr:AAAA > /dev/null 2>&1
code=$?
set -e
[ "$code" = 2 ] || fail "a malformed record exits with $code, documented: 2"

step "a short simulation with every scenario, JSON and report"
java -jar "$S" --nodes 40 --lookups 40 --cids 10 --services 2 --advertisers 3 --settle 5s \
  --duration 10s --loss 0.05 --latency 50 --no-progress --json "$WORK/run.json" \
  --report "$WORK/report" > "$WORK/sim.out"
grep -q '"lookupSuccessRate"' "$WORK/run.json" || fail "no lookupSuccessRate in the JSON"
[ -f "$WORK/report/index.html" ] || fail "no report/index.html"
step "a short UDP simulation"
java -jar "$S" --transport udp --nodes 12 --scenario lookup --lookups 12 --settle 3s \
  --no-progress > "$WORK/sim-udp.out"

free_port() { # a free TCP port on 127.0.0.1, from the kernel
  if command -v python3 > /dev/null; then
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
  else
    echo $((20000 + RANDOM % 30000))
  fi
}

step "the README's walk-through"
PA=$(free_port); PB=$(free_port); PM=$(free_port)
awk '/<!-- walkthrough:start -->/{on=1; next} /<!-- walkthrough:end -->/{on=0} on' README.md \
  | sed -n '/^```sh$/,/^```$/p' | sed '1d;$d' > "$WORK/walk.src"
[ -s "$WORK/walk.src" ] || fail "no walk-through block in README.md"
{
  echo 'set -euo pipefail'
  echo 'trap "exit 1" TERM INT'
  echo 'trap "kill \$(jobs -p) 2> /dev/null || true" EXIT'
  # The build has just run: the walk-through's mvn line is skipped.
  grep -v '^mvn ' "$WORK/walk.src" \
    | sed -e "s#/tmp/dht#$WORK/dht#g" -e "s/8080/$PA/g" -e "s/8081/$PB/g" -e "s/9090/$PM/g"
  # After the walk-through, on the same network: the commands of docs/ that need one.
  cat <<EOF
java -jar \$J lookup --bootstrap-node "\$BOOT" --cid \$CID --trace --timeout 60 > $WORK/lookup.json
curl -sf localhost:$PA/api/v1/node > $WORK/node.json
curl -sf "localhost:$PA/api/v1/peers?service=/mix/1.0.0&max=5" > $WORK/peers.json
curl -sf localhost:$PM/metrics > $WORK/metrics.txt
curl -sf localhost:$PM/api/v1/table > $WORK/table.json
kill -TERM %1
set +e; wait %1; echo "\$?" > $WORK/boot.exit; set -e
kill \$(jobs -p) 2> /dev/null || true
wait
EOF
} > "$WORK/walk.sh"
timeout 300 bash "$WORK/walk.sh" > "$WORK/walk.out" 2> "$WORK/walk.err" \
  || { tail -n 30 "$WORK/walk.err" >&2; fail "the walk-through (output: $(tail -c 2000 "$WORK/walk.out"))"; }
grep -q '"firstAnnouncementDone":true' "$WORK/walk.out" || fail "the CID was not announced"
grep '"providers":\[{' "$WORK/walk.out" | grep -q '"trace"' || fail "B found no provider with a trace"
grep -q '^200 text/html' "$WORK/walk.out" || fail "the status page: $(tail -n 1 "$WORK/walk.out")"
grep -Eq '"found" ?: ?true' "$WORK/lookup.json" || fail "lookup --cid: $(head -c 1500 "$WORK/lookup.json")"
grep -q '"trace"' "$WORK/lookup.json" || fail "lookup --trace printed no trace"
grep -q '"joined":true' "$WORK/node.json" || fail "/api/v1/node"
grep -q '"peers"' "$WORK/peers.json" || fail "/api/v1/peers"
grep -q '^discv5_table_entries' "$WORK/metrics.txt" || fail "the bootstrap node's /metrics"
grep -q '"buckets"' "$WORK/table.json" || fail "the bootstrap node's /api/v1/table"
[ "$(cat "$WORK/boot.exit")" = 143 ] || fail "SIGTERM exit code $(cat "$WORK/boot.exit"), documented: 143"
step "all documented commands ran as documented"
