/** Hands the shell store to components, and the selector hook they read it with. */
import { createContext, useContext, type ReactNode } from "react";
import { useStore } from "zustand";
import type { ShellState, ShellStore } from "./shell-store.ts";

const ShellStoreContext = createContext<ShellStore | undefined>(undefined);

export function ShellStoreProvider(props: { store: ShellStore; children: ReactNode }) {
  return <ShellStoreContext.Provider value={props.store}>{props.children}</ShellStoreContext.Provider>;
}

export function useShell<T>(selector: (state: ShellState) => T): T {
  const store = useContext(ShellStoreContext);
  if (!store) throw new Error("useShell needs a ShellStoreProvider above it.");
  return useStore(store, selector);
}
