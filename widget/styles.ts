// Widget styles, scoped by the shadow root. `all: initial` on the host stops the page's
// inherited styles (fonts, colours, line heights) from reaching in.
export const STYLES = `
:host { all: initial; }
* { box-sizing: border-box; }
:host {
  --accent: #1d4ed8;
  --text: #111827;
  --muted: #4b5563;
  --surface: #ffffff;
  --border: #d1d5db;
}
/* Set on the top elements, not inherited from the host: a page rule such as
   "* { font-family: ... !important }" matches the host element and would win there. */
.launcher, .panel {
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  font-size: 15px;
  line-height: 1.45;
  color: var(--text);
}
button { font: inherit; cursor: pointer; }
.launcher {
  position: fixed; right: 20px; bottom: 20px; z-index: 2147483646;
  width: 56px; height: 56px; border-radius: 50%; border: none;
  background: var(--accent); color: #fff; font-size: 26px; font-weight: 700;
  box-shadow: 0 4px 14px rgba(0,0,0,.25);
}
.launcher:focus-visible, button:focus-visible, textarea:focus-visible, a:focus-visible { outline: 3px solid #f59e0b; outline-offset: 2px; }
.panel {
  position: fixed; right: 20px; bottom: 90px; z-index: 2147483647;
  width: 400px; max-width: calc(100vw - 24px); height: 600px; max-height: calc(100vh - 110px);
  display: flex; flex-direction: column;
  background: var(--surface); color: var(--text);
  border: 1px solid var(--border); border-radius: 12px; box-shadow: 0 10px 30px rgba(0,0,0,.25);
  overflow: hidden;
}
.panel[hidden] { display: none; }
.header { display: flex; align-items: center; justify-content: space-between; padding: 10px 14px; background: var(--accent); color: #fff; }
h2 { margin: 0; font-size: 16px; font-weight: 600; }
.close { background: transparent; border: none; color: inherit; font-size: 22px; line-height: 1; padding: 2px 6px; min-width: 32px; min-height: 32px; border-radius: 6px; }
.close-text { display: none; }
.modes { display: flex; gap: 6px; padding: 8px 12px 0; }
.mode { flex: 1; padding: 5px 8px; border: 1px solid var(--border); border-radius: 6px; background: #f9fafb; color: var(--text); font-size: 13px; }
.mode[aria-pressed="true"] { border-color: var(--accent); color: var(--accent); font-weight: 600; background: #fff; }
.log { flex: 1; overflow-y: auto; padding: 12px; display: flex; flex-direction: column; gap: 10px; }
.message { max-width: 100%; padding: 8px 10px; border-radius: 10px; overflow-wrap: anywhere; }
.message p { margin: 0 0 6px; }
.user { align-self: flex-end; background: var(--accent); color: #fff; white-space: pre-wrap; }
.assistant { align-self: stretch; background: #f3f4f6; }
.greeting { color: var(--text); font-size: 14px; }
.greeting p { margin: 0 0 8px; }
.examples-label { color: var(--muted); font-size: 13px; }
.examples { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 6px; }
.example { width: 100%; text-align: left; padding: 7px 10px; border: 1px solid var(--border); border-radius: 8px; background: #fff; color: var(--accent); font-size: 14px; }
.example:hover { border-color: var(--accent); background: #eff6ff; }
.thinking::after { content: "…"; display: inline-block; animation: pulse 1.2s infinite; }
@keyframes pulse { 0%, 100% { opacity: .2; } 50% { opacity: 1; } }
.refused { color: var(--muted); font-style: italic; }
.error { color: #b91c1c; }
.stopped, .notice { color: var(--muted); font-size: 13px; }
.marker { border: none; background: none; color: var(--accent); font-weight: 700; padding: 0 1px; font-size: 13px; vertical-align: super; }
.sources-heading { font-size: 12px; font-weight: 700; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); margin: 8px 0 2px; }
.sources, .related { margin: 0; padding-left: 20px; font-size: 13px; }
.sources li, .related li { margin-bottom: 6px; }
.source-title { display: block; font-weight: 600; }
.source-meta { display: block; color: var(--muted); font-size: 12px; }
.quote { display: block; margin: 2px 0; color: #374151; }
blockquote.quote { border-left: 3px solid var(--accent); padding-left: 8px; margin: 6px 0; }
a { color: var(--accent); }
.open-article, .original { font-size: 12px; margin-right: 10px; }
.popover {
  position: absolute; left: 8px; right: 8px; z-index: 2; overflow-y: auto;
  background: #fff; border: 1px solid var(--border); border-radius: 8px; padding: 10px 12px;
  box-shadow: 0 8px 20px rgba(0,0,0,.2); font-size: 13px;
}
.popover .close { position: absolute; top: 4px; right: 4px; color: var(--muted); }
.popover p { margin: 0 0 4px; padding-right: 20px; }
.verdict { display: inline-block; font-weight: 700; font-size: 13px; padding: 1px 8px; border-radius: 999px; border: 1px solid currentColor; }
.verdict.supported { color: #047857; }
.verdict.refuted { color: #b91c1c; }
.verdict.not_enough_info { color: var(--muted); }
.composer { display: flex; gap: 8px; padding: 10px 12px; border-top: 1px solid var(--border); }
.input { flex: 1; resize: none; font: inherit; padding: 8px; border: 1px solid var(--border); border-radius: 8px; color: var(--text); background: #fff; }
.send, .stop { padding: 0 14px; border-radius: 8px; border: none; background: var(--accent); color: #fff; font-weight: 600; }
.stop { background: #6b7280; }
[hidden] { display: none !important; }
.footnote { margin: 0; padding: 0 12px 8px; font-size: 11px; color: var(--muted); }
@media (max-width: 480px) {
  /* dvh: the height left by the browser's own bars, so the composer is not hidden under them. */
  .panel { right: 0; bottom: 0; width: 100vw; max-width: 100vw; height: 100vh; height: 100dvh; max-height: none; border-radius: 0; border: none; }
  .header { padding: 6px 8px 6px 14px; }
  .header .close { display: flex; align-items: center; gap: 4px; min-height: 44px; padding: 0 12px; font-size: 15px; font-weight: 600; border: 1px solid rgba(255,255,255,.7); }
  .header .close span[aria-hidden] { font-size: 22px; }
  .close-text { display: inline; }
  .launcher { right: 12px; bottom: 12px; }
}
`;
