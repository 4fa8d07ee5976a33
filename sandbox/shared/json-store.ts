// Small state (keys, accounts) kept in a JSON file in the sandbox's data folder, so that keys printed at start
// keep working after a restart. Without a data folder, state lives in memory only.
import fs from "node:fs";
import path from "node:path";

export class JsonStore<T> {
  constructor(
    private readonly file: string | null,
    private readonly fallback: T,
  ) {}

  load(): T {
    if (!this.file || !fs.existsSync(this.file)) return structuredClone(this.fallback);
    return JSON.parse(fs.readFileSync(this.file, "utf8")) as T;
  }

  save(value: T): void {
    if (!this.file) return;
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    const temporary = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, JSON.stringify(value, null, 2), { mode: 0o600 });
    fs.renameSync(temporary, this.file);
  }
}
