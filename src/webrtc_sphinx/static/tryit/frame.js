"use strict";
// The frame one JavaScript example runs in: a fresh global scope per run. getUserMedia() gets
// synthetic tracks (a canvas, an oscillator), so no permission prompt appears. The frame
// reports to the page what each documented console.log line printed, then closes what it opened.
(() => {
  const report = (message) => parent.postMessage({ tryit: true, ...message }, location.origin);
  const connections = [];
  const streams = [];
  const audioContexts = [];
  let failure = null;

  const Native = window.RTCPeerConnection;
  window.RTCPeerConnection = new Proxy(Native, {
    construct(target, args, newTarget) {
      const connection = Reflect.construct(target, args, newTarget);
      connections.push(connection);
      return connection;
    },
  });

  async function getUserMedia(constraints = {}) {
    if (!constraints.audio && !constraints.video) {
      throw new TypeError("getUserMedia() needs audio or video in its constraints");
    }
    const tracks = [];
    if (constraints.video) {
      const canvas = document.createElement("canvas");
      canvas.width = 320;
      canvas.height = 240;
      const drawing = canvas.getContext("2d");
      drawing.fillStyle = "#2a7";
      drawing.fillRect(0, 0, 320, 240);
      tracks.push(...canvas.captureStream(15).getVideoTracks());
    }
    if (constraints.audio) {
      const context = new AudioContext();
      audioContexts.push(context);
      const oscillator = context.createOscillator();
      const destination = context.createMediaStreamDestination();
      oscillator.connect(destination);
      oscillator.start();
      tracks.push(...destination.stream.getAudioTracks());
    }
    const stream = new MediaStream(tracks);
    streams.push(stream);
    return stream;
  }
  if (!navigator.mediaDevices) {
    Object.defineProperty(navigator, "mediaDevices", { value: {} });
  }
  navigator.mediaDevices.getUserMedia = getUserMedia;

  const show = tryitShow; // show-value.js, loaded before this script

  const describe = (error) => {
    const text = error instanceof Error || error instanceof DOMException
      ? `${error.name}: ${error.message}` : `${show(error)}`;
    const at = /examples\/[\w/.-]+\.js:(\d+):\d+/.exec((error && error.stack) || "");
    return at ? { text, line: Number(at[1]) } : { text };
  };
  // Shown by the page instead of reaching the console.
  addEventListener("error", (event) => {
    event.preventDefault();
    failure = failure || describe(event.error || event.message);
  });
  addEventListener("unhandledrejection", (event) => {
    event.preventDefault();
    failure = failure || describe(event.reason);
  });

  const tick = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  window.tryitFrame = {
    async run(documented, body) {
      const printed = documented.map(() => []);
      report({ type: "start", documented });
      try {
        await body((index, ...values) => printed[index].push(values.map(show).join(" ")));
      } catch (error) {
        failure = failure || describe(error);
      }
      // Event handlers may print a little later.
      const end = performance.now() + 2000;
      await tick(50);
      while (!failure && printed.some((p) => !p.length) && performance.now() < end) await tick(50);
      for (const connection of connections) connection.close();
      for (const stream of streams) for (const track of stream.getTracks()) track.stop();
      await Promise.all(audioContexts.map((context) => context.close()));
      const closed = connections.filter((c) => c.signalingState === "closed").length;
      report({ type: "done", printed, failure, connections: connections.length, closed });
    },
  };

  const example = new URLSearchParams(location.search).get("example") || "";
  if (!/^examples\/[\w/-]+\.js$/.test(example)) {
    report({ type: "done", printed: [], failure: { text: `no such example: ${example}` } });
    return;
  }
  const script = document.createElement("script");
  script.src = example;
  script.onerror = () => {
    report({ type: "done", printed: [], failure: { text: `could not load ${example}` } });
  };
  document.head.append(script);
})();
