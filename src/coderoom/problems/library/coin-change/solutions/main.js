const data = require("fs").readFileSync(0, "utf8").split(/\s+/).filter((s) => s.length);
const n = Number(data[0]);
const amount = Number(data[1]);
const coins = data.slice(2, 2 + n).map(Number);
const best = new Int32Array(amount + 1).fill(amount + 1);
best[0] = 0;
for (let total = 1; total <= amount; total++) {
  for (const coin of coins) {
    if (coin <= total && best[total - coin] + 1 < best[total]) best[total] = best[total - coin] + 1;
  }
}
console.log(best[amount] <= amount ? best[amount] : -1);
