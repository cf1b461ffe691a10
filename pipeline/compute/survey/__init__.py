"""The satisfaction survey's statistics: rates per criterion, profile answers, verbatims, and the
whole analysis of a period.
"""
