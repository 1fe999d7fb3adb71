const data = require("fs").readFileSync(0, "utf8").split(/\s+/).filter((s) => s.length);
const grid = data.slice(2, 2 + Number(data[0]));

// grid[row][col] is "." (open) or "#" (wall).
function shortestPath(grid) {
  // Your code here.
  return -1;
}

console.log(shortestPath(grid));
