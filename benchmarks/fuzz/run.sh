#!/usr/bin/env bash
# Fuzz every target for a bounded time: RUNS executions or SECONDS seconds each, whichever
# comes first. Seeds: the repository's agents and rule fixtures (copied to a temporary
# folder, which also keeps what the fuzzer learns). Logs go to $OUT (default: a temporary
# folder); crash-* files land in $OUT too. Not part of CI.
#   RUNS=200000 SECONDS_PER_TARGET=1800 MAX_LEN=2048 bash benchmarks/fuzz/run.sh [target…]
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS="${RUNS:-200000}"
LIMIT="${SECONDS_PER_TARGET:-1800}"
MAX_LEN="${MAX_LEN:-2048}"
OUT="${OUT:-$(mktemp -d -t agentkit-fuzz-XXXXXX)}"
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(loader examples lint directives)
python -c "import atheris" 2>/dev/null || { echo "atheris is not installed: pip install atheris" >&2; exit 2; }
for target in "${targets[@]}"; do
  corpus="$OUT/corpus-$target"
  mkdir -p "$corpus"
  find agents tests/rules -name '*.md' -exec cp {} "$corpus/" \; 2>/dev/null || true
  echo "== $target: up to $RUNS runs or ${LIMIT}s; log $OUT/$target.log"
  (cd "$OUT" && python "$OLDPWD/benchmarks/fuzz/fuzz_agentkit.py" --target "$target" -- \
      -runs="$RUNS" -max_total_time="$LIMIT" -max_len="$MAX_LEN" -print_final_stats=1 "$corpus") >"$OUT/$target.log" 2>&1 || echo "   exit $? (see the log)"
  grep -E "^#[0-9]+ +DONE|stat::number_of_executed_units|stat::peak_rss_mb|cov: " "$OUT/$target.log" | tail -3 || true
  ls "$OUT"/crash-* 2>/dev/null || echo "   no crash"
done
