// The markdown editor (EasyMDE) checks spelling with dictionaries it fetches from a CDN, which
// the admin's Content Security Policy does not allow: use the browser's own spell checker.
window.wagtailMarkdown = window.wagtailMarkdown || {};
window.wagtailMarkdown.options = Object.assign(window.wagtailMarkdown.options || {}, {
  spellChecker: false,
  nativeSpellcheck: true,
});
