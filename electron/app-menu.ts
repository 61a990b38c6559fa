/** The application menu: standard roles only; Fulcrum's own commands live in the window. */
import type { MenuItemConstructorOptions } from "electron";

export function buildAppMenuTemplate(options: {
  isMac: boolean;
  isDevelopment: boolean;
}): MenuItemConstructorOptions[] {
  const view: MenuItemConstructorOptions[] = [
    { role: "reload" },
    ...(options.isDevelopment ? [{ role: "toggleDevTools" } as const] : []),
    { type: "separator" },
    { role: "resetZoom" },
    { role: "zoomIn" },
    { role: "zoomOut" },
    { type: "separator" },
    { role: "togglefullscreen" },
  ];
  return [
    ...(options.isMac ? [{ role: "appMenu" } as const] : []),
    { label: "File", submenu: [options.isMac ? { role: "close" } : { role: "quit" }] },
    { role: "editMenu" },
    { label: "View", submenu: view },
    { role: "windowMenu" },
  ];
}
