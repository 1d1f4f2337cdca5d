#!/usr/bin/env python3
"""Fills unfinished messages of a Qt .ts file from a Python dict file.

usage: scripts/fill-translations.py TS_FILE DICT.py

DICT.py defines T = {(context, source): translation}; a list as translation fills the
numerus forms. Prints what is still unfinished afterwards. Keeps lupdate's layout.
"""
import re
import sys
from xml.sax.saxutils import escape, unescape


def main():
    ts_path, dict_path = sys.argv[1], sys.argv[2]
    scope = {}
    exec(open(dict_path, encoding="utf-8").read(), scope)
    table = scope["T"]
    text = open(ts_path, encoding="utf-8").read()

    def fill_context(m):
        block = m.group(0)
        name = unescape(re.search(r"<name>(.*?)</name>", block, re.S).group(1))

        def fill_message(mm):
            msg = mm.group(0)
            if 'type="unfinished"' not in msg:
                return msg
            src = unescape(re.search(r"<source>(.*?)</source>", msg, re.S).group(1), {"&quot;": '"', "&apos;": "'"})
            tr = table.get((name, src))
            if tr is None:
                return msg
            if isinstance(tr, list):
                forms = "".join(f"\n            <numerusform>{escape(f)}</numerusform>" for f in tr)
                new = f"<translation>{forms}\n        </translation>"
            else:
                new = f"<translation>{escape(tr)}</translation>"
            return re.sub(r"<translation type=\"unfinished\">.*?</translation>|<translation type=\"unfinished\"/>",
                          lambda _: new, msg, flags=re.S)

        return re.sub(r"<message[^>]*>.*?</message>", fill_message, block, flags=re.S)

    text = re.sub(r"<context>.*?</context>", fill_context, text, flags=re.S)
    open(ts_path, "w", encoding="utf-8").write(text)
    left = len(re.findall(r'type="unfinished"', text))
    print(f"{ts_path}: {left} unfinished")


if __name__ == "__main__":
    main()
