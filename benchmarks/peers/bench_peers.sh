#!/usr/bin/env bash
# Benchmark peer Claude Code subagent linters on a folder of agent files.
#
# Usage: bench_peers.sh CORPUS_DIR [RUNS]     (RUNS defaults to 5; hyperfine adds 1 warm-up run)
#
# Assumes the peers are installed:
#   PyPI (agnix, skillsaw, skilllint) in  $AGENTKIT_PEERS_HOME/venv
#   npm  (claude-code-lint, @carlrannaberg/cclint) under $AGENTKIT_PEERS_HOME/npm
# (install_peers.sh sets that up), and agentkit on PATH (or AGENTKIT=/path/to/agentkit).
# Every *.md under CORPUS_DIR except SOURCES.md is copied into a staging project
# <peers>/stage/bench/<name>/.claude/agents/ (flattened unique names; see make_stage.py),
# because every peer decides what an "agent" is from the path (.claude/agents/*.md).
# Raw outputs go to <peers>/out/bench/<name>/. Prints a Markdown table on stdout.
set -euo pipefail

CORPUS=$(realpath "${1:?usage: bench_peers.sh CORPUS_DIR [RUNS]}")
RUNS=${2:-5}
SCRIPTS=$(cd "$(dirname "$0")" && pwd)
PEERS=${AGENTKIT_PEERS_HOME:?set AGENTKIT_PEERS_HOME to the folder install_peers.sh filled}
export PEERS
V=$PEERS/venv/bin
B=$PEERS/npm/node_modules/.bin
NAME=$(basename "$CORPUS")
STAGE=$PEERS/stage/bench/$NAME
STAGE_OK=$PEERS/stage/bench/$NAME-parsable-ccl
OUT=$PEERS/out/bench/$NAME
export NO_COLOR=1
mkdir -p "$OUT"
cd "$PEERS"   # cclint refuses a --root outside the current directory tree

for t in "$V/agnix" "$V/skillsaw" "$V/skilllint" "$B/claudelint" "$B/cclint"; do
  [ -x "$t" ] || { echo "missing peer: $t" >&2; exit 2; }
done
command -v hyperfine >/dev/null || { echo "hyperfine not found (apt-get install hyperfine)" >&2; exit 2; }

# 1. staging trees ----------------------------------------------------------
python3 "$SCRIPTS/make_stage.py" "$CORPUS" "$STAGE" 2>"$OUT/stage.log"
# claude-code-lint aborts its whole Agents validator on the first frontmatter its
# js-yaml rejects, so also build a copy without those files (found with its own parser).
node "$SCRIPTS/ccl_parse_probe.js" "$STAGE"/.claude/agents/*.md > "$OUT/ccl_throws.tsv"
rm -rf "$STAGE_OK"; mkdir -p "$STAGE_OK/.claude/agents"
cp "$STAGE"/.claude/agents/*.md "$STAGE_OK/.claude/agents/"
cut -f1 "$OUT/ccl_throws.tsv" | while read -r f; do [ -n "$f" ] && rm -f "$STAGE_OK/.claude/agents/$(basename "$f")"; done
N_OK=$(ls "$STAGE_OK/.claude/agents" | wc -l)
N_ALL=$(ls "$STAGE/.claude/agents" | wc -l)

# 2. tools: id | version | command (output to $OUT/<id>.json) ---------------
declare -a IDS CMDS VERS PARSERS
add() { IDS+=("$1"); PARSERS+=("$2"); VERS+=("$3"); CMDS+=("$4"); }
add agnix agnix "$($V/agnix --version | awk '{print $2}')" \
  "$V/agnix $STAGE --format json > $OUT/agnix.json"
add skillsaw skillsaw "$($V/skillsaw --version | awk '{print $2}')" \
  "$V/skillsaw lint $STAGE --format json -v --no-progress > $OUT/skillsaw.json 2>/dev/null"
add skilllint skilllint "$($V/skilllint --version | awk '{print $2}')" \
  "$V/skilllint check --check --json $STAGE > $OUT/skilllint.json"
CCLV=$($B/claudelint --version | sed 's/.*v//')
add "claude-code-lint (all $N_ALL)" claude-code-lint "$CCLV" \
  "$B/claudelint check-all --cwd $STAGE --no-config --no-cache --format json > $OUT/ccl.json"
add "claude-code-lint (parsable $N_OK)" claude-code-lint "$CCLV" \
  "$B/claudelint check-all --cwd $STAGE_OK --no-config --no-cache --format json > $OUT/ccl_ok.json"
add cclint cclint "$($B/cclint --version)" \
  "$B/cclint -r $STAGE -f json -o $OUT/cclint.json > /dev/null 2>&1"
AK=${AGENTKIT:-$(command -v agentkit)}
add "agentkit (staged)" agentkit "$($AK --version | awk '{print $2}')" \
  "$AK lint $STAGE --format json > $OUT/agentkit.json"
add "agentkit (original layout)" agentkit "$($AK --version | awk '{print $2}')" \
  "$AK lint $CORPUS --format json > $OUT/agentkit_orig.json"

# extra (untimed) inputs for counting files
$V/skillsaw tree "$STAGE" > "$OUT/skillsaw_tree.txt" 2>&1 || true
$B/claudelint check-all --cwd "$STAGE" --no-config --no-cache > "$OUT/ccl_stylish.txt" 2>&1 || true
$B/claudelint check-all --cwd "$STAGE_OK" --no-config --no-cache > "$OUT/ccl_ok_stylish.txt" 2>&1 || true

echo "| tool | version | command | files checked | parse failures | findings | files with findings | exit | mean s | min s | peak RSS MB |"
echo "|---|---|---|---|---|---|---|---|---|---|---|"
for i in "${!IDS[@]}"; do
  id=${IDS[$i]}; cmd=${CMDS[$i]}; p=${PARSERS[$i]}
  slug=$(echo "$id" | tr -c 'a-zA-Z0-9\n' '_')
  set +e; bash -c "$cmd"; rc=$?; set -e
  # timing
  hyperfine -i --warmup 1 --runs "$RUNS" --style none --export-json "$OUT/time_$slug.json" "$cmd" > /dev/null 2>&1
  read -r mean min < <(python3 -c "import json,sys; r=json.load(open(sys.argv[1]))['results'][0]; print(f\"{r['mean']:.3f} {r['min']:.3f}\")" "$OUT/time_$slug.json")
  # peak RSS: max over 3 runs of /usr/bin/time -v (whole process tree's largest member)
  rss=0
  for _ in 1 2 3; do
    k=$( { /usr/bin/time -v bash -c "$cmd" 2>&1 >/dev/null || true; } | awk -F: '/Maximum resident set size/ {gsub(/ /,"",$2); print $2}' | tail -1)
    [ -n "$k" ] && [ "$k" -gt "$rss" ] && rss=$k
  done
  rssmb=$(python3 -c "print(f'{$rss/1024:.0f}')")
  case $p in
    agnix) f=$OUT/agnix.json; x= ;;
    skillsaw) f=$OUT/skillsaw.json; x=$OUT/skillsaw_tree.txt ;;
    skilllint) f=$OUT/skilllint.json; x= ;;
    claude-code-lint) if [[ $id == *parsable* ]]; then f=$OUT/ccl_ok.json; x=$OUT/ccl_ok_stylish.txt; else f=$OUT/ccl.json; x=$OUT/ccl_stylish.txt; fi ;;
    cclint) f=$OUT/cclint.json; x= ;;
    agentkit) if [[ $id == *original* ]]; then f=$OUT/agentkit_orig.json; else f=$OUT/agentkit.json; fi; x= ;;
  esac
  IFS=$'\t' read -r checked pf findings fwf < <(python3 "$SCRIPTS/parse_peer.py" "$p" "$f" $x)
  shown=${cmd//$PEERS\//}; shown=${shown//$OUT\//}
  echo "| $id | ${VERS[$i]} | \`$shown\` | $checked | $pf | $findings | $fwf | $rc | $mean | $min | $rssmb |"
done
echo
echo "Staged $N_ALL files from $CORPUS into ${STAGE#$PEERS/}/.claude/agents ($RUNS timed runs + 1 warm-up each, hyperfine)."
