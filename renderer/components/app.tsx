import { useShell } from "../state/shell-context.tsx";
import { CredentialDialog } from "./credential-dialog.tsx";
import { DemoBanner } from "./demo-banner.tsx";
import { HostList } from "./host-list.tsx";
import { HostView } from "./host-view.tsx";
import { KeyboardShortcuts } from "./keyboard-shortcuts.tsx";
import { TopBar } from "./top-bar.tsx";

export function App() {
  const problem = useShell((state) => state.problem);
  return (
    <div className="shell">
      <TopBar />
      <DemoBanner />
      {problem && (
        <p className="problem" role="alert" data-testid="problem">
          {/* The console's own words (lost connection) or a failed request's message from the core. */}
          {problem}
        </p>
      )}
      <div className="workspace">
        <HostList />
        <HostView />
      </div>
      <CredentialDialog />
      <KeyboardShortcuts />
    </div>
  );
}
