const s = require("fs").readFileSync(0, "utf8").split("\n")[0].trim();

function isValid(s) {
  // Your code here.
  return false;
}

console.log(isValid(s) ? "true" : "false");
