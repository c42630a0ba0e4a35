/*
 * Tsunagari — small progressive enhancements. The site works without this file; keep it that way.
 * Loaded with `defer` from an external file so a strict Content-Security-Policy needs no 'unsafe-inline'.
 */
(function () {
    "use strict";

    // Mark the document so CSS can tell scripting is available (e.g. for optional transitions).
    document.documentElement.classList.add("js");

    // When the skip link moves focus to <main>, make sure it really lands there in every browser.
    var skip = document.querySelector(".skip-link");
    var main = document.getElementById("main");
    if (skip && main) {
        skip.addEventListener("click", function () {
            main.focus();
        });
    }
})();
