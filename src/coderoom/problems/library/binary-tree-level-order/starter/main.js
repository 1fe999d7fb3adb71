const tokens = require("fs").readFileSync(0, "utf8").split(/\s+/).filter((s) => s.length);

// tokens: level-order serialization, "null" for a missing child.
function levelOrder(tokens) {
  // Your code here.
  return [];
}

for (const level of levelOrder(tokens)) console.log(level.join(" "));
