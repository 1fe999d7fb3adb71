const data = require("fs").readFileSync(0, "utf8").split(/\s+/).filter((s) => s.length);
const n = Number(data[0]);
let best = n ? Number(data[1]) : 0;
let current = best;
for (let k = 2; k <= n; k++) {
  const value = Number(data[k]);
  current = Math.max(value, current + value);
  best = Math.max(best, current);
}
console.log(best);
