// A binary heap ordered by `before(a, b)`.
class Heap {
  constructor(before) {
    this.items = [];
    this.before = before;
  }
  get size() {
    return this.items.length;
  }
  peek() {
    return this.items[0];
  }
  push(value) {
    const a = this.items;
    a.push(value);
    let k = a.length - 1;
    while (k > 0) {
      const p = (k - 1) >> 1;
      if (!this.before(a[k], a[p])) break;
      [a[k], a[p]] = [a[p], a[k]];
      k = p;
    }
  }
  pop() {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length) {
      a[0] = last;
      let k = 0;
      for (;;) {
        const l = 2 * k + 1;
        const r = l + 1;
        let m = k;
        if (l < a.length && this.before(a[l], a[m])) m = l;
        if (r < a.length && this.before(a[r], a[m])) m = r;
        if (m === k) break;
        [a[k], a[m]] = [a[m], a[k]];
        k = m;
      }
    }
    return top;
  }
}

const data = require("fs").readFileSync(0, "utf8").split(/\s+/).filter((s) => s.length);
const n = Number(data[0]);
const low = new Heap((a, b) => a > b);
const high = new Heap((a, b) => a < b);
const out = [];
for (let k = 1; k <= n; k++) {
  const value = Number(data[k]);
  if (low.size && value > low.peek()) high.push(value);
  else low.push(value);
  if (low.size > high.size + 1) high.push(low.pop());
  else if (high.size > low.size) low.push(high.pop());
  const median = low.size > high.size ? low.peek() : (low.peek() + high.peek()) / 2;
  out.push(median.toFixed(1));
}
process.stdout.write(out.map((line) => line + "\n").join(""));
