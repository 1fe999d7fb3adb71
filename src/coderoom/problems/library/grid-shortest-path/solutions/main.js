const data = require("fs").readFileSync(0, "utf8").split(/\s+/).filter((s) => s.length);
const r = Number(data[0]);
const c = Number(data[1]);
const grid = data.slice(2, 2 + r).join("");
const target = r * c - 1;
const dist = new Int32Array(r * c).fill(-1);
if (grid[0] === "." && grid[target] === ".") {
  const queue = new Int32Array(r * c);
  let head = 0;
  let tail = 0;
  dist[0] = 0;
  queue[tail++] = 0;
  while (head < tail) {
    const cell = queue[head++];
    const row = Math.floor(cell / c);
    const col = cell % c;
    const next = [];
    if (row > 0) next.push(cell - c);
    if (row < r - 1) next.push(cell + c);
    if (col > 0) next.push(cell - 1);
    if (col < c - 1) next.push(cell + 1);
    for (const n of next) {
      if (dist[n] < 0 && grid[n] === ".") {
        dist[n] = dist[cell] + 1;
        queue[tail++] = n;
      }
    }
  }
}
console.log(dist[target]);
