// The runner behind the "Run in this browser" controls; tryit.js imports it on the first click.
const base = new URL(".", import.meta.url);
const texts = fetch(new URL("messages.json", base)).then((response) => response.json());
const JS_TIMEOUT_MS = 15000;
const PY_LOAD_TIMEOUT_MS = 120000;
const PY_EXAMPLE_TIMEOUT_MS = 15000;
let text = {};
document.head.append(Object.assign(document.createElement("link"), {
  rel: "stylesheet", href: new URL("results.css", base).href,
}));

const fill = (template, values) => template.replace(/\{(\w+)\}/g, (_, key) => values[key]);

function element(name, properties = {}, ...children) {
  const node = Object.assign(document.createElement(name), properties);
  node.append(...children);
  return node;
}

const code = (value) => element("pre", {}, element("code", {}, value));

function mark(result) {
  const symbol = { match: "✓", mismatch: "✗", error: "!" }[result];
  const node = element("span", { className: "tryit-mark" }, `${symbol} ${text[result]}`);
  node.dataset.result = result;
  return node;
}

function table(headings, rows) {
  const head = element("tr", {}, ...headings.map((h) => element("th", { scope: "col" }, h)));
  const body = rows.map((cells) => element("tr", {}, ...cells.map((c) => element("td", {}, c))));
  return element("table", {}, element("thead", {}, head), element("tbody", {}, ...body));
}

function summary(template, values, matched, total) {
  const node = element("p", { className: "tryit-summary" }, fill(template, values));
  Object.assign(node.dataset, { matched, total });
  return node;
}

function browserName() {
  const brands = (navigator.userAgentData && navigator.userAgentData.brands) || [];
  const known = ["Google Chrome", "Microsoft Edge", "Opera", "Chromium"];
  const brand = known.map((name) => brands.find((b) => b.brand === name)).find(Boolean);
  if (brand) return `${brand.brand} ${brand.version}`;
  const ua = navigator.userAgent;
  const found = /(Firefox|Edg|Chrome)\/(\d+)/.exec(ua);
  if (found) return `${{ Edg: "Edge" }[found[1]] || found[1]} ${found[2]}`;
  const safari = /Version\/([\d.]+).*Safari/.exec(ua);
  return safari ? `Safari ${safari[1]}` : ua;
}

// -- JavaScript: one fresh iframe per run -----------------------------------------------------

function runJs(control, out) {
  return new Promise((resolve) => {
    const frame = element("iframe", { hidden: true, title: control.dataset.example });
    let documented = [];
    const ms = Number(control.dataset.timeout) || JS_TIMEOUT_MS;
    const timer = setTimeout(
      () => finish({ printed: [], failure: { text: fill(text.timeout, { seconds: ms / 1000 }) } }),
      ms,
    );
    function onMessage(event) {
      if (event.source !== frame.contentWindow || event.origin !== location.origin) return;
      if (event.data.type === "start") documented = event.data.documented;
      else finish(event.data);
    }
    function finish(report) {
      clearTimeout(timer);
      removeEventListener("message", onMessage);
      frame.remove(); // ends the frame's scope; its connections are already closed
      showJs(out, documented, report);
      resolve();
    }
    addEventListener("message", onMessage);
    frame.src = `${new URL("frame.html", base)}?example=${encodeURIComponent(control.dataset.example)}`;
    document.body.append(frame);
  });
}

function showJs(out, documented, report) {
  let matched = 0;
  const rows = documented.map(({ statement, expected }, index) => {
    const printed = report.printed[index] || [];
    const result = !printed.length ? "error" : printed.every((p) => p === expected) ? "match" : "mismatch";
    if (result === "match") matched += 1;
    const actual = printed.length ? printed.join("\n") : text.notPrinted;
    return [code(statement), code(expected), code(actual), mark(result)];
  });
  const parts = [table([text.statement, text.documented, text.actual, ""], rows)];
  if (report.failure) {
    const where = report.failure.line ? ` (${fill(text.line, report.failure)})` : "";
    const message = ` ${report.failure.text}${where}`;
    parts.push(element("p", { className: "tryit-error" }, mark("error"), message));
  }
  const total = documented.length;
  const result = summary(text.summary, { browser: browserName(), matched, total }, matched, total);
  if (report.connections !== undefined) {
    Object.assign(result.dataset, { connections: report.connections, closed: report.closed });
  }
  parts.push(result);
  out.replaceChildren(...parts);
}

// -- Python: the page's session up to the clicked block, in a Web Worker with Pyodide ----------

let worker = null; // kept between runs that finish; a run that is stopped ends it
let pythonRuns = Promise.resolve(); // one run at a time

const pyControls = () => [...document.querySelectorAll('.tryit[data-tryit="py"]')];

function blockSource(control) {
  const editor = control.querySelector("textarea");
  return editor ? editor.value : control.previousElementSibling.querySelector("pre").textContent;
}

function editorFor(control) {
  if (control.querySelector("textarea")) return;
  const source = blockSource(control);
  const editor = element("textarea", { spellcheck: false, rows: source.split("\n").length, value: source });
  const label = element("label", { className: "tryit-edit" }, text.edit, editor);
  control.querySelector(".tryit-out").before(label);
}

function runPython(control) {
  const controls = pyControls().slice(0, pyControls().indexOf(control) + 1);
  const blocks = controls.map(blockSource);
  const results = controls.map(() => []);
  for (const each of controls) {
    each.querySelector(".tryit-out").replaceChildren(element("p", {}, text.running));
  }
  control.querySelector(".tryit-out").replaceChildren(element("p", {}, text.loading));
  return new Promise((resolve) => {
    worker = worker || new Worker(new URL("worker.js", base), { type: "module" });
    let current = 0;
    let timer;
    const watch = (ms) => {
      clearTimeout(timer);
      timer = setTimeout(() => finish(fill(text.timeout, { seconds: ms / 1000 })), ms);
    };
    const exampleTimeout = Number(control.dataset.timeout) || PY_EXAMPLE_TIMEOUT_MS;
    function finish(stopped) {
      clearTimeout(timer);
      if (stopped) {
        worker.terminate(); // the next run starts in a new interpreter
        worker = null;
      }
      controls.forEach((each, index) => {
        showPython(each, results[index], index === current ? stopped : null, index > current);
      });
      resolve();
    }
    worker.onmessage = ({ data }) => {
      if (data.type === "ready") watch(exampleTimeout);
      else if (data.type === "example") {
        watch(exampleTimeout);
        for (; current < data.block; current += 1) showPython(controls[current], results[current]);
        results[current].push(data);
      } else if (data.type === "done") {
        current = controls.length - 1;
        finish(null);
      } else finish(fill(text.failed, { reason: data.reason }));
    };
    worker.onerror = (event) => {
      event.preventDefault();
      finish(fill(text.failed, { reason: event.message }));
    };
    watch(PY_LOAD_TIMEOUT_MS);
    worker.postMessage({ blocks });
  });
}

function showPython(control, results, stopped = null, notRun = false) {
  editorFor(control);
  const out = control.querySelector(".tryit-out");
  if (notRun) {
    out.replaceChildren(element("p", {}, text.notRun));
    return;
  }
  const prompted = (source) => source.trimEnd().replace(/^/gm, "... ").replace(/^\.\.\. /, ">>> ");
  const rows = results.map((r) => [code(prompted(r.source)), code(r.want), code(r.got), mark(r.result)]);
  const matched = results.filter((r) => r.result === "match").length;
  const parts = [table([text.statement, text.documented, text.actual, ""], rows)];
  if (stopped) parts.push(element("p", { className: "tryit-error" }, mark("error"), ` ${stopped}`));
  const total = results.length;
  parts.push(summary(text.pySummary, { matched, total }, matched, total));
  const failed = stopped || results.some((r) => r.result === "error");
  out.dataset.result = failed ? "error" : matched < total ? "mismatch" : "match";
  out.replaceChildren(...parts);
}

// -- Entry point ----------------------------------------------------------------------------

export async function run(control) {
  if (control.getAttribute("aria-busy") === "true") return;
  control.setAttribute("aria-busy", "true");
  const out = control.querySelector(".tryit-out");
  try {
    text = await texts;
    if (control.dataset.tryit === "js") await runJs(control, out);
    else await (pythonRuns = pythonRuns.then(() => runPython(control)));
  } catch (error) {
    const message = fill(text.failed || "{reason}", { reason: String(error) });
    out.replaceChildren(element("p", { className: "tryit-error" }, message));
  } finally {
    control.removeAttribute("aria-busy");
  }
}
