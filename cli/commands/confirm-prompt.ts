/**
 * Interactive confirmation on a terminal. Without a terminal there is nobody to ask, so the
 * caller refuses instead of guessing (pass --yes, or --confirm for a guard).
 */
import { createInterface } from "node:readline/promises";

export function canAsk(): boolean {
  return process.stdin.isTTY === true && process.stdout.isTTY === true;
}

export async function ask(question: string): Promise<string> {
  const prompt = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return (await prompt.question(question)).trim();
  } finally {
    prompt.close();
  }
}

/** "Apply? [y/N]": only y or yes goes ahead. */
export async function confirmApply(): Promise<boolean> {
  return /^(y|yes)$/i.test(await ask("Apply? [y/N] "));
}
