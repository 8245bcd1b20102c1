"""The printed code sheet carries one QR code per code (issue 21): read back
from the SVG's modules, each code decodes to the answer page with that code,
and the answer page opens with the code filled in."""

import re
from urllib.parse import urlsplit

import numpy as np
import pytest
import segno

from toolbox.feedback.tokens import CODE_ALPHABET
from toolbox.submissions.service import new_token
from toolbox.web.qrcodes import BORDER, ERROR_LEVEL, qr_svg

SVG = re.compile(
    r'<svg role="img" aria-label="([^"]*)" viewBox="0 0 (\d+) \2" class="qr-code">'
    r'.*?<path stroke="#000" d="([^"]+)"/></svg>',
    re.S,
)


def modules(size: int, path: str) -> np.ndarray:
    """The dark modules the SVG path draws: segno draws each run of dark
    modules in a row as a horizontal line ("M x y" / "m dx dy" moves, "h n"
    draws n modules), centred on the row (y = row + 0.5)."""
    matrix = np.zeros((size, size), dtype=bool)
    x = y = 0.0
    for command, first, second in re.findall(r"([Mmh])(-?[\d.]+)(?: (-?[\d.]+))?", path):
        if command == "M":
            x, y = float(first), float(second)
        elif command == "m":
            x, y = x + float(first), y + float(second)
        else:
            length = float(first)
            matrix[int(y - 0.5), int(x) : int(x + length)] = True
            x += length
    return matrix


def expected_modules(url: str) -> np.ndarray:
    code = segno.make(url, error=ERROR_LEVEL, micro=False)
    inner = np.array(code.matrix, dtype=bool)
    return np.pad(inner, BORDER)


def decoded(matrix: np.ndarray) -> str:
    """The text a QR reader finds in the modules, drawn 8 pixels each."""
    zxingcpp = pytest.importorskip("zxingcpp", reason="zxing-cpp (test extras) decodes the image")
    image = np.where(np.kron(matrix, np.ones((8, 8))), 0, 255).astype(np.uint8)
    found = zxingcpp.read_barcodes(image)
    assert len(found) == 1
    return found[0].text


def test_qr_svg_draws_segnos_own_matrix_and_names_itself():
    url = "https://verktygslada.example.se/aterkoppling/svara?kod=ABCDE-FGHJK"
    match = SVG.search(qr_svg(url, 'Kod <"x">'))
    assert match.group(1) == "Kod &lt;&#34;x&#34;&gt;"
    matrix = modules(int(match.group(2)), match.group(3))
    assert (matrix == expected_modules(url)).all()
    assert decoded(matrix) == url


def test_code_sheet_has_one_qr_code_per_code_leading_to_the_prefilled_answer_page(
    app, login_as, manager, make_round
):
    round_ = make_round(manager, {})
    client = login_as(manager)
    data = {"rater_group": "medarbetare", "count": "3", "submission": new_token()}
    created = client.post(f"/aterkoppling/omgangar/{round_.id}/koder", data=data)
    sheet = client.get(created.headers["Location"]).get_data(as_text=True)
    codes = re.findall(rf'fb-code">([{CODE_ALPHABET}]{{5}}-[{CODE_ALPHABET}]{{5}})<', sheet)
    drawn = SVG.findall(sheet)
    assert len(codes) == len(drawn) == 3
    for code, (label, size, path) in zip(codes, drawn, strict=True):
        assert code in label
        url = decoded(modules(int(size), path))
        parts = urlsplit(url)
        assert (parts.path, parts.query) == ("/aterkoppling/svara", f"kod={code}")
        assert (modules(int(size), path) == expected_modules(url)).all()

    respondent = app.test_client()
    page = respondent.get(f"{parts.path}?{parts.query}").get_data(as_text=True)
    assert re.search(rf'<input[^>]*name="code"[^>]*value="{codes[-1]}"', page)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page)
    form = {"code": codes[-1], **({"csrf_token": token.group(1)} if token else {})}
    sent = respondent.post("/aterkoppling/svara", data=form)
    assert sent.status_code == 302
    assert sent.headers["Location"].endswith("/aterkoppling/svara/formular")


def test_a_code_in_the_address_is_only_filled_in_never_looked_up(app):
    client = app.test_client()
    page = client.get("/aterkoppling/svara?kod=" + "X" * 500).get_data(as_text=True)
    field = re.search(r'<input[^>]*name="code"[^>]*value="([^"]*)"', page)
    assert field.group(1) == "X" * 40
    assert client.get("/aterkoppling/svara?kod=FEL").status_code == 200  # no lookup on GET
