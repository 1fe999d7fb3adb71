const line = 'z'.repeat(8192) + '\n';
function write() { while (process.stdout.write(line)) {} process.stdout.once('drain', write); }
write();
