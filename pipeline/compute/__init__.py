"""The figures, computed from the processed tables: quality indicators, the satisfaction survey,
mystery calls and e-mails, complaints, action plan, trainings.
"""
