const data = require("fs").readFileSync(0, "utf8").split(/\s+/).filter((s) => s.length);
const n = Number(data[0]);
const h = data.slice(1, 1 + n).map(Number);
let i = 0;
let j = n - 1;
let best = 0;
while (i < j) {
  best = Math.max(best, (j - i) * Math.min(h[i], h[j]));
  if (h[i] < h[j]) i++;
  else j--;
}
console.log(best);
