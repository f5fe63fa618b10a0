"use strict";
// Shows the "Run in this browser" controls of a page. The runner (run.js) and everything it
// needs are fetched only on the first click.
(() => {
  const script = document.currentScript;
  const base = new URL(".", script.src);
  let runner;
  for (const control of document.querySelectorAll(".tryit")) {
    control.hidden = false;
    const button = control.querySelector("button");
    if (location.protocol === "file:") {
      button.disabled = true;
      control.querySelector(".tryit-note").textContent = script.dataset.fileMessage;
      continue;
    }
    button.addEventListener("click", async () => {
      runner = runner || import(new URL("run.js", base).href);
      (await runner).run(control);
    });
  }
})();
