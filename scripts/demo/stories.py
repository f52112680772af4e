# ruff: noqa: E501  (prose: sentences are kept whole, one per line)
"""What the demonstration's files are about: matters the Ombudsman really meets, told by people who
do not exist, in the words a person would use (French and Arabic for every story, a few in the other
languages of the diaspora). Every name, place of residence, reference and amount here is invented."""

# One story: where the matter lies, what it is about, the administration named, and what the person
# wrote, by language: (subject, description, desired outcome).
STORIES = [
    {
        "category": "civil_status",
        "region": "oriental",
        "administration": "Commune de Berkane, bureau de l'état civil",
        "text": {
            "fr": (
                "Naissance de ma fille non transcrite",
                "J'ai demandé en mars à la commune de transcrire la naissance de ma fille, déclarée au consulat. "
                "Quatre mois plus tard, rien n'a bougé et je ne peux pas renouveler son passeport.",
                "Que la naissance soit transcrite et que je reçoive une copie intégrale de l'acte.",
            ),
            "ar": (
                "عدم تسجيل ولادة ابنتي في الحالة المدنية",
                "طلبت من الجماعة في شهر مارس نقل رسم ولادة ابنتي المصرح بها لدى القنصلية. "
                "مرت أربعة أشهر دون أي جواب، ولا أستطيع تجديد جواز سفرها.",
                "تسجيل الولادة وتسليمي نسخة كاملة من الرسم.",
            ),
            "nl": (
                "Geboorte van mijn dochter niet overgeschreven",
                "In maart vroeg ik de gemeente de geboorte van mijn dochter, aangegeven bij het consulaat, over te "
                "schrijven. Na vier maanden is er niets gebeurd en kan ik haar paspoort niet verlengen.",
                "Dat de geboorte wordt overgeschreven en dat ik een volledig afschrift krijg.",
            ),
            "en": (
                "Birth of my daughter not transcribed",
                "In March I asked the commune to transcribe the birth of my daughter, registered at the consulate. Four months later nothing has happened and I cannot renew her passport.",
                "That the birth is transcribed and I receive a full copy of the record.",
            ),
        },
    },
    {
        "category": "land_property",
        "region": "souss_massa",
        "administration": "Conservation foncière d'Agadir",
        "text": {
            "fr": (
                "Immatriculation du terrain familial bloquée",
                "Notre père nous a laissé un terrain près de Tiznit. La demande d'immatriculation est déposée "
                "depuis 2019 et chaque visite, on nous dit qu'une opposition est en cours, sans nous la montrer.",
                "Connaître l'état du dossier et que la procédure reprenne.",
            ),
            "ar": (
                "تعثر تحفيظ أرض العائلة",
                "ترك لنا والدنا قطعة أرض قرب تيزنيت. طلب التحفيظ مودع منذ سنة 2019، وفي كل زيارة يقال لنا "
                "إن هناك تعرضا جاريا دون أن نطلع عليه.",
                "معرفة وضعية الملف واستئناف مسطرة التحفيظ.",
            ),
            "de": (
                "Eintragung des Familiengrundstücks blockiert",
                "Unser Vater hat uns ein Grundstück bei Tiznit hinterlassen. Der Antrag auf Eintragung liegt seit "
                "2019 vor; bei jedem Besuch heißt es, ein Einspruch laufe, den man uns nie zeigt.",
                "Den Stand der Akte erfahren und dass das Verfahren weitergeht.",
            ),
            "es": (
                "Inscripción del terreno familiar bloqueada",
                "Nuestro padre nos dejó un terreno cerca de Tiznit. La solicitud de inscripción está presentada desde 2019 y en cada visita nos dicen que hay una oposición en curso, sin enseñárnosla.",
                "Conocer el estado del expediente y que el procedimiento continúe.",
            ),
        },
    },
    {
        "category": "pensions_social_security",
        "region": "casablanca_settat",
        "administration": "Caisse nationale de sécurité sociale (CNSS)",
        "text": {
            "fr": (
                "Pension de retraite non versée depuis mon retour",
                "J'ai travaillé vingt ans en France puis six ans à Casablanca. Depuis mon retour, la CNSS ne "
                "verse pas la part marocaine de ma pension : on me demande sans cesse le même formulaire.",
                "Le versement de ma pension et des mois en retard.",
            ),
            "ar": (
                "عدم صرف معاش التقاعد منذ عودتي",
                "اشتغلت عشرين سنة في فرنسا ثم ست سنوات في الدار البيضاء. منذ عودتي لا يصرف الصندوق الوطني "
                "للضمان الاجتماعي الجزء المغربي من معاشي، ويطلب مني كل مرة الاستمارة نفسها.",
                "صرف المعاش مع المتأخرات.",
            ),
            "es": (
                "Pensión de jubilación sin pagar desde mi regreso",
                "Trabajé veinte años en España y seis en Casablanca. Desde que volví, la CNSS no paga la parte "
                "marroquí de mi pensión y me pide una y otra vez el mismo formulario.",
                "Que se pague la pensión con los meses atrasados.",
            ),
            "de": (
                "Rente seit meiner Rückkehr nicht ausgezahlt",
                "Ich habe zwanzig Jahre in Deutschland und sechs Jahre in Casablanca gearbeitet. Seit meiner Rückkehr zahlt die CNSS den marokkanischen Teil meiner Rente nicht und verlangt immer wieder dasselbe Formular.",
                "Die Auszahlung der Rente mit den rückständigen Monaten.",
            ),
        },
    },
    {
        "category": "taxes",
        "region": "rabat_sale_kenitra",
        "administration": "Direction générale des impôts, Kénitra",
        "text": {
            "fr": (
                "Taxe réclamée pour une maison vendue en 2019",
                "Je reçois chaque année un avis de taxe d'habitation pour une maison de Kénitra que j'ai vendue "
                "en 2019. J'ai envoyé deux fois l'acte de vente, sans réponse.",
                "L'annulation des avis et la mise à jour du rôle.",
            ),
            "ar": (
                "المطالبة بضريبة عن منزل بعته سنة 2019",
                "أتوصل كل سنة بإشعار ضريبة السكن عن منزل في القنيطرة بعته سنة 2019. أرسلت عقد البيع مرتين دون جواب.",
                "إلغاء الإشعارات وتحيين الجداول.",
            ),
            "en": (
                "Tax claimed for a house I sold in 2019",
                "Every year I receive a housing tax notice for a house in Kenitra that I sold in 2019. I have sent the deed of sale twice, with no answer.",
                "The notices cancelled and the tax roll updated.",
            ),
        },
    },
    {
        "category": "customs",
        "region": "tanger_tetouan_al_hoceima",
        "administration": "Administration des douanes et impôts indirects, port Tanger Med",
        "text": {
            "fr": (
                "Déclaration de ma voiture non apurée",
                "Au retour de l'été, la sortie de ma voiture n'a pas été enregistrée à Tanger Med. La douane me "
                "réclame maintenant une amende alors que j'ai le ticket du bateau.",
                "Que la sortie soit enregistrée et l'amende annulée.",
            ),
            "ar": (
                "عدم تصفية التصريح بسيارتي",
                "عند عودتي بعد الصيف لم يسجل خروج سيارتي من ميناء طنجة المتوسط. والجمارك تطالبني الآن بغرامة "
                "رغم أن لدي تذكرة الباخرة.",
                "تسجيل خروج السيارة وإلغاء الغرامة.",
            ),
            "it": (
                "Dichiarazione della mia auto non chiusa",
                "Al ritorno dall'estate l'uscita della mia auto non è stata registrata a Tanger Med. Ora la dogana "
                "mi chiede una multa, anche se ho il biglietto della nave.",
                "Che l'uscita sia registrata e la multa annullata.",
            ),
            "es": (
                "Declaración de mi coche sin cerrar",
                "Al volver del verano, la salida de mi coche no se registró en Tanger Med. Ahora la aduana me reclama una multa aunque tengo el billete del barco.",
                "Que se registre la salida y se anule la multa.",
            ),
        },
    },
    {
        "category": "judgment_enforcement",
        "region": "marrakech_safi",
        "administration": "Commune de Marrakech",
        "text": {
            "fr": (
                "Jugement d'indemnisation non exécuté",
                "Le tribunal administratif a condamné la commune à nous indemniser pour l'expropriation de notre "
                "terrain. Le jugement est définitif depuis trois ans et rien n'a été payé.",
                "L'exécution du jugement.",
            ),
            "ar": (
                "عدم تنفيذ حكم بالتعويض",
                "قضت المحكمة الإدارية على الجماعة بتعويضنا عن نزع ملكية أرضنا. الحكم نهائي منذ ثلاث سنوات ولم "
                "يصرف أي مبلغ.",
                "تنفيذ الحكم.",
            ),
        },
    },
    {
        "category": "consular_services",
        "region": "rabat_sale_kenitra",
        "administration": "Ministère des Affaires étrangères, direction des affaires consulaires",
        "text": {
            "fr": (
                "Carte d'identité demandée il y a huit mois",
                "J'ai déposé ma demande de carte nationale au consulat il y a huit mois. On me répond que le "
                "dossier est à Rabat et personne ne peut me dire quand elle arrivera.",
                "Recevoir ma carte ou savoir ce qui manque.",
            ),
            "ar": (
                "بطاقة التعريف الوطنية مطلوبة منذ ثمانية أشهر",
                "أودعت طلب البطاقة الوطنية في القنصلية منذ ثمانية أشهر. يقال لي إن الملف في الرباط ولا أحد "
                "يعرف متى ستصل.",
                "التوصل بالبطاقة أو معرفة ما ينقص الملف.",
            ),
            "en": (
                "Identity card applied for eight months ago",
                "I applied for my national identity card at the consulate eight months ago. I am told the file "
                "is in Rabat and nobody can say when the card will arrive.",
                "To receive my card, or to know what is missing.",
            ),
        },
    },
    {
        "category": "education_diplomas",
        "region": "fes_meknes",
        "administration": "Ministère de l'Enseignement supérieur, service des équivalences",
        "text": {
            "fr": (
                "Équivalence de diplôme sans réponse",
                "J'ai demandé l'équivalence de mon master obtenu en Italie pour passer un concours à Fès. Le "
                "dossier est complet depuis un an, et le concours a lieu dans trois mois.",
                "Une décision sur l'équivalence avant le concours.",
            ),
            "ar": (
                "معادلة شهادة دون جواب",
                "طلبت معادلة شهادة الماستر التي حصلت عليها في إيطاليا لاجتياز مباراة في فاس. الملف كامل منذ سنة "
                "والمباراة بعد ثلاثة أشهر.",
                "قرار بشأن المعادلة قبل المباراة.",
            ),
            "it": (
                "Equipollenza del diploma senza risposta",
                "Ho chiesto l'equipollenza della laurea magistrale presa in Italia per un concorso a Fès. La "
                "pratica è completa da un anno e il concorso è fra tre mesi.",
                "Una decisione sull'equipollenza prima del concorso.",
            ),
        },
    },
    {
        "category": "urban_planning",
        "region": "beni_mellal_khenifra",
        "administration": "Commune de Fquih Ben Salah, service de l'urbanisme",
        "text": {
            "fr": (
                "Permis de construire refusé sans motif",
                "La commune a refusé notre permis pour agrandir la maison familiale, sans dire pourquoi. Les "
                "voisins ont obtenu le même permis le mois dernier.",
                "Connaître les motifs du refus et un nouvel examen.",
            ),
            "ar": (
                "رفض رخصة البناء دون تعليل",
                "رفضت الجماعة رخصة توسيع منزل العائلة دون ذكر السبب، بينما حصل الجيران على الرخصة نفسها الشهر الماضي.",
                "معرفة أسباب الرفض وإعادة دراسة الطلب.",
            ),
            "it": (
                "Permesso di costruire rifiutato senza motivo",
                "Il comune ha rifiutato il permesso per ampliare la casa di famiglia senza spiegare perché. I "
                "vicini hanno ottenuto lo stesso permesso il mese scorso.",
                "Conoscere i motivi del rifiuto e un nuovo esame.",
            ),
        },
    },
    {
        "category": "public_employment",
        "region": "draa_tafilalet",
        "administration": "Académie régionale d'éducation et de formation de Drâa-Tafilalet",
        "text": {
            "fr": (
                "Nom retiré de la liste du concours sans explication",
                "Mon nom figurait sur la liste des admis à l'oral, puis il a disparu de la liste finale. "
                "L'académie ne répond ni au téléphone ni aux courriers.",
                "Savoir pourquoi mon nom a été retiré.",
            ),
            "ar": (
                "إقصائي من المباراة دون تفسير",
                "كان اسمي في لائحة المقبولين لاجتياز الشفوي ثم اختفى من اللائحة النهائية. الأكاديمية لا ترد على "
                "الهاتف ولا على الرسائل.",
                "معرفة سبب حذف اسمي.",
            ),
        },
    },
    {
        "category": "health",
        "region": "guelmim_oued_noun",
        "administration": "Assurance maladie obligatoire (AMO), CNSS",
        "text": {
            "fr": (
                "Opération de ma mère non remboursée",
                "Ma mère a été opérée à Guelmim en janvier. Le dossier de remboursement a été déposé avec toutes "
                "les factures, et depuis, on nous dit qu'il est « en traitement ».",
                "Le remboursement des frais de l'opération.",
            ),
            "ar": (
                "عدم تعويض مصاريف عملية والدتي",
                "أجريت لوالدتي عملية جراحية في كلميم في شهر يناير. أودعنا ملف التعويض مع كل الفواتير، ومنذ ذلك "
                "الحين يقال لنا إنه «قيد المعالجة».",
                "تعويض مصاريف العملية.",
            ),
            "nl": (
                "Operatie van mijn moeder niet terugbetaald",
                "Mijn moeder is in januari in Guelmim geopereerd. Het dossier met alle facturen is ingediend en "
                "sindsdien horen we alleen dat het 'in behandeling' is.",
                "Terugbetaling van de kosten van de operatie.",
            ),
        },
    },
    {
        "category": "other",
        "region": "laayoune_sakia_el_hamra",
        "administration": "Office national de l'électricité et de l'eau potable (ONEE)",
        "text": {
            "fr": (
                "Raccordement électrique refusé",
                "Nous avons construit une maison avec un permis en règle. L'ONEE refuse le raccordement en "
                "disant qu'il manque un document que la commune dit ne pas délivrer.",
                "Le raccordement de la maison.",
            ),
            "ar": (
                "رفض الربط بالكهرباء",
                "بنينا منزلا برخصة قانونية. يرفض المكتب الوطني للكهرباء الربط بحجة نقص وثيقة تقول الجماعة إنها "
                "لا تسلمها.",
                "ربط المنزل بالكهرباء.",
            ),
        },
    },
    {
        "category": "civil_status",
        "region": "dakhla_oued_ed_dahab",
        "administration": "Commune de Dakhla, bureau de l'état civil",
        "text": {
            "fr": (
                "Erreur sur mon nom dans l'acte de naissance",
                "Mon nom de famille est écrit avec une lettre de trop dans mon acte de naissance. À cause de "
                "cela, ma banque en Belgique refuse mes documents marocains.",
                "La rectification de l'acte.",
            ),
            "ar": (
                "خطأ في اسمي في رسم الولادة",
                "كتب اسمي العائلي بحرف زائد في رسم ولادتي، ولهذا يرفض البنك في بلجيكا وثائقي المغربية.",
                "تصحيح الرسم.",
            ),
        },
    },
    {
        "category": "land_property",
        "region": "beni_mellal_khenifra",
        "administration": "Direction régionale de l'équipement, Béni Mellal",
        "text": {
            "fr": (
                "Terre agricole prise pour une route, sans indemnité",
                "Une route a été construite sur une partie de notre terre agricole. Nous n'avons reçu ni décision "
                "d'expropriation ni indemnité, et personne ne nous reçoit.",
                "Une indemnité juste pour la partie prise.",
            ),
            "ar": (
                "أرض فلاحية أخذت لبناء طريق دون تعويض",
                "بنيت طريق على جزء من أرضنا الفلاحية. لم نتوصل بأي قرار لنزع الملكية ولا بأي تعويض، ولا أحد يستقبلنا.",
                "تعويض عادل عن الجزء المأخوذ.",
            ),
        },
    },
]

# Filed by a company (the organisations below).
INVESTMENT = {
    "category": "investment",
    "region": "tanger_tetouan_al_hoceima",
    "administration": "Centre régional d'investissement de Tanger-Tétouan-Al Hoceïma",
    "text": {
        "fr": (
            "Projet d'atelier bloqué depuis un an",
            "Notre société a déposé un projet d'atelier de menuiserie à Tétouan. La commission ne s'est "
            "jamais réunie sur notre dossier et le terrain loué nous coûte chaque mois.",
            "Que le dossier passe en commission et une réponse écrite.",
        ),
        "ar": (
            "مشروع ورشة متوقف منذ سنة",
            "أودعت شركتنا مشروع ورشة نجارة في تطوان. لم تجتمع اللجنة قط لدراسة ملفنا، والأرض المكتراة تكلفنا كل شهر.",
            "عرض الملف على اللجنة وجواب مكتوب.",
        ),
    },
}

# Filed by a son for his mother, with her procuration.
FOR_A_PARENT = {
    "category": "pensions_social_security",
    "region": "souss_massa",
    "administration": "Caisse marocaine des retraites (CMR)",
    "text": {
        "fr": (
            "Pension de réversion de ma mère",
            "Mon père, ancien enseignant, est décédé il y a un an. Ma mère, qui ne lit pas, attend toujours "
            "sa pension de réversion. Je dépose pour elle avec sa procuration.",
            "Le versement de la pension de réversion à ma mère.",
        ),
        "ar": (
            "معاش الأرملة لوالدتي",
            "توفي والدي، وهو أستاذ سابق، منذ سنة. ووالدتي التي لا تقرأ ما زالت تنتظر معاش الأرملة. أقدم هذا "
            "الطلب نيابة عنها بوكالة.",
            "صرف معاش الأرملة لوالدتي.",
        ),
    },
}

# Requests for guidance: the person is not sure the Ombudsman is the right door.
ORIENTATION = {
    "fr": (
        "Litige avec ma banque au Maroc",
        "Ma banque à Oujda a prélevé des frais sur mon compte pendant deux ans sans me prévenir. Est-ce que "
        "le Médiateur peut m'aider, ou à qui dois-je m'adresser ?",
    ),
    "ar": (
        "نزاع مع البنك في المغرب",
        "اقتطع البنك في وجدة مصاريف من حسابي مدة سنتين دون إخباري. هل يمكن للوسيط مساعدتي أم لمن يجب أن أتوجه؟",
    ),
}

GIVEN_LATIN = [
    "Fatima", "Mohamed", "Khadija", "Youssef", "Amina", "Rachid", "Naima", "Hassan", "Latifa", "Abdelkader",
    "Samira", "Karim", "Zineb", "Omar", "Malika", "Said", "Hanane", "Mustapha", "Soukaina", "Driss",
]  # fmt: skip
FAMILY_LATIN = [
    "El Amrani", "Benali", "Ouazzani", "Tahiri", "Bouzidi", "Alaoui", "Lahlou", "Chraibi", "Fassi", "Idrissi",
    "Berrada", "Ziani", "Haddad", "Naciri", "Mansouri", "Belkadi", "Rifi", "Ait Baha", "Oukacha", "Tazi",
]  # fmt: skip
GIVEN_ARABIC = [
    "فاطمة", "محمد", "خديجة", "يوسف", "أمينة", "رشيد", "نعيمة", "حسن", "لطيفة", "عبد القادر",
    "سميرة", "كريم", "زينب", "عمر", "مليكة", "سعيد", "حنان", "مصطفى", "سكينة", "إدريس",
]  # fmt: skip
FAMILY_ARABIC = [
    "العمراني", "بنعلي", "الوزاني", "الطاهري", "البوزيدي", "العلوي", "لحلو", "الشرايبي", "الفاسي", "الإدريسي",
    "برادة", "الزياني", "الحداد", "الناصري", "المنصوري", "بلقاضي", "الريفي", "آيت باها", "أوعكاشة", "التازي",
]  # fmt: skip

# Where the people live, and the languages they write in there (the first is the most common).
RESIDENCES = [
    ("FR", "Lyon", ("fr", "ar")), ("FR", "Paris", ("fr", "ar")), ("FR", "Montpellier", ("ar", "fr")),
    ("ES", "Madrid", ("es", "ar")), ("ES", "Murcia", ("ar", "es")), ("IT", "Milano", ("it", "ar")),
    ("IT", "Torino", ("ar", "it")), ("BE", "Bruxelles", ("fr", "ar", "nl")), ("NL", "Rotterdam", ("nl", "ar")),
    ("NL", "Utrecht", ("ar", "nl")), ("DE", "Düsseldorf", ("de", "ar")), ("CA", "Montréal", ("fr", "en")),
    ("GB", "London", ("en", "ar")), ("AE", "Dubai", ("ar", "en")), ("US", "New York", ("en", "ar")),
]  # fmt: skip

GROUP_MEMBERS = [("Hamid", "Ait Baha"), ("Rkia", "Ait Baha"), ("Lahcen", "Ait Baha")]
ORGANISATIONS = [
    {"name": "Menuiserie Al Andalous SARL (fictive)", "nature": "company", "seat": "12, rue fictive, Tétouan"},
    {"name": "Atelier Bois du Rif SARL (fictive)", "nature": "company", "seat": "7, avenue imaginaire, Tétouan"},
]
SON = {"fr": "fils", "ar": "ابن", "es": "hijo", "it": "figlio", "nl": "zoon", "de": "Sohn", "en": "son"}

# What staff write: notes for colleagues and their own words to the complainant.
STAFF_NOTES = [
    "Appeler le service concerné mardi matin ; demander le nom de l'agent en charge.",
    "Dossier voisin déjà traité en 2025 : voir la décision de la commune.",
    "Le plaignant a appelé le standard ; il attend un retour écrit.",
    "ملف مشابه سبقت معالجته، يرجى مراجعة جواب الإدارة السابق.",
]
STAFF_WORDS = {
    "fr": "Nous avons joint à notre courrier les documents que vous nous avez envoyés.",
    "ar": "أرفقنا برسالتنا الوثائق التي أرسلتموها إلينا.",
}
STAFF_REQUESTS = {
    "fr": "Merci de nous envoyer une copie de votre dernier courrier à l'administration et de sa réponse, si vous en avez reçu une.",
    "ar": "المرجو أن ترسلوا إلينا نسخة من آخر رسالة وجهتموها إلى الإدارة، ومن جوابها إن توصلتم به.",
}
CITIZEN_REPLIES = {
    "fr": "Voici la copie demandée. Merci de votre aide.",
    "ar": "تجدون رفقته النسخة المطلوبة. شكرا على مساعدتكم.",
}
WITHDRAW_REASONS = {
    "fr": "L'administration a réglé le problème entre-temps.",
    "ar": "حلت الإدارة المشكل في هذه الأثناء.",
}
