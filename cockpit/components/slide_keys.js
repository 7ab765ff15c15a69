// 例会 keys: a presenter's clicker sends PageDown/PageUp, a keyboard →/←, Space, Enter, Home, End.
// Also keeps --slide-scale on the page: the 1920×1080 slide scaled to fit the window, aspect kept.
export default function (component) {
  const { setTriggerValue, data } = component;
  const ACTIONS = {
    ArrowRight: "next", PageDown: "next", " ": "next", Enter: "next",
    ArrowLeft: "prev", PageUp: "prev", Home: "first", End: "last", Escape: "exit",
  };
  const root = document.documentElement;
  const fit = () => {
    const scale = Math.min(window.innerWidth / data.width, window.innerHeight / data.height);
    root.style.setProperty("--slide-scale", String(scale));
  };
  const onKey = (event) => {
    const action = ACTIONS[event.key];
    if (!action || event.altKey || event.ctrlKey || event.metaKey) return;
    const target = event.target;
    // typing in a field or pressing a focused button keeps its own meaning
    if (target && target.closest && target.closest("input, textarea, select, button, [contenteditable='true'], [role='dialog']")) return;
    event.preventDefault();
    window.__slideKeyAt = performance.now();  // the browser test reads it to time a slide change
    setTriggerValue("action", action);
  };
  fit();
  window.addEventListener("resize", fit);
  document.addEventListener("keydown", onKey);
  return () => {
    window.removeEventListener("resize", fit);
    document.removeEventListener("keydown", onKey);
  };
}
