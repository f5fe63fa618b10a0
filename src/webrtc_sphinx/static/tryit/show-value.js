"use strict";
// A printed value as a JavaScript literal, close to DevTools; strings in double quotes, so that
// the string "null" and null differ. The try-it frame prints with it, and the site's test
// harness (tests/js_examples/jsharness.py) reads this file to print values the same way.
const tryitShow = (v) => {
  if (typeof v === "string") return JSON.stringify(v);
  if (v === null) return "null";
  if (v === undefined) return "undefined";
  if (typeof v === "bigint") return `${v}n`;
  if (typeof v === "number") return Object.is(v, -0) ? "-0" : String(v);
  if (typeof v === "function") return `ƒ ${v.name}()`;
  if (typeof v !== "object") return String(v);
  if (Array.isArray(v)) return `[${v.map(tryitShow).join(", ")}]`;
  if (v instanceof Error || v instanceof DOMException) return `${v.name}: ${v.message}`;
  const proto = Object.getPrototypeOf(v);
  if (proto === Object.prototype || proto === null) {
    return `{${Object.entries(v).map(([k, x]) => `${k}: ${tryitShow(x)}`).join(", ")}}`;
  }
  return (v.constructor && v.constructor.name) || Object.prototype.toString.call(v);
};
