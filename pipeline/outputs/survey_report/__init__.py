"""The annual survey report: its tables, texts, charts and workbook."""
