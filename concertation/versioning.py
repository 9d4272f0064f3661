"""Paragraph identity across chapter versions, and readable diffs between versions."""

import difflib
import re
import secrets

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# Two paragraphs whose texts are this similar are the same paragraph, lightly edited:
# it keeps its anchor, so the contributions on it stay attached.
SAME_PARAGRAPH_RATIO = 0.6


def split_paragraphs(body: str) -> list[str]:
    """Markdown blocks separated by blank lines; a list or a table stays one block."""
    blocks = re.split(r"\n\s*\n", body.replace("\r\n", "\n").strip())
    return [block.strip() for block in blocks if block.strip()]


def new_anchor(taken: set[str]) -> str:
    while True:
        anchor = f"p-{secrets.token_hex(3)}"
        if anchor not in taken:
            taken.add(anchor)
            return anchor


def match_paragraphs(old: list[tuple[str, str]], new_texts: list[str]) -> list[str | None]:
    """For each new text, the anchor of the old paragraph it continues, or None if it is new.

    `old` is [(anchor, text)] in order. Unchanged runs keep their anchors; in a replaced run,
    a new paragraph takes the anchor of the most similar old one if close enough.
    """
    old_texts = [text for _, text in old]
    result: list[str | None] = [None] * len(new_texts)
    matcher = difflib.SequenceMatcher(a=old_texts, b=new_texts, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            for offset in range(i2 - i1):
                result[j1 + offset] = old[i1 + offset][0]
        elif tag == "replace":
            free = list(range(i1, i2))
            for j in range(j1, j2):
                best, best_ratio = None, SAME_PARAGRAPH_RATIO
                for i in free:
                    ratio = difflib.SequenceMatcher(a=old_texts[i], b=new_texts[j]).ratio()
                    if ratio >= best_ratio:
                        best, best_ratio = i, ratio
                if best is not None:
                    result[j] = old[best][0]
                    free.remove(best)
    # A paragraph moved elsewhere shows up as a delete plus an insert: match what is left over
    # across the whole chapter, so that moving a paragraph keeps its anchor and contributions.
    used = {anchor for anchor in result if anchor}
    leftovers = [i for i, (anchor, _) in enumerate(old) if anchor not in used]
    for j, anchor in enumerate(result):
        if anchor is not None or not leftovers:
            continue
        best, best_ratio = None, SAME_PARAGRAPH_RATIO
        for i in leftovers:
            ratio = difflib.SequenceMatcher(a=old_texts[i], b=new_texts[j]).ratio()
            if ratio >= best_ratio:
                best, best_ratio = i, ratio
        if best is not None:
            result[j] = old[best][0]
            leftovers.remove(best)
    return result


def word_diff(old: str, new: str) -> SafeString:
    """An inline word diff with <del> and <ins>, every piece of text escaped."""
    old_words, new_words = re.split(r"(\s+)", old), re.split(r"(\s+)", new)
    out = []
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out.append(escape("".join(old_words[i1:i2])))
            continue
        if tag in ("delete", "replace"):
            out.append(f"<del>{escape(''.join(old_words[i1:i2]))}</del>")
        if tag in ("insert", "replace"):
            out.append(f"<ins>{escape(''.join(new_words[j1:j2]))}</ins>")
    return mark_safe("".join(out))  # noqa: S308 - every fragment above is escaped.
