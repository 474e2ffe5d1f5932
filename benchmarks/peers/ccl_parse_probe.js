// Lists files on which claude-code-lint's own extractFrontmatter() throws (that aborts its Agents validator).
// Usage: PEERS=DIR node ccl_parse_probe.js FILE...
const path = require('path');
const fs = require('fs');
const { extractFrontmatter } = require(path.join(process.env.PEERS, 'npm/node_modules/claude-code-lint/dist/utils/formats/markdown.js'));
for (const f of process.argv.slice(2)) {
  try { extractFrontmatter(fs.readFileSync(f, 'utf8')); }
  catch (e) { console.log(f + '\t' + e.message.split('\n')[0]); }
}
