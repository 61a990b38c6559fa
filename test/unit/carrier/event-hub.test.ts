import { describe, expect, it, vi } from "vitest";
import { ZodError } from "zod";
import { createEventHub } from "../../../core/carrier/event-hub.ts";
import { testSnapshot } from "./test-snapshot.ts";

describe("createEventHub", () => {
  it("delivers each event to every subscriber until it unsubscribes", () => {
    const hub = createEventHub();
    const first = vi.fn();
    const second = vi.fn();
    const stopFirst = hub.subscribe(first);
    hub.subscribe(second);

    hub.emit("hostStateChanged", { hostId: "lb1", state: { phase: "connecting" } });
    stopFirst();
    hub.emit("sampleReceived", testSnapshot());

    expect(first.mock.calls).toEqual([
      ["hostStateChanged", { hostId: "lb1", state: { phase: "connecting" } }],
    ]);
    expect(second.mock.calls.map(([event]) => event)).toEqual(["hostStateChanged", "sampleReceived"]);
  });

  it("keeps delivering to the others when one listener throws", () => {
    const onListenerError = vi.fn();
    const hub = createEventHub({ onListenerError });
    const healthy = vi.fn();
    hub.subscribe(() => {
      throw new Error("socket gone");
    });
    hub.subscribe(healthy);
    hub.emit("sampleReceived", testSnapshot());
    expect(healthy).toHaveBeenCalledOnce();
    expect(onListenerError).toHaveBeenCalledWith(
      expect.objectContaining({ message: "socket gone" }),
      "sampleReceived",
    );
  });

  it("refuses to emit a payload outside the contract when validation is on", () => {
    const hub = createEventHub({ validatePayloads: true });
    const listener = vi.fn();
    hub.subscribe(listener);
    expect(() => hub.emit("sampleReceived", { hostId: "lb1" } as never)).toThrow(ZodError);
    expect(listener).not.toHaveBeenCalled();
  });
});
