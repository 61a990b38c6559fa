/**
 * The last parse of each section of one host's stream. A section whose text is byte for byte the
 * one the frame before carried is not parsed again: `ip -o addr` (a director can carry hundreds of
 * VIPs) and the link speeds rarely change. Only successful parses are kept; frameToSample says
 * which sections are remembered.
 *
 * The value is handed out again, shared with the earlier sample: samples are read-only to whoever
 * receives them (SnapshotBuilder copies what it publishes).
 */
export class SectionMemo {
  readonly #last = new Map<string, { text: string; value: unknown }>();

  /** The value parsed from exactly this text of this section last time, if that was the last text seen. */
  recall(section: string, text: string): { value: unknown } | undefined {
    const last = this.#last.get(section);
    return last !== undefined && last.text === text ? last : undefined;
  }

  remember(section: string, text: string, value: unknown): void {
    this.#last.set(section, { text, value });
  }

  /** A section that failed or was absent: its next text is parsed whatever it is. */
  forget(section: string): void {
    this.#last.delete(section);
  }
}
