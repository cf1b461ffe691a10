import pandas as pd

from pipeline.ingest.redaction import _RULES as RULES
from pipeline.ingest.redaction import redact


def test_emails_phones_and_names_are_masked():
    texts = pd.Series(
        [
            "Écrivez-moi à jean.dupont@example.fr",
            "Tél. 06 12 34 56 78, ou +33 6 12 34 56 78, ou 06.12.34.56.78",
            "Merci à Mme Martin et à M. Jean-Pierre Dubois",
            "Sophie Durand a été parfaite",
        ]
    )
    redacted = redact(texts).tolist()
    assert redacted[0] == "Écrivez-moi à [courriel masqué]"
    assert redacted[1].count("[téléphone masqué]") == 3
    assert redacted[2] == "Merci à Mme [nom masqué] et à M. [nom masqué]"
    assert redacted[3] == "[nom masqué] a été parfaite"
    assert not any(
        word in " ".join(redacted) for word in ("dupont", "Martin", "Dubois", "Durand", "06")
    )


def test_ordinary_text_is_kept():
    texts = pd.Series(
        ["M. le préfet a répondu en 10 jours", "dossier 2022-12345678 du 12/04/2022", None]
    )
    redacted = redact(texts)
    assert redacted.iloc[:2].tolist() == texts.iloc[:2].tolist()
    assert pd.isna(redacted.iloc[2])


def test_civilities_in_any_case_international_phones_and_file_numbers():
    texts = pd.Series(
        ["madame Dupont", "MME DUPONT", "Mr. Martin", "Melle Martin", "+33 (0)6 12 34 56 78",
         "dossier AGDREF 7501234567", "il me Rappelle demain"]
    )  # fmt: skip
    assert redact(texts).tolist() == [
        "madame [nom masqué]", "MME [nom masqué]", "Mr. [nom masqué]", "Melle [nom masqué]",
        "[téléphone masqué]", "dossier AGDREF [numéro masqué]", "il me Rappelle demain",
    ]  # fmt: skip


def test_the_arrow_prefilter_never_hides_what_a_rule_would_mask():
    # Python reads « \s » and « \d » as every Unicode space and digit: a vertical tab, a
    # next-line or a no-break space between the pairs of a phone number, Arabic-Indic or
    # full-width digits. Each text must be masked as the rules alone, without any prefilter,
    # mask it.
    texts = pd.Series(
        ["06\x0b12\x0b34\x0b56\x0b78", "06\x8512\x8534\x8556\x8578", "06\u00a012\u00a034 56 78",
         "\u0660\u0666 12 34 56 78", "n° ０１２３４５６７８９",
         "FR76\u20033000 6000 0112 3456 7890 189",
         "1\x1c85\x1c05\x1c78\x1c006\x1c084\x1c36", "Ἀθηνᾶ Mme Ἀθηνᾶ", "Ｍ. Dupont", "x@y.fr"]
    )  # fmt: skip
    by_rules = texts.copy()
    for pattern, mask, _ in RULES:
        by_rules = by_rules.str.replace(pattern, mask, regex=True)
    assert redact(texts).tolist() == by_rules.tolist()
    assert by_rules.iloc[0] == "[téléphone masqué]"
