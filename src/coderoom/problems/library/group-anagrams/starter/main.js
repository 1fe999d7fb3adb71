const words = require("fs").readFileSync(0, "utf8").split(/\s+/).filter((s) => s.length).slice(1);

function groupAnagrams(words) {
  // Your code here. Sort the words inside each group; the group order is free.
  return [];
}

for (const group of groupAnagrams(words)) console.log(group.join(" "));
