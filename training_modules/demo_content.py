"""Texts of the demo training modules and good practices, in Danish, German and English.

Kept apart from `demo.py` so that the seeding logic stays readable.
"""

from typing import Any

from .models import Module

MODULES: list[dict[str, Any]] = [
    {
        "key": "intercultural",
        "hours": 12,
        "format": Module.Format.IN_PERSON,
        "target_group": Module.TargetGroup.ALL_STAFF,
        "title": {
            "da": "Interkulturel kompetence i arbejdet med unge",
            "de": "Interkulturelle Kompetenz in der Arbeit mit jungen Menschen",
            "en": "Intercultural competence with young people",
        },
        "summary": {
            "da": "Hvordan vi forbereder unge på at lære og arbejde på den anden side af grænsen "
            "– og hvordan vi selv bliver bedre til at læse forskelle i kultur og omgangsformer.",
            "de": "Wie wir junge Menschen darauf vorbereiten, auf der anderen Seite der Grenze zu "
            "lernen und zu arbeiten – und wie wir selbst kulturelle Unterschiede besser lesen.",
            "en": "How to prepare young people to learn and work on the other side of the border "
            "– and how we ourselves get better at reading differences in culture and manners.",
        },
        "description": {
            "da": "Danske og tyske arbejdspladser ligner hinanden, men der er forskelle i "
            "tiltaleformer, hierarki, mødekultur og forventninger til selvstændighed. For unge, "
            "der i forvejen har svært ved at finde fodfæste, kan små misforståelser blive til "
            "store nederlag.\n\nModulet kombinerer korte oplæg med øvelser og cases fra "
            "partnernes hverdag: den første dag i en tysk virksomhed, en dansk mesters uformelle "
            "feedback, en ung der ikke siger fra. Vi arbejder med metoder, som I kan bruge "
            "direkte i jeres gruppeforløb med de unge.",
            "de": "Dänische und deutsche Betriebe ähneln sich, unterscheiden sich aber in Anrede, "
            "Hierarchie, Besprechungskultur und den Erwartungen an Selbstständigkeit. Für junge "
            "Menschen, die ohnehin schwer Fuß fassen, können kleine Missverständnisse zu großen "
            "Niederlagen werden.\n\nDas Modul verbindet kurze Inputs mit Übungen und Fällen aus "
            "dem Alltag der Partner: der erste Tag in einem deutschen Betrieb, das informelle "
            "Feedback eines dänischen Meisters, ein junger Mensch, der nicht Nein sagt. Wir "
            "arbeiten mit Methoden, die Sie direkt in Ihren Gruppenangeboten einsetzen können.",
            "en": "Danish and German workplaces look alike, but they differ in forms of address, "
            "hierarchy, meeting culture and what they expect of a newcomer's independence. For "
            "young people who already struggle to find their footing, small misunderstandings "
            "can become big defeats.\n\nThe module combines short inputs with exercises and "
            "cases from the partners' everyday work: the first day in a German company, a "
            "Danish master's informal feedback, a young person who does not say no. We work "
            "with methods you can use directly in your group sessions with young people.",
        },
        "learning_outcomes": {
            "da": "Beskrive typiske forskelle i arbejdskultur i Danmark og Tyskland\n"
            "Genkende kulturelle misforståelser og tale om dem med de unge\n"
            "Bruge tre øvelser til at forberede unge på en praktik i nabolandet",
            "de": "Typische Unterschiede der Arbeitskultur in Dänemark und Deutschland "
            "beschreiben\nKulturelle Missverständnisse erkennen und mit jungen Menschen "
            "besprechen\nDrei Übungen einsetzen, um junge Menschen auf ein Praktikum im "
            "Nachbarland vorzubereiten",
            "en": "Describe typical differences in working culture in Denmark and Germany\n"
            "Recognise cultural misunderstandings and talk about them with young people\n"
            "Use three exercises to prepare young people for an internship in the "
            "neighbouring country",
        },
    },
    {
        "key": "apprentices",
        "hours": 16,
        "format": Module.Format.BLENDED,
        "target_group": Module.TargetGroup.COACHES,
        "title": {
            "da": "Støtte til lærlinge på tværs af grænsen",
            "de": "Auszubildende über die Grenze hinweg begleiten",
            "en": "Supporting apprentices across the border",
        },
        "summary": {
            "da": "Fra aftale til svendeprøve: hvad en lærling, der bor i ét land og lærer i et "
            "andet, har brug for – og hvem der gør hvad.",
            "de": "Vom Vertrag bis zur Abschlussprüfung: was Auszubildende brauchen, die in "
            "einem Land wohnen und im anderen lernen – und wer was übernimmt.",
            "en": "From contract to final exam: what an apprentice who lives in one country and "
            "trains in the other needs – and who does what.",
        },
        "description": {
            "da": "Flere unge fra regionen tager en uddannelse med praktik i nabolandet. Det "
            "lykkes oftest, når nogen holder fast i den unge de første måneder: transport, "
            "skat og sygesikring, skolens krav, sprog i fagets hverdag.\n\nModulet består af "
            "to online-aftener og en fælles dag i Flensborg. Vi gennemgår grænsegængerreglerne "
            "i praksis, aftaler roller mellem vejleder, virksomhed og skole, og arbejder med "
            "samtaleværktøjer til de kritiske uger, hvor mange falder fra.",
            "de": "Immer mehr junge Menschen aus der Region machen eine Ausbildung mit dem "
            "betrieblichen Teil im Nachbarland. Es gelingt meistens, wenn jemand sie in den "
            "ersten Monaten begleitet: Fahrt, Steuern und Krankenversicherung, Anforderungen der "
            "Berufsschule, die Sprache des Fachs im Alltag.\n\nDas Modul besteht aus zwei "
            "Online-Abenden und einem gemeinsamen Tag in Flensburg. Wir gehen die Regeln für "
            "Grenzpendler praktisch durch, klären die Rollen von Coach, Betrieb und Schule und "
            "üben Gesprächswerkzeuge für die kritischen Wochen, in denen viele abbrechen.",
            "en": "More and more young people from the region take an apprenticeship with the "
            "company part in the neighbouring country. It usually works when someone stays "
            "close during the first months: travel, tax and health insurance, the vocational "
            "school's demands, the trade's language in everyday work.\n\nThe module has two "
            "online evenings and a day together in Flensburg. We go through the rules for "
            "cross-border commuters in practice, agree the roles of coach, company and school, "
            "and practise conversation tools for the critical weeks when many drop out.",
        },
        "learning_outcomes": {
            "da": "Forklare de vigtigste regler for grænsependlere (skat, sygesikring, A1)\n"
            "Aftale en klar rollefordeling mellem vejleder, virksomhed og skole\n"
            "Føre opfølgningssamtaler, der opdager frafald i tide",
            "de": "Die wichtigsten Regeln für Grenzpendler erklären (Steuern, "
            "Krankenversicherung, A1)\nEine klare Rollenverteilung zwischen Coach, Betrieb und "
            "Schule vereinbaren\nFolgegespräche führen, die einen drohenden Abbruch rechtzeitig "
            "erkennen",
            "en": "Explain the main rules for cross-border commuters (tax, health insurance, "
            "A1)\nAgree a clear division of roles between coach, company and school\nHold "
            "follow-up conversations that spot a risk of dropping out in time",
        },
    },
    {
        "key": "language",
        "hours": 8,
        "format": Module.Format.IN_PERSON,
        "target_group": Module.TargetGroup.TEACHERS,
        "title": {
            "da": "Sprogbevidst undervisning",
            "de": "Sprachsensibler Unterricht",
            "en": "Language-sensitive teaching",
        },
        "summary": {
            "da": "Fagundervisning, som unge med et andet modersmål – eller med læse- og "
            "skrivevanskeligheder – kan følge.",
            "de": "Fachunterricht, dem junge Menschen mit einer anderen Erstsprache – oder mit "
            "Lese- und Schreibschwierigkeiten – folgen können.",
            "en": "Subject teaching that young people with another first language – or with "
            "reading and writing difficulties – can follow.",
        },
        "description": {
            "da": "På produktionsskolerne og erhvervsskolerne lærer de unge et fag gennem "
            "sproget: arbejdsinstrukser, sikkerhedsregler, materialelister. Når sproget er "
            "nyt, bliver faget svært.\n\nVi arbejder med stilladsering, ordlister pr. værksted, "
            "billedstøtte og korte, tydelige instrukser – på dansk og tysk. Deltagerne tager "
            "en instruks fra deres eget værksted med og omskriver den i løbet af dagen.",
            "de": "In Produktionsschulen und Berufsschulen lernen junge Menschen ein Fach über "
            "die Sprache: Arbeitsanweisungen, Sicherheitsregeln, Materiallisten. Ist die "
            "Sprache neu, wird das Fach schwer.\n\nWir arbeiten mit Scaffolding, Wortlisten je "
            "Werkstatt, Bildunterstützung und kurzen, klaren Anweisungen – auf Dänisch und "
            "Deutsch. Die Teilnehmenden bringen eine Anweisung aus ihrer eigenen Werkstatt mit "
            "und überarbeiten sie im Laufe des Tages.",
            "en": "In production schools and vocational schools young people learn a trade "
            "through language: work instructions, safety rules, material lists. When the "
            "language is new, the trade becomes hard.\n\nWe work with scaffolding, word lists "
            "per workshop, picture support and short, clear instructions – in Danish and "
            "German. Participants bring an instruction from their own workshop and rewrite it "
            "during the day.",
        },
        "learning_outcomes": {
            "da": "Omskrive en arbejdsinstruks til klart og enkelt sprog\n"
            "Lave en ordliste med billeder til sit eget værksted\n"
            "Planlægge en undervisningsgang med sproglig stilladsering",
            "de": "Eine Arbeitsanweisung in klare, einfache Sprache umschreiben\n"
            "Eine bebilderte Wortliste für die eigene Werkstatt erstellen\n"
            "Eine Unterrichtseinheit mit sprachlichem Scaffolding planen",
            "en": "Rewrite a work instruction in clear, simple language\n"
            "Make an illustrated word list for one's own workshop\n"
            "Plan a lesson with language scaffolding",
        },
    },
    {
        "key": "systems",
        "hours": 6,
        "format": Module.Format.ONLINE,
        "target_group": Module.TargetGroup.ALL_STAFF,
        "title": {
            "da": "Det danske og det tyske erhvervsuddannelsessystem sammenlignet",
            "de": "Das dänische und das deutsche Berufsbildungssystem im Vergleich",
            "en": "The Danish and German vocational training systems compared",
        },
        "summary": {
            "da": "EUD og det duale system side om side: adgang, forløb, løn, eksamen og "
            "anerkendelse på den anden side af grænsen.",
            "de": "EUD und duales System nebeneinander: Zugang, Ablauf, Vergütung, Prüfung und "
            "Anerkennung auf der anderen Seite der Grenze.",
            "en": "Danish EUD and the German dual system side by side: access, course, pay, "
            "exams and recognition on the other side of the border.",
        },
        "description": {
            "da": 'Når en ung spørger, om en tysk uddannelse "tæller" i Danmark, skal svaret '
            "være præcist. Modulet giver et overblik over de to systemer: grundforløb og "
            "hovedforløb over for Ausbildung i virksomhed og Berufsschule, uddannelsesaftaler, "
            "elevløn og Ausbildungsvergütung, svendeprøve og Gesellenprüfung.\n\nTre korte "
            "online-moduler med en fælles afsluttende samtale. Vi ser også på, hvordan "
            "kvalifikationer anerkendes, og hvor man får hjælp.",
            "de": "Wenn ein junger Mensch fragt, ob eine deutsche Ausbildung in Dänemark "
            '"zählt", muss die Antwort stimmen. Das Modul gibt einen Überblick über beide '
            "Systeme: Grundforløb und Hovedforløb gegenüber der Ausbildung in Betrieb und "
            "Berufsschule, Ausbildungsverträge, Elevløn und Ausbildungsvergütung, Svendeprøve "
            "und Gesellenprüfung.\n\nDrei kurze Online-Einheiten mit einem gemeinsamen "
            "Abschlussgespräch. Wir sehen uns auch an, wie Abschlüsse anerkannt werden und wo "
            "es Hilfe gibt.",
            "en": 'When a young person asks whether a German apprenticeship "counts" in '
            "Denmark, the answer has to be right. The module gives an overview of both "
            "systems: the Danish basic and main courses against training in company and "
            "Berufsschule, training agreements, apprentice pay, the journeyman's tests on both "
            "sides.\n\nThree short online units with a closing conversation together. We also "
            "look at how qualifications are recognised and where to get help.",
        },
        "learning_outcomes": {
            "da": "Sammenligne opbygning, adgang og eksamen i de to systemer\n"
            "Forklare elevløn og uddannelsesaftaler i begge lande\n"
            "Henvise til de rette instanser for anerkendelse af kvalifikationer",
            "de": "Aufbau, Zugang und Prüfung der beiden Systeme vergleichen\n"
            "Vergütung und Ausbildungsverträge in beiden Ländern erklären\n"
            "An die richtigen Stellen für die Anerkennung von Abschlüssen verweisen",
            "en": "Compare the structure, access and exams of the two systems\n"
            "Explain apprentice pay and training agreements in both countries\n"
            "Refer to the right bodies for the recognition of qualifications",
        },
    },
    {
        "key": "companies",
        "hours": 10,
        "format": Module.Format.BLENDED,
        "target_group": Module.TargetGroup.COMPANY_LIAISON,
        "title": {
            "da": "Samarbejde med virksomheder",
            "de": "Zusammenarbeit mit Unternehmen",
            "en": "Working with companies",
        },
        "summary": {
            "da": "Hvordan vi finder, forbereder og fastholder virksomheder, der vil tage imod "
            "unge – også fra den anden side af grænsen.",
            "de": "Wie wir Betriebe finden, vorbereiten und halten, die junge Menschen "
            "aufnehmen – auch von der anderen Seite der Grenze.",
            "en": "How to find, prepare and keep companies that take young people in – also "
            "from the other side of the border.",
        },
        "description": {
            "da": "Virksomhederne i regionens styrkepositioner – energi, fødevarer, turisme og "
            "logistik – mangler arbejdskraft, men har sjældent tid til unge, der har brug for "
            "ekstra støtte. Et godt samarbejde begynder med at forstå virksomhedens behov.\n\n"
            "Modulet veksler mellem en workshop og et virksomhedsbesøg. Vi øver den første "
            "samtale, aftaler en mentorordning, og ser på hvordan vi følger op, så "
            "virksomheden siger ja igen næste gang.",
            "de": "Die Betriebe in den Stärkefeldern der Region – Energie, Lebensmittel, "
            "Tourismus und Logistik – suchen Arbeitskräfte, haben aber selten Zeit für junge "
            "Menschen, die zusätzliche Unterstützung brauchen. Gute Zusammenarbeit beginnt "
            "damit, den Bedarf des Betriebs zu verstehen.\n\nDas Modul wechselt zwischen einem "
            "Workshop und einem Betriebsbesuch. Wir üben das Erstgespräch, vereinbaren eine "
            "Mentorenregelung und schauen, wie wir nachfassen, damit der Betrieb beim nächsten "
            "Mal wieder Ja sagt.",
            "en": "Companies in the region's strong industries – energy, food, tourism and "
            "logistics – are short of staff but rarely have time for young people who need "
            "extra support. Good cooperation starts with understanding what the company "
            "needs.\n\nThe module alternates between a workshop and a company visit. We "
            "practise the first conversation, agree a mentoring arrangement and look at how to "
            "follow up so that the company says yes again next time.",
        },
        "learning_outcomes": {
            "da": "Forberede og føre en første samtale med en virksomhed\n"
            "Aftale en mentorordning med klare forventninger\n"
            "Følge op efter en praktik, så samarbejdet fortsætter",
            "de": "Ein Erstgespräch mit einem Betrieb vorbereiten und führen\n"
            "Eine Mentorenregelung mit klaren Erwartungen vereinbaren\n"
            "Nach einem Praktikum so nachfassen, dass die Zusammenarbeit weitergeht",
            "en": "Prepare and hold a first conversation with a company\n"
            "Agree a mentoring arrangement with clear expectations\n"
            "Follow up after an internship so that the cooperation continues",
        },
    },
]

# The demo's tags: English name → Danish and German names (the data migration
# 0002_tag_names_per_language names the same for databases seeded before tags were translated).
TAG_NAMES = {
    "tandem": {"da": "tandem", "de": "Tandem"},
    "language": {"da": "sprog", "de": "Sprache"},
    "mobility": {"da": "mobilitet", "de": "Mobilität"},
    "mentoring": {"da": "mentorordning", "de": "Mentoring"},
    "companies": {"da": "virksomheder", "de": "Betriebe"},
    "apprenticeship": {"da": "lærlingeuddannelse", "de": "Ausbildung"},
    "paperwork": {"da": "papirarbejde", "de": "Formalitäten"},
    "commuting": {"da": "pendling", "de": "Pendeln"},
    "checklist": {"da": "tjekliste", "de": "Checkliste"},
    "internship": {"da": "praktik", "de": "Praktikum"},
    "families": {"da": "familier", "de": "Familien"},
    "applications": {"da": "ansøgninger", "de": "Bewerbungen"},
}

# partner index in world["partners"], country, tags (English names of TAG_NAMES), texts per
# language
GOOD_PRACTICES: list[dict[str, Any]] = [
    {
        "partner": 0,
        "country": "DK",
        "tags": ["tandem", "language", "mobility"],
        "title": {
            "da": "Tandemuger: danske og tyske produktionsskoleelever arbejder sammen",
            "de": "Tandemwochen: dänische und deutsche Produktionsschüler arbeiten zusammen",
            "en": "Tandem weeks: Danish and German production school students work together",
        },
        "body": {
            "da": "To gange om året bytter Sønderborg Produktionsskole og Produktionsschule "
            "Flensburg elever i en uge. Eleverne arbejder i par – en dansk og en tysk – i "
            "samme værksted og løser en rigtig ordre sammen.\n\nDet virker, fordi sproget "
            "bliver et værktøj og ikke et fag: man skal forklare makkeren, hvordan maskinen "
            "virker. Efter en tandemuge siger flere unge ja til en praktik i nabolandet.\n\n"
            "Tip: læg en fælles frokost ind hver dag og lad parrene præsentere deres arbejde "
            "for begge skoler om fredagen.",
            "de": "Zweimal im Jahr tauschen die Produktionsschule Flensburg und Sønderborg "
            "Produktionsskole für eine Woche Schülerinnen und Schüler. Sie arbeiten in "
            "Tandems – eine Person aus Dänemark, eine aus Deutschland – in derselben Werkstatt "
            "an einem echten Auftrag.\n\nEs funktioniert, weil die Sprache zum Werkzeug wird "
            "und nicht zum Schulfach: Man muss dem Partner erklären, wie die Maschine "
            "funktioniert. Nach einer Tandemwoche sagen mehr junge Menschen Ja zu einem "
            "Praktikum im Nachbarland.\n\nTipp: Planen Sie jeden Tag ein gemeinsames "
            "Mittagessen ein und lassen Sie die Tandems ihre Arbeit am Freitag beiden Schulen "
            "vorstellen.",
            "en": "Twice a year Sønderborg Produktionsskole and Produktionsschule Flensburg "
            "swap students for a week. The students work in pairs – one Danish, one German – "
            "in the same workshop on a real order.\n\nIt works because the language becomes a "
            "tool rather than a school subject: you have to explain to your partner how the "
            "machine works. After a tandem week more young people say yes to an internship in "
            "the neighbouring country.\n\nTip: plan a shared lunch every day and let the pairs "
            "present their work to both schools on Friday.",
        },
    },
    {
        "partner": 2,
        "country": "DE",
        "tags": ["mentoring", "companies", "apprenticeship"],
        "title": {
            "da": "En mentor i virksomheden fra første dag",
            "de": "Ein Mentor im Betrieb vom ersten Tag an",
            "en": "A mentor in the company from day one",
        },
        "body": {
            "da": "Før en ung starter i praktik, aftaler vi med virksomheden, hvem der er den "
            "unges faste mentor. Mentoren får en kort introduktion: hvad den unge kan, hvad "
            "der kan gå galt, og hvem man ringer til.\n\nI de første to uger ringer coachen "
            "til mentoren hver fredag. Det tager fem minutter og fanger problemerne, før de "
            "bliver til et afbrud.",
            "de": "Bevor ein junger Mensch ein Praktikum beginnt, vereinbaren wir mit dem "
            "Betrieb, wer die feste Mentorin oder der feste Mentor ist. Sie bekommen eine kurze "
            "Einführung: was der junge Mensch kann, was schiefgehen kann und wen man anruft.\n\n"
            "In den ersten zwei Wochen ruft der Coach jeden Freitag bei der Mentorin an. Das "
            "dauert fünf Minuten und fängt Probleme ab, bevor daraus ein Abbruch wird.",
            "en": "Before a young person starts an internship, we agree with the company who "
            "their mentor is. The mentor gets a short introduction: what the young person can "
            "do, what may go wrong, and whom to call.\n\nIn the first two weeks the coach "
            "phones the mentor every Friday. It takes five minutes and catches problems "
            "before they turn into a dropout.",
        },
    },
    {
        "partner": 1,
        "country": "DK",
        "tags": ["paperwork", "commuting", "checklist"],
        "title": {
            "da": "Tjekliste for grænsegængere: papirerne i orden før første arbejdsdag",
            "de": "Checkliste für Grenzpendler: die Papiere vor dem ersten Arbeitstag klären",
            "en": "Checklist for cross-border commuters: paperwork sorted before day one",
        },
        "body": {
            "da": "Mange praktikforløb i nabolandet strander på papirer: skattekort, "
            "sygesikring, A1-attest, bankkonto. Aabenraa Jobcenter har lavet en tjekliste, som "
            "vejlederen gennemgår med den unge fire uger før start.\n\nListen angiver for hvert "
            "punkt, hvem der hjælper – Grænsegænger-service, virksomheden eller jobcentret – og "
            "hvor lang tid det plejer at tage.",
            "de": "Viele Praktika im Nachbarland scheitern an Papieren: Steuerkarte, "
            "Krankenversicherung, A1-Bescheinigung, Bankkonto. Das Jobcenter Aabenraa hat eine "
            "Checkliste erstellt, die der Coach vier Wochen vor Beginn mit dem jungen Menschen "
            "durchgeht.\n\nZu jedem Punkt steht, wer hilft – die Grenzpendlerberatung, der "
            "Betrieb oder das Jobcenter – und wie lange es gewöhnlich dauert.",
            "en": "Many internships in the neighbouring country founder on paperwork: tax "
            "card, health insurance, A1 certificate, bank account. Aabenraa Jobcenter made a "
            "checklist that the coach goes through with the young person four weeks before the "
            "start.\n\nFor each item it says who helps – the cross-border commuter advice "
            "service, the company or the job centre – and how long it usually takes.",
        },
    },
    {
        "partner": 3,
        "country": "DE",
        "tags": ["language", "internship"],
        "title": {
            "da": "Sprogcafé før praktikken",
            "de": "Sprachcafé vor dem Praktikum",
            "en": "Language café before the internship",
        },
        "body": {
            "da": "Berufsbildungszentrum Schleswig holder en ugentlig sprogcafé for unge, der "
            "skal i praktik i Danmark. Der er ingen lektier og ingen karakterer: man taler om "
            "arbejdsdagen, øver en telefonsamtale og lærer fagets vigtigste ord.\n\nFrivillige "
            "fra den danske minoritet er med hver gang, og de unge møder dermed nogen, der "
            "kender begge sider.",
            "de": "Das Berufsbildungszentrum Schleswig bietet jede Woche ein Sprachcafé für "
            "junge Menschen an, die ein Praktikum in Dänemark machen werden. Es gibt keine "
            "Hausaufgaben und keine Noten: Man spricht über den Arbeitstag, übt ein "
            "Telefonat und lernt die wichtigsten Wörter des Fachs.\n\nEhrenamtliche aus der "
            "dänischen Minderheit sind jedes Mal dabei, so treffen die jungen Menschen "
            "jemanden, der beide Seiten kennt.",
            "en": "Berufsbildungszentrum Schleswig runs a weekly language café for young people "
            "about to start an internship in Denmark. There is no homework and no marks: they "
            "talk about the working day, practise a phone call and learn the trade's key "
            "words.\n\nVolunteers from the Danish minority join every time, so the young people "
            "meet someone who knows both sides.",
        },
    },
    {
        "partner": 0,
        "country": "DK",
        "tags": ["families", "language"],
        "title": {
            "da": "Forældremøder på to sprog",
            "de": "Elternabende in zwei Sprachen",
            "en": "Parents' evenings in two languages",
        },
        "body": {
            "da": "Forældre er ofte de første til at sige nej til en praktik i Tyskland – af "
            "bekymring for transport, penge og sprog. Vi inviterer forældrene til et møde, hvor "
            "en tidligere elev og en virksomhed fortæller, og hvor alt siges på både dansk og "
            "tysk.\n\nEfter møderne er flere forældre med på idéen, og de unge får opbakning "
            "hjemmefra.",
            "de": "Eltern sind oft die Ersten, die Nein zu einem Praktikum in Deutschland "
            "sagen – aus Sorge um Fahrt, Geld und Sprache. Wir laden die Eltern zu einem Abend "
            "ein, an dem eine ehemalige Schülerin und ein Betrieb erzählen und alles auf "
            "Dänisch und Deutsch gesagt wird.\n\nNach diesen Abenden stehen mehr Eltern hinter "
            "der Idee, und die jungen Menschen bekommen Rückhalt von zu Hause.",
            "en": "Parents are often the first to say no to an internship in Germany – out of "
            "worry about travel, money and language. We invite parents to an evening where a "
            "former student and a company tell their story and everything is said in both "
            "Danish and German.\n\nAfter these evenings more parents back the idea, and the "
            "young people have support at home.",
        },
    },
    {
        # German only on purpose: the demo shows the visible fallback for Danish and English
        # readers ("Shown in German — no Danish text yet.").
        "partner": 2,
        "country": "DE",
        "tags": ["applications", "companies"],
        "title": {
            "da": "",
            "de": "Bewerbungstraining mit echten Personalverantwortlichen",
            "en": "",
        },
        "body": {
            "da": "",
            "de": "Einmal im Quartal kommen Personalverantwortliche aus Flensburger Betrieben "
            "in die Produktionsschule und führen Probe-Vorstellungsgespräche. Die jungen "
            "Menschen bekommen danach ein ehrliches Feedback – und manchmal gleich eine "
            "Einladung zum Praktikum.",
            "en": "",
        },
    },
]

FEEDBACK_COMMENTS = [
    (5, "Sehr praxisnah – die Fälle kannte ich aus meinem eigenen Alltag."),
    (4, "Gode øvelser. Jeg ville gerne have haft mere tid til erfaringsudveksling."),
]
