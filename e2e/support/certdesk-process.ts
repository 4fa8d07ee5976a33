// Runs `npm start` as a person would in a terminal: its own process group, so that SIGINT to the group is
// exactly what Ctrl-C does.
import { spawn, execFileSync, type ChildProcess } from "node:child_process";

export class CertdeskProcess {
  output = "";
  private readonly child: ChildProcess;
  private readonly exited: Promise<number | null>;

  constructor(env: Record<string, string | undefined>) {
    const cleanEnv = { ...process.env, ...env };
    for (const [key, value] of Object.entries(cleanEnv)) if (value === undefined) delete cleanEnv[key];
    this.child = spawn("npm", ["start"], {
      env: cleanEnv,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    this.child.stdout!.on("data", (chunk: Buffer) => (this.output += chunk.toString()));
    this.child.stderr!.on("data", (chunk: Buffer) => (this.output += chunk.toString()));
    this.exited = new Promise((resolve) => this.child.on("exit", (code) => resolve(code)));
  }

  async waitForOutput(pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const match = this.output.match(pattern);
      if (match) return match;
      if (this.child.exitCode !== null)
        throw new Error(`npm start exited (${this.child.exitCode}):\n${this.output}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`No ${pattern} within ${timeoutMs} ms:\n${this.output}`);
  }

  /** Ctrl-C: SIGINT to the whole process group; resolves once npm has exited (npm itself dies of the signal). */
  async interrupt(): Promise<number | null> {
    process.kill(-this.child.pid!, "SIGINT");
    const code = await this.exited;
    // npm returns the prompt at once, while Certdesk is still draining and PostgreSQL still writing its shutdown
    // checkpoint in the same process group: wait (bounded) until every process of the group has exited.
    const deadline = Date.now() + 30_000;
    while (groupAlive(this.child.pid!)) {
      if (Date.now() > deadline)
        throw new Error(`Processes of npm start were still running 30 s after Ctrl-C.`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return code;
  }
}

function groupAlive(groupId: number): boolean {
  try {
    process.kill(-groupId, 0);
    return true;
  } catch {
    return false;
  }
}

/** Command lines of running processes that mention the given text (for example a data folder). */
export function processesMentioning(text: string): string[] {
  const lines = execFileSync("ps", ["-eo", "pid=,args="], { encoding: "utf8" }).split("\n");
  return lines.filter((line) => line.includes(text) && !line.includes("ps -eo"));
}
