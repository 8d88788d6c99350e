"""xzbrief: Chinese briefing decks from a local Excel indicator workbook.

The public API is deliberately small; everything else is internal and may change.
"""

from xzbrief.dataset.loader import LoadResult, load_dataset
from xzbrief.dataset.model import Dataset
from xzbrief.dataset.problems import Problem, Severity

__version__ = "0.1.0"

__all__ = ["Dataset", "LoadResult", "Problem", "Severity", "__version__", "load_dataset"]
