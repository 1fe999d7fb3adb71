const data = require("fs").readFileSync(0, "utf8").split(/\s+/).filter((s) => s.length);
const n = Number(data[0]);
const meetings = [];
for (let k = 0; k < n; k++) meetings.push([Number(data[1 + 2 * k]), Number(data[2 + 2 * k])]);

// Each meeting is [start, end), half-open.
function minRooms(meetings) {
  // Your code here.
  return 0;
}

console.log(minRooms(meetings));
