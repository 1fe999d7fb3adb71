const data = require("fs").readFileSync(0, "utf8").split(/\s+/).filter((s) => s.length);
const r = Number(data[0]);
const c = Number(data[1]);
const text = data.slice(2, 2 + r).join("");
const land = new Uint8Array(r * c);
for (let k = 0; k < r * c; k++) land[k] = text.charCodeAt(k) === 49 ? 1 : 0;
const stack = new Int32Array(r * c);
let islands = 0;
for (let start = 0; start < r * c; start++) {
  if (!land[start]) continue;
  islands++;
  land[start] = 0;
  let top = 0;
  stack[top++] = start;
  while (top > 0) {
    const cell = stack[--top];
    const row = Math.floor(cell / c);
    const col = cell % c;
    if (row > 0 && land[cell - c]) { land[cell - c] = 0; stack[top++] = cell - c; }
    if (row < r - 1 && land[cell + c]) { land[cell + c] = 0; stack[top++] = cell + c; }
    if (col > 0 && land[cell - 1]) { land[cell - 1] = 0; stack[top++] = cell - 1; }
    if (col < c - 1 && land[cell + 1]) { land[cell + 1] = 0; stack[top++] = cell + 1; }
  }
}
console.log(islands);
