"""The maintained word lists of French search: stop words, elided clitics, synonyms and acronyms.

Edit these lists by hand; every entry is analysed with the same pipeline as the
catalogue texts (see ``analysis.py``), so write them the way people write them,
with accents. ``tests/test_lexicon.py`` checks that no phrase sits in two synonym
sets and that every phrase still yields at least one term.
"""

from __future__ import annotations

# Clitics that lose their vowel before another word: "l'intelligence", "qu’il",
# "jusqu'à". They are dropped, whichever apostrophe was typed.
ELIDED = (
    "l",
    "d",
    "j",
    "m",
    "n",
    "s",
    "t",
    "c",
    "qu",
    "jusqu",
    "lorsqu",
    "puisqu",
    "quoiqu",
    "presqu",
    "quelqu",
)

# The Snowball French list (the one PostgreSQL's ``french`` configuration uses), so that
# a word the database drops is never required by a query, plus frequent words of
# catalogue texts that carry no meaning for a search. Never add a word of the field
# ("aide", "formation", "données"...).
STOP_WORDS_SNOWBALL = """
au aux avec ce ces dans de des du elle en et eux il je la le leur lui ma mais me même mes
moi mon ne nos notre nous on ou par pas pour qu que qui sa se ses son sur ta te tes toi ton
tu un une vos votre vous c d j l à m n s t y été étée étées étés étant étante étants étantes
suis es est sommes êtes sont serai seras sera serons serez seront serais serait serions
seriez seraient étais était étions étiez étaient fus fut fûmes fûtes furent sois soit
soyons soyez soient fusse fusses fût fussions fussiez fussent ayant ayante ayantes ayants eu
eue eues eus ai as avons avez ont aurai auras aura aurons aurez auront aurais aurait
aurions auriez auraient avais avait avions aviez avaient eut eûmes eûtes eurent aie aies
ait ayons ayez aient eusse eusses eût eussions eussiez eussent
"""

STOP_WORDS_EXTRA = """
a les un une cet cette celui celle ceux celles ceci cela ça dont où quoi quel quelle
quels quelles lequel laquelle lesquels lesquelles auquel auxquels duquel desquels
donc ni or car si sinon lors alors ainsi aussi comme chez entre vers sans sous selon
depuis pendant avant après afin via etc tout tous toute toutes très plus moins peu trop
bien chaque plusieurs certains certaines autre autres leurs mêmes être avoir fait faire
peut peuvent doit doivent ici là
"""

# Words of a need that say someone needs something, not what: "je cherche une aide pour
# un chatbot", "besoin d'aide pour la maintenance prédictive de mes machines", "réduire la
# facture d'énergie de mon entreprise". Dropped from a query (never from the index) when
# the query has another word: "aide" alone, or "entreprise" alone, is still searched.
NEED_WORDS = """
besoin besoins cherche cherchons cherchez chercher recherchons voudrais voudrions
voulons veux souhaite souhaitons souhaiterais souhaiterions aimerais aimerions
trouver aider aide aides entreprise entreprises société sociétés structure
comment quelque chose idée
"""

# Sets of phrases that mean the same thing to a firm looking for help. A query
# containing one phrase of a set also looks for the others (query-time expansion;
# the index keeps the words as written). A phrase belongs to one set only.
SYNONYM_SETS: tuple[tuple[str, ...], ...] = (
    ("IA", "intelligence artificielle", "intelligences artificielles"),
    (
        "IA générative",
        "intelligence artificielle générative",
        "GenAI",
    ),
    (
        "TPE",
        "PME",
        "TPE PME",
        "petite entreprise",
        "très petite entreprise",
        "petite et moyenne entreprise",
        "petites et moyennes entreprises",
    ),
    ("ETI", "entreprise de taille intermédiaire"),
    ("RH", "ressources humaines", "gestion du personnel"),
    (
        "chatbot",
        "chat bot",
        "agent conversationnel",
        "assistant virtuel",
        "assistant conversationnel",
        "robot conversationnel",
        "callbot",
        "voicebot",
    ),
    (
        "vision par ordinateur",
        "reconnaissance d'images",
        "vision artificielle",
        "computer vision",
        "analyse d'images",
        "traitement d'images",
        "reconnaissance visuelle",
    ),
    ("maintenance prédictive", "maintenance prévisionnelle"),
    (
        "subvention",
        "aide",
        "financement",
        "aide financière",
        "soutien financier",
        "appui financier",
    ),
    ("prêt", "avance remboursable", "prêt d'honneur"),
    ("appel à projets", "AAP", "appel à candidatures"),
    ("apprentissage automatique", "machine learning", "apprentissage machine"),
    ("apprentissage profond", "deep learning", "réseau de neurones", "réseaux neuronaux"),
    (
        "traitement automatique du langage",
        "traitement du langage naturel",
        "NLP",
        "TAL",
    ),
    ("LLM", "grand modèle de langage", "modèle de langage"),
    (
        "OCR",
        "reconnaissance optique de caractères",
        "reconnaissance de caractères",
        "lecture automatique de documents",
    ),
    (
        "reconnaissance vocale",
        "reconnaissance de la parole",
        "transcription automatique",
        "speech to text",
    ),
    (
        "contrôle qualité",
        "contrôle de la qualité",
        "inspection qualité",
        "inspection visuelle",
        "détection de défauts",
    ),
    ("prévision des ventes", "prévision de la demande", "demand forecasting"),
    ("service client", "relation client", "support client", "service après-vente", "SAV"),
    ("CRM", "gestion de la relation client", "logiciel de relation client"),
    ("ERP", "progiciel de gestion intégré"),
    ("RGPD", "règlement général sur la protection des données", "données personnelles"),
    ("cobot", "robot collaboratif", "cobotique"),
    ("robot", "robotique", "robotisation"),
    ("automatisation", "automatique", "automatiser"),
    ("recrutement", "embauche", "recruter"),
    ("e-commerce", "commerce en ligne", "vente en ligne", "ecommerce"),
    ("start-up", "startup", "jeune pousse"),
    ("numérique", "digital", "transformation numérique", "transformation digitale"),
    ("cybersécurité", "sécurité informatique", "cyber sécurité"),
    ("diagnostic", "diag", "autodiagnostic"),
    ("thèse", "doctorat", "doctorant", "doctorale"),
    ("dirigeant", "chef d'entreprise", "gérant", "patron"),
    ("industrie", "industriel", "manufacturier", "usine"),
    ("agriculture", "agricole", "agroalimentaire"),
    ("région", "régional", "conseil régional"),
    ("Europe", "européen", "Union européenne", "UE"),
    ("CPF", "compte personnel de formation"),
    ("OPCO", "opérateur de compétences"),
    ("Bpifrance", "BPI", "Banque publique d'investissement"),
    ("CCI", "chambre de commerce et d'industrie"),
    ("CMA", "chambre de métiers et de l'artisanat", "artisan", "artisanat"),
)
