/** DESIGN.md §9: 0 ok, 1 action refused or failed, 2 bad input (nothing was done). */
export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_BAD_INPUT = 2;

/** Thrown for input that does not validate; the CLI prints its message as one line and exits 2. */
export class UsageError extends Error {
  override name = "UsageError";
}
