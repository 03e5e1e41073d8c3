package io.greenwindow.web;

/** A short page that answers a request it cannot serve: a sentence, an example to copy, and the form to try again. */
record MessageView(String title, String text, String code, WhatIfView.Form form) {

    static String page(String title, String text, String code, WhatIfView.Form form) {
        return Templates.render("message.jte", new MessageView(title, text, code, form));
    }
}
