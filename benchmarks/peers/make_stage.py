#!/usr/bin/env python3
"""Build <stage>/.claude/agents/ holding copies of every corpus agent file (*.md except SOURCES.md).
Basename kept when unique across the corpus; otherwise <repo>__<relpath with / -> __>.
Writes <stage>/stage_map.tsv (staged name <TAB> original path). Usage: make_stage.py CORPUS STAGE"""
import collections
import os
import shutil
import sys

corpus, stage = map(os.path.abspath, sys.argv[1:3])
files = []
for root, dirs, fs in os.walk(corpus):
    dirs.sort()
    for f in sorted(fs):
        if f.endswith('.md') and f != 'SOURCES.md':
            files.append(os.path.join(root, f))
cnt = collections.Counter(os.path.basename(f) for f in files)
dst = os.path.join(stage, '.claude', 'agents')
if os.path.isdir(stage):
    shutil.rmtree(stage)
os.makedirs(dst)
with open(os.path.join(stage, 'stage_map.tsv'), 'w') as m:
    for f in files:
        b = os.path.basename(f)
        name = b if cnt[b] == 1 else os.path.relpath(f, corpus).replace(os.sep, '__')
        assert not os.path.exists(os.path.join(dst, name)), name
        shutil.copyfile(f, os.path.join(dst, name))
        m.write(f"{name}\t{f}\n")
print(len(files), 'files staged in', dst, file=sys.stderr)
