"""Dataset categories: a fixed list so that facets stay clean, with ja/en labels."""

from __future__ import annotations

CATEGORIES: dict[str, tuple[str, str]] = {
    "administration": ("行政・財政", "Administration and finance"),
    "population": ("人口・世帯", "Population and households"),
    "living": ("くらし・手続", "Living and procedures"),
    "health-welfare": ("健康・福祉", "Health and welfare"),
    "childcare-education": ("子育て・教育", "Childcare and education"),
    "safety": ("防災・安全", "Disaster prevention and safety"),
    "environment": ("環境", "Environment"),
    "industry-tourism": ("産業・観光", "Industry and tourism"),
    "culture-sports": ("文化・スポーツ", "Culture and sports"),
    "infrastructure": ("都市基盤・交通", "Infrastructure and transport"),
    "geography": ("地理・地域", "Geography and areas"),
    "calendar": ("暦・基本情報", "Calendar and reference"),
}
