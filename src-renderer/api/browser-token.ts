/**
 * The browser-mode access token. The host prints `http://127.0.0.1:PORT/#token=…`;
 * the token sits in the fragment so it never reaches a server log or a
 * Referer. We move it to sessionStorage (reload keeps working, a new tab
 * needs the printed URL again) and take it out of the visible address.
 */
const STORAGE_KEY = 'switchboard.token';

export function takeBrowserToken(win: Window = window): string | null {
  const fromHash = new URLSearchParams(win.location.hash.replace(/^#/, '')).get('token');
  if (fromHash) {
    try {
      win.sessionStorage.setItem(STORAGE_KEY, fromHash);
    } catch {
      // Storage can be disabled; the token still works for this page load.
    }
    win.history.replaceState(null, '', win.location.pathname + win.location.search);
    return fromHash;
  }
  try {
    return win.sessionStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}
