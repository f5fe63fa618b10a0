// Runs the page's Python session with Pyodide, off the page's thread, so that code that never
// finishes cannot freeze the page: the page ends this worker instead. One worker per run.
import { loadPyodide } from "./pyodide/pyodide.mjs";

const SESSION_DIR = "/home/pyodide/tryit";

onmessage = async ({ data }) => {
  try {
    const pyodide = await loadPyodide({
      indexURL: new URL("./pyodide/", import.meta.url).href,
      stdout: () => {},
      stderr: () => {},
    });
    const archive = await fetch(new URL("webrtc_reference.zip", import.meta.url));
    if (!archive.ok) throw new Error(`webrtc_reference.zip: HTTP ${archive.status}`);
    pyodide.unpackArchive(await archive.arrayBuffer(), "zip", { extractDir: SESSION_DIR });
    pyodide.pyimport("sys").path.insert(0, SESSION_DIR);
    const session = pyodide.pyimport("tryit_session");
    pyodide.pyimport("webrtc_reference"); // before the watchdog of the examples starts
    postMessage({ type: "ready" });
    const report = (json) => postMessage({ type: "example", ...JSON.parse(json) });
    await session.run_blocks(pyodide.toPy(data.blocks), report);
    postMessage({ type: "done" });
  } catch (error) {
    postMessage({ type: "failed", reason: String(error) });
  }
};
