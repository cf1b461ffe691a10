"""Text measure: how wide a text is and at which size it fits a box.

python-pptx does not auto-fit text: every builder chooses its font sizes from the text's
estimated width, measured per character class on DejaVu Sans (what LibreOffice shows for
Marianne when missing; wider than Marianne and Arial, hence safe).
"""

from __future__ import annotations

_EM = {
    **dict.fromkeys("iljI.,;:'’|! \u00a0\u202f", 0.3),
    **dict.fromkeys('frt()[]-/J"', 0.4),
    **dict.fromkeys("mwMW%@—≥≤<>+=€…", 0.95),
}


def text_width_em(text: str, bold: bool = False) -> float:
    """Estimated width of ``text`` in em, per character class, measured on DejaVu Sans (what
    LibreOffice shows for Marianne when missing; wider than Marianne and Arial, hence safe)."""
    width = sum(_EM.get(char, 0.72 if char.isupper() else 0.62) for char in text)
    return width * (1.12 if bold else 1.0)


def wrap(text: str, width_in: float, size_pt: float, bold: bool = False) -> list[str]:
    """Greedy word wrap as a renderer does it (no-break spaces keep their words together)."""
    limit = width_in * 72 / size_pt
    lines: list[str] = []
    for paragraph in text.split("\n"):
        current = ""
        for word in paragraph.split(" "):
            candidate = f"{current} {word}" if current else word
            if current and text_width_em(candidate, bold) > limit:
                lines.append(current)
                current = word
            else:
                current = candidate
        lines.append(current)
    return lines


def words_fit(text: str, width_in: float, size_pt: float, bold: bool = False) -> bool:
    words = text.replace("\n", " ").split(" ")
    return max(text_width_em(word, bold) for word in words) * size_pt / 72 <= width_in


def fit_font_size(
    text: str,
    box_width_in: float,
    max_pt: float,
    min_pt: float,
    *,
    box_height_in: float | None = None,
    line_spacing: float = 1.2,
    bold: bool = False,
) -> float:
    """Largest whole size from ``max_pt`` down to ``min_pt`` at which ``text`` fits the box: on
    one line without ``box_height_in``, else wrapped within the height; no word is cut."""
    size = float(max_pt)
    while size > min_pt:
        lines = len(wrap(text, box_width_in, size, bold))
        if box_height_in is None:
            fits = lines == 1
        else:
            fits = lines * size * line_spacing / 72 <= box_height_in
        if fits and words_fit(text, box_width_in, size, bold):
            return size
        size -= 1
    return float(min_pt)
