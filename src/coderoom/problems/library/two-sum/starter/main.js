const data = require("fs").readFileSync(0, "utf8").split(/\s+/).filter((s) => s.length);
const n = Number(data[0]);
const values = data.slice(1, 1 + n).map(Number);
const target = Number(data[1 + n]);

// Return [i, j] with i < j and values[i] + values[j] === target, or null.
function twoSum(values, target) {
  return null;
}

const pair = twoSum(values, target);
console.log(pair === null ? "-1" : `${pair[0]} ${pair[1]}`);
