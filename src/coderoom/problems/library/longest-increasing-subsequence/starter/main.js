const data = require("fs").readFileSync(0, "utf8").split(/\s+/).filter((s) => s.length);
const values = data.slice(1, 1 + Number(data[0])).map(Number);

function longestIncreasingSubsequence(values) {
  // Your code here.
  return 0;
}

console.log(longestIncreasingSubsequence(values));
