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


# What arithmatex (generic mode) reads as a formula in Markdown: `$$...$$` (display, may span
# lines) and `$...$` (inline, within a paragraph: no space inside either dollar; `\$` is a
# dollar sign). Fenced code and code spans are left alone, as arithmatex leaves them.
FENCE = re.compile(r"^([ \t]*)(`{3,}|~{3,})[^\n]*\n.*?^\1\2[ \t]*$", re.M | re.S)
CODE_SPAN = re.compile(r"(`+).+?\1", re.S)
DISPLAY = re.compile(r"^([ \t]*)\$\$[ \t]*\n(.*?)\n[ \t]*\$\$[ \t]*$", re.M | re.S)
INLINE = re.compile(r"(?<![\\$])\$(?![\s$])((?:\\.|(?!\n[ \t]*\n)[^\\$])+?)(?<!\s)\$(?!\d)")
# characters Markdown would read inside MathML's text (emphasis, links, tables, escapes)
_MARKDOWN_CHARS = {c: f"&#{ord(c)};" for c in "\\*_[]`|~$"}


def _markdown_safe(mathml: str) -> str:
    """MathML whose text and attributes Markdown passes through unchanged."""

    def text(match) -> str:
        return ">" + "".join(_MARKDOWN_CHARS.get(c, c) for c in match.group(1)) + "<"

    safe = re.sub(r">([^<]*)<", text, mathml)
    return re.sub(r'aria-label="([^"]*)"', lambda m: m.group(0).replace("|", "&#124;"), safe)


def _mathml(tex: str, display: bool) -> str:
    try:
        mathml = convert(tex.strip(), display="block" if display else "inline")
    except Exception as exc:  # latex2mathml raises many kinds; report the formula
        raise BnvizError(f"cannot render the formula {tex.strip()!r}: {exc}") from None
    label = html.escape(tex.strip(), quote=True)
    return mathml.replace("<math ", f'<math aria-label="{label}" ', 1)


def markdown_math(markdown: str) -> str:
    """`markdown` with every formula written as MathML, as the site's pages show it: for a
    generator that has neither arithmatex nor the site's hook."""

    def outside_code(text: str) -> str:
        def display(match) -> str:
            indent, tex = match.groups()
            block = _markdown_safe(_mathml(tex, display=True))
            return f'{indent}<div class="math">{block}</div>'

        def inline_part(part: str) -> str:
            return INLINE.sub(lambda m: _markdown_safe(_mathml(m.group(1), False)), part)

        text = DISPLAY.sub(display, text)
        pieces, last = [], 0
        for span in CODE_SPAN.finditer(text):
            pieces += [inline_part(text[last : span.start()]), span.group(0)]
            last = span.end()
        return "".join([*pieces, inline_part(text[last:])])

    pieces, last = [], 0
    for fence in FENCE.finditer(markdown):
        pieces += [outside_code(markdown[last : fence.start()]), fence.group(0)]
        last = fence.end()
    return "".join([*pieces, outside_code(markdown[last:])])
