"""A French test corpus of consultation contributions on known topics (issue 18).

Written by hand for the tests, not scraped and not generated at run time: every text below is
original writing in the voice of the people who answer a public consultation on the doctrine
technique du numérique en santé and the e-health roadmap (citizens, patients' associations,
doctors, pharmacists, nurses, hospital IT managers, software vendors, medico-social structures).
Registers vary (formal, angry, questions, proposals, anecdotes); some texts carry typos and
abbreviations, and some mention a second subject in passing, so that grouping is not trivial.
The module is plain data: importing it is deterministic, and the order never changes.

- TOPICS: the 10 topic codes and their French labels, each a subject of the doctrine/roadmap.
- CONTRIBUTIONS: 300 (topic_code, text) pairs, 30 per topic, grouped by topic in TOPICS order
  (index = 30 * topic position + rank). The expected grouping of a theme-detection algorithm is
  the topic code: compare the found themes with `expected_labels()` (adjusted Rand index or
  similar).
- NEAR_DUPLICATES: 15 (index in CONTRIBUTIONS, text) pairs, where the text repeats the
  contribution at that index: entries 0-7 are light edits of it (words changed, added or
  removed, typos), entries 8-14 paraphrase it in other words. A near-duplicate detector should
  flag each of them against its original.
- HARD_NEGATIVES: 15 (index, text) pairs, where the text shares vocabulary and subject with the
  contribution at that index but says something different (opposite opinion, other request).
  A near-duplicate detector should not flag them.

Measured when written, with a plain TF-IDF cosine (words over 3 letters, no lemmatisation): light
edits score 0.84-0.97 against their original, hard negatives 0.08-0.37, paraphrases 0.16-0.39;
so words alone separate light edits from hard negatives, but not paraphrases. The nearest
neighbour of a contribution shares its topic 43 % of the time (10 % by chance).
"""

TOPICS: dict[str, str] = {
    "INTEROP": "Interopérabilité et référentiels (INS, CI-SIS, FHIR, terminologies)",
    "IDENTITE": "Identité numérique des professionnels (Pro Santé Connect, e-CPS, carte CPS)",
    "MES": "Mon espace santé et dossier médical partagé (DMP)",
    "MSSANTE": "Messagerie sécurisée de santé (MSSanté)",
    "CYBER": "Sécurité des systèmes d'information et cybersécurité des établissements",
    "HDS": "Hébergement des données de santé (HDS) et cloud",
    "TELESANTE": "Télésanté : téléconsultation, télé-expertise, télésurveillance",
    "EPRESC": "Prescription électronique et ordonnance numérique",
    "ETHIQUE": "Éthique du numérique en santé, intelligence artificielle et sobriété",
    "FORMATION": "Formation, accompagnement au changement et virage numérique du médico-social",
}

_TEXTS: dict[str, tuple[str, ...]] = {
    "INTEROP": (
        (
            "Nous sommes éditeur d'un logiciel de gestion de cabinet. Le passage aux profils "
            "FHIR du CI-SIS est une bonne chose mais le calendrier est irréaliste : les "
            "spécifications changent entre deux versions du cadre et nos équipes passent plus "
            "de temps à suivre les guides d'implémentation qu'à développer. Merci de geler les "
            "versions au moins 18 mois avant toute obligation."
        ),
        (
            "Je ne comprends pas pourquoi mon dossier à l'hôpital et celui de mon médecin ne se "
            "parlent pas. On me redemande mes antécédents, mes allergies et mes traitements à "
            "chaque fois. C'est quoi le problème, les logiciels ne sont pas compatibles entre "
            "eux ? En 2023 ca parait fou."
        ),
        (
            "L'INS qualifiée est indispensable mais l'appel au téléservice INSi depuis notre "
            "GAM reste fragile : homonymies, prénoms composés, personnes nées à l'étranger. Nos "
            "agents des admissions passent un temps considérable sur les identités douteuses. "
            "La doctrine devrait prévoir une procédure de repli claire quand le téléservice ne "
            "répond pas."
        ),
        (
            "Pharmacien d'officine, je voudrais que les comptes rendus de biologie arrivent "
            "structurés et pas en PDF scanné. Tant que les résultats ne sont pas codés en "
            "LOINC, impossible de les exploiter automatiquement dans notre logiciel, par "
            "exemple pour adapter une posologie à la fonction rénale d'un patient âgé."
        ),
        (
            "Proposition concrète : publier sur l'espace de test de l'agence un jeu de données "
            "fictives et un serveur FHIR de référence, pour que les petits éditeurs puissent "
            "valider leurs flux avant de passer le référencement. Aujourd'hui les tests de "
            "conformité coûtent cher et ne sont vraiment accessibles qu'aux gros industriels."
        ),
        (
            "Les terminologies (CIM-10, SNOMED CT, LOINC...) c'est bien joli mais qui va coder "
            "? Pas moi pendant une consultation de 15 min avec un patient polypathologique. Si "
            "vous voulez des données structurées il faut que le logiciel le fasse pour nous, "
            "sans clic supplémentaire et sans menu déroulant de 400 lignes."
        ),
        (
            "Le volet lettre de liaison du cadre d'interopérabilité n'est toujours pas "
            "implémenté dans notre DPI. Résultat, les documents de sortie partent en pièce "
            "jointe non structurée que personne ne peut intégrer. Il faudrait conditionner les "
            "financements à la mise en oeuvre effective des volets, pas seulement à des "
            "déclarations de l'éditeur."
        ),
        (
            "Notre association de patients insuffisants rénaux rappelle que le parcours de "
            "dialyse mobilise plusieurs établissements, des laboratoires, des infirmiers "
            "libéraux et le médecin traitant. Sans échanges normalisés, ce sont les patients "
            "qui transportent leurs classeurs papier d'un lieu à l'autre, avec les résultats de "
            "la dernière séance et la liste des traitements recopiée à la main. Lors de la "
            "dernière enquête auprès de nos adhérents, un sur trois disait avoir vécu une "
            "erreur liée à une information manquante. Les standards d'échange ne sont pas un "
            "sujet technique, c'est un sujet de sécurité des soins, et nous demandons que les "
            "représentants des usagers siègent dans les instances qui fixent les priorités du "
            "cadre d'interopérabilité."
        ),
        (
            "Question : le format HL7 v2 reste-t-il accepté pour les flux internes (mouvements "
            "ADT, résultats de labo) ou faut-il tout migrer en FHIR ? Beaucoup d'établissements "
            "ont des moteurs d'interfaces qui fonctionnent très bien depuis quinze ans, les "
            "refaire n'apporte rien au patient et mobilise des équipes déjà débordées."
        ),
        (
            "L'identifiant national de santé devrait figurer sur tous les documents, y compris "
            "ceux des centres de radiologie privés. J'ai reçu un compte rendu d'IRM avec une "
            "erreur sur ma date de naissance, il a été rattaché au dossier de quelqu'un d'autre "
            "! L'identitovigilance doit s'appliquer partout, pas seulement à l'hopital."
        ),
        (
            "Le catalogue des nomenclatures publié par l'agence (le serveur "
            "multi-terminologies) est une vraie avancée. Par contre les mises à jour des jeux "
            "de valeurs arrivent sans préavis et cassent nos imports. Un flux de notification, "
            "ou au moins un numéro de version stable par jeu de valeurs, serait bienvenu."
        ),
        (
            "IDEL en zone rurale, j'utilise trois logiciels qui ne communiquent pas : "
            "facturation, transmissions, et celui du SSIAD avec qui je travaille. Je ressaisis "
            "tout, trois fois. Un format commun pour le plan de soins infirmier, que tous les "
            "éditeurs devraient respecter, serait la meilleure chose que vous puissiez faire "
            "pour nous."
        ),
        (
            "Il serait utile que la doctrine précise la gouvernance des profils FHIR français : "
            "qui valide une extension, sous quel délai, avec quelle consultation des "
            "industriels et des établissements ? Les communautés d'utilisateurs et les groupes "
            "de travail de l'agence font du bon travail mais le processus de décision reste "
            "opaque vu de l'extérieur. Notre fédération d'éditeurs propose un comité de "
            "pilotage trimestriel, des comptes rendus publics, un dépôt ouvert pour les "
            "demandes d'évolution et une règle simple : aucune modification rendue obligatoire "
            "sans un délai minimum de mise en oeuvre annoncé à l'avance."
        ),
        (
            "trop de normes tue la norme. CDA, FHIR, HPRIM, HL7v2, IHE XDS... chaque projet "
            "régional invente sa propre variante et nous les éditeurs on doit tout maintenir en "
            "parallèle. mettez de l'ordre svp et fixez une seule cible par cas d'usage."
        ),
        (
            "Biologiste, nous avons investi pour produire des comptes rendus CDA R2 de niveau 3 "
            "conformes au volet compte rendu d'examens de biologie. Or une grande partie des "
            "destinataires n'intègre que le PDF joint. L'effort de structuration doit être "
            "symétrique : émetteurs ET récepteurs, sinon nous payons pour rien."
        ),
        (
            "Le référentiel INS impose de qualifier l'identité avec une pièce à haut niveau de "
            "confiance. Dans les services d'urgence c'est souvent impossible la nuit, le "
            "patient arrive sans papiers, parfois inconscient. Merci de tenir compte des "
            "contraintes réelles des soins non programmés et de prévoir un statut provisoire."
        ),
        (
            "Pourquoi ne pas rendre publics les résultats des tests de conformité de chaque "
            "logiciel référencé Ségur ? Les établissements pourraient choisir en connaissance "
            "de cause, au lieu de découvrir après l'achat que l'éditeur n'a implémenté que le "
            "strict minimum des volets du cadre d'interop."
        ),
        (
            "Radiologue. L'imagerie est oubliée : le partage des images DICOM entre "
            "établissements reste un parcours du combattant, CD-ROM compris. Le volet partage "
            "d'imagerie doit s'appuyer sur des profils IHE ouverts et pas sur des portails "
            "propriétaires où chaque confrère doit créer un compte."
        ),
        (
            "Nous sommes un GRADeS. Les services régionaux de coordination doivent consommer "
            "les mêmes API que les services socles nationaux, sinon on duplique les "
            "développements. Une API FHIR unique pour l'annuaire, les identités et les "
            "documents simplifierait énormément notre travail et celui des éditeurs régionaux."
        ),
        (
            "Le répertoire RPPS et l'annuaire santé sont la base de tout échange fiable entre "
            "professionnels. Aujourd'hui on y trouve encore des adresses obsolètes, des lieux "
            "d'exercice faux et des professionnels partis à la retraite. Sans référentiel "
            "d'acteurs propre, pas d'échanges de données fiables."
        ),
        (
            "Encore un jargon incompréhensible. CI-SIS, INS, FHIR, LOINC... Le citoyen lambda "
            "ne comprend rien à cette page. Pouvez-vous expliquer simplement ce que ça change "
            "pour moi quand je change de médecin ou que je suis hospitalisé dans une autre "
            "ville ?"
        ),
        (
            "La sémantique est le parent pauvre : on sait transporter un document mais la "
            "machine ne sait pas le comprendre. Investir dans les serveurs de terminologies, "
            "dans la traduction française de SNOMED CT et dans les outils d'aide au codage "
            "devrait être une priorité de la feuille de route."
        ),
        (
            "En EHPAD on recoit encore les courriers de sortie d'hôpital par fax, en 2023. Le "
            "jour où le dossier patient de l'hôpital pourra envoyer un document structuré "
            "directement dans notre dossier de soins, avec les traitements dans un format "
            "lisible par notre logiciel, on gagnera des heures et on évitera des erreurs de "
            "retranscription."
        ),
        (
            "Les éditeurs étrangers qui veulent entrer sur le marché français butent sur des "
            "spécificités nationales (INS, extensions FR, volets maison). S'aligner au maximum "
            "sur les profils internationaux comme l'International Patient Summary favoriserait "
            "la concurrence et ferait baisser les prix pour les établissements."
        ),
        (
            "La synthèse médicale devrait être normalisée en priorité, c'est le document dont "
            "tout le monde a besoin aux urgences. Trop de synthèses sont du texte libre "
            "illisible par une machine, sans liste de problèmes codée ni traitements "
            "structurés."
        ),
        (
            "Je suis développeur dans une start-up. La documentation du cadre "
            "d'interopérabilité est éparpillée entre PDF, sites de publication de guides, "
            "dépôts de code et le site de l'agence. Un seul portail développeur, avec des "
            "exemples de code et un bac à sable, nous ferait gagner des semaines."
        ),
        (
            "Attention à ne pas imposer l'INS sur les dossiers anciens sans outil de "
            "rapprochement : les doublons d'identité dans nos bases se comptent par milliers. "
            "Il faut un accompagnement (et un budget !) pour la fiabilisation rétroactive des "
            "identités et pour former les cellules d'identitovigilance."
        ),
        (
            "Sage-femme libérale : le suivi de grossesse implique l'hôpital, le labo, "
            "l'échographiste et moi. Un carnet de maternité au format standard, partagé entre "
            "tous et alimenté automatiquement, éviterait des examens en double et des oublis de "
            "sérologie."
        ),
        (
            "L'interopérabilité doit aussi couvrir les dispositifs médicaux connectés : "
            "glucomètres, tensiomètres, pompes à insuline. Chaque fabricant a son cloud et son "
            "format maison. Exiger une sortie conforme aux standards ouverts comme condition de "
            "remboursement réglerait le problème."
        ),
        (
            "Bravo pour le travail sur les référentiels. Une remarque toutefois : le "
            "vocabulaire des spécialités, des actes et des lieux de soins doit être le même "
            "entre l'Assurance Maladie, les ARS et les éditeurs. Aujourd'hui trois "
            "codifications différentes cohabitent pour décrire la même réalité, et les tables "
            "de correspondance sont fausses."
        ),
    ),
    "IDENTITE": (
        (
            "Médecin généraliste : l'e-CPS sur smartphone marche bien quand on a du réseau. "
            "Dans mon cabinet en montagne, la 4G passe mal et je ne peux plus me connecter aux "
            "téléservices de l'Assurance Maladie. Gardez toujours une alternative avec la carte "
            "physique et le lecteur."
        ),
        (
            "Pro Santé Connect est une excellente idée, un seul compte pour tous les services "
            "en ligne. Mais chaque plateforme l'implémente à sa façon et je dois encore me "
            "réauthentifier toutes les 20 minutes. Une vraie session unique svp, sinon "
            "l'intérêt est nul."
        ),
        (
            "Dans un CHU de 8000 agents, distribuer et renouveler des cartes CPS physiques est "
            "un cauchemar logistique : il faut les commander, les remettre en main propre, "
            "gérer les codes oubliés, les cartes perdues, les départs et les changements de "
            "service. Notre équipe y consacre l'équivalent de deux temps plein. Nous souhaitons "
            "savoir quand l'authentification par e-CPS sera acceptée par tous les logiciels "
            "hospitaliers, y compris pour signer électroniquement les documents, et si un "
            "enrôlement en masse par l'établissement, à partir de notre annuaire interne, sera "
            "possible."
        ),
        (
            "Les internes et les étudiants n'ont pas toujours de carte CPE ni d'e-CPS activée à "
            "leur arrivée dans le service. Pendant deux semaines ils empruntent la session d'un "
            "senior. Ce n'est ni sûr ni légal. L'enrôlement doit être fait le jour même de la "
            "prise de poste."
        ),
        (
            "Pharmacien : nos préparateurs doivent accéder aux services en ligne mais n'ont pas "
            "de moyen d'identification à leur nom. Quid de leur identité électronique ? Le "
            "référentiel reste flou sur les professionnels qui ne sont pas inscrits à un ordre."
        ),
        (
            "Éditeur : intégrer PSC via OpenID Connect est simple sur le papier. En pratique "
            "les jetons ne contiennent pas toujours les attributs dont nous avons besoin "
            "(spécialité, structure d'exercice, rôle). Pouvez-vous documenter précisément les "
            "claims renvoyés et leur fiabilité ?"
        ),
        (
            "J'ai perdu mon téléphone, donc plus d'e-CPS, donc plus d'accès à rien pendant 4 "
            "jours le temps de réactiver le compte. Inadmissible pour un outil professionnel "
            "dont dépend la continuité des soins. Il faut une procédure de secours en ligne, "
            "rapide et disponible le week-end."
        ),
        (
            "Je suis infirmière en centre de santé. L'application me demande un code à chaque "
            "connexion, puis une validation sur le téléphone, puis encore le code PIN de la "
            "carte pour la facturation. On passe notre vie à prouver qui on est au lieu de "
            "soigner."
        ),
        (
            "L'authentification forte des professionnels est une nécessité, je ne le conteste "
            "pas. Mais il faut mesurer le temps perdu à chaque connexion, multiplié par des "
            "dizaines de fois par jour. Une étude d'usage sérieuse avant la généralisation "
            "serait la moindre des choses."
        ),
        (
            "Question : un médecin remplaçant qui exerce dans plusieurs cabinets peut-il "
            "utiliser un seul moyen d'identification pour tous ? Aujourd'hui on me délivre des "
            "cartes différentes selon la structure, c'est incompréhensible et je me trompe "
            "régulièrement de carte."
        ),
        (
            "La carte CPS avec lecteur, code PIN et pilotes qui plantent à chaque mise à jour "
            "de Windows, c'est terminé pour moi. J'ai perdu des matinées entières avec la "
            "hotline. Vivement la généralisation de l'identification par appli mobile."
        ),
        (
            "Secrétaire médicale depuis 20 ans. Nous n'avons aucun moyen légal de nous "
            "connecter aux services en ligne pour le compte du médecin, alors que c'est nous "
            "qui gérons les démarches administratives. Prévoir une délégation d'accès "
            "nominative et tracée serait plus honnête que la situation actuelle."
        ),
        (
            "Il faut que le dispositif d'identification électronique des acteurs de santé soit "
            "cohérent avec FranceConnect et le règlement européen eIDAS. Sinon les "
            "professionnels européens qui viennent exercer en France seront bloqués pendant des "
            "mois."
        ),
        (
            "Dans les ESMS, la majorité des intervenants ne sont pas des professionnels de "
            "santé au sens du RPPS : éducateurs, AES, travailleurs sociaux, psychologues, "
            "maîtresses de maison. Quels moyens d'authentification pour eux ? Le texte les "
            "oublie complètement alors qu'ils doivent accéder au dossier de l'usager et, de "
            "plus en plus, aux services socles. Notre fédération demande un calendrier "
            "spécifique au secteur social et médico-social, un enregistrement simple de ces "
            "personnels dans le répertoire national, et une solution qui ne repose pas sur le "
            "téléphone personnel des salariés."
        ),
        (
            "Le portail d'activation envoie un code par courrier postal. Trois semaines "
            "d'attente en 2023 ! Pourquoi ne pas permettre l'activation de la carte virtuelle "
            "par une vérification d'identité en ligne, comme le font les banques ?"
        ),
        (
            "Très bonne initiative que ce fournisseur d'identité national pour les soignants. "
            "Il faudrait maintenant publier la liste des services raccordés et un calendrier "
            "d'obligation de raccordement pour les éditeurs, sinon chacun gardera son propre "
            "identifiant et son mot de passe."
        ),
        (
            "Les comptes partagés du type 'infirmière de nuit' ou 'poste accueil' existent "
            "encore dans beaucoup d'établissements. Chaque soignant doit être identifié "
            "nominativement. La doctrine doit interdire clairement les comptes génériques et "
            "laisser un délai réaliste pour s'en débarrasser."
        ),
        (
            "Kiné libéral, j'ai découvert l'e-CPS par hasard en discutant avec un collègue. "
            "Aucune communication de l'Ordre ni de la CPAM. Résultat je ne l'utilise pas et je "
            "continue avec ma vieille carte. Une campagne d'information ciblée par profession "
            "serait utile."
        ),
        (
            "Pour les établissements, la connexion des agents via l'annuaire interne devrait "
            "pouvoir être fédérée avec Pro Santé Connect. Sinon on se retrouve avec une double "
            "gestion des comptes et des habilitations, et des oublis à chaque départ de "
            "personnel."
        ),
        (
            "Attention aux professionnels âgés ou peu à l'aise avec le smartphone. Imposer "
            "l'application mobile comme seul moyen de s'identifier risque de pousser certains "
            "médecins vers une retraite anticipée, ce qui n'est pas vraiment le but dans les "
            "déserts médicaux."
        ),
        (
            "Combien coûte chaque année la fabrication et l'envoi des cartes CPS ? Si "
            "l'identité numérique mobile est aussi sûre, il serait logique d'arrêter "
            "progressivement les cartes plastiques et de réallouer ce budget à autre chose."
        ),
        (
            "Je suis médecin retraité, je fais encore quelques vacations. Ma carte a été "
            "désactivée automatiquement lors de mon changement de situation à l'Ordre, sans que "
            "personne ne me prévienne. J'ai découvert le problème au moment de signer un "
            "certificat de décès un dimanche."
        ),
        (
            "Le niveau de garantie exigé pour se connecter doit être proportionné : consulter "
            "un annuaire n'a pas besoin de la même authentification que consulter un dossier "
            "patient. Merci de préciser les niveaux eIDAS attendus cas d'usage par cas d'usage."
        ),
        (
            "Éditeur d'une solution web qui utilise déjà une authentification à deux facteurs "
            "maison. Devons-nous obligatoirement basculer sur Pro Santé Connect ? Si oui, quel "
            "délai, et quel accompagnement technique pour les petites entreprises ?"
        ),
        (
            "La connexion par e-CPS sur les postes partagés des services (chariots de soins, "
            "postes infirmiers) n'est pas pratique du tout : on ne va pas sortir son téléphone "
            "perso avec des gants. La carte sans contact ou le badge restent plus adaptés à "
            "l'hôpital."
        ),
        (
            "Si le service d'authentification national tombe en panne, c'est tout l'écosystème "
            "qui s'arrête. Quelle disponibilité est garantie ? Y a-t-il un mode dégradé prévu "
            "pour que les soignants puissent quand même accéder aux dossiers ?"
        ),
        (
            "Les pharmaciens adjoints en intérim changent d'officine chaque semaine. Il faut "
            "que leur identité professionnelle soit rattachée à la personne et pas à la "
            "structure, avec des droits qui suivent automatiquement le lieu d'exercice déclaré."
        ),
        (
            "Ce serait bien que l'appli e-CPS fonctionne aussi sur des tablettes "
            "professionnelles et pas seulement sur les téléphones personnels. Beaucoup de "
            "soignants ne veulent pas mélanger usage perso et usage pro sur le même appareil, "
            "et c'est légitime."
        ),
        (
            "Centre dentaire : nous avons 12 praticiens et les cartes expirent à des dates "
            "toutes différentes. Un tableau de bord pour le responsable de structure, "
            "permettant de suivre les renouvellements, éviterait les mauvaises surprises en "
            "plein milieu d'une journée de soins."
        ),
        (
            "Je soutiens la logique d'une identité numérique unique pour tous les "
            "professionnels. Mais sa réussite dépendra de sa simplicité : si se connecter prend "
            "plus de 10 secondes, les soignants contourneront le système en laissant les "
            "sessions ouvertes toute la journée."
        ),
    ),
    "MES": (
        (
            "J'ai ouvert Mon espace santé l'an dernier. Le dossier médical est vide, aucun de "
            "mes médecins n'y a déposé quoi que ce soit, ni mon généraliste ni le cardiologue. "
            "À quoi bon créer un carnet de santé numérique si les professionnels ne "
            "l'alimentent pas ?"
        ),
        (
            "Alimenter le DMP de chaque patient prend du temps, surtout avec des logiciels qui "
            "ne le font pas automatiquement. Si on veut que les médecins le fassent, il faut "
            "que ce soit en un seul clic à la fin de la consultation, et que ce travail soit "
            "reconnu dans la rémunération."
        ),
        (
            "Ma mère de 87 ans a reçu un courrier pour activer son espace santé. Elle n'a ni "
            "ordinateur ni smartphone et vit seule. Qui va l'aider ? Les ambassadeurs dont "
            "parle le communiqué, on ne les a jamais vus dans notre village."
        ),
        (
            "Nous demandons que le patient puisse masquer facilement un document sensible (IVG, "
            "santé mentale, VIH, addictions) à certains soignants, et que ce paramétrage soit "
            "expliqué clairement dans l'application, avec des exemples. La confiance dans ce "
            "coffre-fort numérique en dépend. Notre association reçoit beaucoup de questions "
            "inquiètes à ce sujet, notamment de personnes qui ont renoncé à ouvrir leur profil "
            "par peur que leur employeur ou leur famille y accède. Un guide rédigé avec les "
            "associations d'usagers, et une option de masquage proposée au moment même du "
            "dépôt, seraient de vraies avancées."
        ),
        (
            "Le catalogue de services référencés dans Mon espace santé est une bonne idée mais "
            "il contient surtout des applis de bien-être et de coaching. Qui contrôle la "
            "qualité et l'utilité de ces applications ? Je voudrais un label clair avant d'y "
            "connecter mon compte."
        ),
        (
            "Super outil, j'y ai retrouvé mes vaccins et mes résultats de prise de sang sans "
            "chercher dans mes tiroirs. Par contre l'appli plante souvent sur Android et les "
            "documents mettent un temps fou à s'afficher. A améliorer vite."
        ),
        (
            "Le DMP existe depuis 2004, il a été relancé au moins trois fois. Qu'est-ce qui "
            "garantit que Mon espace santé ne sera pas un nouvel échec coûteux ? Je voudrais "
            "voir des indicateurs d'usage réels, pas des chiffres de comptes créés "
            "automatiquement."
        ),
        (
            "En tant qu'infirmière coordinatrice, j'aimerais pouvoir consulter le dossier "
            "partagé du patient depuis notre logiciel sans ressaisir mes identifiants dix fois. "
            "Et surtout pouvoir y déposer le plan de soins infirmiers, qui n'y a pas sa place "
            "aujourd'hui."
        ),
        (
            "La création automatique des profils (sauf opposition) a été une bonne décision. "
            "Mais beaucoup de gens ne savent même pas qu'ils ont un espace. Il faudrait une "
            "vraie campagne à la télé et chez les pharmaciens, pas seulement un mail qui finit "
            "dans les spams."
        ),
        (
            "Je suis opposé à l'ouverture par défaut d'un dossier médical en ligne pour chaque "
            "assuré. On aurait dû demander l'accord explicite de chacun. Où sont stockées mes "
            "données et qui peut les lire exactement ? Personne n'a su me répondre à la CPAM."
        ),
        (
            "Pour les enfants, c'est le parent qui gère l'espace santé. Mais à 15 ans mon fils "
            "voudrait garder certaines informations privées, sa contraception par exemple. "
            "Comment gérez-vous le passage à l'adolescence et la confidentialité des mineurs ?"
        ),
        (
            "La messagerie de Mon espace santé est pratique pour recevoir des documents du "
            "médecin. Mais je ne peux ni lui répondre ni lui écrire en premier. Un échange à "
            "sens unique, c'est frustrant quand on a une simple question sur un résultat."
        ),
        (
            "Pharmacien : l'historique des remboursements visible dans le dossier partagé nous "
            "sert beaucoup pour repérer les interactions médicamenteuses chez les patients qui "
            "consultent plusieurs prescripteurs. Dommage qu'il n'y ait pas les médicaments "
            "achetés sans ordonnance."
        ),
        (
            "Le profil médical que le patient remplit lui-même (allergies, antécédents, "
            "handicap) est une bonne idée mais personne ne vérifie ce qu'on y écrit. Un médecin "
            "peut-il vraiment s'y fier en cas d'urgence ? Il faudrait distinguer visuellement "
            "ce qui est déclaratif."
        ),
        (
            "Personnes sous tutelle ou curatelle : qui a accès au dossier ? Le tuteur familial "
            "? Le mandataire judiciaire ? Les textes ne sont pas clairs et nos services de "
            "protection des majeurs reçoivent des questions tous les jours sans savoir quoi "
            "répondre."
        ),
        (
            "Dans l'agenda santé, mettre des rappels de dépistage (cancer colorectal, "
            "mammographie, frottis) personnalisés selon l'âge et le sexe serait vraiment utile. "
            "Ca, ce serait de la prévention concrète et pas juste un classeur de PDF."
        ),
        (
            "Les comptes rendus d'hospitalisation arrivent dans mon espace avant que le médecin "
            "m'ait expliqué les résultats. J'ai découvert un diagnostic de cancer seule chez "
            "moi un dimanche soir en lisant un compte rendu d'anatomopathologie plein de mots "
            "que je ne comprenais pas. J'ai passé la nuit sur internet à chercher ce que "
            "voulait dire chaque terme. Je ne reproche rien à l'équipe qui m'a très bien "
            "soignée ensuite, mais il faut un délai de publication pour ce type de résultat, ou "
            "au minimum un message qui propose d'attendre l'annonce par le médecin."
        ),
        (
            "Impossible de me connecter : le code provisoire reçu par courrier a expiré, et "
            "l'assistance téléphonique ne répond jamais. Faciliter l'accès des assurés à leur "
            "propre dossier, c'est la base ! J'ai abandonné après trois essais."
        ),
        (
            "Médecin urgentiste : en pratique, je n'ouvre quasiment jamais le dossier médical "
            "partagé aux urgences parce que c'est trop lent et que les documents ne sont pas "
            "classés. Une synthèse en une page tout en haut du dossier changerait tout pour "
            "nous."
        ),
        (
            "Pourquoi les dentistes et les ophtalmos ne déposent-ils rien dans le dossier "
            "partagé ? Mon espace ne montre qu'une petite partie de ma santé. Il faudrait une "
            "obligation d'alimentation pour tous les professionnels, pas seulement pour les "
            "hôpitaux."
        ),
        (
            "Le volet prévention de Mon espace santé pourrait intégrer des conseils de santé "
            "publique adaptés au profil, comme le fait déjà l'Assurance Maladie par courrier. "
            "Mais attention à ne pas transformer cet outil du patient en outil de surveillance "
            "des comportements."
        ),
        (
            "Les aidants familiaux sont les grands oubliés. Je m'occupe de mon mari atteint "
            "d'Alzheimer et je n'ai aucun moyen officiel d'accéder à son espace santé pour "
            "retrouver ses ordonnances et ses comptes rendus. Un accès délégué pour les "
            "aidants, svp !"
        ),
        (
            "Bonne chose de pouvoir consulter l'historique des accès à mon dossier. J'ai vu "
            "qu'un établissement où je n'ai jamais été soigné l'avait ouvert le mois dernier. À "
            "qui dois-je signaler ça, et qui contrôle ces accès ?"
        ),
        (
            "En tant que médecin traitant, j'aimerais recevoir une notification quand un "
            "document important (compte rendu d'hospitalisation, résultat anormal) arrive dans "
            "le dossier partagé de mes patients, plutôt que d'aller vérifier patient par "
            "patient."
        ),
        (
            "Les PDF scannés de travers et sans titre envahissent les dossiers des patients. "
            "Une règle de nommage et de typage obligatoire des documents déposés éviterait ce "
            "fouillis où personne ne retrouve rien, surtout chez les malades chroniques."
        ),
        (
            "Le carnet de vaccination électronique devrait être la priorité numéro un de Mon "
            "espace santé. Tout le monde perd son carnet papier et on revaccine au hasard, ou "
            "pire on ne revaccine pas. Pour les enfants c'est encore plus important."
        ),
        (
            "Ce serait bien de pouvoir exporter l'ensemble de mon dossier médical dans un "
            "format ouvert, pour le garder chez moi sur une clé ou le présenter à un médecin à "
            "l'étranger pendant un séjour."
        ),
        (
            "Les bénéficiaires de l'AME n'ont pas d'espace santé. C'est pourtant une population "
            "très suivie par les permanences d'accès aux soins des hôpitaux, avec des parcours "
            "compliqués. Il y a là une vraie rupture d'égalité qu'il faudrait corriger."
        ),
        (
            "J'ai clôturé mon espace santé après avoir lu qu'il pourrait un jour servir aux "
            "assureurs et aux employeurs. Rassurez les gens avec des garanties écrites, faciles "
            "à lire, sur qui voit quoi dans le dossier, et pour combien de temps."
        ),
        (
            "Les ambassadeurs Mon espace santé font un très bon boulot dans les maisons France "
            "services de notre département, beaucoup de seniors ont activé leur profil grâce à "
            "eux. Il faut pérenniser leur financement au-delà de cette année."
        ),
    ),
    "MSSANTE": (
        (
            "La messagerie sécurisée de santé est indispensable, mais l'interface webmail de "
            "certains opérateurs est d'un autre âge. Pas de recherche, pas de dossiers, pièces "
            "jointes limitées à quelques Mo. Impossible de travailler correctement avec ça au "
            "quotidien."
        ),
        (
            "Je reçois en moyenne 40 messages sécurisés par jour, dont la moitié sont des "
            "comptes rendus d'examens normaux. Il faudrait pouvoir les intégrer automatiquement "
            "dans le dossier du patient sans les ouvrir un par un, ça me prend une heure chaque "
            "soir."
        ),
        (
            "Trouver l'adresse MSSanté d'un confrère reste compliqué. L'annuaire n'est pas à "
            "jour et beaucoup de spécialistes n'ont toujours pas de boîte. Du coup on finit par "
            "faxer ou par donner le courrier au patient, comme avant."
        ),
        (
            "Question pratique : les boîtes aux lettres organisationnelles (secrétariat, "
            "service de cardio) sont-elles autorisées pour recevoir des messages nominatifs ? "
            "Les hôpitaux en utilisent beaucoup et on ne sait jamais qui lit réellement le "
            "courrier."
        ),
        (
            "Infirmière libérale : j'aimerais pouvoir écrire au médecin traitant par messagerie "
            "sécurisée depuis mon téléphone pendant ma tournée. L'appli existe mais elle est "
            "lente et demande de se reconnecter à chaque fois. Résultat j'envoie un SMS, ce qui "
            "n'est pas conforme, je le sais."
        ),
        (
            "L'intégration de la messagerie sécurisée dans notre DPI a été longue mais "
            "fonctionne : les lettres de liaison partent automatiquement à la sortie du "
            "patient. En revanche, les accusés de réception et de lecture ne sont pas "
            "standardisés entre opérateurs, donc on ne sait jamais si un courrier de sortie a "
            "bien été reçu par le médecin de ville. Nous avons dû mettre en place un tableau de "
            "suivi manuel et des relances téléphoniques, ce qui annule une partie du gain. Une "
            "exigence d'accusé normalisé dans le référentiel des opérateurs réglerait ce point."
        ),
        (
            "On continue à recevoir des résultats par Gmail ou par SMS. Tant que la messagerie "
            "de santé ne sera pas aussi simple qu'une boite mail grand public, les pratiques ne "
            "changeront pas. La sécurité qui complique tout, les gens la contournent."
        ),
        (
            "La messagerie citoyenne de Mon espace santé et la MSSanté des professionnels "
            "devraient former un seul espace de confiance, avec des règles claires. Aujourd'hui "
            "on ne sait pas si un patient peut répondre ni qui reçoit sa réponse."
        ),
        (
            "Nous sommes un centre de radiologie. L'envoi des comptes rendus par messagerie "
            "sécurisée nous coûte cher en abonnement chez l'opérateur. Une offre publique "
            "gratuite pour les petites structures serait la bienvenue, comme il en existe pour "
            "les hôpitaux."
        ),
        (
            "Les pièces jointes volumineuses (vidéos d'échographie, séries d'images) ne passent "
            "pas par la messagerie sécurisée. Prévoir un mécanisme de lien de téléchargement "
            "sécurisé ou augmenter nettement la taille limite des messages."
        ),
        (
            "EHPAD : nous avons enfin obtenu une boîte aux lettres sécurisée au nom de "
            "l'établissement. Mais les hôpitaux du territoire continuent à envoyer les lettres "
            "de liaison sur l'adresse personnelle du médecin coordonnateur, qui n'est présent "
            "que deux jours par semaine."
        ),
        (
            "Pharmacien : la messagerie sécurisée nous permet enfin de dialoguer avec les "
            "prescripteurs pour signaler une interaction ou une erreur de dosage. Mais très peu "
            "de médecins répondent, ils ne relèvent pas leur boîte. Un système d'alerte dans "
            "leur logiciel aiderait."
        ),
        (
            "Les spams et les envois en masse de laboratoires pharmaceutiques commencent à "
            "arriver sur nos boîtes MSSanté. Il faut interdire tout usage promotionnel de cet "
            "espace de confiance et sanctionner les opérateurs qui le permettent."
        ),
        (
            "Le fax reste l'outil le plus fiable de mon cabinet, il marche toujours. Avant de "
            "le supprimer, assurez-vous que l'alternative par mail sécurisé fonctionne à 100 %. "
            "Pour l'instant ce n'est pas le cas, j'ai perdu des courriers."
        ),
        (
            "Éditeur : le passage à la nouvelle version du référentiel des opérateurs de "
            "messagerie nous impose des développements lourds (IMAP, authentification, gestion "
            "des BAL applicatives). Le calendrier n'a pas été concerté avec les éditeurs de "
            "logiciels de cabinet."
        ),
        (
            "Pourquoi ne pas faire comme dans les pays nordiques où les messages cliniques "
            "circulent automatiquement entre hôpital et ville ? La messagerie ne doit pas être "
            "un simple mail chiffré mais transporter des documents exploitables directement par "
            "le logiciel du destinataire."
        ),
        (
            "J'ai envoyé une ordonnance par messagerie sécurisée à la pharmacie de mon patient. "
            "Elle ne l'a jamais reçue car l'officine n'avait pas activé sa boîte. Il faudrait "
            "une liste des adresses actives et vérifiées, sinon on envoie dans le vide."
        ),
        (
            "Les kinés et les orthophonistes sont très peu équipés en messagerie sécurisée. Une "
            "aide financière à l'équipement et à l'intégration dans nos logiciels, comme celle "
            "accordée aux médecins, serait juste et accélérerait les échanges avec les "
            "prescripteurs."
        ),
        (
            "Merci de préciser les règles de conservation des messages : combien de temps, qui "
            "archive, et est-ce que le message fait partie du dossier médical ? Les juristes de "
            "notre hôpital se posent la question depuis deux ans sans réponse."
        ),
        (
            "La MSSanté c'est très bien entre soignants, mais pour communiquer avec les "
            "services sociaux, la MDPH ou l'Éducation nationale, rien n'est prévu. Or pour les "
            "enfants handicapés on a besoin d'échanger en sécurité avec tous ces acteurs."
        ),
        (
            "Utilisateur de la messagerie sécurisée depuis 2015, je constate de vrais progrès. "
            "L'intégration dans mon logiciel métier permet maintenant d'envoyer un courrier en "
            "deux clics. Il reste à convaincre les confrères de relever leur boîte plus d'une "
            "fois par mois."
        ),
        (
            "Un message envoyé à une mauvaise adresse sécurisée, c'est une violation de "
            "données. L'autocomplétion dans l'annuaire provoque des erreurs d'homonymie "
            "fréquentes entre confrères. Ajoutez la ville et la spécialité dans l'affichage des "
            "destinataires."
        ),
        (
            "Les hôpitaux publics envoient encore beaucoup de comptes rendus par courrier "
            "postal, avec dix jours de retard. L'envoi par messagerie sécurisée devrait être "
            "obligatoire pour tous les documents de sortie, dans les 48 heures."
        ),
        (
            "Je suis psychologue. Je n'ai pas accès à la messagerie sécurisée de santé alors "
            "que j'échange des informations très sensibles avec les psychiatres et les médecins "
            "traitants. Ouvrez-la aux psychologues, on utilise des mails ordinaires faute de "
            "mieux !"
        ),
        (
            "Pour les structures d'HAD, la messagerie doit permettre d'écrire à plusieurs "
            "intervenants d'un même patient à la fois, comme un fil de discussion d'équipe. Le "
            "modèle courriel un à un ne convient pas du tout à la coordination au domicile. Un "
            "patient en HAD, c'est souvent le médecin traitant, deux cabinets infirmiers, un "
            "kiné, le pharmacien, le prestataire de matériel et parfois l'assistante sociale. "
            "Aujourd'hui l'information circule mal, et chacun a une partie de l'histoire. Une "
            "messagerie d'équipe sécurisée, rattachée au patient et intégrée à nos logiciels, "
            "serait un vrai progrès."
        ),
        (
            "On a besoin d'une messagerie instantanée sécurisée, pas seulement d'un mail. Les "
            "soignants utilisent WhatsApp faute de mieux, c'est un fait, même dans les services "
            "hospitaliers. Proposez une alternative conforme, gratuite et agréable à utiliser."
        ),
        (
            "Le nombre de messages échangés est souvent cité comme indicateur de succès. Mais "
            "beaucoup sont des doublons (envoi sécurisé + papier + dépôt dans le dossier). "
            "Mesurez plutôt la suppression effective du courrier papier et du fax."
        ),
        (
            "Difficile de savoir quel opérateur de messagerie sécurisée choisir : offres "
            "ordinales, offres d'éditeurs, offre de l'hôpital de rattachement... Une "
            "comparaison neutre publiée par l'agence aiderait beaucoup les libéraux qui "
            "s'installent."
        ),
        (
            "Centre de santé municipal : nos médecins salariés quittent régulièrement la "
            "structure. Les messages qui arrivent ensuite sur leur boîte nominative sont perdus "
            "pour le patient. La gestion des départs et des redirections doit être prévue par "
            "les opérateurs."
        ),
        (
            "Je propose que chaque citoyen puisse recevoir une copie de tout courrier échangé à "
            "son sujet entre professionnels par messagerie sécurisée. Transparence totale, et "
            "ça éviterait de courir après les comptes rendus."
        ),
    ),
    "CYBER": (
        (
            "Notre hôpital a subi un rançongiciel en 2021. Trois semaines en mode dégradé, "
            "papier et crayon, les urgences délestées vers les établissements voisins, les "
            "résultats de biologie rendus par téléphone. Les équipes ont tenu grâce à leur "
            "engagement, mais certaines en gardent des séquelles. La doctrine doit imposer des "
            "sauvegardes hors ligne et des exercices de crise réguliers, pas seulement les "
            "recommander."
        ),
        (
            "Les crédits du programme CaRE sont bienvenus mais les petits établissements n'ont "
            "pas de RSSI. Mutualiser un responsable de la sécurité des SI à l'échelle du GHT ou "
            "de la région est la seule solution réaliste pour les hôpitaux de proximité."
        ),
        (
            "Je suis médecin en cabinet. Mon informatique est gérée par mon neveu le week-end. "
            "Qui va m'expliquer concrètement comment protéger les dossiers de mes patients "
            "contre un piratage ? Les guides officiels sont illisibles pour quelqu'un comme "
            "moi."
        ),
        (
            "Le phishing reste la porte d'entrée numéro un. Des campagnes régulières de faux "
            "mails d'hameçonnage, avec une mini formation immédiate pour ceux qui cliquent, ont "
            "divisé par trois le taux de clics chez nous en un an."
        ),
        (
            "Déclarer un incident de sécurité au CERT Santé, c'est bien, mais le retour est "
            "lent et on se sent seul face à l'attaque. Il faudrait une équipe d'intervention "
            "capable de venir sur site en 24 heures, avec des experts en réponse à incident."
        ),
        (
            "Ingénieur biomédical : les équipements tournent souvent sous Windows XP ou 7, "
            "impossibles à mettre à jour sans perdre le marquage CE. Les fabricants doivent "
            "être obligés de fournir des correctifs de sécurité pendant toute la durée de vie "
            "de l'appareil."
        ),
        (
            "La cybersécurité coûte cher et ne rapporte rien de visible. Tant que les budgets "
            "informatiques des hôpitaux resteront sous les 2 % du budget total, on bricolera. "
            "Fixez un plancher, par exemple 10 % du budget SI consacré à la sécurité."
        ),
        (
            "Les mots de passe partagés et collés sur les écrans sont une réalité dans les "
            "services de soins. Avant de parler d'architecture zéro confiance et de détection "
            "avancée, réglons l'hygiène de base. Ca ne coûte presque rien."
        ),
        (
            "Les prestataires et éditeurs qui télémaintiennent nos serveurs sont un risque "
            "majeur. Beaucoup utilisent des outils de prise en main à distance mal sécurisés, "
            "avec le même mot de passe pour tous leurs clients. La doctrine doit encadrer "
            "strictement les accès des tiers."
        ),
        (
            "La cartographie régionale de la maturité cyber est un excellent exemple normand. "
            "Il faudrait la généraliser à toutes les régions et publier des indicateurs par "
            "catégorie d'établissement, anonymisés, pour savoir où on en est vraiment."
        ),
        (
            "EHPAD : nous n'avons pas d'informaticien. Le même ordinateur sert à l'accueil, aux "
            "soins et à la comptabilité, avec un antivirus gratuit. Nous voulons de l'aide "
            "concrète, pas un questionnaire d'autodiagnostic de 80 pages."
        ),
        (
            "Le plan de continuité d'activité doit prévoir le cas où tout le système "
            "d'information est indisponible pendant un mois. Procédures papier imprimées, "
            "listes de patients à jour, annuaire téléphonique de crise. Très peu "
            "d'établissements sont prêts."
        ),
        (
            "Sensibiliser les soignants à la sécurité informatique, oui, mais sur leur temps de "
            "travail et en 15 minutes. Les modules en ligne d'une heure que personne ne termine "
            "ne servent à rien à part cocher une case dans un rapport."
        ),
        (
            "La segmentation des réseaux hospitaliers est quasi inexistante : un PC infecté à "
            "la cafétéria peut atteindre le serveur du laboratoire ou de la pharmacie. C'est "
            "pour moi la priorité technique absolue, avant tout le reste."
        ),
        (
            "Question : les exigences de la directive NIS 2 vont-elles s'appliquer à tous les "
            "établissements de santé, y compris les petites cliniques privées ? Quel "
            "calendrier, quelles sanctions, et quel accompagnement pour s'y conformer ?"
        ),
        (
            "Après l'attaque informatique de l'hôpital voisin, nos patients nous demandent si "
            "leurs données ont été volées et publiées. Il faudrait une communication nationale "
            "claire pour expliquer ce qui se passe dans ces cas-là et quels sont leurs recours."
        ),
        (
            "Les RSSI hospitaliers sont mal payés par rapport au privé et partent au bout de "
            "deux ans. Sans une grille salariale attractive pour les métiers de la cyber dans "
            "la fonction publique hospitalière, aucun plan ne tiendra dans la durée."
        ),
        (
            "Je travaille chez un éditeur. Les audits de sécurité demandés par chaque hôpital "
            "se chevauchent : cinquante questionnaires différents par an, tous un peu "
            "différents, chacun avec son tableur de trois cents lignes et ses propres "
            "définitions. Nous mobilisons une personne à temps plein uniquement pour y "
            "répondre, au lieu de corriger des vulnérabilités. Un référentiel commun et une "
            "évaluation reconnue par tous, renouvelée tous les deux ans par un tiers "
            "indépendant, nous feraient gagner un temps énorme et donneraient aux acheteurs une "
            "information plus fiable que nos auto-déclarations."
        ),
        (
            "L'authentification multifacteur sur tous les accès distants (VPN, webmail, bureaux "
            "à distance) devrait être obligatoire immédiatement. C'est peu coûteux et ça bloque "
            "la majorité des intrusions qu'on voit passer dans les bulletins d'alerte."
        ),
        (
            "Pourquoi ne pas créer une réserve cyber de la santé, avec des experts volontaires "
            "mobilisables en cas d'attaque, sur le modèle de la réserve sanitaire ? Beaucoup de "
            "professionnels du privé seraient prêts à donner quelques jours par an."
        ),
        (
            "Les exercices de crise cyber doivent impliquer la direction générale et les chefs "
            "de pôle, pas seulement la DSI. Lors de notre simulation, personne à la direction "
            "ne savait qui avait autorité pour décider de couper la connexion internet."
        ),
        (
            "Les objets connectés dans les chambres (télévisions, pompes, tablettes, capteurs) "
            "augmentent la surface d'attaque. Un inventaire exhaustif et à jour des équipements "
            "connectés au réseau devrait être une obligation pour chaque établissement."
        ),
        (
            "Il est regrettable que le chapitre sécurité parle presque uniquement des hôpitaux. "
            "Les laboratoires, les centres de radiologie et les officines sont aussi ciblés par "
            "les cybercriminels, et ils sont souvent bien moins protégés."
        ),
        (
            "Les journaux d'événements ne sont conservés que quelques jours dans notre "
            "établissement faute de stockage. En cas d'intrusion, impossible de reconstituer ce "
            "qui s'est passé. Un centre de supervision de sécurité mutualisé au niveau régional "
            "serait idéal."
        ),
        (
            "Stop aux annonces, place aux moyens. Chaque année on nous promet un plan cyber. "
            "Dans mon centre hospitalier, on attend toujours le remplacement des serveurs "
            "obsolètes et des postes qui tournent sous des systèmes plus maintenus."
        ),
        (
            "Je suggère de rendre obligatoire le partage des retours d'expérience après les "
            "incidents majeurs, de façon anonymisée, pour que les autres établissements "
            "apprennent des erreurs des uns et des autres au lieu de les répéter."
        ),
        (
            "Les comptes administrateurs du domaine sont souvent utilisés pour des tâches "
            "quotidiennes par les techniciens. Un guide pratique de durcissement de l'Active "
            "Directory adapté aux hôpitaux, avec des priorités claires, serait très utile."
        ),
        (
            "Patient : j'ai reçu un SMS frauduleux se faisant passer pour l'Assurance Maladie "
            "juste après le piratage d'un prestataire de tiers payant. Qui est responsable de "
            "cette fuite et comment être prévenu quand ses informations ont été dérobées ?"
        ),
        (
            "La sécurité ne doit pas bloquer le soin. Chez nous, le verrouillage automatique "
            "des postes au bout de 2 minutes oblige les infirmières à ressaisir leur mot de "
            "passe 50 fois par jour. Il faut trouver un équilibre avec les équipes de terrain."
        ),
        (
            "Les cliniques privées devraient bénéficier des mêmes financements pour la sécurité "
            "informatique que les établissements publics : les pirates ne font pas la "
            "différence de statut juridique quand ils chiffrent les serveurs."
        ),
    ),
    "HDS": (
        (
            "Nous sommes un éditeur SaaS. La certification HDS coûte cher et prend plus d'un an "
            "entre l'audit initial et la mise en conformité. Pour une petite start-up c'est un "
            "frein réel à l'innovation. Prévoyez un accompagnement ou un tarif adapté aux "
            "jeunes entreprises."
        ),
        (
            "Les données de santé des Français ne doivent pas être hébergées chez des "
            "fournisseurs soumis au droit américain et à son extraterritorialité. La doctrine "
            "doit exiger un cloud souverain, qualifié SecNumCloud, pour toutes les bases "
            "nationales."
        ),
        (
            "Quelle est la différence entre la certification HDS et la qualification "
            "SecNumCloud ? Les deux s'appliquent-elles en même temps ? En tant que directeur "
            "d'un petit établissement, je m'y perds complètement et mon prestataire ne sait pas "
            "me répondre."
        ),
        (
            "Le choix d'un cloud étranger pour la plateforme nationale des données de santé a "
            "choqué beaucoup de citoyens. Il faut une position claire et un calendrier de "
            "migration vers un hébergeur européen, avec des dates tenues."
        ),
        (
            "Notre GHT envisage d'externaliser une partie du DPI chez un hébergeur. La "
            "certification HDS est nécessaire mais pas suffisante : réversibilité, localisation "
            "des sauvegardes, conditions de sortie du contrat, niveau de service en cas de "
            "crise, accès des équipes de l'hébergeur aux données en clair. Chaque établissement "
            "négocie seul avec des juristes qui découvrent le sujet, face à des fournisseurs "
            "qui ont des contrats types très favorables. La doctrine devrait fournir un modèle "
            "de clauses contractuelles, validé par l'agence et par les acheteurs publics, que "
            "nous pourrions imposer dans nos marchés."
        ),
        (
            "Médecin : mon logiciel de cabinet est désormais en ligne, l'éditeur dit être "
            "certifié HDS. Comment le vérifier ? Existe-t-il une liste officielle et à jour des "
            "hébergeurs certifiés, avec le périmètre exact de leur certificat ?"
        ),
        (
            "Les datacenters consomment énormément d'énergie et d'eau. L'hébergement des "
            "données de santé doit intégrer des critères environnementaux : sobriété, "
            "efficacité énergétique, durée de conservation raisonnable des données."
        ),
        (
            "Il y a une confusion chez beaucoup de praticiens entre stocker des données sur un "
            "disque dur au cabinet et les confier à un tiers hébergeur. Une fiche pratique "
            "simple, une seule page, sur ce qui est permis ou non serait appréciée."
        ),
        (
            "Les données de santé sont un bien commun national. Je refuse qu'elles soient "
            "stockées et exploitées par des géants du numérique, même pseudonymisées, même pour "
            "de soi-disant bonnes raisons."
        ),
        (
            "Le nouveau référentiel de certification aligné sur ISO 27001 est une bonne "
            "évolution. Mais l'exigence de localisation des données dans l'Espace économique "
            "européen doit s'appliquer aussi aux accès en maintenance depuis l'étranger, sinon "
            "elle ne sert à rien."
        ),
        (
            "Hébergement sur site ou externalisé ? Pour un hôpital de taille moyenne, "
            "l'infogérance par un hébergeur certifié est souvent plus sûre que notre salle "
            "serveur vieillissante et mal climatisée. Il ne faut pas opposer les deux modèles "
            "par principe."
        ),
        (
            "Je suis patient et je voudrais savoir où sont physiquement stockées mes données. "
            "Le site de ma clinique ne le dit pas. L'information sur l'hébergeur utilisé "
            "devrait être obligatoire et facile à trouver pour tout établissement."
        ),
        (
            "Les applis de santé grand public (suivi des règles, du sommeil, du poids) "
            "collectent des données très sensibles sans être hébergées chez un prestataire "
            "certifié. Il y a là un vide juridique à combler rapidement."
        ),
        (
            "Pour la recherche, les entrepôts de données de santé hospitaliers se multiplient. "
            "Il faut des règles communes d'hébergement, de sécurité et de gouvernance, sinon "
            "chaque CHU fait à sa manière avec des niveaux de protection très variables."
        ),
        (
            "Le coût d'un hébergement certifié pour un cabinet de kinés est trop élevé. Les "
            "éditeurs répercutent la certification de leur hébergeur sur nos abonnements "
            "mensuels. Il faudrait une offre publique mutualisée pour les petits libéraux."
        ),
        (
            "Réversibilité : changer d'hébergeur est un enfer. Nous avons mis 14 mois à "
            "récupérer nos données dans un format exploitable, avec des frais de sortie énormes "
            "que personne n'avait lus dans le contrat. Imposez un format standard d'export et "
            "des délais contractuels maximum."
        ),
        (
            "L'hébergeur certifié est-il responsable en cas de fuite de données, ou "
            "l'établissement reste-t-il seul responsable du traitement ? La doctrine devrait "
            "clarifier la répartition des responsabilités entre client, infogéreur et "
            "fournisseur d'infrastructure."
        ),
        (
            "Le cloud est une vraie opportunité pour les petites structures médico-sociales qui "
            "n'ont aucune infrastructure. Mais les offres certifiées sont pensées pour les "
            "hôpitaux, pas pour un foyer de 30 places avec un budget informatique ridicule."
        ),
        (
            "Soutenir les hébergeurs français et européens passe par la commande publique. Les "
            "marchés des centrales d'achat favorisent encore les grands fournisseurs américains "
            "de cloud, au nom du prix et de la facilité."
        ),
        (
            "Sauvegarde : est-ce qu'une copie chiffrée déposée chez un prestataire non certifié "
            "constitue un hébergement de données de santé ? La réponse est attendue par "
            "beaucoup de DSI, les interprétations varient d'un auditeur à l'autre."
        ),
        (
            "La durée de conservation des dossiers (20 ans après le dernier passage) pose un "
            "vrai problème de coût de stockage. Un service d'archivage intermédiaire à bas "
            "coût, certifié, mutualisé entre établissements, serait très utile."
        ),
        (
            "Les solutions d'analyse d'images envoient souvent les données hors d'Europe pour "
            "le calcul, sur les serveurs du fabricant. Est-ce compatible avec l'obligation de "
            "recourir à un hébergeur agréé ? Les services achats ne vérifient jamais ce point."
        ),
        (
            "Très favorable au cloud de confiance. Mais les offres qualifiées sont encore "
            "rares, moins complètes et beaucoup plus chères que les offres américaines. Un "
            "calendrier progressif de migration est indispensable, sinon on bloque tous les "
            "projets."
        ),
        (
            "Les audits de certification des hébergeurs sont-ils publics ? Il serait utile de "
            "connaître le périmètre exact certifié, car certains certificats ne couvrent que "
            "l'infrastructure physique (les murs, l'électricité) et pas l'infogérance ni la "
            "sauvegarde."
        ),
        (
            "Je suis opposé à la centralisation de toutes les données de santé chez un seul "
            "hébergeur national. Un seul point d'attaque, un seul point de panne. Privilégiez "
            "des architectures réparties entre plusieurs prestataires."
        ),
        (
            "Notre laboratoire de biologie stocke dix ans de résultats sur ses propres "
            "serveurs. Passer chez un hébergeur agréé nous oblige à migrer des téraoctets de "
            "données et à revoir tout notre système. Aucune aide financière n'est prévue pour "
            "cela."
        ),
        (
            "Le chiffrement des données avec des clés détenues par l'établissement, et non par "
            "le fournisseur de cloud, devrait être la règle. C'est la seule vraie garantie de "
            "souveraineté, quelle que soit la nationalité du prestataire."
        ),
        (
            "Question d'un éditeur : pour un simple module de prise de rendez-vous en ligne qui "
            "stocke le motif de consultation, faut-il un hébergement certifié ? Le motif de rdv "
            "est-il une donnée de santé au sens du code de la santé publique ?"
        ),
        (
            "Merci de rappeler que l'hébergement certifié ne dispense pas de la sécurité "
            "applicative. Beaucoup de fuites viennent d'applications mal codées, installées "
            "dans des datacenters par ailleurs irréprochables."
        ),
        (
            "Il faudrait une carte publique des datacenters certifiés HDS en France, avec leur "
            "niveau de certification et leur bilan énergétique. Transparence pour les citoyens "
            "comme pour les acheteurs publics."
        ),
    ),
    "TELESANTE": (
        (
            "Médecin généraliste en désert médical : la téléconsultation m'aide pour les "
            "renouvellements et le rendu de résultats, mais elle ne remplacera jamais l'examen "
            "clinique. Attention aux plateformes commerciales qui font du volume sans aucun "
            "suivi des patients."
        ),
        (
            "J'ai fait une téléconsultation avec un médecin que je ne connaissais pas : 6 "
            "minutes, antibiotiques sans m'examiner, sans même regarder ma gorge. C'est ça la "
            "médecine de demain ? Je suis très déçue."
        ),
        (
            "Les cabines de téléconsultation installées dans les pharmacies et les supermarchés "
            "posent question : qui les nettoie, qui vérifie la fiabilité des appareils de "
            "mesure, qui est responsable en cas de problème ?"
        ),
        (
            "Infirmière : la téléconsultation assistée par une infirmière au domicile du "
            "patient âgé fonctionne très bien, on fait l'examen et le médecin voit ce qu'il "
            "faut. La semaine dernière, grâce à ça, une dame de 92 ans a évité un passage aux "
            "urgences pour une simple adaptation de traitement. Mais l'acte d'accompagnement "
            "est mal rémunéré au regard du temps passé à installer le matériel, à préparer le "
            "patient et à faire le lien ensuite, ce qui freine son développement dans les "
            "cabinets infirmiers."
        ),
        (
            "La télésurveillance des insuffisants cardiaques a évité plusieurs hospitalisations "
            "chez nos patients. Son entrée dans le droit commun est une vraie avancée. Il faut "
            "maintenant simplifier les démarches administratives pour les équipes qui "
            "l'organisent."
        ),
        (
            "En zone blanche, pas de connexion, pas de téléconsultation. Avant de promouvoir la "
            "médecine à distance comme solution aux déserts médicaux, assurez la fibre ou au "
            "moins une 4G correcte partout sur le territoire."
        ),
        (
            "Psychiatre : le suivi par vidéo est adapté pour certains patients stabilisés. Il "
            "permet de maintenir le lien avec ceux qui vivent loin ou ne peuvent pas se "
            "déplacer. Mais la première consultation doit rester en présentiel, c'est essentiel "
            "pour l'alliance thérapeutique."
        ),
        (
            "Quelles solutions de vidéotransmission sont autorisées pour consulter à distance ? "
            "Beaucoup de confrères utilisent des outils grand public de visioconférence. Une "
            "liste de solutions conformes et gratuites pour les libéraux serait très utile."
        ),
        (
            "La télé-expertise entre médecin généraliste et dermatologue est géniale : j'envoie "
            "une photo de la lésion, j'ai un avis en 48 h au lieu de six mois d'attente pour un "
            "rdv. Il faut l'étendre à d'autres spécialités, la cardio et l'ophtalmo notamment."
        ),
        (
            "Les personnes sourdes ou malentendantes sont exclues de la consultation vidéo sans "
            "sous-titrage ni interprète en langue des signes. Pensez à l'accessibilité dès la "
            "conception des plateformes, pas après coup !"
        ),
        (
            "Orthophoniste : le télésoin m'a permis de continuer les séances pendant le "
            "confinement. Le cadre actuel limite la part des séances à distance, c'est dommage "
            "pour les familles éloignées qui font une heure de route pour 30 minutes de "
            "rééducation."
        ),
        (
            "Je m'inquiète de la marchandisation : des sociétés privées proposent aux "
            "entreprises des abonnements de consultations vidéo illimitées pour leurs salariés. "
            "Cela fragilise le parcours coordonné avec le médecin traitant et le suivi au long "
            "cours."
        ),
        (
            "EHPAD : la téléconsultation avec le gériatre de l'hôpital évite des transferts aux "
            "urgences très éprouvants pour les résidents. Mais le matériel (chariot, caméra, "
            "stéthoscope et otoscope connectés) coûte cher et s'abîme vite."
        ),
        (
            "Le patient doit pouvoir choisir librement entre une consultation à distance et en "
            "présentiel. Certaines caisses poussent la télémédecine pour faire des économies de "
            "transport, ce n'est pas acceptable quand l'état du patient nécessite un examen."
        ),
        (
            "Dans les prisons, la téléconsultation pourrait améliorer l'accès aux spécialistes "
            "en évitant les extractions coûteuses avec escorte. Les unités sanitaires en milieu "
            "pénitentiaire sont très demandeuses de ce type d'organisation."
        ),
        (
            "Dispositifs de télésurveillance : les données des capteurs arrivent sur une "
            "plateforme différente pour chaque fabricant. Le cardiologue doit consulter cinq "
            "portails chaque matin pour suivre ses patients. Insupportable et dangereux."
        ),
        (
            "Sage-femme : le suivi à distance des grossesses à risque avec un tensiomètre "
            "connecté rassure les futures mamans et nous alerte plus tôt en cas de "
            "pré-éclampsie. Bravo pour cette évolution, il faut la financer durablement."
        ),
        (
            "Les téléconsultations de nuit et de week-end remplacent de fait la permanence des "
            "soins dans certains départements. Il faut l'assumer et l'organiser avec la "
            "régulation, au lieu de laisser faire le marché. Notre union régionale propose que "
            "les plateformes qui veulent intervenir dans ces créneaux passent une convention "
            "avec le SAMU et les médecins de garde, transmettent systématiquement le compte "
            "rendu au médecin traitant et s'engagent à orienter vers une consultation physique "
            "dès qu'un examen est nécessaire."
        ),
        (
            "En tant que patient diabétique, je transmets mes glycémies à mon endocrinologue "
            "via une application. Le suivi est bien meilleur qu'avant, on ajuste l'insuline en "
            "continu. Mais quand l'appli change de version, tout l'historique est perdu."
        ),
        (
            "La rémunération de l'acte à distance est la même qu'en cabinet, mais le temps "
            "passé à résoudre les problèmes techniques (son, image, connexion qui coupe) n'est "
            "jamais compté. Au final je perds de l'argent sur chaque téléconsult."
        ),
        (
            "Proposition : que chaque maison de santé dispose d'une salle de télémédecine "
            "équipée et partagée, avec un assistant formé, pour organiser des consultations à "
            "distance avec les spécialistes de l'hôpital de référence."
        ),
        (
            "La règle de territorialité de la téléconsultation (médecin proche du patient) est "
            "contre-productive : dans mon département, il n'y a plus aucun dermatologue ni "
            "psychiatre libéral. Laissez-nous consulter des praticiens d'autres régions."
        ),
        (
            "Réglementairement, qui est responsable d'une erreur de diagnostic à distance si "
            "l'image était de mauvaise qualité ou le son coupé ? La question médico-légale de "
            "la télémédecine n'est pas traitée dans le document."
        ),
        (
            "Le télésoin pour les pharmaciens (bilan partagé de médication par vidéo) est une "
            "bonne idée mais très peu connu. Une communication ciblée vers les patients "
            "chroniques et les aidants serait utile pour le faire décoller."
        ),
        (
            "Ma fille étudiante a consulté par vidéo pour une angine depuis sa résidence "
            "universitaire, un dimanche. Rapide, efficace, remboursé. Pour les petits problèmes "
            "du quotidien, la téléconsultation c'est parfait, je ne comprends pas les "
            "critiques."
        ),
        (
            "L'hôpital devrait proposer systématiquement des consultations de suivi "
            "post-opératoire à distance. Cela éviterait aux patients de faire 150 km "
            "aller-retour pour cinq minutes de contrôle de cicatrice."
        ),
        (
            "La téléréadaptation cardiaque ou respiratoire à domicile devrait être développée. "
            "Les centres de rééducation sont saturés et beaucoup de patients abandonnent leur "
            "programme à cause des trajets."
        ),
        (
            "Il faut évaluer la qualité des actes de télémédecine avec de vrais indicateurs : "
            "taux de reconsultation, hospitalisations évitables, satisfaction des patients. "
            "Sans évaluation, on ne saura jamais si ça marche ou si c'est juste pratique."
        ),
        (
            "Les centres de régulation du SAMU utilisent la vidéo envoyée depuis le smartphone "
            "de l'appelant pour évaluer la gravité. C'est une forme de télémédecine d'urgence "
            "très efficace qu'il faudrait déployer dans tous les départements."
        ),
        (
            "Attention à la fracture numérique : les patients qui ont le plus besoin de soins "
            "sont souvent ceux qui ont le moins accès à un ordinateur avec caméra et une bonne "
            "connexion. La consultation à distance ne doit pas creuser les inégalités de santé."
        ),
    ),
    "EPRESC": (
        (
            "Médecin : la e-prescription est un progrès, mais le QR code imprimé sur "
            "l'ordonnance n'est pas toujours lu par les pharmacies. On imprime donc toujours du "
            "papier. Quand aura-t-on une ordonnance 100 % dématérialisée, sans feuille du tout "
            "?"
        ),
        (
            "Pharmacien : l'ordonnance numérique va enfin nous permettre de vérifier "
            "l'authenticité des prescriptions. Les fausses ordonnances de stupéfiants et de "
            "médicaments coûteux sont un vrai fléau au comptoir, c'est une excellente nouvelle."
        ),
        (
            "Comment fait un patient qui va dans une pharmacie différente de d'habitude ? "
            "L'ordonnance dématérialisée est-elle accessible partout en France, y compris en "
            "vacances ou dans une officine de garde la nuit ?"
        ),
        (
            "Éditeur de logiciel médical : l'intégration de la prescription électronique "
            "nécessite d'appeler le téléservice de l'Assurance Maladie à chaque ordonnance. En "
            "cas de panne du service, le médecin doit pouvoir prescrire quand même, avec une "
            "synchronisation différée. Nous demandons aussi un environnement de test disponible "
            "en permanence, des messages d'erreur compréhensibles et un délai d'au moins six "
            "mois entre la publication d'une nouvelle version du cahier des charges et son "
            "caractère obligatoire pour nos clients."
        ),
        (
            "Infirmière libérale : les prescriptions d'actes infirmiers doivent aussi être "
            "numériques. On reçoit encore des ordonnances manuscrites illisibles pour des "
            "pansements complexes, et la caisse nous rejette le remboursement pour un détail de "
            "rédaction."
        ),
        (
            "La prescription électronique des médicaments devrait inclure l'indication, c'est à "
            "dire le motif du traitement. Cela permettrait aux pharmaciens de mieux conseiller "
            "les patients et de détecter les erreurs de posologie."
        ),
        (
            "Patient : j'ai perdu mon ordonnance papier et mon médecin était en congés. Avec "
            "l'ordonnance numérique, la pharmacie aurait pu retrouver ma prescription dans le "
            "système. Vivement la généralisation pour tout le monde."
        ),
        (
            "L'obligation de prescrire électroniquement d'ici fin 2024 est trop rapide. Les "
            "médecins âgés qui rédigent encore à la main vont arrêter leur activité plutôt que "
            "de s'équiper d'un logiciel, et ce sont souvent les derniers dans les villages."
        ),
        (
            "Kiné : les prescriptions de kinésithérapie dématérialisées simplifieraient "
            "énormément la facturation. On passe un temps fou à scanner les ordonnances papier "
            "pour la CPAM et à les conserver."
        ),
        (
            "Il faut que les bases de données sur les médicaments utilisées par les logiciels "
            "d'aide à la prescription soient gratuites et publiques. Une base officielle unique "
            "éviterait les différences d'alertes d'un éditeur à l'autre."
        ),
        (
            "Le pharmacien doit pouvoir indiquer dans l'ordonnance numérique ce qui a été "
            "réellement délivré (substitution par un générique, quantité, fractionnement). Le "
            "médecin aurait ainsi un retour complet sur ce que prend vraiment son patient."
        ),
        (
            "Les ordonnances de dispositifs médicaux (fauteuils roulants, lits médicalisés, "
            "oxygène) sont oubliées. Les prestataires de santé à domicile attendent aussi la "
            "dématérialisation, ils gèrent des montagnes de papier."
        ),
        (
            "Hôpital : les prescriptions de sortie faites par les internes ne sont pas toujours "
            "compatibles avec le format de l'ordonnance de ville. Le pharmacien d'officine doit "
            "alors rappeler le service pour comprendre, et le patient attend au comptoir."
        ),
        (
            "Les médicaments à prescription restreinte (médicaments d'exception, stupéfiants, "
            "biothérapies) ont des formulaires spéciaux. Il faut les intégrer dans la "
            "prescription électronique, sinon on garde deux circuits parallèles et des erreurs."
        ),
        (
            "Je suis favorable à l'ordonnance électronique, mais il faut que le patient puisse "
            "voir ses prescriptions sur son téléphone, pas seulement les soignants. C'est quand "
            "même son traitement à lui !"
        ),
        (
            "Biologiste : les prescriptions d'analyses dématérialisées éviteraient les erreurs "
            "de saisie au laboratoire. Aujourd'hui nos secrétaires retapent chaque bon d'examen "
            "à la main, avec les fautes que ça implique."
        ),
        (
            "Question : une ordonnance numérique pourra-t-elle être renouvelée par le "
            "pharmacien dans le cadre d'un traitement chronique sans nouveau passage chez le "
            "médecin ? Et comment sera tracé ce renouvellement ?"
        ),
        (
            "Les logiciels d'aide à la prescription certifiés devraient alerter sur les "
            "interactions, mais beaucoup d'alertes sont inutiles ou hors sujet. Les médecins "
            "finissent par tout ignorer. Améliorez la pertinence des alertes avant d'en "
            "ajouter."
        ),
        (
            "Les fraudes aux ordonnances (médicaments coûteux revendus à l'étranger) coûtent "
            "des millions à l'Assurance Maladie. La dématérialisation avec une traçabilité "
            "complète, de la prescription à la délivrance, est la meilleure réponse."
        ),
        (
            "La mention non substituable doit être gérée automatiquement par le logiciel, avec "
            "le motif codé. Aujourd'hui c'est source de conflits entre prescripteurs et "
            "pharmaciens, et de tensions avec les patients qui ne comprennent pas pourquoi on "
            "leur refuse leur médicament habituel. Au comptoir, nous passons des coups de fil "
            "pour faire préciser une mention manuscrite illisible. Avec une ordonnance "
            "numérique structurée, le motif serait transmis clairement et contrôlé, et les "
            "désaccords deviendraient rares."
        ),
        (
            "Pour les résidents en EHPAD, le circuit du médicament doit être entièrement "
            "informatisé, de la prescription jusqu'à l'administration. La préparation des doses "
            "à administrer par les officines gagnerait en sécurité."
        ),
        (
            "Un retraité : je ne veux pas que mon ordonnance soit seulement sur internet. "
            "Gardez toujours la possibilité d'avoir une feuille papier, je ne sais pas me "
            "servir d'un smartphone et ma pharmacienne me connaît."
        ),
        (
            "La prescription électronique des médicaments se déploie, mais celle des transports "
            "sanitaires (taxis conventionnés, VSL, ambulances) est encore papier. C'est "
            "pourtant un gros poste de dépenses et de fraudes."
        ),
        (
            "Le dossier pharmaceutique et l'ordonnance numérique doivent être fusionnés ou au "
            "moins connectés. Deux systèmes parallèles qui ne se parlent pas, chez les mêmes "
            "pharmaciens, c'est absurde."
        ),
        (
            "Les chirurgiens-dentistes prescrivent aussi des antibiotiques et des antalgiques. "
            "Leurs logiciels sont-ils inclus dans le calendrier de déploiement de la "
            "prescription électronique ? Aucune information de notre côté."
        ),
        (
            "Je propose que le patient puisse transmettre son ordonnance dématérialisée à "
            "l'avance à sa pharmacie, pour que les médicaments soient préparés avant son "
            "arrivée. Gain de temps pour tout le monde, surtout en période d'épidémie."
        ),
        (
            "Les sages-femmes prescrivent contraception, vaccins et examens de suivi de "
            "grossesse. L'accès au service de prescription dématérialisée doit leur être ouvert "
            "dès maintenant, pas dans une deuxième vague, et leurs logiciels doivent être "
            "financés au même titre que ceux des médecins."
        ),
        (
            "L'ordonnance électronique permettra de connaître précisément ce qui est prescrit "
            "et non délivré. Ces données sont précieuses pour la santé publique, l'observance "
            "et la lutte contre le mésusage des médicaments."
        ),
        (
            "Pour les téléconsultations, l'ordonnance envoyée par mail en PDF n'est pas "
            "sécurisée et facile à falsifier. La prescription électronique avec identifiant "
            "unique règle enfin ce problème, à condition que les plateformes l'intègrent."
        ),
        (
            "Les pharmacies en ligne et la livraison à domicile vont se développer avec "
            "l'ordonnance dématérialisée. Quelles garanties pour la sécurité de la délivrance "
            "et pour le conseil pharmaceutique au patient ?"
        ),
    ),
    "ETHIQUE": (
        (
            "L'intelligence artificielle en santé doit rester une aide à la décision. Le "
            "médecin doit toujours garder la main, pouvoir contredire l'algorithme et expliquer "
            "sa décision au patient avec ses propres mots."
        ),
        (
            "Qui est responsable si un algorithme de diagnostic se trompe ? Le fabricant, "
            "l'hôpital qui l'a acheté, le médecin qui a suivi sa recommandation ? Le cadre "
            "juridique doit être clarifié avant tout déploiement à grande échelle."
        ),
        (
            "Les algorithmes entraînés sur des données de patients nord-américains ne sont pas "
            "forcément adaptés à la population française. Il faut exiger une validation "
            "clinique sur des données locales avant la mise sur le marché."
        ),
        (
            "La cellule éthique du numérique en santé fait un travail utile et les premiers "
            "pilotes sont encourageants. Mais ses recommandations doivent devenir "
            "contraignantes, sinon elles resteront des voeux pieux que personne n'applique."
        ),
        (
            "Je suis patiente, je voudrais savoir quand une IA a été utilisée dans ma prise en "
            "charge, pour lire ma radio ou proposer un traitement. Droit à l'information, et "
            "droit de refuser si je préfère un humain."
        ),
        (
            "Les biais des algorithmes selon le sexe, l'origine ou l'âge sont bien documentés "
            "dans la littérature. Un audit indépendant et régulier des solutions d'IA utilisées "
            "dans les hôpitaux devrait être obligatoire."
        ),
        (
            "Le numérique en santé a un coût environnemental : serveurs, terminaux renouvelés "
            "tous les trois ans, données stockées indéfiniment. L'écoconception des services "
            "numériques doit faire partie de la doctrine, avec des exigences mesurables."
        ),
        (
            "Radiologue : l'IA de détection des nodules pulmonaires nous fait gagner du temps, "
            "mais elle génère des faux positifs qui angoissent les patients et entraînent des "
            "examens inutiles. Il faut l'utiliser avec discernement."
        ),
        (
            "L'éthique ne doit pas devenir un frein à l'innovation. Les start-up françaises "
            "d'IA médicale perdent des mois face aux concurrents américains et chinois à cause "
            "de procédures trop lourdes et de comités qui se contredisent."
        ),
        (
            "Les grandes entreprises du numérique veulent nos dossiers médicaux pour entraîner "
            "leurs modèles. La santé n'est pas un marché comme les autres. Je demande un "
            "moratoire sur l'utilisation commerciale des données de santé par l'intelligence "
            "artificielle."
        ),
        (
            "Les chatbots de santé qui répondent aux patients doivent être clairement présentés "
            "comme des machines et validés médicalement. On a déjà vu des réponses dangereuses "
            "sur des dosages de médicaments."
        ),
        (
            "Le consentement éclairé n'a aucun sens quand on coche une case en bas de 30 pages "
            "de conditions générales. Simplifiez : une page, des mots simples, des choix "
            "séparés pour chaque usage des données."
        ),
        (
            "Sobriété numérique : est-il vraiment nécessaire de conserver toutes les images "
            "médicales en haute définition pendant des décennies ? Une politique de "
            "conservation raisonnée réduirait l'empreinte carbone du système de santé."
        ),
        (
            "La fracture numérique est aussi une question éthique : un système de santé qui "
            "devient numérique par défaut exclut une partie de la population. Le droit à une "
            "alternative humaine, au guichet ou au téléphone, doit être inscrit noir sur blanc."
        ),
        (
            "Les IA génératives sont déjà utilisées par des médecins pour rédiger leurs "
            "courriers ou résumer des dossiers. Quelles règles ? Les données des patients "
            "peuvent-elles être copiées dans ces outils hébergés on ne sait où ?"
        ),
        (
            "Éthique dès la conception : chaque nouveau service numérique en santé devrait "
            "passer une grille d'évaluation éthique avant son lancement, comme on fait une "
            "analyse d'impact pour le RGPD. Et cette évaluation devrait être publiée."
        ),
        (
            "Médecin : je crains la déshumanisation du soin. Un patient qui parle à un écran "
            "n'a pas la même relation de confiance. L'outil doit libérer du temps pour la "
            "relation humaine, pas la remplacer pour faire des économies."
        ),
        (
            "Les algorithmes de tri aux urgences ou d'attribution des greffons doivent être "
            "publics et explicables. Une décision qui touche à la vie ne peut pas sortir d'une "
            "boîte noire dont personne ne connaît les règles."
        ),
        (
            "Le matériel informatique réformé des hôpitaux pourrait être reconditionné et donné "
            "aux associations plutôt que détruit. Économie circulaire et réduction de la "
            "fracture numérique en même temps, c'est du bon sens."
        ),
        (
            "Chercheur : pour développer des modèles d'apprentissage automatique utiles, un "
            "accès facilité aux bases médico-administratives est indispensable. Les délais "
            "d'autorisation actuels, souvent plus d'un an, découragent les équipes publiques."
        ),
        (
            "L'IA pourrait aider au dépistage de la rétinopathie diabétique dans les "
            "territoires sans ophtalmologiste. C'est un cas d'usage concret, déjà évalué, qui "
            "éviterait beaucoup de cécités. Pourquoi ne pas commencer par là ?"
        ),
        (
            "Attention aux applications qui prétendent détecter la dépression à partir de la "
            "voix ou de l'usage du téléphone. C'est scientifiquement fragile et éthiquement "
            "très discutable, surtout si les résultats sont partagés avec l'employeur."
        ),
        (
            "Les soignants doivent être formés aux bases de l'intelligence artificielle pour "
            "savoir en évaluer les limites et les biais. Ce n'est pas du tout enseigné à la fac "
            "aujourd'hui, et on nous vend des outils miracles."
        ),
        (
            "Marquage CE des logiciels d'IA : le processus est long et les organismes notifiés "
            "sont saturés. Résultat, des outils non évalués circulent sous couvert de projets "
            "de recherche, sans aucun contrôle de leurs performances réelles."
        ),
        (
            "Je suis favorable à l'utilisation de mes données pour la recherche et "
            "l'entraînement d'algorithmes, à condition que cela serve l'intérêt général et que "
            "les résultats soient publiés en accès libre, pas revendus."
        ),
        (
            "Il faudrait mesurer et publier l'empreinte carbone de chaque grand service "
            "numérique national de santé. Ce qu'on ne mesure pas, on ne le réduit pas. Le "
            "groupe de travail développement durable devrait s'en charger."
        ),
        (
            "Les comités d'éthique hospitaliers ne sont pas équipés pour évaluer des projets "
            "d'IA. Il faut des compétences mixtes : juristes, informaticiens, data scientists, "
            "soignants, représentants des patients, et du temps pour travailler. Dans notre "
            "CHU, le comité se réunit quatre fois par an et a reçu l'an dernier une dizaine de "
            "projets d'algorithmes sans pouvoir en évaluer sérieusement aucun. Une instance "
            "régionale mutualisée, avec une méthode commune d'analyse des risques, serait plus "
            "réaliste que de demander à chaque établissement de tout inventer."
        ),
        (
            "Les usagers doivent être associés à la conception des outils numériques dès le "
            "départ, pas seulement consultés à la fin quand tout est décidé. Les ateliers "
            "citoyens sont un bon début, il faut les multiplier."
        ),
        (
            "Un algorithme de prédiction des réhospitalisations utilisé pour prioriser les "
            "patients pourrait défavoriser les plus précaires, moins bien documentés dans les "
            "données. Une surveillance continue des effets réels est indispensable."
        ),
        (
            "Principe de garantie humaine : toute décision médicale assistée par un algorithme "
            "doit pouvoir être revue par un professionnel sur simple demande du patient. À "
            "inscrire dans la loi, pas dans une charte."
        ),
    ),
    "FORMATION": (
        (
            "Le numérique en santé n'est quasiment pas enseigné en IFSI. Les nouvelles "
            "infirmières découvrent le dossier de soins informatisé le premier jour de stage, "
            "sans aucune préparation. Il faut un module obligatoire dès la première année."
        ),
        (
            "Directeur d'EHPAD : le programme ESMS numérique nous a permis de financer un "
            "dossier usager informatisé. Mais la formation des équipes, avec le turnover "
            "actuel, est à refaire tous les six mois et personne ne la finance."
        ),
        (
            "Les webinaires sur les évolutions des logiciels métiers sont une bonne chose, mais "
            "à 13h les libéraux sont en consultation. Proposez des replays courts et des "
            "créneaux le soir, ou le samedi matin."
        ),
        (
            "Dans le secteur du handicap, nos éducateurs n'ont jamais été formés à "
            "l'informatique. Le passage au dossier numérique a provoqué beaucoup d'anxiété et "
            "quelques arrêts maladie. L'accompagnement humain sur place est indispensable."
        ),
        (
            "Les référents numériques dans les établissements jouent un rôle clé. Il faut les "
            "reconnaître, leur donner du temps dédié et une formation certifiante, pas les "
            "charger de cette mission en plus de leur travail habituel."
        ),
        (
            "Médecin : on nous demande d'utiliser toujours plus d'outils numériques sans jamais "
            "nous former. Une demi-journée de formation indemnisée par an, sur nos vrais "
            "logiciels, c'est vraiment le minimum."
        ),
        (
            "Les étudiants en médecine devraient avoir un enseignement obligatoire sur la "
            "e-santé : télémédecine, sécurité, données, IA. Le nouveau référentiel de "
            "compétences numériques va dans le bon sens, il faut l'appliquer dans toutes les "
            "facs."
        ),
        (
            "Service d'aide à domicile : nos auxiliaires de vie utilisent leur téléphone perso "
            "pour la télégestion des interventions. Nous n'avons pas les moyens de les équiper "
            "ni de les former. Le secteur du domicile a besoin d'un vrai plan."
        ),
        (
            "Les financements Ségur pour le médico-social sont arrivés mais les éditeurs de ce "
            "secteur sont peu nombreux et débordés. Les projets prennent des mois de retard et "
            "les structures s'épuisent à relancer. Notre fédération regroupe quatre-vingts "
            "associations gestionnaires : la moitié n'a pas encore pu démarrer faute de "
            "disponibilité de l'éditeur retenu, alors que les échéances de financement "
            "approchent. Il faudrait un accompagnement régional des appels à projets, une "
            "souplesse sur les calendriers et une vigilance sur les pratiques commerciales des "
            "fournisseurs."
        ),
        (
            "Conseillère numérique en France services : nous aidons beaucoup de personnes âgées "
            "pour leurs démarches de santé en ligne. Il nous faudrait des supports pédagogiques "
            "officiels, adaptés et imprimables, et une formation de notre côté aussi."
        ),
        (
            "Pharmacienne titulaire : former mes préparateurs aux nouveaux services numériques "
            "prend du temps qui n'est pas rémunéré. Un financement de la formation continue des "
            "équipes officinales serait juste."
        ),
        (
            "Le DPC propose très peu de formations sur le numérique, et elles sont souvent "
            "théoriques. Plus de cas pratiques sur nos vrais logiciels svp, avec des formateurs "
            "qui connaissent le terrain et pas des diaporamas."
        ),
        (
            "Les aides-soignants sont les premiers utilisateurs du dossier de soins mais les "
            "derniers formés. Il faut inverser la logique : commencer par ceux qui saisissent "
            "le plus, et adapter les sessions à leurs horaires en 12h."
        ),
        (
            "Je suis cadre de santé. La résistance au changement n'est pas de la mauvaise "
            "volonté : les outils sont mal conçus et personne ne vient expliquer pourquoi on "
            "change. Dans mon service, on a remplacé en une nuit le classeur de transmissions "
            "par un écran qui demande huit clics pour noter une glycémie. Les infirmières ont "
            "repris des feuilles volantes en parallèle, évidemment. Associez les équipes dès le "
            "départ du projet, pas le jour du déploiement, et prévoyez des référents de "
            "proximité disponibles pendant les premières semaines."
        ),
        (
            "ESAT et foyers d'hébergement : nos structures n'ont ni informaticien ni budget. "
            "L'appel à projets ESMS numérique est trop complexe à monter pour une petite "
            "association gestionnaire. Aidez-nous à candidater, avec un vrai appui "
            "méthodologique."
        ),
        (
            "Les maisons de santé pluriprofessionnelles ont besoin d'un coordinateur formé au "
            "numérique. Ce métier émergent doit être reconnu, financé durablement et doté d'une "
            "formation qualifiante."
        ),
        (
            "Proposition : un tutorat entre pairs. Un médecin à l'aise avec le numérique "
            "accompagne trois confrères pendant trois mois, dans leur cabinet. C'est bien plus "
            "efficace que n'importe quel module en ligne."
        ),
        (
            "Le virage numérique du médico-social doit respecter les spécificités du secteur : "
            "le projet de vie de la personne accompagnée n'est pas un dossier médical. Les "
            "outils conçus pour l'hôpital ne conviennent pas aux foyers et aux services "
            "d'accompagnement."
        ),
        (
            "Les organismes de formation continue manquent de formateurs compétents sur le "
            "numérique en santé. Former les formateurs devrait être la toute première étape du "
            "plan, avant de lancer des catalogues de sessions."
        ),
        (
            "Infirmière en psychiatrie : nous avons reçu 2 heures de formation pour un nouveau "
            "logiciel de 300 écrans. Résultat : erreurs, stress, heures supplémentaires. "
            "Franchement c'est de la maltraitance institutionnelle envers les soignants."
        ),
        (
            "Pour les personnes handicapées, les services numériques doivent être accessibles. "
            "Nos résidents malvoyants ne peuvent pas utiliser les applis actuelles, et nos "
            "équipes ne sont pas formées pour les accompagner dans ces usages."
        ),
        (
            "Dans les SSIAD, l'accompagnement au changement a été financé mais s'est arrêté au "
            "jour du déploiement. Six mois après, plus personne pour répondre aux questions des "
            "équipes. Il faut un suivi dans la durée, au moins un an."
        ),
        (
            "Les ARS devraient publier un annuaire des ressources d'accompagnement au numérique "
            "par territoire : qui contacter, quelles formations existent, quels financements "
            "sont mobilisables. Aujourd'hui c'est un labyrinthe."
        ),
        (
            "Je suis formatrice en institut de formation d'aides-soignants. Le référentiel de "
            "compétences numériques arrive, mais sans moyens pour équiper les instituts en "
            "salles informatiques et en logiciels pédagogiques réalistes."
        ),
        (
            "Le programme SUN-ES a bien accompagné les hôpitaux de notre région. Le même effort "
            "doit être fait pour les professionnels libéraux, qui sont seuls face à leurs "
            "éditeurs et aux évolutions imposées."
        ),
        (
            "Mettre en place une assistance nationale pour les professionnels de santé sur les "
            "outils numériques, avec des humains qui connaissent le terrain et répondent "
            "rapidement, serait une aide précieuse pour tout le monde."
        ),
        (
            "Les travailleurs sociaux doivent être formés à la protection des données "
            "personnelles. Dans les services de l'aide sociale à l'enfance, des informations "
            "très sensibles circulent encore par mail non sécurisé, par méconnaissance des "
            "règles."
        ),
        (
            "Les professionnels qui ne se forment pas au numérique devraient-ils perdre des "
            "droits ou des financements ? Non. L'obligation sans accompagnement est "
            "contre-productive et décourage les plus fragiles."
        ),
        (
            "EHPAD de campagne : notre IDEC passe ses soirées sur des tutos vidéo pour "
            "comprendre les nouveaux outils. Des formations sur site, en petit groupe, pendant "
            "le temps de travail seraient bien plus efficaces."
        ),
        (
            "Le numérique devrait faire partie de l'évaluation des établissements "
            "médico-sociaux, mais avec un accompagnement préalable et des moyens. Sinon les "
            "petites structures rurales seront pénalisées et découragées."
        ),
    ),
}

CONTRIBUTIONS: list[tuple[str, str]] = [
    (code, text) for code, texts in _TEXTS.items() for text in texts
]


def _at(code: str, rank: int) -> int:
    """The index in CONTRIBUTIONS of the rank-th contribution of a topic."""
    if not 0 <= rank < len(_TEXTS[code]):
        raise IndexError(f"{code} has no contribution {rank}")
    codes = list(_TEXTS)
    return sum(len(_TEXTS[c]) for c in codes[: codes.index(code)]) + rank


def expected_labels() -> list[str]:
    """The expected theme of each contribution, in CONTRIBUTIONS order: its topic code."""
    return [code for code, _ in CONTRIBUTIONS]


NEAR_DUPLICATES: list[tuple[int, str]] = [
    (
        _at("INTEROP", 2),
        "L'INS qualifiée est indispensable, mais l'appel au téléservice INSi depuis notre GAM "
        "reste très fragile : homonymies, prénoms composés, personnes nées à l'étranger. Nos "
        "agents des admissions perdent un temps considérable sur les identités douteuses. La "
        "doctrine devrait prévoir une procédure de repli claire lorsque le téléservice ne "
        "répond pas.",
    ),
    (
        _at("IDENTITE", 6),
        "J'ai perdu mon téléphone, donc plus d'e-CPS, donc plus accès à rien pendant 4 jours le "
        "temps de réactiver mon compte. Inadmissible pour un outil pro dont dépend la "
        "continuité des soins. Il faut une procédure de secours en ligne, rapide et disponible "
        "aussi le week-end.",
    ),
    (
        _at("MES", 2),
        "Ma mère de 87 ans a reçu un courrier pour activer son espace santé. Elle n'a ni "
        "ordinateur ni smartphone et elle vit seule. Qui va l'aider ? Les fameux ambassadeurs "
        "dont parle le communiqué, personne ne les a jamais vus dans notre village.",
    ),
    (
        _at("CYBER", 10),
        "EHPAD : nous n'avons aucun informaticien. Le même ordinateur sert à l'accueil, aux "
        "soins et à la compta, avec un antivirus gratuit. Nous voulons de l'aide concrète, pas "
        "un questionnaire d'autodiagnostic de 80 pages !",
    ),
    (
        _at("TELESANTE", 1),
        "J'ai fait une téléconsultation avec un médecin que je ne connaissais pas : six "
        "minutes, des antibiotiques sans m'examiner, sans même regarder ma gorge. C'est "
        "vraiment ça la médecine de demain ? Très déçue.",
    ),
    (
        _at("EPRESC", 0),
        "Médecin : la e-prescription est un progrès, mais le QR code imprimé sur l'ordonnance "
        "n'est pas toujours lu par les officines. On imprime donc encore du papier. Quand "
        "aura-t-on enfin une ordonnance 100 % dématérialisée, sans aucune feuille ?",
    ),
    (
        _at("FORMATION", 0),
        "Le numérique en santé n'est quasiment pas enseigné en IFSI. Les nouvelles infirmières "
        "découvrent le dossier de soins informatisé le premier jour de leur stage, sans aucune "
        "préparation. Un module obligatoire dès la première année est nécessaire.",
    ),
    (
        _at("MSSANTE", 13),
        "Le fax reste l'outil le plus fiable de mon cabinet, il marche toujours, lui. Avant de "
        "le supprimer, assurez-vous que l'alternative par mail sécurisé fonctionne à 100 %. "
        "Pour l'instant ce n'est pas du tout le cas, j'ai déjà perdu des courriers.",
    ),
    (
        _at("INTEROP", 0),
        "Éditeur de logiciel médical, nous soutenons la migration vers les ressources FHIR du "
        "cadre d'interopérabilité, mais le rythme imposé n'est pas tenable. Chaque nouvelle "
        "version des spécifications remet en cause le travail précédent et nos développeurs "
        "passent leur temps à relire les guides au lieu de coder. Stabilisez les versions "
        "pendant un an et demi avant de les rendre obligatoires.",
    ),
    (
        _at("IDENTITE", 0),
        "Généraliste installé en zone de montagne : quand le réseau mobile est mauvais, la "
        "carte CPS dématérialisée sur le téléphone ne fonctionne pas et je n'ai plus accès aux "
        "services en ligne de la caisse. Il faut impérativement conserver la possibilité de "
        "s'authentifier avec la carte à puce et son lecteur.",
    ),
    (
        _at("MES", 0),
        "Cela fait un an que mon espace santé est activé et il ne contient toujours rien : ni "
        "mon médecin traitant ni mon cardiologue n'y ont mis le moindre document. Un dossier "
        "médical en ligne qui reste vide ne sert à rien si les soignants ne le remplissent pas.",
    ),
    (
        _at("MSSANTE", 2),
        "Impossible de retrouver facilement l'adresse de messagerie sécurisée d'un collègue : "
        "l'annuaire est rempli d'erreurs et de nombreux spécialistes ne sont pas équipés. "
        "Résultat, on revient au fax ou on confie la lettre au patient, exactement comme il y a "
        "vingt ans.",
    ),
    (
        _at("CYBER", 0),
        "Après la cyberattaque qui a paralysé notre centre hospitalier il y a deux ans, nous "
        "avons fonctionné trois semaines sur papier, avec des patients des urgences transférés "
        "ailleurs. De simples recommandations ne suffisent pas : il faut rendre obligatoires "
        "les sauvegardes déconnectées et les exercices de crise périodiques.",
    ),
    (
        _at("HDS", 1),
        "Il est inacceptable que les données médicales des citoyens français soient confiées à "
        "des entreprises soumises aux lois américaines, qui peuvent exiger l'accès aux données "
        "hors de leur territoire. La doctrine doit imposer un hébergement souverain, qualifié "
        "SecNumCloud, pour l'ensemble des bases nationales.",
    ),
    (
        _at("ETHIQUE", 1),
        "Si un logiciel d'aide au diagnostic commet une erreur, qui en porte la responsabilité "
        ": l'industriel qui l'a conçu, l'établissement qui l'a déployé ou le praticien qui a "
        "suivi son avis ? Il faut clarifier ce point juridique avant de généraliser ces outils.",
    ),
]

HARD_NEGATIVES: list[tuple[int, str]] = [
    (
        _at("INTEROP", 0),
        "Nous sommes éditeur d'un logiciel de gestion de cabinet et le passage aux profils FHIR "
        "du CI-SIS s'est très bien passé chez nous. Nous demandons au contraire d'accélérer : "
        "les nouvelles versions du cadre devraient être rendues obligatoires plus vite, car les "
        "éditeurs qui traînent bloquent les échanges de tout le monde.",
    ),
    (
        _at("INTEROP", 2),
        "L'INS qualifiée fonctionne parfaitement dans notre établissement : l'appel au "
        "téléservice INSi depuis la GAM est stable depuis six mois. Ce qui nous manque, ce sont "
        "des affiches et des explications pour les patients, qui s'étonnent qu'on leur demande "
        "systématiquement une pièce d'identité aux admissions.",
    ),
    (
        _at("IDENTITE", 0),
        "Médecin généraliste en montagne moi aussi, mais l'e-CPS sur smartphone a été pour moi "
        "une libération : en visite à domicile je n'ai plus besoin de transporter le lecteur de "
        "carte, et je me connecte aux téléservices depuis le salon du patient. Ne revenez "
        "surtout pas en arrière.",
    ),
    (
        _at("IDENTITE", 1),
        "Pro Santé Connect offre un seul compte pour tous les services en ligne, c'est "
        "pratique, mais c'est aussi un seul compte à pirater pour accéder à tout. Je demande "
        "qu'un audit de sécurité indépendant du fournisseur d'identité soit publié chaque "
        "année.",
    ),
    (
        _at("MES", 0),
        "J'ai ouvert Mon espace santé l'an dernier et mon dossier médical est bien rempli, mon "
        "généraliste et le cardiologue y déposent tout. Ce qui me manque, c'est de pouvoir "
        "partager un document précis avec mon kiné, qui n'a pas accès au dossier.",
    ),
    (
        _at("MES", 2),
        "Ma mère de 87 ans utilise son espace santé sur la tablette que ses petits-enfants lui "
        "ont offerte, et elle en est ravie. Seul problème : les caractères sont trop petits et "
        "on ne peut pas agrandir le texte des documents. Pensez aux personnes qui voient mal.",
    ),
    (
        _at("MSSANTE", 0),
        "L'interface webmail de notre opérateur de messagerie sécurisée de santé est très "
        "correcte, avec recherche et dossiers. Notre difficulté est ailleurs : les secrétaires "
        "n'ont pas le droit d'ouvrir la boîte du médecin, donc les courriers s'accumulent quand "
        "il est en congés.",
    ),
    (
        _at("CYBER", 0),
        "Notre hôpital a subi un rançongiciel en 2021. Les sauvegardes hors ligne nous ont "
        "permis de redémarrer, ce n'est pas le sujet. Le problème, c'est que la presse a appris "
        "l'attaque avant nos propres patients : il faut un protocole de communication de crise "
        "prêt à l'emploi.",
    ),
    (
        _at("CYBER", 3),
        "Les faux mails d'hameçonnage envoyés par notre DSI pour nous tester sont vécus comme "
        "du flicage. Les collègues qui cliquent se sentent humiliés. Je préfère de loin des "
        "formations collectives bienveillantes sur les arnaques, avec des exemples réels.",
    ),
    (
        _at("HDS", 0),
        "Nous sommes un éditeur SaaS certifié HDS depuis 2019. La certification a coûté cher "
        "mais elle nous a aidés à rassurer les hôpitaux et à vendre. Surtout ne l'allégez pas "
        "pour les start-up : la confiance des patients vaut bien cet effort.",
    ),
    (
        _at("TELESANTE", 0),
        "Médecin généraliste en désert médical, je refuse la téléconsultation pour mes propres "
        "patients : ils sont âgés, mal équipés et viennent aussi pour parler. En revanche la "
        "télé-expertise avec l'hôpital me rend service toutes les semaines.",
    ),
    (
        _at("TELESANTE", 8),
        "Dermatologue : la télé-expertise, j'en reçois maintenant trente demandes par semaine, "
        "souvent avec des photos floues et sans antécédents. Le temps de réponse n'est pas "
        "correctement rémunéré et certaines demandes auraient dû être des consultations "
        "classiques.",
    ),
    (
        _at("EPRESC", 1),
        "Pharmacien : l'ordonnance numérique est utile, mais elle ne nous dit toujours pas si "
        "le même traitement a déjà été délivré dans une autre pharmacie la veille. Sans "
        "consultation de l'historique de délivrance en temps réel, le nomadisme médical "
        "continuera.",
    ),
    (
        _at("ETHIQUE", 0),
        "L'intelligence artificielle en santé ne doit pas rester une simple aide à la décision. "
        "Pour la lecture des mammographies de dépistage, elle est déjà aussi fiable qu'un "
        "second lecteur humain : autorisons-la à remplacer la double lecture et libérons du "
        "temps de radiologue.",
    ),
    (
        _at("FORMATION", 1),
        "Directeur d'EHPAD : le programme ESMS numérique a financé notre dossier usager "
        "informatisé et les équipes l'ont adopté sans difficulté. Notre vrai problème est que "
        "ce logiciel n'échange rien avec la pharmacie d'officine qui prépare les piluliers des "
        "résidents.",
    ),
]
