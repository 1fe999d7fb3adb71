const data = require("fs").readFileSync(0, "utf8").split(/\s+/).filter((s) => s.length);
const n = Number(data[0]);
const target = Number(data[1 + n]);
const first = new Map();
let answer = "-1";
for (let j = 0; j < n; j++) {
  const value = Number(data[1 + j]);
  const i = first.get(target - value);
  if (i !== undefined) {
    answer = `${i} ${j}`;
    break;
  }
  if (!first.has(value)) first.set(value, j);
}
console.log(answer);
