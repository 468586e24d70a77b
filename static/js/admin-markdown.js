// Options for the markdown editor (EasyMDE, from wagtail-markdown).
//
// Preview and Side-by-side: EasyMDE would render with `marked` straight into innerHTML, so
// HTML in a block (`<img src=x onerror=...>`) would run in the session of whoever previews it.
// The server renders instead, with the site's own sanitized markdown (editorial/markdown_preview.py):
// the preview shows exactly what the site will publish, and nothing else ever reaches the DOM.
//
// Spelling: EasyMDE's checker fetches dictionaries from a CDN, which the admin's Content
// Security Policy does not allow; the browser's own spell checker is used instead.
(function () {
  var previewUrl = document.currentScript.dataset.previewUrl;
  var lastRendered = new WeakMap(); // preview element -> the server's latest HTML for it
  var pending = new WeakMap(); // preview element -> the request it is waiting for
  var timers = new WeakMap();

  function csrfToken() {
    var config = document.getElementById("wagtail-config");
    if (config) {
      try {
        return JSON.parse(config.textContent).CSRF_TOKEN;
      } catch (error) {
        // Fall through to the form's token.
      }
    }
    var field = document.querySelector("input[name=csrfmiddlewaretoken]");
    return field ? field.value : "";
  }

  function showMessage(preview, text) {
    var message = document.createElement("p");
    message.className = "help-block help-critical";
    message.textContent = text;
    preview.replaceChildren(message);
  }

  function render(plainText, preview) {
    var body = new URLSearchParams({ text: plainText });
    var request = {};
    pending.set(preview, request);
    fetch(previewUrl, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrfToken() },
    })
      .then(function (response) {
        return response.json().then(function (data) {
          return { ok: response.ok, data: data };
        });
      })
      .then(function (result) {
        if (pending.get(preview) !== request) return; // A newer edit is on its way.
        if (!result.ok) {
          showMessage(preview, result.data.error || "The preview could not be rendered.");
          return;
        }
        lastRendered.set(preview, result.data.html);
        preview.innerHTML = result.data.html; // Sanitized by the server (nh3).
      })
      .catch(function () {
        if (pending.get(preview) === request) {
          showMessage(preview, "The preview could not be rendered (no answer from the server).");
        }
      });
  }

  function previewRender(plainText, preview) {
    // Side-by-side calls this on every change: wait for a pause in typing.
    clearTimeout(timers.get(preview));
    timers.set(
      preview,
      setTimeout(function () {
        render(plainText, preview);
      }, 250),
    );
    // EasyMDE writes the return value into innerHTML: only ever the server's own HTML.
    return lastRendered.get(preview) || "<p>Rendering the preview…</p>";
  }

  window.wagtailMarkdown = window.wagtailMarkdown || {};
  window.wagtailMarkdown.options = Object.assign(window.wagtailMarkdown.options || {}, {
    spellChecker: false,
    nativeSpellcheck: true,
    previewRender: previewRender,
  });
})();
