/* The other languages of a text (templates: translations/_versions.html).
 *
 * Each block of versions names the form's "Written in" field; the column of the language chosen
 * there is the text itself, so it is hidden, and shown again when another language is chosen.
 * Without this script every column shows and the server ignores the one of the record's language.
 * Every block's include loads this file: only the first copy does the work.
 */
(function () {
  "use strict";

  if (window.councilVersionsBound) {
    return;
  }
  window.councilVersionsBound = true;

  function bindBlock(block) {
    var form = block.closest("form");
    var chooser = form && form.elements.namedItem(block.dataset.languageField);
    if (!chooser) {
      return;
    }
    function showOthers() {
      block.querySelectorAll("[data-version-language]").forEach(function (column) {
        column.hidden = column.dataset.versionLanguage === chooser.value;
      });
    }
    chooser.addEventListener("change", showOthers);
    showOthers();
  }

  function bindAll() {
    document.querySelectorAll("[data-versions]").forEach(bindBlock);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", bindAll);
  } else {
    bindAll();
  }
})();
