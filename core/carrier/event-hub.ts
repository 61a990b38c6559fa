/**
 * Where the core publishes events (past-tense facts) and carriers subscribe to forward them. One hub
 * feeds any number of carriers: the Electron window and each browser-mode socket.
 */
import { apiEvents, type EventName, type EventOf } from "../api.ts";

export type EventHubListener = (event: EventName, payload: unknown) => void;

export interface EventHub {
  emit<N extends EventName>(event: N, payload: EventOf<N>): void;
  /** Returns the unsubscribe function. */
  subscribe(listener: EventHubListener): () => void;
}

export interface EventHubOptions {
  /** Check each payload against the contract before it leaves; on by default outside production. */
  validatePayloads?: boolean;
  /** A failing listener (a closed socket, a destroyed window) must not stop the others. */
  onListenerError?: (error: unknown, event: EventName) => void;
}

export function createEventHub(options: EventHubOptions = {}): EventHub {
  const validatePayloads = options.validatePayloads ?? process.env.NODE_ENV !== "production";
  const onListenerError =
    options.onListenerError ?? ((error, event) => console.error(`fulcrum: ${event} listener failed`, error));
  const listeners = new Set<EventHubListener>();

  return {
    emit(event, payload) {
      if (validatePayloads) {
        // Throws at the emitter: an event outside the contract is a bug in the core, not the UI.
        apiEvents[event].parse(payload);
      }
      for (const listener of [...listeners]) {
        try {
          listener(event, payload);
        } catch (error) {
          onListenerError(error, event);
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
