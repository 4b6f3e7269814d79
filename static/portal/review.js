// The review lists' keyboard shortcuts (reviews/pages/queue.py): a button or link with data-shortcut="n" is
// pressed by that key, unless the focus is in a field or a modifier is held. The page shows each key beside
// its button and works without this file.
(function () {
  "use strict";
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) { return; }
    var target = event.target;
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) { return; }
    var key = (event.key || "").toLowerCase();
    var control = document.querySelector('[data-shortcut="' + key + '"]');
    if (!control) { return; }
    event.preventDefault();
    control.click();
  });
})();
