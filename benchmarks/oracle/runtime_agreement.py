#!/usr/bin/env python3
"""How often agentkit's `claude_code_parses` matches Claude Code's own frontmatter reader.

Claude Code 2.1.330 reads frontmatter with Bun.YAML.parse (Bun 1.4.4) plus a quoting
fallback; reader_batch.js is that reader, run by a stand-alone Bun of the same version
(`npm pack @oven/bun-linux-x64@1.4.4`). This script mutates the corpus frontmatters at
random (inserting YAML-significant tokens) and compares verdicts.

Usage: BUN=/path/to/bun python benchmarks/oracle/runtime_agreement.py [N] [SEED]
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from agentkit.frontmatter import runtime_block, runtime_parses  # noqa: E402

TOKENS = [": ", " #", "#", "\t", '"', "'", "[", "]", "{", "}", ",", "- ", "? ", "!", "&a ", "*a", "|", ">", "\n", "\n  ",
          "\n ", "...", "%", "@", "`", "\\", "\r\n", "\u2028", "yes", "1.0", " ", "  ", ":", "\n- ", "\nk: ", "=", "<<: ", "\x07", "~"]


def frontmatters() -> list[str]:
    corpus = ROOT.parent / "shared" / "corpus"
    out = []
    for p in sorted(corpus.rglob("*.md")):
        if p.name == "SOURCES.md":
            continue
        text = p.read_bytes().decode("utf-8", "replace").lstrip("\ufeff")
        block = runtime_block(text)
        if block:
            out.append(text[block[0] : block[1]])
    return out


def mutate(text: str, rnd: random.Random) -> str:
    for _ in range(rnd.randint(1, 3)):
        i = rnd.randrange(len(text) + 1)
        text = text[:i] + rnd.choice(TOKENS) + text[i:]
    return text


def claude_verdicts(bun: str, cases: list[str]) -> list[bool]:
    script = Path(__file__).with_name("reader_batch.js")
    out = subprocess.run([bun, str(script)], input=json.dumps(cases).encode(), capture_output=True, check=True).stdout
    return json.loads(out)


def main() -> None:
    bun = os.environ.get("BUN")
    if not bun:
        sys.exit("set BUN to a Bun 1.4.4 binary")
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    rnd = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 7)
    base = [t for t in frontmatters() if len(t) < 4000]
    cases = [mutate(rnd.choice(base), rnd) for _ in range(n)]
    truth = claude_verdicts(bun, cases)
    misses = [(c, t) for c, t in zip(cases, truth) if runtime_parses(c)[0] != t]
    print(f"random mutants of corpus frontmatters: {n - len(misses)}/{n} agree")
    for c, t in misses[:20]:
        print(f"  Claude Code {'reads' if t else 'drops'}: {json.dumps(c)[:140]}")
    print(f"({len(TOKENS)} kinds of token inserted into {len(base)} corpus frontmatters)")


if __name__ == "__main__":
    main()
