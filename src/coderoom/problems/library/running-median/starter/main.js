const data = require("fs").readFileSync(0, "utf8").split(/\s+/).filter((s) => s.length);
const values = data.slice(1, 1 + Number(data[0])).map(Number);

// Return the median after each value.
function runningMedians(values) {
  // Your code here.
  return [];
}

for (const median of runningMedians(values)) console.log(median.toFixed(1));
