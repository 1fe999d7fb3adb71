const data = require("fs").readFileSync(0, "utf8").split(/\s+/).filter((s) => s.length);
const n = Number(data[0]);
const temps = data.slice(1, 1 + n).map(Number);
const wait = new Array(n).fill(0);
const stack = [];
for (let day = 0; day < n; day++) {
  while (stack.length && temps[stack[stack.length - 1]] < temps[day]) {
    const earlier = stack.pop();
    wait[earlier] = day - earlier;
  }
  stack.push(day);
}
console.log(wait.join(" "));
