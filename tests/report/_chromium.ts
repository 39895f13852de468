/**
 * Headless Chromium for tests: opens a page over the DevTools protocol (on 127.0.0.1, hence the test
 * task's --allow-net=127.0.0.1), records console errors, exceptions and every request, and evaluates
 * expressions in it. Without a Chromium binary the tests that need it are skipped with a message, except
 * under `CI=true`, where it is a failure.
 *
 * @module
 */

const CANDIDATES = ["chromium-headless-shell", "chromium", "chromium-browser", "google-chrome"];

function findBinary(): string | undefined {
  for (const name of CANDIDATES) {
    for (const dir of (Deno.env.get("PATH") ?? "").split(":")) {
      try {
        if (Deno.statSync(`${dir}/${name}`).isFile) return `${dir}/${name}`;
      } catch { /* not here */ }
    }
  }
  return undefined;
}

/** The Chromium binary found on PATH, if any. */
export const CHROMIUM: string | undefined = findBinary();
const CI = Deno.env.get("CI") === "true";
if (CHROMIUM === undefined && !CI) console.error("No headless Chromium: browser tests are skipped");

/** Registers a test that needs Chromium. */
export function browserTest(name: string, fn: (chromium: string) => Promise<void>): void {
  Deno.test({
    name,
    ignore: CHROMIUM === undefined && !CI,
    async fn() {
      if (CHROMIUM === undefined) throw new Error("CI=true but no headless Chromium is installed");
      await fn(CHROMIUM);
    },
  });
}

/** What happened while a page loaded, and the value of an expression evaluated in it afterwards. */
export interface PageVisit<T> {
  readonly errors: string[];
  readonly requests: string[];
  readonly value: T;
  /** PNG bytes of the page (the top `height` pixels, or all of it), when asked for. */
  readonly screenshot?: Uint8Array;
}

/**
 * Loads `url` in a fresh headless Chromium, waits for the load event, evaluates `expression` (its
 * value must be JSON) and optionally captures the whole page as PNG.
 */
export async function visit<T>(
  chromium: string,
  url: string,
  expression: string,
  options: { screenshot?: boolean; width?: number; height?: number } = {},
): Promise<PageVisit<T>> {
  const profile = await Deno.makeTempDir({ prefix: "mql-chromium-" });
  // in a process group of its own (setsid), so that the whole group can be killed: the Debian launcher is
  // a shell script whose chromium, killed with the script alone, lived on with its helper processes
  const child = new Deno.Command("setsid", {
    args: [
      chromium,
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--no-first-run",
      `--user-data-dir=${profile}`,
      "--remote-debugging-port=0",
      `--window-size=${options.width ?? 1200},900`,
      "about:blank",
    ],
    stdout: "null",
    stderr: "piped",
  }).spawn();
  try {
    const wsUrl = await devtoolsUrl(child.stderr);
    const port = new URL(wsUrl).port;
    const targets = await (await fetch(`http://127.0.0.1:${port}/json/list`)).json();
    const page = targets.find((t: { type: string }) => t.type === "page");
    const cdp = await connect(page.webSocketDebuggerUrl);
    try {
      const errors: string[] = [];
      const requests: string[] = [];
      cdp.on(
        "Runtime.exceptionThrown",
        (p) => errors.push(`exception: ${JSON.stringify(p.exceptionDetails)}`),
      );
      cdp.on("Runtime.consoleAPICalled", (p) => {
        if (p.type === "error") errors.push(`console: ${JSON.stringify(p.args)}`);
      });
      cdp.on("Log.entryAdded", (p) => {
        if (p.entry.level === "error") errors.push(`log: ${p.entry.text}`);
      });
      cdp.on("Network.requestWillBeSent", (p) => requests.push(p.request.url));
      cdp.on("Network.loadingFailed", (p) => errors.push(`failed load: ${p.errorText}`));
      for (const domain of ["Page", "Runtime", "Log", "Network"]) await cdp.send(`${domain}.enable`);
      const loaded = cdp.once("Page.loadEventFired");
      await cdp.send("Page.navigate", { url });
      await loaded;
      const result = await cdp.send("Runtime.evaluate", { expression, returnByValue: true });
      if (result.exceptionDetails) errors.push(`evaluate: ${JSON.stringify(result.exceptionDetails)}`);
      let screenshot: Uint8Array | undefined;
      if (options.screenshot) {
        const clip = options.height === undefined
          ? {}
          : { clip: { x: 0, y: 0, width: options.width ?? 1200, height: options.height, scale: 1 } };
        const shot = await cdp.send("Page.captureScreenshot", {
          format: "png",
          captureBeyondViewport: true,
          ...clip,
        });
        screenshot = Uint8Array.from(atob(shot.data), (c) => c.charCodeAt(0));
      }
      return { errors, requests, value: result.result.value as T, ...(screenshot ? { screenshot } : {}) };
    } finally {
      cdp.close();
    }
  } finally {
    Deno.kill(-child.pid, "SIGKILL");
    await child.status;
    await child.stderr.cancel().catch(() => {});
    await Deno.remove(profile, { recursive: true }).catch(() => {});
  }
}

async function devtoolsUrl(stderr: ReadableStream<Uint8Array>): Promise<string> {
  const reader = stderr.pipeThrough(new TextDecoderStream()).getReader();
  let seen = "";
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const { value, done } = await reader.read();
    if (done) break;
    seen += value;
    const match = seen.match(/DevTools listening on (ws:\/\/\S+)/);
    if (match) {
      reader.releaseLock();
      return match[1]!;
    }
  }
  throw new Error(`Chromium did not start: ${seen.slice(-500)}`);
}

// deno-lint-ignore no-explicit-any
type Params = any;

interface Cdp {
  send(method: string, params?: Record<string, unknown>): Promise<Params>;
  on(event: string, fn: (params: Params) => void): void;
  once(event: string): Promise<Params>;
  close(): void;
}

async function connect(url: string): Promise<Cdp> {
  const ws = new WebSocket(url);
  await new Promise((resolve, reject) => {
    ws.onopen = resolve;
    ws.onerror = reject;
  });
  let next = 1;
  const pending = new Map<number, { resolve: (v: Params) => void; reject: (e: Error) => void }>();
  const listeners = new Map<string, ((p: Params) => void)[]>();
  ws.onmessage = (event) => {
    const msg = JSON.parse(event.data);
    if (msg.id !== undefined) {
      const p = pending.get(msg.id);
      pending.delete(msg.id);
      if (msg.error) p?.reject(new Error(`${msg.error.message}`));
      else p?.resolve(msg.result);
    } else {
      for (const fn of listeners.get(msg.method) ?? []) fn(msg.params);
    }
  };
  const on = (event: string, fn: (p: Params) => void) =>
    listeners.set(event, [...(listeners.get(event) ?? []), fn]);
  return {
    send(method, params = {}) {
      const id = next++;
      ws.send(JSON.stringify({ id, method, params }));
      return new Promise((resolve, reject) => pending.set(id, { resolve, reject }));
    },
    on,
    once(event) {
      return new Promise((resolve) => on(event, resolve));
    },
    close() {
      ws.close();
    },
  };
}
