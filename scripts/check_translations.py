"""Fail when a user-facing string has no Danish or German translation.

Extracts the messages of the current code into a scratch copy of locale/ (so the working tree
is not touched), then asks msgfmt for untranslated or fuzzy entries in da and de.
"""

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ["da", "de"]


def main() -> int:
    # makemessages files each source under the first LOCALE_PATHS entry whose parent folder
    # contains it, so the scratch copy must sit directly in the project folder.
    with tempfile.TemporaryDirectory(prefix=".locale-check-", dir=ROOT) as scratch:
        locale = Path(scratch)
        shutil.rmtree(locale)
        shutil.copytree(ROOT / "locale", locale)
        env = {**os.environ, "JUMP_LOCALE_DIR": str(locale)}
        env.setdefault("DJANGO_SETTINGS_MODULE", "jump.settings.dev")
        args = [sys.executable, "manage.py", "makemessages", "--no-obsolete", "-v0"]
        args += [f"-l{code}" for code in LANGUAGES]
        ignored_dirs = (".venv", "tests", "node_modules", "scripts", "var", "staticfiles", "locale")
        for ignored in (*ignored_dirs, ".locale-check-*"):
            args += ["--ignore", ignored]
        subprocess.run(args, cwd=ROOT, env=env, check=True)
        problems = []
        for code in LANGUAGES:
            po = locale / code / "LC_MESSAGES" / "django.po"
            stats = subprocess.run(
                ["msgfmt", "--statistics", "-o", os.devnull, str(po)],
                capture_output=True,
                text=True,
                check=True,
            ).stderr.strip()
            if "untranslated" in stats or "fuzzy" in stats:
                problems.append(f"locale/{code}: {stats}")
                problems.extend(f"  {m}" for m in missing_messages(po))
        if problems:
            print("Untranslated or fuzzy messages (run `make makemessages` and translate):")
            print("\n".join(problems))
            return 1
    print("Translations complete for " + ", ".join(LANGUAGES) + ".")
    return 0


def missing_messages(po: Path) -> list[str]:
    """msgids with an empty or fuzzy translation, for the error message."""
    out = subprocess.run(
        ["msgattrib", "--untranslated", "--no-wrap", str(po)], capture_output=True, text=True
    ).stdout
    out += subprocess.run(
        ["msgattrib", "--only-fuzzy", "--no-wrap", str(po)], capture_output=True, text=True
    ).stdout
    return [
        line[6:] for line in out.splitlines() if line.startswith('msgid "') and line != 'msgid ""'
    ][:50]


if __name__ == "__main__":
    sys.exit(main())
