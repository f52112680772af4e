"""The translation workflow: extract → update → compile → check.

    python scripts/i18n.py extract   # messages.pot from code, templates and data
    python scripts/i18n.py update    # merge it into every locales/<lang>/LC_MESSAGES/messages.po
    python scripts/i18n.py compile   # .po -> .mo (what the apps load)
    python scripts/i18n.py check     # translated, no fuzzy, placeholders intact, the rules of catalog_rules.py
    python scripts/i18n.py all       # the four in a row

English is the source language (English msgids), so it has no catalog of its own.
"""

import re
import sys
from pathlib import Path

from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from schemas.vocabulary import ADMIN_LANGUAGES, LANGUAGES  # noqa: E402

sys.path.insert(0, str(ROOT / "scripts"))
import catalog_rules  # noqa: E402

LOCALES = ROOT / "locales"
POT = LOCALES / "messages.pot"
TRANSLATED = [lang for lang in LANGUAGES if lang != "en"]
# domain -> (extraction config, languages with a catalog)
DOMAINS = {
    "messages": (ROOT / "babel.cfg", TRANSLATED),
    "admin": (ROOT / "babel-admin.cfg", [lang for lang in ADMIN_LANGUAGES if lang != "en"]),
}
PLACEHOLDER = re.compile(r"%\(\w+\)s|\{\w*\}")


def pybabel(*args: str) -> None:
    CommandLineInterface().run(["pybabel", "-q", *args])


def pot(domain: str) -> Path:
    return LOCALES / f"{domain}.pot"


def extract(output: Path | None = None, domain: str = "messages") -> None:
    # say(lang, "…"): a msgid said in another language than the page's (site/portal/pages.py).
    config = DOMAINS[domain][0]
    pybabel(
        "extract", "-F", str(config), "-k", "N_", "-k", "gettext", "-k", "ngettext:1,2", "-k", "say:2",
        "--no-location", "--sort-output", "--omit-header", "--no-wrap", "-o", str(output or pot(domain)), str(ROOT),
    )  # fmt: skip


def update() -> None:
    for domain, (_config, languages) in DOMAINS.items():
        for lang in languages:
            po = LOCALES / lang / "LC_MESSAGES" / f"{domain}.po"
            if not po.exists():
                pybabel("init", "-D", domain, "-i", str(pot(domain)), "-d", str(LOCALES), "-l", lang, "--no-wrap")
            # -N: never guess a translation from a similar msgid (a wrong guess reads as right).
            pybabel("update", "-D", domain, "-i", str(pot(domain)), "-d", str(LOCALES), "-l", lang, "-N",
                    "--no-wrap", "--ignore-obsolete")  # fmt: skip


def compile_catalogs() -> None:
    for domain, (_config, languages) in DOMAINS.items():
        for lang in languages:
            pybabel("compile", "-D", domain, "-d", str(LOCALES), "-l", lang)


def problems() -> list[str]:
    """Everything that keeps a catalog from being complete and correct, in every domain."""
    found = [line for domain in DOMAINS for line in domain_problems(domain)]
    return found + catalog_rules.all_template_problems()


def domain_problems(domain: str, locales: Path = LOCALES) -> list[str]:
    found = []
    banned = catalog_rules.banned_terms()
    with pot(domain).open("rb") as handle:
        expected = {m.id for m in read_po(handle) if m.id}
    for lang in DOMAINS[domain][1]:
        po = locales / lang / "LC_MESSAGES" / f"{domain}.po"
        if not po.exists():
            found.append(f"{lang}: no {domain} catalog")
            continue
        with po.open("rb") as handle:
            catalog = read_po(handle, locale=lang)
        ids = set()
        for message in catalog:
            if not message.id:
                continue
            key = message.id if isinstance(message.id, str) else message.id[0]
            ids.add(message.id)
            strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]
            sources = message.id if isinstance(message.id, (list, tuple)) else [message.id]
            if message.fuzzy:
                found.append(f"{lang}: {domain}: fuzzy: {key!r}")
            if not all(s and s.strip() for s in strings):
                found.append(f"{lang}: {domain}: untranslated: {key!r}")
                continue
            wanted = sorted(set(PLACEHOLDER.findall(sources[-1])))
            for text in strings:
                if sorted(set(PLACEHOLDER.findall(text))) != wanted:
                    found.append(f"{lang}: {domain}: placeholders differ: {key!r}")
                # Templates format every string with %: a lone % breaks the page.
                if "%" in PLACEHOLDER.sub("", text).replace("%%", ""):
                    found.append(f"{lang}: {domain}: stray % (write %%): {key!r}")
                for problem in catalog_rules.entry_problems(lang, sources[-1], text, banned.get(lang, {})):
                    found.append(f"{lang}: {domain}: {problem}: {key!r}")
        for missing in expected - ids:
            found.append(f"{lang}: {domain}: missing: {missing!r}")
    return found


def check() -> int:
    issues = problems()
    for line in issues:
        print(line)
    print(f"{len(issues)} problem(s) in {sum(len(langs) for _, langs in DOMAINS.values())} catalogs")
    return 1 if issues else 0


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else "all"
    if command in ("extract", "all"):
        for name in DOMAINS:
            extract(domain=name)
    if command in ("update", "all"):
        update()
    if command in ("compile", "all"):
        compile_catalogs()
    if command in ("check", "all"):
        sys.exit(check())
