// Sweep: sorted starts against sorted ends; a start at time t reuses a room that ended at t.
const data = require("fs").readFileSync(0, "utf8").split(/\s+/).filter((s) => s.length);
const n = Number(data[0]);
const starts = new Float64Array(n);
const ends = new Float64Array(n);
for (let k = 0; k < n; k++) {
  starts[k] = Number(data[1 + 2 * k]);
  ends[k] = Number(data[2 + 2 * k]);
}
starts.sort();
ends.sort();
let rooms = 0;
let best = 0;
let j = 0;
for (let i = 0; i < n; i++) {
  while (j < n && ends[j] <= starts[i]) {
    j++;
    rooms--;
  }
  rooms++;
  best = Math.max(best, rooms);
}
console.log(best);
