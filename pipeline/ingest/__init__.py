"""Raw exports → validated, typed, redacted tables: readers, French parsers, contract validation
with quarantine, redaction, reading the processed tables.
"""
