import type { RefusalCode } from "../action-codes.ts";

/**
 * Why a pure config edit will not touch the file: the service or the server line is not there, or
 * the file is laid out in a way Fulcrum will not rewrite safely (edit-by-hand).
 */
export interface EditRefusal {
  ok: false;
  code: Extract<RefusalCode, "service-not-found" | "backend-not-found" | "edit-by-hand">;
  reason: string;
}

/** What a pure config edit returns: the whole new text, or why it refused to touch the file. */
export type TextEditResult = { ok: true; text: string } | EditRefusal;

/**
 * A replacement of text[start, end) in one string. Applied from the end so offsets stay valid;
 * insertions at the same offset land in the order they were listed.
 */
export interface Splice {
  start: number;
  end: number;
  text: string;
}

export function applySplices(text: string, splices: readonly Splice[]): string {
  let result = text;
  const ordered = splices
    .map((splice, index) => ({ splice, index }))
    .sort((a, b) => b.splice.start - a.splice.start || b.index - a.index);
  for (const { splice } of ordered) {
    result = result.slice(0, splice.start) + splice.text + result.slice(splice.end);
  }
  return result;
}
