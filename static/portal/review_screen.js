/* The review screen and the material viewer, progressively: single-key shortcuts and zoom/rotate.
 *
 * Shortcuts: any element with data-shortcut="<key>". A form or a section takes the focus on its first field
 * (scrolled into view); a link or button marked data-shortcut-click is clicked. Keys typed inside a field,
 * or with Ctrl/Alt/Meta, are never taken; Escape leaves a field so that the next key is a shortcut again.
 * The viewer (data-viewer): + and - zoom, o rotates a quarter turn, 0 fits the image again.
 */
(function () {
  "use strict";

  function typing(target) {
    if (!target || !target.tagName) return false;
    var tag = target.tagName.toLowerCase();
    return tag === "input" || tag === "textarea" || tag === "select" || target.isContentEditable;
  }

  function focusInside(element) {
    var field = element.matches("form, section, fieldset")
      ? element.querySelector("input:not([type=hidden]):not([disabled]), textarea, select, button")
      : null;
    var target = field || element;
    if (target === element && !element.hasAttribute("tabindex") && !element.matches("a, button, input, textarea, select")) {
      element.setAttribute("tabindex", "-1");
    }
    element.scrollIntoView({ block: "start" });
    target.focus({ preventScroll: true });
  }

  var viewer = null;

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.altKey || event.metaKey) return;
    if (typing(event.target)) {
      if (event.key === "Escape") event.target.blur();
      return;
    }
    if (viewer && viewer.key(event.key)) {
      event.preventDefault();
      return;
    }
    var key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
    var element = document.querySelector('[data-shortcut="' + key.replace(/["\\]/g, "") + '"]');
    if (!element) return;
    event.preventDefault();
    if (element.hasAttribute("data-shortcut-click")) {
      element.click();
    } else {
      focusInside(element);
    }
  });

  function Viewer(root) {
    var image = root.querySelector("[data-viewer-image]");
    var tools = root.querySelector("[data-viewer-tools]");
    if (!image || !tools) return null;
    var scale = 1;
    var turns = 0;
    tools.hidden = false;
    root.classList.add("review-viewer--js");

    function apply() {
      image.style.transform = "rotate(" + turns * 90 + "deg) scale(" + scale + ")";
      image.classList.toggle("review-viewer__image--zoomed", scale > 1 || turns % 2 === 1);
    }
    var actions = {
      "zoom-in": function () { scale = Math.min(scale * 1.25, 6); },
      "zoom-out": function () { scale = Math.max(scale / 1.25, 0.25); },
      rotate: function () { turns = (turns + 1) % 4; },
      reset: function () { scale = 1; turns = 0; },
    };
    var keys = { "+": "zoom-in", "=": "zoom-in", "-": "zoom-out", o: "rotate", "0": "reset" };
    tools.addEventListener("click", function (event) {
      var button = event.target.closest("[data-viewer-action]");
      if (!button) return;
      actions[button.getAttribute("data-viewer-action")]();
      apply();
    });
    return {
      key: function (key) {
        var name = keys[key];
        if (!name) return false;
        actions[name]();
        apply();
        return true;
      },
    };
  }

  var root = document.querySelector("[data-viewer]");
  if (root) viewer = Viewer(root);
})();
