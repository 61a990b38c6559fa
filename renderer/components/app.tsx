import { useShell } from "../state/shell-context.tsx";
import { CoreText } from "./core-text.tsx";
import { CredentialDialog } from "./credential-dialog.tsx";
import { DemoBanner } from "./demo-banner.tsx";
import { HostList } from "./host-list.tsx";
import { HostView } from "./host-view.tsx";
import { TopBar } from "./top-bar.tsx";

export function App() {
  const problem = useShell((state) => state.problem);
  return (
    <div className="shell">
      <TopBar />
      <DemoBanner />
      {problem && (
        <p className="problem" role="alert" data-testid="problem">
          <CoreText text={problem} />
        </p>
      )}
      <div className="workspace">
        <HostList />
        <HostView />
      </div>
      <CredentialDialog />
    </div>
  );
}
