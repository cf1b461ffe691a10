"""The kinds of slide the CLU deck is made of, on the 16:9 template in the State's identity.

Every builder ``add_<kind>_slide(prs, ...)`` returns the slide it adds (the first one when a
table continues on further slides).
"""

from pipeline.outputs.deck.kinds.base import (
    FOOTER_NAME,
    NUMBER_NAME,
    get_layout,
    new_presentation,
    set_footer,
)
from pipeline.outputs.deck.kinds.charts import (
    COUNT_FORMAT,
    PERCENT_FORMAT,
    add_bar_chart_slide,
    add_chart_slide,
)
from pipeline.outputs.deck.kinds.measure import fit_font_size
from pipeline.outputs.deck.kinds.tables import add_table_slide, fits_main_slide
from pipeline.outputs.deck.kinds.text import (
    add_agenda_slide,
    add_bullets_slide,
    add_closing_slide,
    add_headlines_slide,
    add_key_figures_slide,
    add_numbered_slide,
    add_quotes_slide,
    add_section_slide,
    add_text_slide,
    add_title_slide,
    add_two_lists_slide,
)

__all__ = [
    "COUNT_FORMAT",
    "FOOTER_NAME",
    "NUMBER_NAME",
    "PERCENT_FORMAT",
    "add_agenda_slide",
    "add_bar_chart_slide",
    "add_bullets_slide",
    "add_chart_slide",
    "add_closing_slide",
    "add_headlines_slide",
    "add_key_figures_slide",
    "add_numbered_slide",
    "add_quotes_slide",
    "add_section_slide",
    "add_table_slide",
    "add_text_slide",
    "add_title_slide",
    "add_two_lists_slide",
    "fit_font_size",
    "fits_main_slide",
    "get_layout",
    "new_presentation",
    "set_footer",
]
