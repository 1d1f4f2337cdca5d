#!/usr/bin/env bash
# Re-extracts the desktop app's strings into translations/*.ts and reports what is left to
# translate.
#
#   scripts/update-translations.sh [BUILD_DIR]     (default: build/)
#
# 1. Runs lupdate through the build (target tp_i18n_lupdate, from qt_add_translations in
#    app/trackplan/CMakeLists.txt): every source file of app/trackplan, views and models/{core,
#    store,itemmodels} is scanned, vanished strings are dropped.
# 2. A string whose context changed (a class renamed, a helper moved) comes back from lupdate
#    as a new entry, unfinished (lupdate may pre-fill it by its same-text heuristic). If the
#    same source text had exactly one translation before, that translation is carried over,
#    marked finished and listed, to be checked in the diff.
# 3. Counts what is unfinished: in trackplan_zh_CN.ts every entry; in trackplan_en.ts (source
#    language) only plural forms. Exits 1 if anything is unfinished, so CI or a pre-commit
#    hook can insist on complete translations.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD_DIR=${1:-$ROOT/build}
TS_DIR="$ROOT/translations"

log() { printf 'update-translations: %s\n' "$*" >&2; }

command -v python3 >/dev/null || { log "python3 is needed"; exit 2; }
if [ ! -f "$BUILD_DIR/CMakeCache.txt" ]; then
    log "configuring $BUILD_DIR"
    cmake -S "$ROOT" -B "$BUILD_DIR" -G Ninja >/dev/null
fi

SNAPSHOT=$(mktemp)
trap 'rm -f "$SNAPSHOT" "$SNAPSHOT.log"' EXIT

# Each step below is one small Python program over the .ts XML (no extra packages).
tsdo() {
    python3 - "$@" <<'PY'
import json, sys, xml.etree.ElementTree as ET

def messages(path):
    root = ET.parse(path)
    for ctx in root.getroot().findall('context'):
        name = ctx.findtext('name')
        for m in ctx.findall('message'):
            yield root, name, m

def key(m):
    return (m.findtext('source') or '', m.findtext('comment') or '', m.get('numerus') == 'yes')

def finished(m):
    t = m.find('translation')
    if t is None or t.get('type') in ('unfinished', 'vanished', 'obsolete'):
        return None
    if m.get('numerus') == 'yes':
        forms = [f.text or '' for f in t.findall('numerusform')]
        return forms if any(forms) else None
    return t.text or None

mode, snapshot, files = sys.argv[1], sys.argv[2], sys.argv[3:]
if mode == 'snapshot':
    known = {}
    for path in files:
        table = {}
        for _, _, m in messages(path):
            value = finished(m)
            if value is not None:
                table.setdefault(json.dumps(key(m)), []).append(value)
        # Keep only source texts translated one way: anything else needs a person.
        known[path] = {k: v[0] for k, v in table.items() if all(x == v[0] for x in v)}
    json.dump(known, open(snapshot, 'w'))
elif mode == 'carry':
    known = json.load(open(snapshot))
    changed = 0
    for path in files:
        tree, touched = None, False
        for tree, ctx, m in messages(path):
            t = m.find('translation')
            if t is None or t.get('type') != 'unfinished':
                continue
            value = known.get(path, {}).get(json.dumps(key(m)))
            if value is None:
                continue
            # lupdate's own same-text heuristic may have pre-filled the entry (still unfinished):
            # accept it when it is that one translation, leave any other text to a person.
            current = [f.text or '' for f in t.findall('numerusform')] if isinstance(value, list) else (t.text or '')
            if any(current) and current != value:
                continue
            if isinstance(value, list):
                for f in list(t):
                    t.remove(f)
                for form in value:
                    ET.SubElement(t, 'numerusform').text = form
            else:
                t.text = value
            del t.attrib['type']
            touched = True
            changed += 1
            print(f'  carried over in {path.rsplit("/", 1)[-1]} [{ctx}]: {m.findtext("source")}')
        if touched:
            with open(path, 'wb') as out:
                out.write(b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n')
                tree.write(out, encoding='utf-8', xml_declaration=False)
    print(changed)
elif mode == 'count':
    total = 0
    for path in files:
        source_language = path.endswith('_en.ts')
        missing = []
        for _, ctx, m in messages(path):
            t = m.find('translation')
            if t is None or t.get('type') != 'unfinished':
                continue
            if source_language and m.get('numerus') != 'yes':
                continue  # English source text is its own translation
            missing.append(f'    [{ctx}] {m.findtext("source")}')
        print(f'{path.rsplit("/", 1)[-1]}: {len(missing)} unfinished')
        for line in missing:
            print(line)
        total += len(missing)
    sys.exit(1 if total else 0)
PY
}

TS_FILES=("$TS_DIR"/trackplan_*.ts)
tsdo snapshot "$SNAPSHOT" "${TS_FILES[@]}"
log "running lupdate via $BUILD_DIR"
# lupdate's "lacks Q_OBJECT macro" notes are noise for our non-QObject classes.
if ! cmake --build "$BUILD_DIR" --target tp_i18n_lupdate >"$SNAPSHOT.log" 2>&1; then
    cat "$SNAPSHOT.log" >&2
    exit 2
fi
grep -v "lacks Q_OBJECT macro" "$SNAPSHOT.log" >&2 || true
carried=$(tsdo carry "$SNAPSHOT" "${TS_FILES[@]}" | tee /dev/stderr | tail -n 1)
if [ "$carried" != "0" ]; then
    # lupdate once more so that the files keep lupdate's own layout.
    cmake --build "$BUILD_DIR" --target tp_i18n_lupdate >/dev/null
    log "carried over $carried translation(s) of moved strings; check them in the diff"
fi
tsdo count "$SNAPSHOT" "${TS_FILES[@]}"
