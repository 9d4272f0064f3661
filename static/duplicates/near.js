// Near-duplicates while writing (issue 18): once the contribution has 30 characters, and
// 700 ms after the last keystroke, ask the server for the published contributions that say
// nearly the same thing and show them in the polite live region under the text, which screen
// readers announce without moving the focus. Progressive enhancement only: without this file
// the form works as before, and any failure (network, 400, 429) just shows nothing new.
document.addEventListener("DOMContentLoaded", function () {
  var MIN_LENGTH = 30;
  var DELAY = 700;
  document.querySelectorAll("[data-near-duplicates]").forEach(function (region) {
    var form = region.closest("form");
    var body = form && form.querySelector('textarea[name="body"]');
    if (!body || !window.fetch) {
      return;
    }
    var timer = null;
    var asked = "";
    var controller = null;

    function show(html) {
      // Only when it changes: the live region speaks at each change.
      if (region.innerHTML !== html) {
        region.innerHTML = html;
      }
    }

    function ask() {
      var text = body.value.trim();
      if (text.length < MIN_LENGTH) {
        asked = "";
        show("");
        return;
      }
      if (text === asked) {
        return;
      }
      asked = text;
      if (controller) {
        controller.abort();
      }
      controller = window.AbortController ? new AbortController() : null;
      var query = new URLSearchParams({ texte: text });
      if (region.dataset.paragraph) {
        query.set("paragraphe", region.dataset.paragraph);
      }
      fetch(region.dataset.url + "?" + query.toString(), {
        credentials: "same-origin",
        headers: { Accept: "text/html" },
        signal: controller ? controller.signal : undefined,
      })
        .then(function (response) {
          return response.ok ? response.text() : null;
        })
        .then(function (html) {
          if (html !== null && body.value.trim() === text) {
            show(html);
          }
        })
        .catch(function () {});
    }

    body.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(ask, DELAY);
    });
  });
});
