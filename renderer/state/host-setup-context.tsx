/** Hands the host-setup store to components, and the selector hook they read it with. */
import { createContext, useContext, type ReactNode } from "react";
import { useStore } from "zustand";
import type { HostSetupState, HostSetupStore } from "./host-setup-store.ts";

const HostSetupContext = createContext<HostSetupStore | undefined>(undefined);

export function HostSetupProvider(props: { store: HostSetupStore; children: ReactNode }) {
  return <HostSetupContext.Provider value={props.store}>{props.children}</HostSetupContext.Provider>;
}

export function useHostSetup<T>(selector: (state: HostSetupState) => T): T {
  const store = useContext(HostSetupContext);
  if (!store) throw new Error("useHostSetup needs a HostSetupProvider above it.");
  return useStore(store, selector);
}
