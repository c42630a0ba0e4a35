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

    // "Reply" under a comment is a link to the page with that comment's reply form open (?reply=<id>). Here
    // it opens the form in place instead: a copy of the page's one <template id="reply-form-template">,
    // given the comment's id and its author's name, with the cursor in its text box. A second click on the
    // same "Reply" goes back to that form.
    document.addEventListener("click", function (event) {
        var link = event.target.closest && event.target.closest("a[data-reply-to]");
        var template = document.getElementById("reply-form-template");
        if (!link || !template || event.ctrlKey || event.metaKey || event.shiftKey) {
            return;
        }
        var id = link.getAttribute("data-reply-to");
        var box = document.getElementById("reply-" + id);
        if (!box) {
            var form = template.content.querySelector("form").cloneNode(true);
            form.id = "reply-form-" + id;
            form.querySelector("input[name=parent]").value = id;
            box = form.querySelector("textarea");
            box.id = "reply-" + id;
            form.querySelector("label").htmlFor = box.id;
            var author = document.getElementById("comment-" + id + "-author");
            form.querySelector(".reply-form__name").textContent = author ? author.textContent.trim() : "";
            // Each copy is its own form render, so it gets its own submit-once token (any 32 hex digits).
            var token = form.querySelector("input[name=submit_token]");
            if (token && window.crypto && window.crypto.randomUUID) {
                token.value = window.crypto.randomUUID().replace(/-/g, "");
            }
            link.insertAdjacentElement("afterend", form);
        }
        event.preventDefault();
        box.focus();
    });

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
