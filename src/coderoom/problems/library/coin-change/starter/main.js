const data = require("fs").readFileSync(0, "utf8").split(/\s+/).filter((s) => s.length);
const n = Number(data[0]);
const amount = Number(data[1]);
const coins = data.slice(2, 2 + n).map(Number);

function coinChange(coins, amount) {
  // Your code here.
  return -1;
}

console.log(coinChange(coins, amount));
