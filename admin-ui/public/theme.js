/* global window, document */
// Applies the theme kept in the browser before the first paint (see src/shell/theme.ts), so a dark page never flashes white.
try {
  var theme = window.localStorage.getItem('ess.theme');
  if (theme === 'light' || theme === 'dark') document.documentElement.dataset.theme = theme;
} catch {
  // Private browsing: the system's theme applies.
}
