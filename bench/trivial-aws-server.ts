// bench:sdk's server, in a process of its own: answers every call with trivialAnswer on loopback and prints its port.
import { createServer } from 'node:http';
import { TRIVIAL_ANSWER_HEADERS, trivialAnswer } from './trivial-aws.js';

process.stdin.on('close', () => process.exit(0)).resume(); // bench:sdk went away

createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => res.writeHead(200, TRIVIAL_ANSWER_HEADERS).end(trivialAnswer(String(req.headers['x-amz-target']), Buffer.concat(chunks).toString())));
}).listen(0, '127.0.0.1', function (this: { address(): { port: number } }) {
  process.stdout.write(`${this.address().port}\n`);
});
