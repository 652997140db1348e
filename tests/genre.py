"""A short article in the genre around the sentence under test: headline, lead, then the sentence."""
from __future__ import annotations

HEADLINE = "Huyện Yên Lập tổng kết công tác năm 2023, triển khai nhiệm vụ năm 2024"
LEAD = "Sáng 15/12/2023, UBND huyện Yên Lập tổ chức hội nghị tổng kết công tác năm 2023, triển khai nhiệm vụ năm 2024."


def article(*sentences: str, headline: str = HEADLINE, lead: str = LEAD) -> str:
    return "\n".join([headline, " ".join([lead, *sentences])])
