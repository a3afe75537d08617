"""French word lists the synthetic catalogue is composed from.

Names are built from stems evoking French landscapes and trades, so that they read as
plausible without copying any real company. Texts reuse the catalogue's own taxonomy
(use cases, their keywords, business functions, techniques); the phrases below only
give each use case the objects and benefits a provider would write about.
"""

from __future__ import annotations

# The lists are packed by hand, several words a line, to keep them readable at a glance.
# fmt: off

# Every synthetic organisation's name ends with this mark, so that no page can pass one
# off as real even if it forgets ``is_synthetic``.
FICTITIOUS = " (fictif)"

STEMS = (
    "Azur", "Mistral", "Garrigue", "Calanque", "Ventoux", "Lavande", "Olivier", "Phocée",
    "Cigale", "Alpin", "Rhône", "Loire", "Armor", "Bocage", "Causse", "Vercors", "Morvan",
    "Sologne", "Cévennes", "Quercy", "Vosges", "Jura", "Artois", "Argonne", "Camargue",
    "Estérel", "Luberon", "Verdon", "Durance", "Belledonne", "Chartreuse", "Aubrac",
    "Gascogne", "Iroise", "Ouessant", "Cotentin", "Vexin", "Brie", "Beauce", "Perche",
    "Limousin", "Dordogne", "Forez", "Velay", "Bugey", "Dombes", "Sancy", "Aigoual",
    "Corbières", "Minervois", "Vivarais", "Tricastin", "Queyras", "Ubaye", "Mercantour",
    "Cap Corse", "Balagne", "Marais", "Granit", "Ardoise", "Silex", "Basalte", "Ambre",
    "Boréal", "Zéphyr", "Sirocco", "Tramontane", "Noroît", "Aurore", "Horizon", "Méridien",
)
SYLLABLES = (
    "Algo", "Neuro", "Data", "Cogni", "Lumi", "Visio", "Opti", "Predi", "Semi", "Logi",
    "Sylla", "Graphi", "Numé", "Onto", "Lexi", "Infé", "Synap", "Axio", "Vecto", "Tensi",
)
SUFFIXES = ("lis", "ria", "nov", "sys", "mind", "sens", "tiq", "lab", "ware", "flow", "ys", "éo")
PROVIDER_ENDINGS = (
    "IA", "Data", "Lab", "Analytics", "Intelligence", "Conseil", "Solutions", "Systèmes",
    "Technologies", "Numérique", "Robotique", "Vision", "Prédictif", "Informatique",
)
SURNAMES = (
    "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy",
    "Moreau", "Simon", "Laurent", "Lefebvre", "Michel", "Garcia", "David", "Bertrand", "Roux",
    "Vincent", "Fournier", "Morel", "Girard", "André", "Mercier", "Dupont", "Lambert",
    "Bonnet", "François", "Martinez", "Legrand", "Garnier", "Faure", "Rousseau", "Blanc",
    "Guerin", "Muller", "Henry", "Roussel", "Nicolas", "Perrin", "Morin", "Mathieu",
    "Clément", "Gauthier", "Dumont", "Lopez", "Fontaine", "Chevalier", "Robin", "Masson",
)
TRAINING_BODY_PATTERNS = (
    "Institut {stem} de formation",
    "Académie {stem} du numérique",
    "École du numérique {of_commune}",
    "{stem} Formation",
    "Centre de formation {surname}",
    "Campus {stem}",
    "{syllable}{suffix} Académie",
)
FINANCER_PATTERNS = (
    "Agence {stem} Développement",
    "Fonds {stem} pour l'innovation",
    "Réseau {stem} Entreprendre",
    "Initiative {commune}",
    "Association {stem} Numérique",
    "Club des entreprises {of_commune}",
)
PLACE_ORGANISATION_PATTERNS = (
    "Tiers-lieu {stem}",
    "Fab lab {of_commune}",
    "La Fabrique numérique {stem}",
    "Espace {stem}",
    "La Ruche {stem}",
    "Le Hangar numérique {of_commune}",
)
PRODUCT_ENDINGS = (
    "Scan", "Pilot", "Assist", "Flow", "Predict", "Vision", "Bot", "Doc", "Plan", "Sense",
    "Opti", "Care", "Check", "Mind", "Track", "Voice", "Stock", "Route",
)
STREETS = (
    "rue de la République", "avenue Jean-Jaurès", "boulevard Victor-Hugo", "place de la Mairie",
    "rue Pasteur", "chemin des Vignes", "rue des Écoles", "allée des Tilleuls", "rue du Moulin",
    "avenue de la Gare", "rue Voltaire", "rue de l'Église", "impasse des Lilas",
    "boulevard Gambetta", "rue Nationale", "quai du Port", "rue des Artisans",
    "avenue du Général-de-Gaulle", "rue de la Liberté", "zone d'activités des Prés",
)

# The NAF sections a solution targets, as a provider would name them in a sentence.
SECTOR_PHRASES: dict[str, str] = {
    "A": "les exploitations agricoles",
    "C": "les industriels",
    "D": "les producteurs d'énergie",
    "E": "les acteurs de l'eau et des déchets",
    "F": "les entreprises du BTP",
    "G": "les commerçants",
    "H": "les transporteurs et logisticiens",
    "I": "les hôtels et restaurants",
    "J": "les éditeurs et agences numériques",
    "K": "les banques et assureurs",
    "L": "les agences immobilières",
    "M": "les cabinets de conseil et d'expertise",
    "N": "les entreprises de services",
    "P": "les organismes de formation",
    "Q": "les établissements de santé",
    "R": "les lieux culturels et de loisirs",
    "S": "les artisans et les associations",
}


# What each use case works on and what it brings, to compose solution and training texts.
USE_CASE_OBJECTS: dict[str, tuple[str, ...]] = {
    "customer_chatbot": (
        "les demandes de vos clients", "les questions fréquentes", "les prises de rendez-vous",
        "le suivi des commandes",
    ),
    "document_processing": (
        "les factures fournisseurs", "les bons de livraison", "les contrats", "le courrier entrant",
    ),
    "demand_forecasting": (
        "les ventes de la saison", "les commandes des clients", "les niveaux de stock",
        "la fréquentation",
    ),
    "predictive_maintenance": (
        "les machines de production", "les compresseurs", "les lignes d'embouteillage",
        "le parc de véhicules",
    ),
    "visual_inspection": (
        "les pièces usinées", "les soudures", "les emballages", "les produits en fin de ligne",
    ),
    "marketing_content": (
        "les publications sur les réseaux sociaux", "les fiches produits",
        "les lettres d'information", "les visuels de campagne",
    ),
    "cv_screening": (
        "les candidatures reçues", "les CV", "les offres d'emploi", "les entretiens de recrutement",
    ),
    "route_optimisation": (
        "les tournées de livraison", "les itinéraires des techniciens", "le chargement des camions",
        "les flux de l'entrepôt",
    ),
    "production_planning": (
        "le planning de l'atelier", "l'ordonnancement des commandes", "les changements de série",
        "la charge des équipes",
    ),
    "fraud_detection": (
        "les écritures comptables", "les paiements", "les notes de frais", "les remboursements",
    ),
    "speech_transcription": (
        "les appels du service client", "les réunions", "les dictées", "les messages vocaux",
    ),
    "knowledge_assistant": (
        "les procédures internes", "la documentation technique", "la base de connaissances",
        "les archives de l'entreprise",
    ),
    "pricing_optimisation": (
        "les prix de vente", "les remises", "les marges par produit", "les tarifs saisonniers",
    ),
    "robotic_picking": (
        "la préparation de commandes", "la manutention des colis", "le conditionnement",
        "le réapprovisionnement des lignes",
    ),
    "energy_optimisation": (
        "la consommation des bâtiments", "le chauffage", "les pointes de consommation",
        "la consommation des machines",
    ),
}
BENEFITS = (
    "gagner du temps sur les tâches répétitives",
    "réduire les erreurs de saisie",
    "mieux anticiper l'activité",
    "réduire les coûts d'exploitation",
    "améliorer la satisfaction des clients",
    "recentrer les équipes sur les tâches à plus forte valeur",
    "fiabiliser les décisions",
    "gagner en réactivité",
)
# What a solution does to the objects above, for each use case.
USE_CASE_VERBS: dict[str, tuple[str, ...]] = {
    "customer_chatbot": ("répond à", "prend en charge", "trie"),
    "document_processing": ("lit et saisit", "classe", "extrait les données utiles sur"),
    "demand_forecasting": ("prévoit", "anticipe"),
    "predictive_maintenance": ("surveille", "anticipe les pannes sur"),
    "visual_inspection": ("contrôle", "inspecte"),
    "marketing_content": ("rédige", "prépare"),
    "cv_screening": ("analyse", "organise"),
    "route_optimisation": ("optimise", "planifie"),
    "production_planning": ("optimise", "organise"),
    "fraud_detection": ("contrôle", "analyse", "surveille"),
    "speech_transcription": ("transcrit", "analyse"),
    "knowledge_assistant": ("interroge", "explore"),
    "pricing_optimisation": ("optimise", "ajuste", "calcule"),
    "robotic_picking": ("automatise", "accélère"),
    "energy_optimisation": ("pilote", "suit et réduit"),
}
# Each technique of the taxonomy, with the article a sentence needs.
TECHNIQUE_PHRASES: dict[str, str] = {
    "vision": "la vision par ordinateur",
    "language": "les grands modèles de langage (LLM)",
    "speech": "la reconnaissance de la parole",
    "prediction": "l'apprentissage automatique",
    "optimisation": "les algorithmes d'optimisation",
    "robotics": "la robotique",
}
REFERENCE_PHRASES = (
    "Déjà déployée chez {n} PME de la région.",
    "Utilisée par {n} entreprises, de la TPE à l'ETI.",
    "{n} clients accompagnés depuis le lancement.",
    "Expérimentée avec {n} entreprises pilotes.",
)

TRAINING_TITLE_PATTERNS = (
    "Initiation à l'IA : {use_case}",
    "Mettre en place un projet {of_use_case} dans une PME",
    "L'intelligence artificielle pour la fonction {function}",
    "{technique} : les fondamentaux pour les entreprises",
    "Piloter un projet d'IA : {use_case_lower}",
    "Atelier pratique : {use_case_lower}",
    "Comprendre et utiliser {technique_lower}",
)
TRAINING_MODULES = (
    "Les notions clés de l'intelligence artificielle",
    "Identifier les cas d'usage dans son entreprise",
    "Préparer et qualifier ses données",
    "Choisir une solution et un prestataire",
    "Mener un projet pilote pas à pas",
    "Mesurer les résultats et le retour sur investissement",
    "Cadre juridique : RGPD et règlement européen sur l'IA",
    "Accompagner les équipes dans le changement",
    "Travaux pratiques sur des données de l'entreprise",
)
TRAINING_AUDIENCES = (
    "Dirigeants de TPE et PME",
    "Responsables de production et de la qualité",
    "Salariés des services administratifs et financiers",
    "Équipes marketing et communication",
    "Responsables des ressources humaines",
    "Demandeurs d'emploi en reconversion",
    "Chefs de projet et responsables informatiques",
)
TRAINING_PREREQUISITES = (
    "Aucun prérequis technique.",
    "Savoir utiliser un tableur.",
    "Connaître les processus de son entreprise.",
    "Notions de programmation en Python.",
    "Avoir suivi une initiation à l'IA ou équivalent.",
)

SCHEME_TITLE_PATTERNS = (
    "Pass IA {stem}",
    "Chèque transformation numérique {stem}",
    "Prêt d'honneur innovation {stem}",
    "Appel à projets IA et {function_lower}",
    "Diagnostic data et IA {stem}",
    "Booster IA {stem}",
    "Aide au recrutement d'un profil data {stem}",
    "Accompagnement {use_case_lower}",
)
SCHEME_PROGRAMMES = (
    "FEDER 2021-2027",
    "France 2030",
    "Programme régional de transformation numérique",
    "Plan de relance",
)
ACTIVITY_SECTOR_WORDS = ("industrie", "services", "commerce", "artisanat", "agriculture", "IAA")

EVENT_TITLE_PATTERNS = (
    "Petit-déjeuner IA : {use_case_lower}",
    "Webinaire : {use_case_lower} dans les PME",
    "Atelier pratique : {technique_lower}",
    "Journée de l'IA {of_commune}",
    "Rencontres {stem} de l'intelligence artificielle",
    "Conférence : l'IA au service de la fonction {function_lower}",
    "Démonstrations : {use_case_lower}",
)
VENUES = (
    "Hôtel d'entreprises", "Salle des fêtes", "Pépinière d'entreprises", "Chambre de commerce",
    "Médiathèque", "Technopôle", "Maison des associations", "Campus universitaire",
)
PLACE_TITLE_PATTERNS = (
    "Tiers-lieu {stem}",
    "Fab lab {of_commune}",
    "Espace IA {stem}",
    "Maison du numérique {of_commune}",
    "La Fabrique {stem}",
)
PLACE_SERVICES = (
    "Ateliers de découverte de l'IA",
    "Accès libre à des postes équipés",
    "Permanences de conseillers numériques",
    "Démonstrations de solutions d'IA",
    "Espace de travail partagé",
    "Prêt de matériel (caméras, capteurs, cartes de développement)",
    "Rencontres entre entreprises et offreurs de solutions",
)
PLACE_AUDIENCES = (
    "Grand public",
    "Scolaires et étudiants",
    "Dirigeants et salariés de TPE et PME",
    "Demandeurs d'emploi",
    "Associations",
    "Agents des collectivités",
)
OPENING_HOURS = (
    {"lundi": "9h-18h", "mardi": "9h-18h", "mercredi": "9h-18h", "jeudi": "9h-18h",
     "vendredi": "9h-17h"},
    {"mardi": "10h-19h", "mercredi": "10h-19h", "jeudi": "10h-19h", "vendredi": "10h-19h",
     "samedi": "10h-13h"},
    {"lundi": "14h-18h", "mercredi": "9h-12h et 14h-18h", "vendredi": "9h-12h"},
)
# fmt: on
