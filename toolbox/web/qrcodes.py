"""QR codes as inline SVG (segno): printed slips and pages carry the answer
address so that a phone opens it without typing."""

import segno
from markupsafe import Markup, escape

# Medium error correction survives a crumpled slip; segno raises it when the
# code has room to spare.
ERROR_LEVEL = "m"
# The quiet zone QR readers need around the code, in modules.
BORDER = 4


def qr_svg(url: str, label: str) -> Markup:
    """The code of `url` as an <svg> element sized by CSS (viewBox in
    modules), named `label` for screen readers."""
    code = segno.make(url, error=ERROR_LEVEL, micro=False)
    svg = code.svg_inline(
        scale=1, border=BORDER, light="#fff", omitsize=True, svgclass="qr-code", lineclass=None
    )
    named = f'<svg role="img" aria-label="{escape(label)}" '
    # segno's output is markup it generated from the URL's bits (no text of
    # the URL appears in it); the label is escaped above.
    return Markup(svg.replace("<svg ", named, 1))  # noqa: S704
