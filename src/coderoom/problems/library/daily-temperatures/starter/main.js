const data = require("fs").readFileSync(0, "utf8").split(/\s+/).filter((s) => s.length);
const temps = data.slice(1, 1 + Number(data[0])).map(Number);

function dailyTemperatures(temps) {
  // Your code here.
  return temps.map(() => 0);
}

console.log(dailyTemperatures(temps).join(" "));
