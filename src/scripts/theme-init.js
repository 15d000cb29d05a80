// Runs inline and blocking in <head>, before first paint, so a stored dark theme never flashes light.
// Kept tiny and dependency-free on purpose; the theme <select> itself is wired up in shell.ts.
(function () {
  var stored = null;
  try { stored = localStorage.getItem('theme'); } catch (e) { /* storage blocked: follow the system */ }
  var choice = stored === 'light' || stored === 'dark' ? stored : 'auto';
  var dark = choice === 'dark' || (choice === 'auto' && matchMedia('(prefers-color-scheme: dark)').matches);
  document.documentElement.dataset.theme = dark ? 'dark' : 'light';
  document.documentElement.dataset.themeChoice = choice;
})();
