const s = require("fs").readFileSync(0, "utf8").split("\n")[0].trim();

function lengthOfLongestSubstring(s) {
  // Your code here.
  return 0;
}

console.log(lengthOfLongestSubstring(s));
