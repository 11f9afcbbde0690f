"""Columns that name a participant, shared by the participant and the attendance imports."""

from django.utils.translation import gettext_lazy as _

from ..columns import Choice, Column

FIRST_NAME = Column(
    "first_name",
    en="First name",
    da="Fornavn",
    de="Vorname",
    aliases=("Firstname", "Given name", "Fornavne", "Vornamen", "Rufname"),
    max_length=100,
    help=_("The participant's first name (given names)."),
)
LAST_NAME = Column(
    "last_name",
    en="Last name",
    da="Efternavn",
    de="Nachname",
    aliases=("Surname", "Family name", "Lastname", "Familienname", "Efternavne"),
    max_length=100,
    help=_("The participant's last name (family name)."),
)
DATE_OF_BIRTH = Column(
    "date_of_birth",
    en="Date of birth",
    da="Fødselsdato",
    de="Geburtsdatum",
    type="date",
    aliases=("Birth date", "Birthdate", "Born", "DOB", "Født", "Geboren am", "Geb.-Datum", "Geb."),
    help=_("As an Excel date, or written as dd.mm.yyyy, dd-mm-yyyy or yyyy-mm-dd."),
)
EMAIL = Column(
    "email",
    en="E-mail",
    da="E-mail",
    de="E-Mail",
    type="email",
    aliases=("Email address", "E-mail address", "E-mailadresse", "E-Mail-Adresse", "Mail"),
    max_length=254,
    help=_("The participant's own e-mail address."),
)

GENDER_CHOICES = (
    Choice("female", "Female", "Kvinde", "Weiblich", aliases=("F", "K", "W", "Frau", "Woman")),
    Choice("male", "Male", "Mand", "Männlich", aliases=("M", "Mann", "Man")),
    Choice("diverse", "Diverse", "Andet", "Divers", aliases=("D", "Non-binary", "Nonbinær")),
    Choice(
        "not_stated",
        "Not stated",
        "Ikke oplyst",
        "Keine Angabe",
        aliases=("Unknown", "Ukendt", "Unbekannt", "k. A."),
    ),
)
COUNTRY_OF_RESIDENCE_CHOICES = (
    Choice("DK", "Denmark", "Danmark", "Dänemark"),
    Choice("DE", "Germany", "Tyskland", "Deutschland", aliases=("D",)),
    Choice("XX", "Other", "Andet", "Anderes", aliases=("Sonstiges", "Other country", "Andet land")),
)
ISCED_CHOICES = (
    Choice(
        "isced_0_2",
        "ISCED 0–2 (up to lower secondary)",
        "ISCED 0–2 (op til grundskole)",
        "ISCED 0–2 (bis Sekundarstufe I)",
        aliases=("ISCED 0-2", "0-2", "0", "1", "2", "ISCED 0", "ISCED 1", "ISCED 2"),
    ),
    Choice(
        "isced_3_4",
        "ISCED 3–4 (upper secondary, post-secondary)",
        "ISCED 3–4 (ungdomsuddannelse)",
        "ISCED 3–4 (Sekundarstufe II, postsekundär)",
        aliases=("ISCED 3-4", "3-4", "3", "4", "ISCED 3", "ISCED 4"),
    ),
    Choice(
        "isced_5_8",
        "ISCED 5–8 (tertiary)",
        "ISCED 5–8 (videregående uddannelse)",
        "ISCED 5–8 (tertiär)",
        aliases=("ISCED 5-8", "5-8", "5", "6", "7", "8", "ISCED 5", "ISCED 6", "ISCED 7"),
    ),
)
LABOUR_MARKET_CHOICES = (
    Choice("unemployed", "Unemployed", "Ledig", "Arbeitslos", aliases=("Arbejdsløs",)),
    Choice(
        "long_term_unemployed",
        "Long-term unemployed",
        "Langtidsledig",
        "Langzeitarbeitslos",
    ),
    Choice(
        "inactive",
        "Inactive",
        "Uden for arbejdsstyrken",
        "Nicht erwerbstätig",
        aliases=("Inaktiv", "Nichterwerbstätig"),
    ),
    Choice(
        "in_education",
        "In education or training",
        "I uddannelse",
        "In Ausbildung",
        aliases=("In education", "Under uddannelse", "In Schule oder Ausbildung", "Schüler"),
    ),
    Choice(
        "employed",
        "Employed",
        "I beskæftigelse",
        "Erwerbstätig",
        aliases=("Beskæftiget", "I job", "Beschäftigt"),
    ),
)
LANGUAGE_CHOICES = (
    Choice("da", "Danish", "Dansk", "Dänisch"),
    Choice("de", "German", "Tysk", "Deutsch"),
    Choice("en", "English", "Engelsk", "Englisch"),
)
