/** Runs a local tool (ssh-keygen, useradd, ...) and fails loudly with its stderr. */
import { execFile } from "node:child_process";

export function runCommand(
  file: string,
  args: readonly string[],
  input?: string,
  env?: NodeJS.ProcessEnv,
): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      file,
      args,
      { timeout: 30_000, env: env ?? process.env },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`${file} ${args.join(" ")} failed: ${error.message}\n${stderr}`));
        else resolve({ stdout, stderr });
      },
    );
    child.stdin?.end(input);
  });
}
