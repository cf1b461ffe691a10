"""The documents people read: the CLU deck, the minutes draft, the survey report, the quality
dashboard, and the shared chart style.
"""
