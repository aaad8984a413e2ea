/**
 * Whether the desktop is likely to show a tray icon. Electron's Linux tray is an AppIndicator (StatusNotifierItem);
 * stock GNOME shows none without the AppIndicator extension, while Ubuntu's GNOME, KDE, Xfce, Cinnamon, MATE and
 * others do (https://www.electronjs.org/docs/latest/api/tray#platform-limitations). A heuristic from
 * XDG_CURRENT_DESKTOP: good enough to warn, not to decide anything.
 */
export function trayWarning(platform: string, env: Record<string, string | undefined>): string | null {
  if (platform !== 'linux') return null;
  const desktops = (env.XDG_CURRENT_DESKTOP ?? '').split(':').map((name) => name.trim().toLowerCase());
  if (!desktops.includes('gnome')) return null;
  // Ubuntu ships GNOME with its AppIndicator extension on (XDG_CURRENT_DESKTOP=ubuntu:GNOME).
  if (desktops.includes('ubuntu') || desktops.includes('unity') || desktops.includes('pop')) return null;
  return 'This GNOME desktop probably shows no tray icon: install and enable the "AppIndicator and KStatusNotifierItem Support" extension to see Cronbar in the top bar. Until then, start Cronbar again to open this window.';
}
