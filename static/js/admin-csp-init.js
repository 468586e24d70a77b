// Starts what Wagtail's own templates would start with inline <script> elements (InlinePanel,
// MultipleChooserPanel, the date and time pickers): security/templates/wagtailadmin/ writes a
// marker in their place, so the admin's Content Security Policy needs no 'unsafe-inline' in
// script-src. Loaded with `defer`: markers in the page start in document order once it is
// parsed, before Wagtail's controllers connect, as the inline scripts did; markers added later
// (a new inline form, a modal) start as they arrive.
(function () {
  var starters = {
    InlinePanel: function (marker) {
      new window.InlinePanel(JSON.parse(marker.dataset.cspOptions));
    },
    MultipleChooserPanel: function (marker) {
      new window.MultipleChooserPanel(JSON.parse(marker.dataset.cspOptions));
    },
    initDateChooser: function (marker) {
      window.initDateChooser(marker.dataset.cspId, JSON.parse(marker.dataset.cspOptions));
    },
    initTimeChooser: function (marker) {
      window.initTimeChooser(marker.dataset.cspId, JSON.parse(marker.dataset.cspOptions));
    },
    initDateTimeChooser: function (marker) {
      window.initDateTimeChooser(marker.dataset.cspId, JSON.parse(marker.dataset.cspOptions));
    },
  };
  // The choosers security/admin_csp.py marks (a fixed list: a marker never names other code).
  ["PageChooser", "ImageChooser", "DocumentChooser", "SnippetChooser"].forEach(function (name) {
    starters[name] = function (marker) {
      new window[name](marker.dataset.cspId, JSON.parse(marker.dataset.cspOptions));
    };
  });

  function start(marker) {
    var starter = starters[marker.dataset.cspInit];
    if (!starter || marker.dataset.cspStarted) return;
    marker.dataset.cspStarted = "true";
    starter(marker);
  }

  function startWithin(root) {
    if (root.matches && root.matches("[data-csp-init]")) start(root);
    if (root.querySelectorAll) root.querySelectorAll("[data-csp-init]").forEach(start);
  }

  startWithin(document);
  new MutationObserver(function (mutations) {
    mutations.forEach(function (mutation) {
      mutation.addedNodes.forEach(startWithin);
    });
  }).observe(document.documentElement, { childList: true, subtree: true });
})();
