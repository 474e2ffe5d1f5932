// Claude Code 2.1.330's frontmatter verdict (bkr + mapping check) for each text of a JSON array on stdin.
const H7 = (e) => Bun.YAML.parse(e);
const eu = /[{}[\]*&#!|>%@`]|: /;
function tu(e){let r=e.split(`\n`),o=[];for(let g of r){let h=g.match(/^([a-zA-Z_-]+):\s+(\S.*)$/);if(h){let[,y,k]=h;if(!y||!k){o.push(g);continue}if(k.startsWith('"')&&k.endsWith('"')||k.startsWith("'")&&k.endsWith("'")){o.push(g);continue}if(k.startsWith("[")&&k.endsWith("]"))try{if(Array.isArray(H7(k))){o.push(g);continue}}catch{}if(eu.test(k)){let R=k.replaceAll("\\","\\\\").replaceAll('"',"\\\"");o.push(`${y}: "${R}"`);continue}}o.push(g)}return o.join(`\n`)}
function bkr(e){try{return{ok:!0,value:H7(e)}}catch{try{let r=tu(e).replace(/^\t+/gm,(o)=>"  ".repeat(o.length));return{ok:!0,value:H7(r)}}catch(r){return{ok:!1}}}}
const input = JSON.parse(require('fs').readFileSync(0, 'utf8'));
const out = input.map((t) => { const r = bkr(t); if (!r.ok) return false; const v = r.value; return v === null || v === undefined || (typeof v === 'object' && !Array.isArray(v)); });
process.stdout.write(JSON.stringify(out));
