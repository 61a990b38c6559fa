// Defined at build time by @electron-forge/plugin-vite for the renderer named "main_window":
// the dev server URL during `electron-forge start` (undefined when packaged) and the renderer's name,
// which is also its folder under .vite/renderer/.
declare const MAIN_WINDOW_VITE_DEV_SERVER_URL: string | undefined;
declare const MAIN_WINDOW_VITE_NAME: string;
