const s = require("fs").readFileSync(0, "utf8").split("\n")[0].trim();
const last = new Map();
let start = 0;
let best = 0;
for (let i = 0; i < s.length; i++) {
  const ch = s[i];
  if (last.has(ch) && last.get(ch) >= start) start = last.get(ch) + 1;
  last.set(ch, i);
  best = Math.max(best, i - start + 1);
}
console.log(best);
