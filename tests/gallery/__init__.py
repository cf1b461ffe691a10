"""A gallery of small synthetic préfectures of different shapes (see cases.py)."""
