"""CLU reporting pipeline: from a préfecture's raw quality exports to the CLU deck and minutes."""

__version__ = "0.1.0"
