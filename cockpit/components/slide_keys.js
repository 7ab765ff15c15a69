// 例会 keys: a presenter's clicker sends PageDown/PageUp, a keyboard →/←, Space, Enter, Home, End.
// Also keeps --slide-scale on the page: the 1920×1080 slide scaled to fit the window, aspect kept.
// The listener sits on the top document in the capture phase, so no control can swallow a key: a button that kept
// focus after a click (the 月度通报 control, open or closed) gives it back to the page. Only a text field and the
// inside of an open popover keep their keys; while a popover is open, Esc closes it instead of leaving.
export default function (component) {
  const { setTriggerValue, data } = component;
  const ACTIONS = {
    ArrowRight: "next", PageDown: "next", " ": "next", Enter: "next",
    ArrowLeft: "prev", PageUp: "prev", Home: "first", End: "last", Escape: "exit",
  };
  const FIELD = "input, textarea, select, [contenteditable='true']";
  const DIALOG = "[role='dialog'], [data-testid='stPopoverBody']";
  const root = document.documentElement;
  const fit = () => {
    const scale = Math.min(window.innerWidth / data.width, window.innerHeight / data.height);
    root.style.setProperty("--slide-scale", String(scale));
  };
  const inside = (node, selector) => Boolean(node && node.closest && node.closest(selector));
  const popoverOpen = () => Boolean(document.querySelector(DIALOG));  // in the DOM only while open
  // focus that stays on a control outside any popover goes back to the page
  const release = () => {
    const active = document.activeElement;
    if (active && active !== document.body && !inside(active, FIELD) && !inside(active, DIALOG)) active.blur();
  };
  const onKey = (event) => {
    const action = ACTIONS[event.key];
    if (!action || event.altKey || event.ctrlKey || event.metaKey) return;
    const target = event.target;
    if (inside(target, FIELD) || inside(target, DIALOG)) return;  // typing, or working in the open popover
    if (action === "exit" && popoverOpen()) return;  // Esc closes the popover first
    event.preventDefault();
    event.stopPropagation();
    release();  // Space or Enter must not press the control that kept focus
    window.__slideKeyAt = performance.now();  // the browser test reads it to time a slide change
    setTriggerValue("action", action);
  };
  // a click anywhere outside a popover (the slide, the margin, a closed control) returns focus to the page
  const onClick = (event) => {
    if (inside(event.target, DIALOG)) return;
    setTimeout(() => { if (!popoverOpen()) release(); }, 0);
  };
  fit();
  window.addEventListener("resize", fit);
  document.addEventListener("keydown", onKey, true);
  document.addEventListener("click", onClick, true);
  return () => {
    window.removeEventListener("resize", fit);
    document.removeEventListener("keydown", onKey, true);
    document.removeEventListener("click", onClick, true);
  };
}
