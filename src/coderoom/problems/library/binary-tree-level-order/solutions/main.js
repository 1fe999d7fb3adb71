const tokens = require("fs").readFileSync(0, "utf8").split(/\s+/).filter((s) => s.length);
if (tokens.length && tokens[0] !== "null") {
  // Explicit tree + BFS queue.
  const val = [tokens[0]];
  const left = [-1];
  const right = [-1];
  const built = [0];
  let head = 0;
  let i = 1;
  while (i < tokens.length) {
    const node = built[head++];
    for (const side of [left, right]) {
      if (i < tokens.length && tokens[i] !== "null") {
        val.push(tokens[i]);
        left.push(-1);
        right.push(-1);
        side[node] = val.length - 1;
        built.push(val.length - 1);
      }
      i++;
    }
  }
  const out = [];
  let level = [0];
  while (level.length) {
    out.push(level.map((n) => val[n]).join(" "));
    const next = [];
    for (const n of level) {
      if (left[n] >= 0) next.push(left[n]);
      if (right[n] >= 0) next.push(right[n]);
    }
    level = next;
  }
  process.stdout.write(out.join("\n") + "\n");
}
