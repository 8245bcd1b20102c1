"""The XSS corpus of the generated suites: the catalog's payloads (written for
the catalog's Markdown, tests/browser/test_catalog_xss.py) and those below,
written for the places the rest of the portal puts a person's text – input
values, textareas, titles, table cells, flash messages, mails, error
summaries, links and the feedback results. Every payload that could run calls
alert/confirm/prompt with its own number (2xx here), so a dialog names it."""

from tests.browser.test_catalog_xss import PAYLOADS as CATALOG_PAYLOADS

FORM_PAYLOADS = [
    # Out of an input's value attribute, with either quote or none.
    '" autofocus onfocus="alert(201)" x="',
    "' autofocus onfocus='alert(202)' x='",
    "x autofocus onfocus=alert(203)",
    '"><svg onload=alert(204)>',
    '"/><img src=x onerror=alert(205)>',
    # Out of a textarea, a title, an option, a table cell, a heading.
    "</textarea><img src=x onerror=alert(206)>",
    "</TEXTAREA ><script>alert(207)</script>",
    "</title></head><body><img src=x onerror=alert(208)>",
    "</option></select><img src=x onerror=alert(209)>",
    "</td></tr></table><img src=x onerror=alert(210)>",
    "</h1><script>alert(211)</script>",
    "</label><img src=x onerror=alert(212)>",
    "</p></li></ul></main><img src=x onerror=alert(213)>",
    # Into a script or a style, if any page ever writes text into one.
    "</script><script>alert(214)</script>",
    "';alert(215);//",
    '";alert(216);//',
    "`${alert(217)}`",
    "\\';alert(218);//",
    "</style><img src=x onerror=alert(219)>",
    # Into an address: link fields, the "Läs mer" links, mail links.
    "javascript:alert(220)",
    " javascript:alert(221)",
    "JAVASCRIPT:alert(222)",
    "java\tscript:alert(223)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgyMjQpPC9zY3JpcHQ+",
    'https://example.se/" onmouseover="alert(225)',
    "mailto:x@example.se?subject=<img src=x onerror=alert(226)>",
    "https://example.se/<script>alert(227)</script>",
    # Markdown written into plain-text fields.
    "[Läs mer](javascript:alert(228))",
    "![bild](x onerror=alert(229))",
    '<https://example.se/"onmouseover="alert(230)>',
    # Encodings and look-alikes.
    "&lt;img src=x onerror=alert(231)&gt;",
    "&#x22;&#x3E;&#x3C;img src=x onerror=alert(232)&#x3E;",
    "\uff1cimg src=x onerror=alert(233)\uff1e",  # full-width angle brackets
    "\u202e>)432(trela=rorreno x=crs gmi<",  # right-to-left override
    "<img src=x onerror=alert(235)\u200b>",
    "<img\u3000src=x\u3000onerror=alert(236)>",
    "%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert(237)%3E",
    "\\x3cimg src=x onerror=alert(238)\\x3e",
    # Swedish text around a payload, as a person might paste it.
    "Bra möte! <img src=x onerror=alert(239)> Tack för i dag.",
    "Åtgärd: <b onmouseover=alert(240)>följ upp</b> före jul",
    # Template and format-string look-alikes.
    "{{ 7*7 }} {% raw %}{{ config }}{% endraw %}",
    "%(name)s %s %d {0} {name}",
    '<!--#exec cmd="/bin/echo alert(243)" -->',
    # CSV and header look-alikes that also end up in HTML.
    '=HYPERLINK("javascript:alert(244)";"klicka")',
    "x\r\nSet-Cookie: stulen=1\r\n\r\n<script>alert(245)</script>",
]

PAYLOADS = list(dict.fromkeys(CATALOG_PAYLOADS + FORM_PAYLOADS))
