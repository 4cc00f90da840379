/* Every form of the app (loaded by templates/base.html).
 *
 * - The summary of a form's errors (templates/includes/form_errors.html) takes the focus when the page
 *   loads, so that a screen reader reads it; its links move to each field, a searchable list too.
 * - Every <select multiple> becomes a searchable list (Tom Select, static/vendor/tom-select): type to
 *   find a name, tap to add it, × to remove it; no Ctrl-click, and names are not cut off. Without this
 *   script the plain list works as before. Its words come in the page's language from this script's
 *   data-* attributes.
 * - A list too long for a page ([data-search-url]: a council's exchanges) becomes one too, single or
 *   multiple: the page lists the chosen and the latest, and what is typed is also looked for on the
 *   server (teams:exchange-choices), in every language of the titles; a single one says "Type to
 *   search…" while nothing is chosen, and shows what is typed alone, not beside its choice. Without this
 *   script the listed ones can still be chosen.
 * - A part of a form shown for one status only ([data-shown-for-status], the outcomes of a new exchange
 *   recorded as completed) hides while another is chosen. Without this script it always shows, and the
 *   server ignores it for other statuses.
 */
(function () {
  "use strict";

  var words = document.currentScript ? document.currentScript.dataset : {};

  function escapeText(text) {
    var holder = document.createElement("div");
    holder.textContent = text;
    return holder.innerHTML;
  }

  function searchedOnTheServer(select) {
    var address = select.dataset.searchUrl;
    return {
      searchField: ["text", "titles"], // the label as shown, and every version of the title
      loadThrottle: 250,
      allowEmptyOption: true, // "—" in the list takes a choice back
      hidePlaceholder: false, // "Type to search…" where nothing is chosen (council.css hides "—" there)
      shouldLoad: function (query) {
        return query.trim().length > 0;
      },
      load: function (query, callback) {
        var url = address + (address.indexOf("?") < 0 ? "?" : "&") + "q=" + encodeURIComponent(query);
        fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
          .then(function (response) {
            return response.ok ? response.json() : { results: [], groups: [] };
          })
          .then(function (found) {
            callback(found.results, found.groups);
          })
          .catch(function () {
            callback();
          });
      },
    };
  }

  function searchable(select) {
    if (typeof window.TomSelect !== "function" || select.tomselect) {
      return;
    }
    var settings = {
      plugins: select.multiple ? { remove_button: { title: words.remove || "Remove" } } : [],
      maxOptions: null, // every choice, not the first 50
      refreshThrottle: 0, // filter as each key is typed: Enter right after typing takes what was typed for
      placeholder: words.placeholder || "",
      onItemAdd: function () {
        // A name picked: the search starts afresh for the next one.
        this.setTextboxValue("");
        this.refreshOptions(false);
      },
      render: {
        no_results: function () {
          return '<div class="no-results">' + escapeText(words.noResults || "No results found") + "</div>";
        },
      },
    };
    if (select.dataset.searchUrl) {
      Object.assign(settings, searchedOnTheServer(select));
    }
    var list = new window.TomSelect(select, settings);
    if (!select.multiple) {
      hideChoiceWhileTyping(list);
    }
    // The label now names the searchable list; the original list, kept for the form, keeps its name too.
    var labelledBy = list.control_input.getAttribute("aria-labelledby");
    if (labelledBy) {
      select.setAttribute("aria-labelledby", labelledBy);
    }
  }

  function hideChoiceWhileTyping(list) {
    // A single list shows its choice beside what is typed, which reads as one text: hidden while
    // something is typed, shown again once a choice is taken or the list is left.
    function typing(text) {
      list.wrapper.classList.toggle("typing", text.length > 0);
    }
    list.on("type", typing);
    list.on("item_add", function () {
      typing("");
    });
    list.on("blur", function () {
      typing("");
    });
  }

  function focusSummary() {
    var summary = document.querySelector("[data-error-summary]");
    if (!summary) {
      return;
    }
    summary.focus();
    summary.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#']");
      var field = link && document.getElementById(link.getAttribute("href").slice(1));
      if (field && field.tomselect) {
        event.preventDefault();
        field.tomselect.wrapper.scrollIntoView({ block: "center" });
        field.tomselect.focus();
      }
    });
  }

  function bindStatusParts() {
    document.querySelectorAll("[data-shown-for-status]").forEach(function (part) {
      var form = part.closest("form");
      var chooser = form && form.elements.namedItem(part.dataset.statusField || "status");
      if (!chooser) {
        return;
      }
      function showOrHide() {
        part.hidden = chooser.value !== part.dataset.shownForStatus;
      }
      chooser.addEventListener("change", showOrHide);
      showOrHide();
    });
  }

  function start() {
    document.querySelectorAll("select[multiple], select[data-search-url]").forEach(searchable);
    bindStatusParts();
    focusSummary();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
