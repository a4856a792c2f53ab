/** How long to wait for a frame in a window that paints none (hidden or minimized). */
const NO_FRAME_MS = 100;

/**
 * Runs `callback` once the next frame has been painted (or after 100 ms if the window paints
 * none): work that need not be in that frame waits for it instead of holding it back.
 */
export function afterNextPaint(callback: () => void): void {
  let done = false;
  const run = () => {
    if (done) return;
    done = true;
    clearTimeout(fallback);
    callback();
  };
  const fallback = setTimeout(run, NO_FRAME_MS);
  requestAnimationFrame(() => {
    // A message posted in a frame's callback is handled once that frame's paint is done.
    const channel = new MessageChannel();
    channel.port1.onmessage = run;
    channel.port2.postMessage(null);
  });
}
