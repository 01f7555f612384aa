"""Markdown a notebook renders, from a chapter page's: mkdocs' admonitions (`!!!`, `???`) as
blockquotes and `<details>`, `markdown` HTML blocks as plain HTML."""

from __future__ import annotations

import re
from html import escape

# `!!! note "Title"` (an admonition) or `??? note "Title"` / `???+ ...` (collapsed / open
# details); extra classes after the type (`!!! note inline end`) are allowed, the title optional
ADMONITION = re.compile(
    r"^(?P<indent>[ ]*)(?P<mark>!!!|\?\?\?\+?)[ ]+(?P<kind>[\w-]+)(?:[ ]+[\w-]+)*"
    r'(?:[ ]+"(?P<title>[^"]*)")?[ ]*$'
)
# md_in_html: `<div markdown>`, `<figure markdown="span">`...: the attribute asks for Markdown
TAG = re.compile(r"<[a-zA-Z][\w-]*\b[^<>]*>")
MD_ATTRIBUTE = re.compile(r"""\s+markdown(?:=(?:"[^"]*"|'[^']*'|[\w-]+))?(?=[\s/>])""")
MD_BLOCK = re.compile(r"^(?P<indent>[ ]*)<(?P<tag>[a-zA-Z][\w-]*)\b[^>]*\smarkdown\b[^>]*>[ ]*$")
FENCE_LINE = re.compile(r"^[ ]*(`{3,}|~{3,})")


def _plain_html(line: str) -> str:
    """`line` with the `markdown` attribute removed from its HTML tags (not from its prose)."""
    return TAG.sub(lambda tag: MD_ATTRIBUTE.sub("", tag.group()), line)


def jupyter_markdown(text: str) -> str:
    """`text` with mkdocs-only syntax turned into Markdown that Jupyter, Colab and GitHub render:
    an admonition becomes a blockquote under its bold title, a collapsed one (`???`) an HTML
    `<details>` block, each at its own indentation (so inside list items too) and with its
    content (nested admonitions included) converted the same way; an HTML block with a
    `markdown` attribute loses it and gets blank lines around its content, so that notebooks
    render that content as Markdown as the site does. Fenced code is left as it is."""
    lines = text.split("\n")
    out: list[str] = []
    open_blocks: list[tuple[str, str]] = []  # (indent, tag) of md_in_html blocks
    fence = ""  # the marker of the fenced code block the line is in
    i = 0
    while i < len(lines):
        line = lines[i]
        i += 1
        opens = FENCE_LINE.match(line)
        if fence or opens:
            if not fence:
                fence = opens.group(1)
            elif line.strip().startswith(fence) and not line.strip().strip(fence[0]):
                fence = ""
            out.append(line)
            continue
        match = ADMONITION.match(line)
        if match is None:
            block = MD_BLOCK.match(line)
            if block:
                open_blocks.append((block["indent"], block["tag"]))
                out += [_plain_html(line), ""]
            elif open_blocks and line == "{}</{}>".format(*open_blocks[-1]):
                open_blocks.pop()
                out += ["", line]
            elif line.strip() or (out and out[-1].strip()):  # one blank line is enough
                out.append(_plain_html(line) if "markdown" in line else line)
            continue
        inner = match["indent"] + "    "
        body: list[str] = []
        while i < len(lines) and (lines[i].startswith(inner) or not lines[i].strip()):
            body.append(lines[i][len(inner) :] if lines[i].strip() else "")
            i += 1
        blank_after = bool(body) and not body[-1]  # belongs to what follows the content
        body = jupyter_markdown("\n".join(body).strip("\n")).split("\n")
        out += _admonition(match, body) + [""] * blank_after
    return "\n".join(out)


def _admonition(match: re.Match, body: list[str]) -> list[str]:
    indent, kind, title = match["indent"], match["kind"], match["title"]
    if title is None:  # mkdocs' default title: the type, capitalized
        title = kind.capitalize()
    if match["mark"] == "!!!":
        head = [f"{indent}> **{title}**", f"{indent}>"] if title else []
        return head + [f"{indent}> {line}".rstrip() for line in body]
    summary = re.sub(
        r"`([^`]+)`", r"<code>\1</code>", escape(title or kind.capitalize(), quote=False)
    )
    opening = "<details open>" if match["mark"] == "???+" else "<details>"
    content = [f"{indent}{line}".rstrip() for line in body]
    return [
        f"{indent}{opening}<summary>{summary}</summary>",
        "",
        *content,
        "",
        f"{indent}</details>",
    ]
