"""Password rules beyond Django's (ASVS 6.2): programme words rejected, 128 characters allowed."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# Words anyone guessing a programme member's password would try first.
PROGRAMME_WORDS = {
    "jump",
    "interreg",
    "produktionsskole",
    "produktionsschule",
    "sonderjylland",
    "sønderjylland",
    "schleswig",
    "flensburg",
    "sonderborg",
    "sønderborg",
    "aabenraa",
    "padborg",
    "grenze",
    "graense",
    "grænse",
    "praktik",
    "praktikum",
    "ausbildung",
    "coach",
    "vejleder",
    "denmark",
    "danmark",
    "daenemark",
    "dänemark",
    "germany",
    "tyskland",
    "deutschland",
    "password",
    "kodeord",
    "passwort",
}


class ProgrammeWordsValidator:
    """Reject passwords that are a programme word padded with digits or symbols."""

    def validate(self, password, user=None):
        letters = re.sub(r"[^a-zæøåäöüß]", "", password.lower())
        remainder = letters
        for word in sorted(PROGRAMME_WORDS, key=len, reverse=True):
            remainder = remainder.replace(word, "")
        if letters and len(remainder) < 4:
            raise ValidationError(
                _("This password is built from words of this programme. Choose another."),
                code="password_programme_word",
            )

    def get_help_text(self):
        return _("Your password cannot be built from words of this programme.")


class MaximumLengthValidator:
    """Long passphrases are welcome, up to a bound that keeps hashing cheap."""

    max_length = 128

    def validate(self, password, user=None):
        if len(password) > self.max_length:
            raise ValidationError(
                _("This password is too long: at most %(max_length)d characters."),
                code="password_too_long",
                params={"max_length": self.max_length},
            )

    def get_help_text(self):
        return _("Your password can be up to %(max_length)d characters long.") % {
            "max_length": self.max_length
        }
