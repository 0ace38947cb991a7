// procterm site: results as you type, through the server's own ValueSet/$expand (typeahead filter over
// the CPT code system it holds), and two small conveniences. Pages work without this file.
(function () {
  "use strict";
  var CPT = "http://www.ama-assn.org/go/cpt";

  function pageUrl(code, lang) {
    return "/procedures/" + encodeURIComponent(code) + (lang === "en" ? "" : "?lang=" + lang);
  }

  function consumerName(entry, lang) {
    var designations = entry.designation || [];
    for (var i = 0; i < designations.length; i++) {
      var d = designations[i];
      if (d.use && d.use.code === "consumer" && d.language === lang) { return d.value; }
    }
    return entry.display || entry.code;
  }

  function expand(text, lang) {
    var body = {
      resourceType: "Parameters",
      parameter: [
        { name: "valueSet", resource: { resourceType: "ValueSet", status: "active", compose: { include: [{ system: CPT }] } } },
        { name: "filter", valueString: text },
        { name: "count", valueInteger: 10 },
        { name: "includeDesignations", valueBoolean: true },
        { name: "displayLanguage", valueCode: lang }
      ]
    };
    return fetch("/fhir/ValueSet/$expand", {
      method: "POST",
      headers: { "Content-Type": "application/fhir+json", "Accept": "application/fhir+json" },
      body: JSON.stringify(body)
    }).then(function (r) { return r.ok ? r.json() : { expansion: { contains: [] } }; });
  }

  function render(list, entries, lang) {
    while (list.firstChild) { list.removeChild(list.firstChild); }
    entries.forEach(function (e) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = pageUrl(e.code, lang);
      a.textContent = consumerName(e, lang) + " ";
      var code = document.createElement("span");
      code.className = "code";
      code.textContent = "CPT " + e.code;
      a.appendChild(code);
      li.appendChild(a);
      list.appendChild(li);
    });
    list.hidden = entries.length === 0;
  }

  function wireSearch() {
    var input = document.getElementById("q");
    var list = document.getElementById("live-results");
    if (!input || !list || !window.fetch) { return; }
    var lang = input.getAttribute("data-lang") || "en";
    var timer = null;
    var asked = 0;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      var text = input.value.trim();
      if (text.length < 2) { render(list, [], lang); return; }
      timer = setTimeout(function () {
        var ticket = ++asked;
        expand(text, lang).then(function (vs) {
          if (ticket === asked) { render(list, (vs.expansion && vs.expansion.contains) || [], lang); }
        }).catch(function () { render(list, [], lang); });
      }, 150);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown" && !list.hidden) {
        var first = list.querySelector("a");
        if (first) { first.focus(); event.preventDefault(); }
      }
    });
    list.addEventListener("keydown", function (event) {
      var links = Array.prototype.slice.call(list.querySelectorAll("a"));
      var at = links.indexOf(document.activeElement);
      if (event.key === "ArrowDown" && at < links.length - 1) { links[at + 1].focus(); event.preventDefault(); }
      if (event.key === "ArrowUp") { (at > 0 ? links[at - 1] : input).focus(); event.preventDefault(); }
      if (event.key === "Escape") { render(list, [], lang); input.focus(); }
    });
  }

  // The language switch keeps the reader's place: section ids are the same in every language, so the
  // section being read (the last heading above the top of the window) goes along as the fragment.
  function currentSection() {
    var headings = document.querySelectorAll("main h2[id], main h3[id]");
    var id = location.hash ? location.hash.substring(1) : "";
    for (var i = 0; i < headings.length; i++) {
      if (headings[i].getBoundingClientRect().top <= 80) { id = headings[i].id; }
    }
    return id;
  }

  function wireLanguageSwitch() {
    Array.prototype.forEach.call(document.querySelectorAll("a.keep-place"), function (a) {
      a.addEventListener("click", function () {
        var id = currentSection();
        if (id) { a.href = a.href.split("#")[0] + "#" + id; }
      });
    });
  }

  function wirePrint() {
    var button = document.querySelector("button.print");
    if (button) {
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    wireSearch();
    wireLanguageSwitch();
    wirePrint();
  });
})();
