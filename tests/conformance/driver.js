// Runs one conformance scenario (tests/conformance/scenarios.json) against the browser's own
// RTCPeerConnection and returns its trace. driver.py builds the same trace from webrtc_reference;
// the two must be equal, field by field. Loaded into an about:blank page as a classic script.
"use strict";

// The m-sections of an SDP text as "kind:direction", or "kind:rejected" for port 0. Port 0 with
// a=bundle-only is no rejection (RFC 8843 §6): Firefox's offers mark bundled sections so.
function sdpSections(sdp) {
  const sections = [];
  for (const line of sdp.split(/\r?\n/)) {
    if (line.startsWith("m=")) {
      const [kind, port] = line.slice(2).split(" ");
      sections.push({ kind, rejected: port === "0", direction: "sendrecv" });
    } else if (sections.length > 0 && line === "a=bundle-only") {
      sections[sections.length - 1].rejected = false;
    } else if (sections.length > 0 && /^a=(sendrecv|sendonly|recvonly|inactive)$/.test(line)) {
      sections[sections.length - 1].direction = line.slice(2);
    }
  }
  return sections.map((s) => `${s.kind}:${s.rejected ? "rejected" : s.direction}`);
}

// The description without its ICE candidates. Re-offers carry the candidates gathered so far
// (JSEP 5.2.2); passed on, they would connect the two pages and let media flow, and the mute and
// unmute events that follow depend on the network's timing, which the model does not have.
function withoutCandidates(sdp) {
  return sdp.replace(/^a=(candidate|end-of-candidates).*\r?\n/gm, "");
}

const turn = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Let the tasks already queued run, then wait until the step has seen at least `expected`
// events (the model's count for the step) or the deadline passes. Engines queue some events
// only after a hop through their WebRTC threads (Chromium's negotiationneeded after an answer,
// Firefox's a few milliseconds after the next task), so a fixed number of turns is not enough.
async function settleTasks(events, expected, deadlineMs = 2000) {
  const end = performance.now() + deadlineMs;
  await turn(0);
  while (events.length < expected && performance.now() < end) await turn(2);
  for (let i = 0; i < 3; i++) await turn(0); // a late extra event still lands in this step
}

class Run {
  // expected[i]: how many events the model saw at step i, so that a wait knows when it is done.
  constructor(scenario, expected = []) {
    this.scenario = scenario;
    this.expected = expected;
    this.pcs = { a: new RTCPeerConnection(), b: new RTCPeerConnection() };
    this.events = [];
    this.tracks = {}; // name -> local MediaStreamTrack
    this.streams = {}; // name -> local MediaStream
    this.handles = {}; // name -> sender or transceiver
    this.created = { a: null, b: null }; // last created description per pc
    this.pending = [];
    this.watched = new WeakSet();
    this.audioContext = null;
    this.timers = [];
    this.gathered = { a: [], b: [] }; // candidates each pc gathered, for exchangeCandidates
    for (const [name, pc] of Object.entries(this.pcs)) {
      pc.addEventListener("icecandidate", (e) => e.candidate && this.gathered[name].push(e.candidate));
      pc.addEventListener("negotiationneeded", () => this.events.push(`${name}:negotiationneeded`));
      pc.addEventListener("signalingstatechange", () =>
        this.events.push(`${name}:signalingstatechange:${pc.signalingState}`));
      pc.addEventListener("track", (e) => {
        const names = e.streams.map((s) => this.streamName(s));
        this.events.push(`${name}:track:${e.track.kind}:[${names.join(",")}]`);
        for (const stream of e.streams) this.watchStream(name, stream);
        this.watchTrack(name, e.track);
      });
    }
  }

  streamName(stream) {
    for (const [name, local] of Object.entries(this.streams)) if (local.id === stream.id) return name;
    return "?";
  }

  watchStream(pcName, stream) {
    if (this.watched.has(stream)) return;
    this.watched.add(stream);
    for (const type of ["addtrack", "removetrack"]) {
      stream.addEventListener(type, (e) =>
        this.events.push(`${pcName}:${this.streamName(stream)}:${type}:${e.track.kind}`));
    }
  }

  watchTrack(pcName, track) {
    if (this.watched.has(track)) return;
    this.watched.add(track);
    for (const type of ["ended", "mute", "unmute"]) {
      track.addEventListener(type, () => this.events.push(`${pcName}:${type}:${track.kind}`));
    }
  }

  track(name) {
    if (!this.tracks[name]) {
      const kind = this.scenario.tracks[name];
      if (kind === "video") {
        const canvas = document.createElement("canvas");
        canvas.width = 64;
        canvas.height = 48;
        const context = canvas.getContext("2d");
        context.fillRect(0, 0, 64, 48);
        this.tracks[name] = canvas.captureStream().getVideoTracks()[0];
        // Keep painting, so that frames (and RTP, once connected) keep coming.
        let frame = 0;
        this.timers.push(setInterval(() => {
          context.fillStyle = `rgb(${(frame += 40) % 256}, 0, 0)`;
          context.fillRect(0, 0, 64, 48);
        }, 40));
      } else {
        this.audioContext ??= new AudioContext();
        this.tracks[name] = this.audioContext.createMediaStreamDestination().stream.getAudioTracks()[0];
      }
    }
    return this.tracks[name];
  }

  stream(name) {
    this.streams[name] ??= new MediaStream();
    return this.streams[name];
  }

  trackName(track) {
    if (track === null) return null;
    for (const [name, local] of Object.entries(this.tracks)) if (local === track) return name;
    return "?";
  }

  transceiver(pc, ref) {
    if (typeof ref === "number") return pc.getTransceivers()[ref];
    const handle = this.handles[ref];
    if (handle instanceof RTCRtpTransceiver) return handle;
    return pc.getTransceivers().find((t) => t.sender === handle);
  }

  // The argument a step passes where a sender is expected.
  senderArg(pc, ref) {
    if (ref === null) return null;
    if (typeof ref === "number") return pc.getSenders()[ref];
    if (typeof ref === "object") return this.track(ref.track);
    const handle = this.handles[ref];
    return handle instanceof RTCRtpTransceiver ? handle.sender : handle;
  }

  // What the other pc is given of a description: without candidates, unless the scenario
  // exchanges them, so that nothing connects.
  description(step, from, remote = false) {
    const type = step.type ?? this.created[from].type;
    if (type === "rollback") return { type };
    const sdp = this.created[from].sdp;
    const strip = remote && !this.scenario.candidates;
    return { type, sdp: strip ? sdp.replace(/^a=candidate:.*\r\n/gm, "") : sdp };
  }

  // Waits (up to 5 s of real time) until check() holds.
  async until(check, what) {
    for (let waited = 0; !check(); waited += 10) {
      if (waited >= 5000) throw Object.assign(new Error(what), { name: "Timeout" });
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  async create(name, method) {
    const desc = await this.pcs[name][method]();
    this.created[name] = { type: desc.type, sdp: desc.sdp };
    return { [desc.type]: sdpSections(desc.sdp) };
  }

  async apply(promise, step) {
    if (step.await === false) {
      this.pending.push(promise.catch((e) => this.events.push(`error:${e.name}`)));
      return;
    }
    await promise;
  }

  async negotiate(offerer) {
    const answerer = offerer === "a" ? "b" : "a";
    const sdp = await this.create(offerer, "createOffer");
    await this.pcs[offerer].setLocalDescription(this.description({}, offerer));
    await this.pcs[answerer].setRemoteDescription(this.description({}, offerer, true));
    Object.assign(sdp, await this.create(answerer, "createAnswer"));
    await this.pcs[answerer].setLocalDescription(this.description({}, answerer));
    await this.pcs[offerer].setRemoteDescription(this.description({}, answerer, true));
    return sdp;
  }

  // Runs one step; returns the SDP sections of descriptions it created, or null.
  async step(step, index) {
    const pc = this.pcs[step.pc];
    const other = step.pc === "a" ? "b" : "a";
    switch (step.op) {
      case "addTrack": {
        const sender = pc.addTrack(this.track(step.track), ...(step.streams ?? []).map((s) => this.stream(s)));
        if (step.as) this.handles[step.as] = sender;
        return null;
      }
      case "removeTrack":
        pc.removeTrack(this.senderArg(pc, step.sender));
        return null;
      case "addTransceiver": {
        const init = { direction: step.direction ?? "sendrecv", streams: (step.streams ?? []).map((s) => this.stream(s)) };
        const transceiver = pc.addTransceiver(step.track ? this.track(step.track) : step.kind, init);
        if (step.as) this.handles[step.as] = transceiver;
        return null;
      }
      case "save":
        this.handles[step.as] = this.transceiver(pc, step.transceiver);
        return null;
      case "setDirection":
        this.transceiver(pc, step.transceiver).direction = step.direction;
        return null;
      case "stop":
        this.transceiver(pc, step.transceiver).stop();
        return null;
      case "stopTrack":
        this.track(step.track).stop();
        return null;
      case "replaceTrack": {
        const track = step.track === null ? null : this.track(step.track);
        await this.apply(this.senderArg(pc, step.sender).replaceTrack(track), step);
        return null;
      }
      case "createOffer":
        return await this.create(step.pc, "createOffer");
      case "createAnswer":
        return await this.create(step.pc, "createAnswer");
      case "setLocalDescription":
        await this.apply(pc.setLocalDescription(this.description(step, step.pc)), step);
        return null;
      case "setRemoteDescription":
        await this.apply(pc.setRemoteDescription(this.description(step, other, true)), step);
        return null;
      case "rollback": {
        const method = step.side === "remote" ? "setRemoteDescription" : "setLocalDescription";
        await this.apply(pc[method]({ type: "rollback" }), step);
        return null;
      }
      case "negotiate":
        return await this.negotiate(step.pc);
      case "close":
        pc.close();
        return null;
      case "wait":
        await settleTasks(this.events, this.expected[index] ?? 0);
        return null;
      case "exchangeCandidates": {
        // Each pc gets the candidates the other gathered; then wait for the events of step.until.
        for (const [name, peer] of [["a", "b"], ["b", "a"]]) {
          await this.until(() => this.gathered[peer].length > 0, "no candidate gathered");
          for (const candidate of this.gathered[peer]) await this.pcs[name].addIceCandidate(candidate);
        }
        await this.until(() => (step.until ?? []).every((e) => this.events.includes(e)), "events");
        return null;
      }
      case "settle":
        await Promise.all(this.pending.splice(0));
        return null;
      default:
        throw new Error(`unknown op ${step.op}`);
    }
  }

  snapshot() {
    const state = {};
    for (const [name, pc] of Object.entries(this.pcs)) {
      state[name] = {
        signalingState: pc.signalingState,
        iceConnectionState: pc.iceConnectionState,
        connectionState: pc.connectionState,
        senders: pc.getSenders().length,
        receivers: pc.getReceivers().length,
        transceivers: pc.getTransceivers().map((t) => {
          this.watchTrack(name, t.receiver.track);
          return {
            mid: t.mid !== null,
            direction: t.direction,
            currentDirection: t.currentDirection,
            track: this.trackName(t.sender.track),
            receiverTrack: t.receiver.track.readyState,
          };
        }),
      };
    }
    // What each named sender (or a named transceiver's sender) holds now.
    state.handles = {};
    for (const [name, handle] of Object.entries(this.handles)) {
      const sender = handle instanceof RTCRtpTransceiver ? handle.sender : handle;
      state.handles[name] = this.trackName(sender.track);
    }
    return state;
  }

  async run() {
    const trace = [];
    this.snapshot(); // start watching the receiver tracks
    for (const [index, step] of this.scenario.steps.entries()) {
      let error = null;
      let sdp = null;
      try {
        sdp = await this.step(step, index);
      } catch (e) {
        error = e.name;
      }
      const events = this.events.splice(0);
      trace.push({ op: step.op, error, sdp, events, state: this.snapshot() });
    }
    for (const pc of Object.values(this.pcs)) pc.close();
    for (const track of Object.values(this.tracks)) track.stop();
    for (const timer of this.timers) clearInterval(timer);
    if (this.audioContext) await this.audioContext.close();
    return trace;
  }
}

window.runScenario = (scenario, expected) => new Run(scenario, expected).run();
window.sdpSections = sdpSections;
