/**
 * `expect(items.every(p)).toBe(true)` passes when there are no items at all, so a test that meant
 * "every backend is drained" also passes when it found no backend. This asserts there is at least
 * one, then names the first item that fails the predicate. The lint rule for test/ points here.
 */
import { expect } from "vitest";

export function expectEvery<T>(items: Iterable<T>, predicate: (item: T) => boolean, what = "items"): void {
  const list = [...items];
  expect(list.length, `no ${what} to check`).toBeGreaterThan(0);
  const failing = list.find((item) => !predicate(item));
  expect(failing, `not every one of ${list.length} ${what} holds`).toBeUndefined();
}
