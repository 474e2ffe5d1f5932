#!/usr/bin/env bash
# Install the peer linters agentkit is compared with, outside the repository.
# Usage: install_peers.sh DIR   (then: AGENTKIT_PEERS_HOME=DIR bench_peers.sh CORPUS)
set -euo pipefail
DIR=$(mkdir -p "${1:?usage: install_peers.sh DIR}" && cd "$1" && pwd)
python3 -m venv "$DIR/venv"
"$DIR/venv/bin/pip" install --quiet agnix skillsaw skilllint
npm install --silent --prefix "$DIR/npm" claude-code-lint @carlrannaberg/cclint
command -v hyperfine >/dev/null || echo "also install hyperfine (apt-get install hyperfine)" >&2
echo "peers installed in $DIR"
