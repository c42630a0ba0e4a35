/*
 * Tsunagari — small progressive enhancements. The site works without this file; keep it that way.
 * Loaded with `defer` from an external file so a strict Content-Security-Policy needs no 'unsafe-inline'.
 * htmx (loaded before this file, also deferred) does the partial page updates; here we only help it with
 * focus, errors and confirmations.
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

    // Forms that destroy something ask first: <form data-confirm="Really?">. Without JS they simply submit.
    document.addEventListener("submit", function (event) {
        var form = event.target;
        var question = form.getAttribute && form.getAttribute("data-confirm");
        if (question && !window.confirm(question)) {
            event.preventDefault();
            event.stopImmediatePropagation();
        }
    }, true);

    // Print buttons (<button data-print hidden>) are shown only when they can work: with this script.
    document.querySelectorAll("[data-print]").forEach(function (button) {
        button.hidden = false;
        button.addEventListener("click", function () {
            window.print();
        });
    });

    // Opening "Reply" under a comment puts the cursor in its text box.
    document.addEventListener("toggle", function (event) {
        var details = event.target;
        if (details.classList && details.classList.contains("comment__reply") && details.open) {
            var box = details.querySelector("textarea");
            if (box) {
                box.focus();
            }
        }
    }, true);

    // A reaction or an idea vote that could not be saved (e.g. too many in a short time: 429) keeps the bar as
    // it was and shows the server's message in the bar's status line instead of failing silently.
    document.addEventListener("htmx:beforeSwap", function (event) {
        var detail = event.detail;
        var bar = detail.elt && detail.elt.closest && detail.elt.closest(".reactions, .idea-vote");
        if (!bar || detail.xhr.status < 400) {
            return;
        }
        var status = document.getElementById(bar.id + "-status");
        if (status && detail.xhr.status === 429) {
            detail.shouldSwap = true;
            detail.isError = false;
            detail.target = status;
            detail.swapOverride = "innerHTML";
        }
    });

    // After "load more", move focus to the first newly loaded post so keyboard users continue from there.
    // (The button that was clicked is gone by then: htmx swapped the next page over it.)
    document.addEventListener("htmx:load", function (event) {
        var item = event.target;
        if (item && item.hasAttribute && item.hasAttribute("data-page-start") && item.closest(".post-list")) {
            item.focus();
        }
    });
})();
