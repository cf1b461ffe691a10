"""The State's visual identity as every document draws it: the DSFR palette, the font, and the
geometry of the 16:9 slides. Charts, tables, the deck's slides and template, the dashboard and the
survey workbook all take their colours and measures from here.
"""

from __future__ import annotations

from pipeline.core.paths import RESOURCES

# --- identity: DSFR palette -------------------------------------------------------------------
BLEU_FRANCE = "000091"
ROUGE_MARIANNE = "E1000F"
GREY_900 = "161616"
GREY_800 = "3A3A3A"
GREY_600 = "666666"
GREY_500 = "929292"
GREY_200 = "DDDDDD"
GREY_50 = "F6F6F6"
WHITE = "FFFFFF"
SUCCESS = "18753C"
ERROR = "CE0500"
WARNING = "B34000"
INFO = "0063CB"

FONT_NAME = "Marianne"
# Substitution hints for where Marianne is not installed: Arial's PANOSE, swiss variable pitch.
FONT_PANOSE = "020B0604020202020204"
FONT_PITCH_FAMILY = "34"

# --- geometry (inches) of the slides and of their template --------------------------------
SLIDE_W_IN = 13.333
SLIDE_H_IN = 7.5
SLIDE_W = 12192000  # EMU, exactly PowerPoint's "Grand écran 16:9"
SLIDE_H = 6858000
MARGIN_IN = 0.6
CONTENT_W_IN = SLIDE_W_IN - 2 * MARGIN_IN
BAND_H_IN = 0.09
TITLE_TOP_IN = 0.78
TITLE_H_IN = 0.88
ACCENT_TOP_IN = 1.74
CONTENT_TOP_IN = 1.95
CONTENT_BOTTOM_IN = 6.8
FOOTER_LINE_IN = 6.93
FOOTER_TOP_IN = 7.0
FOOTER_H_IN = 0.3
SLIDE_NUMBER_W_IN = 1.2

DEFAULT_TEMPLATE_PATH = RESOURCES / "clu_template.pptx"
