const data = require("fs").readFileSync(0, "utf8").split(/\s+/).filter((s) => s.length);
const n = Number(data[0]);
const pairs = [];
for (let k = 0; k < n; k++) pairs.push([Number(data[1 + 2 * k]), Number(data[2 + 2 * k])]);
pairs.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
const merged = [];
for (const [a, b] of pairs) {
  const last = merged[merged.length - 1];
  if (last && a <= last[1]) last[1] = Math.max(last[1], b);
  else merged.push([a, b]);
}
process.stdout.write(merged.map(([a, b]) => `${a} ${b}\n`).join(""));
