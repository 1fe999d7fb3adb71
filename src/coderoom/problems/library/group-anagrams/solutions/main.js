const words = require("fs").readFileSync(0, "utf8").split(/\s+/).filter((s) => s.length).slice(1);
const groups = new Map();
for (const word of words) {
  const key = word.split("").sort().join("");
  if (!groups.has(key)) groups.set(key, []);
  groups.get(key).push(word);
}
const lines = [];
for (const group of groups.values()) lines.push(group.sort().join(" ") + "\n");
process.stdout.write(lines.join(""));
