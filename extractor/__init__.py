"""Vietnamese meeting news in, grounded and validated records out.

>>> from extractor import extract
>>> report = extract("Sáng 17/01/2022, đồng chí Dương Đức Đằng, Chủ tịch UBND huyện chủ trì hội nghị.")
"""
from .api import Extractor, extract
from .errors import ExtractorError, InputError
from .model import Award, Evidence, MeetingReport, Person, Target

__all__ = [
    "Award",
    "Evidence",
    "Extractor",
    "ExtractorError",
    "InputError",
    "MeetingReport",
    "Person",
    "Target",
    "extract",
]
__version__ = "0.1.0"
