const data = require("fs").readFileSync(0, "utf8").split(/\s+/).filter((s) => s.length);
const n = Number(data[0]);
const intervals = [];
for (let k = 0; k < n; k++) intervals.push([Number(data[1 + 2 * k]), Number(data[2 + 2 * k])]);

function merge(intervals) {
  // Your code here.
  return [];
}

process.stdout.write(merge(intervals).map(([a, b]) => `${a} ${b}\n`).join(""));
