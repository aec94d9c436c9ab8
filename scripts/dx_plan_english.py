"""English names of the DX plan's basic policies, measures, KPIs and projects.

The plan is published in Japanese only. These are the portal's translations, made from the
plan's Japanese names; they are not the plan's text, and each dataset's description says so.
Keyed by the plan's own numbers so that a renumbered or missing item fails loudly.
"""

from __future__ import annotations

POLICIES_EN = {
    1: "Making services more convenient for residents",
    2: "Efficient administration",
    3: "Building a vibrant community",
}

MEASURES_EN = {
    "1-1": "Putting administrative procedures online",
    "1-2": "Promoting the My Number Card",
    "1-3": "Promoting cashless payment",
    "2-1": "Standardising information systems and sharing them",
    "2-2": "Information security",
    "2-3": "Promoting AI and RPA",
    "2-4": "Promoting telework",
    "2-5": "Recruiting and training digital staff",
    "2-6": "Business process reform (BPR)",
    "3-1": "Bridging the digital divide",
    "3-2": "Using and sharing data",
    "3-3": "Digitalisation in education",
    "3-4": "Revitalising the community through digitalisation",
}

# KPI番号 → (indicator, unit)
KPIS_EN = {
    "1-1": ("Number of procedures that can be applied for online", "procedures"),
    "1-2": ("Share of certificates of residence and similar documents issued at convenience "
            "stores", "%"),
    "1-3": ("Share of payments made cashless", "%"),
    "2-1": ("Number of systems whose migration is complete", "systems"),
    "2-2": ("Number of participants in security training", "people"),
    "2-3": ("Number of tasks newly handled with RPA and AI-OCR", "tasks"),
    "2-4": ("Share of staff with an environment in which they can telework", "%"),
    "2-5": ("Number of participants in DX training", "people"),
    "2-6": ("Sheets of paper saved in meetings and the like", "sheets"),
    "3-1": ("Number of public Wi-Fi users", "people/month"),
    "3-2": ("Number of open datasets published", "datasets"),
    "3-3": ("Share of teachers and pupils who use a tablet every day", "%"),
    "3-4": ("Number of grants awarded to local businesses for their DX", "grants"),
}

PROJECTS_EN = {
    "1-1-01": "Introducing an online application system for administrative procedures",
    "1-1-02": "Introducing a one-stop counter system",
    "1-1-03": "Introducing a booking system for the crematorium",
    "1-1-04": "Introducing a chatbot",
    "1-2-01": "My Number Card applications on site and home visits",
    "1-2-02": "Promoting the issue of certificates of residence and similar documents at "
              "convenience stores",
    "1-3-01": "Promoting cashless payment",
    "2-1-01": "Migrating to the Government Cloud",
    "2-1-02": "Migrating to systems that conform to the national standards",
    "2-2-01": "Security training",
    "2-2-02": "Operating the security policy",
    "2-3-01": "Operating RPA and AI-OCR",
    "2-3-02": "Using generative AI",
    "2-3-03": "Introducing an AI speech recognition system",
    "2-4-01": "Building the organisation and the environment for telework",
    "2-5-01": "Recruiting digital staff",
    "2-5-02": "Training digital staff",
    "2-6-01": "Going paperless",
    "2-6-02": "Introducing business chat",
    "2-6-03": "Introducing electronic approval",
    "3-1-01": "Installing public Wi-Fi in public facilities",
    "3-1-02": "Holding smartphone classes",
    "3-2-01": "Promoting the use of open data",
    "3-3-01": "Promoting the GIGA School programme and DX in school administration",
    "3-4-01": "Supporting local businesses' DX efforts",
}
