// Small progressive enhancements; every page works without this file.
(function () {
  "use strict";
  function ready(fn) { if (document.readyState !== "loading") { fn(); } else { document.addEventListener("DOMContentLoaded", fn); } }
  ready(function () {
    // The error summary takes the focus so a screen reader reads it first (GOV.UK's error summary).
    var summary = document.querySelector("[data-autofocus]");
    if (summary) { summary.focus(); }
  });
  // A form or button with data-confirm asks once before it goes (withdrawing a filing cannot be undone).
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var message = form.getAttribute("data-confirm");
    if (message && !window.confirm(message)) { event.preventDefault(); }
  });
})();
