// Runs the page's Python session with Pyodide, off the page's thread, so that code that never
// finishes cannot freeze the page: the page ends this worker instead, and starts a new one.
import { loadPyodide } from "./pyodide/pyodide.mjs";

const SESSION_DIR = "/home/pyodide/tryit";
let started;

async function start() {
  const pyodide = await loadPyodide({
    indexURL: new URL("./pyodide/", import.meta.url).href,
    stdout: () => {},
    stderr: () => {},
  });
  const archive = await fetch(new URL("webrtc_reference.zip", import.meta.url));
  if (!archive.ok) throw new Error(`webrtc_reference.zip: HTTP ${archive.status}`);
  pyodide.unpackArchive(await archive.arrayBuffer(), "zip", { extractDir: SESSION_DIR });
  pyodide.pyimport("sys").path.insert(0, SESSION_DIR);
  return pyodide.pyimport("tryit_session");
}

onmessage = async ({ data }) => {
  try {
    started = started || start();
    const session = await started;
    // Each run gets a new namespace and a freshly imported model, before the examples' watchdog.
    session.fresh_model();
    postMessage({ type: "ready" });
    const report = (json) => postMessage({ type: "example", ...JSON.parse(json) });
    await session.run_blocks(data.blocks, report);
    postMessage({ type: "done" });
  } catch (error) {
    postMessage({ type: "failed", reason: String(error) });
  }
};
