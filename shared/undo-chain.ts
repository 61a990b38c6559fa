/**
 * Undo and redo as one chain per change: an entry that a later entry undid (its `undoOf`) is
 * "undone", and only the newest entry of a chain is undone again. Undoing an undo re-applies the
 * original change, so it is a redo; a chain never grows two branches from one entry. In shared/
 * because the core refuses by it and the console labels its buttons by it.
 */
interface ChainEntry {
  id: string;
  at: string;
  who: { osUser: string; sshUser?: string | undefined };
  undoOf?: string | undefined;
  commands: readonly { status: string }[];
}

/** The entry that undid `entryId` (and ran something), if any. */
export function undoneBy<Entry extends ChainEntry>(
  entryId: string,
  entries: readonly Entry[],
): Entry | undefined {
  return entries.find(
    (entry) => entry.undoOf === entryId && entry.commands.some((command) => command.status === "applied"),
  );
}

/** Undo of an original change, redo of an undo, undo of a redo...: by the depth of the undoOf chain. */
export function undoKind(entry: ChainEntry, entries: readonly ChainEntry[]): "undo" | "redo" {
  let depth = 0;
  let current: ChainEntry | undefined = entry;
  // Bounded by the log's length: a hand-edited log with a cycle cannot loop forever.
  for (let step = 0; current?.undoOf !== undefined && step < entries.length; step += 1) {
    depth += 1;
    const undoOf: string = current.undoOf;
    current = entries.find((candidate) => candidate.id === undoOf);
  }
  return depth % 2 === 1 ? "redo" : "undo";
}

/** Why `entryId` cannot be undone again, naming the entry that undid it, or undefined. */
export function alreadyUndoneText(entryId: string, entries: readonly ChainEntry[]): string | undefined {
  const by = undoneBy(entryId, entries);
  if (!by) return undefined;
  const kind = undoKind(by, entries);
  return `entry ${entryId} was already undone by entry ${by.id} (${by.at}, by ${by.who.sshUser ? `${by.who.osUser} (ssh ${by.who.sshUser})` : by.who.osUser}); to ${kind === "redo" ? "apply it again" : "undo that"}, ${kind} entry ${by.id} (fulcrum undo ${by.id})`;
}
