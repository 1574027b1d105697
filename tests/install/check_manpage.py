"""check_manpage.py: the install.manpage test. The man page (docs/cbindgen-py.1) is written by
hand, so this checks it against the program it documents: the OPTIONS section must list the
options `cbindgen-py --help` lists (the same spellings and value names, in the same order),
its WARNING CATEGORIES section the categories --help names, and its .TH line the version
--version prints. It then checks that a page with one option dropped, or one option
added, is reported, so that the comparison itself can fail.

usage: check_manpage.py GENERATOR MANPAGE
"""
import re
import subprocess
import sys


def help_entries(text):
    """The option column of each option line of --help ('-o, --output FILE'), and the
    warning categories named in parentheses after 'category NAME'."""
    options = []
    for line in text.splitlines():
        m = re.match(r"^  (-\S.*?)(?:\s{2,}|$)", line)
        if m:
            options.append(m.group(1))
    m = re.search(r"category NAME\s*\n\s*\(([^)]*)\)", text)
    categories = [c.strip() for c in m.group(1).split(",")] if m else []
    return options, categories


def roff_text(line):
    """A roff line as it reads: font escapes gone, \\- a dash, request names dropped."""
    line = re.sub(r"\\f[BIRP]", "", line).replace("\\-", "-")
    return re.sub(r"^\.(B|I|BR|BI|IR)\s+", "", line).strip()


def man_sections(text):
    """{section name: [the term line after each .TP]} and the .TH line's version."""
    sections, current, lines = {}, None, text.splitlines()
    version = None
    for i, line in enumerate(lines):
        if line.startswith(".TH "):
            m = re.search(r'"cbindgen-py ([^"]+)"', line)
            version = m.group(1) if m else None
        elif line.startswith(".SH "):
            current = line[4:].strip().strip('"')
            sections[current] = []
        elif line == ".TP" and current and i + 1 < len(lines):
            sections[current].append(roff_text(lines[i + 1]))
    return sections, version


def compare(help_text, version_text, man_text):
    """The list of disagreements between --help/--version and the man page."""
    options, categories = help_entries(help_text)
    sections, man_version = man_sections(man_text)
    problems = []
    if not options:
        problems.append("no options found in --help")
    for what, ours, theirs in (("options", options, sections.get("OPTIONS", [])),
                               ("warning categories", categories,
                                sections.get("WARNING CATEGORIES", []))):
        if ours != theirs:
            problems.append("%s differ:\n  --help:   %r\n  man page: %r" % (what, ours, theirs))
    program_version = version_text.split()[-1] if version_text.split() else ""
    if man_version != program_version:
        problems.append("version: --version says %r, the man page's .TH says %r"
                        % (program_version, man_version))
    return problems


def main():
    generator, manpage = sys.argv[1:3]
    help_text = subprocess.run([generator, "--help"], check=True, stdout=subprocess.PIPE,
                               universal_newlines=True).stdout
    version_text = subprocess.run([generator, "--version"], check=True, stdout=subprocess.PIPE,
                                  universal_newlines=True).stdout
    with open(manpage) as f:
        man_text = f.read()
    problems = compare(help_text, version_text, man_text)
    for p in problems:
        print("man page and --help disagree: " + p)
    if problems:
        return 1

    # The comparison must be able to fail: drop the last option entry, then add one.
    last_tp = man_text.rindex(".TP\n", 0, man_text.index(".SH WARNING CATEGORIES"))
    dropped = man_text[:last_tp] + man_text[man_text.index("\n", last_tp + 4) + 1:]
    added = man_text.replace(".SH WARNING CATEGORIES",
                             ".TP\n\\fB\\-\\-bogus\\fR\n.SH WARNING CATEGORIES", 1)
    for name, doctored in (("a dropped option", dropped), ("an extra option", added)):
        if not compare(help_text, version_text, doctored):
            print("self-test: a man page with %s was not reported" % name)
            return 1
    print("man page lists the %d options and the categories of --help, version %s"
          % (len(help_entries(help_text)[0]), version_text.strip()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
