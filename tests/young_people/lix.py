"""LIX readability (Björnsson): words per sentence + percentage of words over six letters.

The visible text of a page is its <body> without scripts and styles; headings, paragraphs,
list items, buttons, links, labels and table cells each end a sentence (a menu entry is not
one long sentence with the next)."""

import re
from html import unescape

BLOCK_END = re.compile(
    r"</(h[1-6]|p|li|button|a|label|td|th|option|summary|legend|div|span class=\"badge)>",
    re.I,
)
WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*", re.UNICODE)


def visible_text(html: str) -> str:
    body = html.split("<body", 1)[-1].split(">", 1)[-1]
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", body, flags=re.S | re.I)
    body = BLOCK_END.sub(". ", body)
    body = re.sub(r"<[^>]+>", " ", body)
    return unescape(body)


def lix(text: str) -> float:
    words = WORD.findall(text)
    if not words:
        return 0.0
    sentences = [part for part in re.split(r"[.!?:;]+", text) if WORD.search(part)]
    long_words = [word for word in words if len(word) > 6]
    return len(words) / max(1, len(sentences)) + 100 * len(long_words) / len(words)
