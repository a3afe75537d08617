// Audits every top-level document the browser tests open with axe-core, and
// checks that it does not scroll sideways at the window's width.
//
// The browser_context fixture adds this script, after axe.min.js, to every
// document (Playwright's add_init_script), so no test has to remember to call
// axe. The audit starts on the window's load event and reports through console
// messages starting with PREFIX, which the fixture reads: console messages still
// reach Python while the browser holds a navigation away from the page, when
// Chromium no longer lets Python evaluate anything in it.
(() => {
  if (window.top !== window || window.__guichetAxe) {
    // Frames are audited from their top document (axe reaches into them).
    return;
  }
  const PREFIX = "__guichet_axe__ ";
  const TIMEOUT_MS = 15000;
  // Taken before the page's own scripts run, which may replace console.debug.
  const debug = console.debug.bind(console);
  const doc = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  const send = (message) => debug(PREFIX + JSON.stringify(message));

  // axe refuses to run twice at once: every run waits for the previous one.
  let queue = Promise.resolve();
  const serially = (task) => {
    const run = queue.then(task);
    queue = run.catch(() => undefined);
    return run;
  };

  const withTimeout = (promise) =>
    Promise.race([
      promise,
      new Promise((_, reject) =>
        setTimeout(() => reject(new Error(`axe did not finish within ${TIMEOUT_MS} ms`)), TIMEOUT_MS),
      ),
    ]);

  // The blank page a new tab shows before its first navigation has nothing to audit.
  const isBlank = () =>
    location.href === "about:blank" &&
    !document.title &&
    !(document.body && document.body.childElementCount);

  const runAxe = (url) =>
    serially(async () => {
      try {
        const results = await withTimeout(
          window.axe.run(document, { resultTypes: ["violations"] }),
        );
        return {
          doc,
          url,
          violations: results.violations.map((violation) => ({
            id: violation.id,
            impact: violation.impact,
            help: violation.help,
            helpUrl: violation.helpUrl,
            targets: violation.nodes.map((node) => node.target.map(String).join(" >>> ")),
          })),
        };
      } catch (error) {
        return { doc, url, error: String((error && error.stack) || error) };
      }
    });

  // A short CSS path of an element, to name what sticks out of the viewport.
  const describe = (element) => {
    const parts = [];
    for (let node = element; node && node !== document.body && parts.length < 4; node = node.parentElement) {
      let part = node.localName;
      if (node.id) {
        part += `#${node.id}`;
      } else if (node.classList.length) {
        part += `.${Array.from(node.classList).slice(0, 2).join(".")}`;
      }
      parts.unshift(part);
    }
    return parts.join(" > ");
  };

  // Whether the page scrolls sideways at the window's width, measured when it has loaded:
  // null when it fits, else the widths and the innermost elements reaching past the edge.
  const measureOverflow = () => {
    const root = document.documentElement;
    const viewport = Math.min(window.innerWidth, root.clientWidth || window.innerWidth);
    if (root.scrollWidth <= viewport) {
      return null;
    }
    const beyond = Array.from(document.body.querySelectorAll("*")).filter((element) => {
      const rect = element.getBoundingClientRect();
      return rect.width > 0 && rect.right > viewport + 1;
    });
    const innermost = beyond.filter(
      (element) => !beyond.some((other) => other !== element && element.contains(other)),
    );
    return {
      scrollWidth: root.scrollWidth,
      innerWidth: viewport,
      elements: innermost
        .slice(0, 8)
        .map((element) => `${describe(element)} (right edge at ${Math.round(element.getBoundingClientRect().right)} px)`),
    };
  };

  let settled = null;
  window.__guichetAxe = {
    // The audit of this document, reported once: started on load, or now when
    // Python asks first (the test ended before the load event).
    settle() {
      if (isBlank()) {
        return Promise.resolve(null);
      }
      if (settled === null) {
        const url = location.href;
        send({ type: "start", doc, url });
        // The audit itself waits for the next task, so that the load event (and
        // page.goto) is not held up by it.
        // Measured now, as the page loaded, before anything else may change it.
        const overflow = measureOverflow();
        settled = new Promise((resolve) => setTimeout(resolve, 0))
          .then(() => runAxe(url))
          .then((report) => {
            const full = overflow ? { ...report, overflow } : report;
            send({ type: "report", ...full });
            return full;
          });
      }
      return settled;
    },
    // A fresh audit of the document as it is now, returned and not reported.
    audit() {
      return runAxe(location.href);
    },
  };
  window.addEventListener("load", () => {
    window.__guichetAxe.settle();
  });
})();
