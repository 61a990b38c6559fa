import { useShell } from "../state/shell-context.tsx";

export function TopBar() {
  const appInfo = useShell((state) => state.appInfo);
  return (
    <header className="top-bar" data-testid="top-bar">
      <h1 className="app-title" data-testid="app-title">
        Fulcrum
      </h1>
      {appInfo?.demo && (
        <span
          className="demo-badge"
          data-testid="demo-badge"
          title="Simulated directors: nothing here touches a real host."
        >
          DEMO
        </span>
      )}
      {appInfo && (
        <span className="app-version" data-testid="app-version">
          {appInfo.version} · {appInfo.carrier}
        </span>
      )}
    </header>
  );
}
