const s = require("fs").readFileSync(0, "utf8").split("\n")[0].trim();
const open = { ")": "(", "]": "[", "}": "{" };
function valid(s) {
  const stack = [];
  for (const ch of s) {
    if (ch in open) {
      if (stack.length === 0 || stack.pop() !== open[ch]) return false;
    } else stack.push(ch);
  }
  return stack.length === 0;
}
console.log(valid(s) ? "true" : "false");
