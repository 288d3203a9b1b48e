import { appendFileSync, existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { LogsApi } from '../../../core/types.js';

/** Buffered lines reach the human-readable files this often: no file I/O per invocation. */
const FLUSH_EVERY_MS = 250;
/** Past this size a file moves to `<function>.log.1` (replacing the previous one): a long flood cannot fill the disk. */
const MAX_FILE_BYTES = 64 * 1024 * 1024;

export const logGroupOf = (functionName: string) => `/aws/lambda/${functionName}`;

/**
 * Where a function's log lines go: CloudWatch Logs (the in-process log store, at once) and
 * `<stateDir>/logs/<function>.log` for humans (buffered, appended a few times a second).
 */
export class LogSink {
  private readonly pending = new Map<string, string[]>();
  private readonly fileSizes = new Map<string, number>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly logs: () => LogsApi,
    private readonly dir: string,
  ) {
    mkdirSync(dir, { recursive: true });
    this.timer = setInterval(() => this.flush(), FLUSH_EVERY_MS);
    this.timer.unref();
  }

  write(region: string, functionName: string, streamName: string, lines: readonly string[]): void {
    this.logs().append(region, logGroupOf(functionName), streamName, lines, Date.now());
    let buffered = this.pending.get(functionName);
    if (!buffered) {
      buffered = [];
      this.pending.set(functionName, buffered);
    }
    buffered.push(...lines);
  }

  flush(): void {
    for (const [functionName, lines] of this.pending) this.append(join(this.dir, `${functionName}.log`), `${lines.join('\n')}\n`);
    this.pending.clear();
  }

  private append(path: string, text: string): void {
    let size = this.fileSizes.get(path) ?? (existsSync(path) ? statSync(path).size : 0);
    if (size > 0 && size + text.length > MAX_FILE_BYTES) {
      renameSync(path, `${path}.1`);
      size = 0;
    }
    appendFileSync(path, text);
    this.fileSizes.set(path, size + Buffer.byteLength(text));
  }

  close(): void {
    clearInterval(this.timer);
    this.flush();
  }
}
