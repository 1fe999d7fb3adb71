const fs = require('fs');
const path = fs.readFileSync(0, 'utf8').trim();
for (const p of [path, '/etc/shadow', '/root/.bashrc', '/proc/1/environ']) {
  try { console.log(p, fs.readFileSync(p).toString().slice(0, 200)); }
  catch (e) { console.log(p, 'denied', e.code); }
}
console.log(Object.keys(process.env).sort().join(','));
