"""The quality dashboard workbook (Excel)."""
