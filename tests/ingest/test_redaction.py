import pandas as pd

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
