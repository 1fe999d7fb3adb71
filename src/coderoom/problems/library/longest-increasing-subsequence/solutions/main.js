const data = require("fs").readFileSync(0, "utf8").split(/\s+/).filter((s) => s.length);
const n = Number(data[0]);
const tails = [];
for (let k = 1; k <= n; k++) {
  const value = Number(data[k]);
  let lo = 0;
  let hi = tails.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tails[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  tails[lo] = value;
}
console.log(tails.length);
