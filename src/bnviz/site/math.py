"""Formulas rendered at build time: `pymdownx.arithmatex` (generic mode) marks TeX written as
`$...$` (inline) or `$$...$$` (display) on a page; `render_math` turns each into MathML, which
browsers display natively. No script and no font is loaded, so pages work offline."""

from __future__ import annotations

import html
import re

from latex2mathml.converter import convert

from bnviz.errors import BnvizError

ARITHMATEX = re.compile(r'<(span|div) class="arithmatex">\s*\\[\(\[](.*?)\\[\)\]]\s*</\1>', re.S)


def render_math(page_html: str) -> str:
    """`page_html` with every arithmatex formula replaced by MathML."""

    def replace(match) -> str:
        tag, tex = match.groups()
        tex = html.unescape(tex).strip()
        try:
            mathml = convert(tex, display="block" if tag == "div" else "inline")
        except Exception as exc:  # latex2mathml raises many kinds; report the formula
            raise BnvizError(f"cannot render the formula {tex!r}: {exc}") from None
        label = html.escape(tex, quote=True)
        mathml = mathml.replace("<math ", f'<math aria-label="{label}" ', 1)
        return f'<div class="math">{mathml}</div>' if tag == "div" else mathml

    return ARITHMATEX.sub(replace, page_html)
