const data = require("fs").readFileSync(0, "utf8").split(/\s+/).filter((s) => s.length);
const grid = data.slice(2, 2 + Number(data[0]));

// grid[row][col] is "1" (land) or "0" (water).
function countIslands(grid) {
  // Your code here.
  return 0;
}

console.log(countIslands(grid));
