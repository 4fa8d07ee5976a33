// Certdesk's one logger: pino, JSON lines on stdout, pretty (pino-pretty) only in development. Every line written
// while a request or a job runs carries its request id and, once a gate knows it, its tenant id (log-context.ts).
// Nothing secret gets out: every object, message and error passes redact.ts first (tested in logger.test.ts).
import { createRequire } from "node:module";
import pino, { type DestinationStream, type Logger } from "pino";
import { config } from "@/lib/config";
import { currentLogContext } from "./log-context";
import { redactValue, scrubString, serializeError } from "./redact";

export type { Logger };

export interface LoggerOptions {
  level?: pino.LevelWithSilent;
  /** Where the JSON lines go (tests); default stdout (warn and above: stderr), pino-pretty in development. */
  destination?: DestinationStream;
  pretty?: boolean;
}

function prettyStream(): DestinationStream | undefined {
  try {
    // A development dependency: absent from a production install, and never loaded there.
    const require = createRequire(import.meta.url);
    const pretty = require("pino-pretty") as (options: object) => DestinationStream;
    return pretty({ sync: true, colorize: true, translateTime: "HH:MM:ss.l", ignore: "pid,hostname" });
  } catch {
    return undefined;
  }
}

function redactLine(line: string): string {
  try {
    return `${JSON.stringify(redactValue(JSON.parse(line)))}\n`;
  } catch {
    return `${scrubString(line.trimEnd())}\n`;
  }
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const destination = options.destination ?? (options.pretty ? prettyStream() : undefined);
  return pino(
    {
      level: options.level ?? "info",
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      serializers: { err: (error: unknown) => (error instanceof Error ? serializeError(error) : error) },
      mixin: () => {
        const context = currentLogContext();
        if (!context) return {};
        const fields: Record<string, string> = {};
        if (context.requestId) fields.requestId = context.requestId;
        if (context.tenantId) fields.tenantId = context.tenantId;
        if (context.job) fields.job = context.job;
        return fields;
      },
      hooks: {
        // Every finished line, whatever put a value in it (the call's object, its message and printf arguments, a
        // child's bindings, a serializer's output), is redacted as one object just before it is written.
        streamWrite: redactLine,
      },
    },
    destination ??
      // Warnings and errors on stderr (npm start shows its children's stderr), the rest on stdout.
      pino.multistream(
        [
          { level: "trace", stream: pino.destination({ dest: 1, sync: true }) },
          { level: "warn", stream: pino.destination({ dest: 2, sync: true }) },
        ],
        { dedupe: true },
      ),
  );
}

const KEY = Symbol.for("certdesk.logger");
const holder = globalThis as typeof globalThis & { [KEY]?: Logger };

/** The process's logger (one for the tsx-loaded scripts and Next.js's bundle alike). */
export function logger(): Logger {
  if (!holder[KEY]) {
    let level: pino.LevelWithSilent = "info";
    let pretty = false;
    try {
      level = config().LOG_LEVEL;
      pretty = config().NODE_ENV === "development";
    } catch {
      // An invalid configuration is reported by whoever reads it; the logger still logs.
    }
    holder[KEY] = createLogger({ level, pretty });
  }
  return holder[KEY];
}

/** A logger for one part of Certdesk: `component` on each line ("web", "worker", "claims", ...). */
export function componentLogger(component: string): Logger {
  return logger().child({ component });
}

/** The shape every "X failed" line takes: the error's type and message (scrubbed), its stack at debug level. */
export function logError(log: Logger, what: string, error: unknown): void {
  if (error instanceof Error) log.error({ err: error }, `${what} failed`);
  else log.error({ error: String(error) }, `${what} failed`);
}
