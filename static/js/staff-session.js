// Staff sessions end after a spell without activity (StaffSessionMiddleware).
// Typing or clicking in any staff page counts as activity: it tells the server
// at most once a minute, so someone writing a long note is not signed out.
// Two minutes before the limit a notice offers to continue.
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script) { return; }
  var data = script.dataset;
  var idleMs = parseInt(data.idleSeconds, 10) * 1000;
  var keepaliveUrl = data.keepaliveUrl;
  if (!idleMs || !keepaliveUrl) { return; }
  var warnMs = Math.min(2 * 60 * 1000, idleMs / 2);
  var lastTouch = Date.now();
  var notice = null;

  function touch() {
    lastTouch = Date.now();
    fetch(keepaliveUrl, { credentials: "same-origin", cache: "no-store" }).catch(function () {});
    if (notice) { notice.hidden = true; }
  }

  function onActivity() {
    if (Date.now() - lastTouch > 60 * 1000) { touch(); }
  }

  function showNotice(text, withButton) {
    if (!notice) {
      notice = document.createElement("div");
      notice.className = "staff-session-notice";
      notice.setAttribute("role", "alert");
      var message = document.createElement("p");
      notice.appendChild(message);
      var button = document.createElement("button");
      button.type = "button";
      button.className = "button default";
      button.textContent = data.continueLabel;
      button.addEventListener("click", touch);
      notice.appendChild(button);
      document.body.appendChild(notice);
    }
    notice.querySelector("p").textContent = text;
    notice.querySelector("button").hidden = !withButton;
    notice.hidden = false;
  }

  ["keydown", "input", "pointerdown"].forEach(function (name) {
    document.addEventListener(name, onActivity, { passive: true, capture: true });
  });

  window.setInterval(function () {
    var left = idleMs - (Date.now() - lastTouch);
    if (left <= 0) {
      showNotice(data.endedText, false);
    } else if (left <= warnMs) {
      showNotice(data.warningText, true);
    }
  }, 15 * 1000);
})();
