import { spawn } from "node:child_process";
import path from "node:path";
import { recordBuild } from "./build-fingerprint";

/** next build, then a record of the sources it was built from (see build-fingerprint.ts). */
export async function runBuild(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const nextBin = path.join(process.cwd(), "node_modules", "next", "dist", "bin", "next");
  const code = await new Promise<number | null>((resolve) => {
    const child = spawn(process.execPath, [nextBin, "build"], {
      env: { ...env, NEXT_TELEMETRY_DISABLED: "1" },
      stdio: "inherit",
    });
    child.on("exit", resolve);
  });
  if (code !== 0) throw new Error(`next build failed (exit code ${code}).`);
  recordBuild();
}
