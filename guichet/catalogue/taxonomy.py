"""The shared vocabularies of the catalogue, reused by search and the self-diagnostic.

Codes are stable identifiers (used in URLs, the API and exports); names are French.
Use cases carry keywords so that a firm's own words can be matched to them.
"""

from __future__ import annotations

from dataclasses import dataclass

BUSINESS_FUNCTIONS: dict[str, str] = {
    "communication": "Communication",
    "marketing": "Marketing",
    "hr": "Ressources humaines",
    "sales": "Ventes",
    "customer_relations": "Relation client",
    "production": "Production",
    "quality": "Qualité",
    "maintenance": "Maintenance",
    "logistics": "Logistique",
    "purchasing": "Achats",
    "finance_admin": "Finance et administration",
    "rnd": "Recherche et développement",
}

TECHNIQUES: dict[str, str] = {
    "vision": "Vision par ordinateur",
    "language": "Langage et grands modèles de langage (LLM)",
    "speech": "Parole",
    "prediction": "Prédiction et apprentissage automatique",
    "optimisation": "Optimisation",
    "robotics": "Robotique",
}


@dataclass(frozen=True)
class UseCaseDef:
    code: str
    name: str
    functions: tuple[str, ...]
    techniques: tuple[str, ...]
    keywords: tuple[str, ...]


USE_CASES: tuple[UseCaseDef, ...] = (
    UseCaseDef(
        "customer_chatbot",
        "Agent conversationnel pour le service client",
        ("customer_relations", "sales"),
        ("language",),
        ("chatbot", "agent conversationnel", "assistant virtuel", "faq", "service client"),
    ),
    UseCaseDef(
        "document_processing",
        "Traitement automatique de documents",
        ("finance_admin", "purchasing"),
        ("language", "vision"),
        ("factures", "documents", "ocr", "extraction", "saisie", "courrier"),
    ),
    UseCaseDef(
        "demand_forecasting",
        "Prévision de la demande et des ventes",
        ("sales", "logistics", "production"),
        ("prediction",),
        ("prévision", "demande", "ventes", "stocks", "approvisionnement"),
    ),
    UseCaseDef(
        "predictive_maintenance",
        "Maintenance prédictive",
        ("maintenance", "production"),
        ("prediction",),
        ("maintenance prédictive", "pannes", "capteurs", "machines", "usure"),
    ),
    UseCaseDef(
        "visual_inspection",
        "Contrôle qualité visuel",
        ("quality", "production"),
        ("vision",),
        ("contrôle qualité", "défauts", "inspection", "caméra", "reconnaissance d'images"),
    ),
    UseCaseDef(
        "marketing_content",
        "Génération de contenus marketing",
        ("marketing", "communication"),
        ("language",),
        ("contenus", "rédaction", "réseaux sociaux", "publicité", "visuels"),
    ),
    UseCaseDef(
        "cv_screening",
        "Présélection de candidatures",
        ("hr",),
        ("language",),
        ("recrutement", "cv", "candidatures", "tri", "embauche"),
    ),
    UseCaseDef(
        "route_optimisation",
        "Optimisation des tournées et des flux logistiques",
        ("logistics",),
        ("optimisation",),
        ("tournées", "livraisons", "itinéraires", "transport", "entrepôt"),
    ),
    UseCaseDef(
        "production_planning",
        "Planification et ordonnancement de la production",
        ("production",),
        ("optimisation", "prediction"),
        ("planning", "ordonnancement", "atelier", "cadence"),
    ),
    UseCaseDef(
        "fraud_detection",
        "Détection d'anomalies et de fraudes",
        ("finance_admin",),
        ("prediction",),
        ("fraude", "anomalies", "comptabilité", "paiements"),
    ),
    UseCaseDef(
        "speech_transcription",
        "Transcription et analyse de la parole",
        ("customer_relations", "communication"),
        ("speech", "language"),
        ("transcription", "appels", "réunions", "dictée", "voix"),
    ),
    UseCaseDef(
        "knowledge_assistant",
        "Assistant interne de recherche documentaire",
        ("finance_admin", "rnd", "hr"),
        ("language",),
        ("recherche documentaire", "base de connaissances", "procédures", "llm"),
    ),
    UseCaseDef(
        "pricing_optimisation",
        "Optimisation des prix",
        ("sales", "marketing"),
        ("prediction", "optimisation"),
        ("prix", "tarification", "marge"),
    ),
    UseCaseDef(
        "robotic_picking",
        "Robotique de manutention et de préparation",
        ("logistics", "production"),
        ("robotics", "vision"),
        ("robot", "préparation de commandes", "manutention", "cobot"),
    ),
    UseCaseDef(
        "energy_optimisation",
        "Optimisation de la consommation d'énergie",
        ("production", "finance_admin"),
        ("prediction", "optimisation"),
        ("énergie", "consommation", "bâtiment", "sobriété"),
    ),
)

DEPLOYMENTS: dict[str, str] = {
    "saas_eu": "SaaS hébergé dans l'Union européenne",
    "on_premises": "Sur site (dans l'entreprise)",
    "embedded": "Embarqué dans un équipement",
}

PRICE_RANGES: dict[str, str] = {
    "free": "Gratuit",
    "lt_5k": "Moins de 5 000 €",
    "5k_20k": "De 5 000 à 20 000 €",
    "20k_100k": "De 20 000 à 100 000 €",
    "gt_100k": "Plus de 100 000 €",
    "on_quote": "Sur devis",
}

AI_ACT_RISKS: dict[str, str] = {
    "unknown": "Non renseignée",
    "minimal": "Risque minimal",
    "limited": "Risque limité (obligations de transparence)",
    "high": "Haut risque",
    "prohibited": "Pratique interdite",
}
