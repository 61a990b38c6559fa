/** Hands the action store to components, and the selector hook they read it with. */
import { createContext, useContext, type ReactNode } from "react";
import { useStore } from "zustand";
import type { ActionState, ActionStore } from "./action-store.ts";

const ActionStoreContext = createContext<ActionStore | undefined>(undefined);

export function ActionStoreProvider(props: { store: ActionStore; children: ReactNode }) {
  return <ActionStoreContext.Provider value={props.store}>{props.children}</ActionStoreContext.Provider>;
}

export function useActions<T>(selector: (state: ActionState) => T): T {
  const store = useContext(ActionStoreContext);
  if (!store) throw new Error("useActions needs an ActionStoreProvider above it.");
  return useStore(store, selector);
}
