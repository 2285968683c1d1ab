#!/bin/bash
# `make install` into a DESTDIR: the commands, the CGI, the data, man pages,
# completion and examples land where they should, the installed commands
# read the installed data (not the source tree's), and `make uninstall`
# removes every file again.
. "$(dirname "$0")/lib.sh"
: "${NX_BUILD_DIR:?set by ctest}"
D=$T/stage
prefix=$(sed -n 's/^CMAKE_INSTALL_PREFIX:PATH=//p' "$NX_BUILD_DIR/CMakeCache.txt")
S=$D$prefix

run env DESTDIR="$D" cmake --install "$NX_BUILD_DIR"
check_eq "install exit" "$rc" 0
for f in bin/newsdex bin/newsdex-reindex bin/newsdex-rebuild bin/newsdex-rollback \
         bin/newsdex-shards bin/newsdex-replica lib/cgi-bin/newsdex.cgi; do
    check "$f installed, executable" test -x "$S/$f"
done
check "newsdex-rebuild is newsdex-reindex" test "$(readlink "$S/bin/newsdex-rebuild")" = newsdex-reindex
for f in ner.model aliases.tsv orgs.tsv cities.tsv first-names.tsv person-cues.txt; do
    check "share/newsdex/$f installed" test -s "$S/share/newsdex/$f"
done
for m in man1/newsdex.1 man8/newsdex-reindex.8 man8/newsdex-rebuild.8 \
         man8/newsdex-rollback.8 man8/newsdex-shards.8 man8/newsdex-replica.8 \
         man8/newsdex.cgi.8; do
    check "$m installed" test -s "$S/share/man/$m"
done
check "bash completion installed" test -s "$S/share/bash-completion/completions/newsdex"
X=$S/share/doc/newsdex/examples
for f in newsdex-reindex.service newsdex-reindex.timer newsdex-rebuild.service \
         newsdex-rebuild.timer newsdex.crontab newsdex.default; do
    check "example $f installed" test -s "$X/$f"
done
check "reindex unit runs the installed script" \
    grep -qx "ExecStart=$prefix/bin/newsdex-reindex" "$X/newsdex-reindex.service"
check "rebuild unit runs the installed script" \
    grep -q "^ExecStart=$prefix/bin/newsdex-rebuild " "$X/newsdex-rebuild.service"
check "crontab's PATH has the installed bin" grep -q "^PATH=$prefix/bin:" "$X/newsdex.crontab"
check "no source-tree path in the installed files" \
    test -z "$(grep -rlF "$NX_SOURCE_DIR" "$X" "$S/bin/newsdex-reindex")"

# The installed commands work from the stage, on the installed data.
export PATH="$S/bin:$PATH"
run newsdex index -q --db "$T/db" "$NX_SOURCE_DIR/corpus"
check_eq "installed index" "$rc" 0
run newsdex search --db "$T/db" --limit 1 'NATO AND Ukraine by:Lavrov'
check_eq "installed search" "$rc" 0
run newsdex-reindex --db "$T/db" -q "$NX_SOURCE_DIR/corpus"
check_eq "installed newsdex-reindex" "$rc" 0
run env NEWSDEX_DB="$T/db" "$S/lib/cgi-bin/newsdex.cgi" q=NATO format=json
check "installed CGI answers" grep -q '"total"' <<<"$out"
# Proof that the data comes from the install: take a file away there.
mv "$S/share/newsdex/orgs.tsv" "$T/orgs.tsv"
run newsdex entities "$NX_SOURCE_DIR/corpus/seed"
check_eq "installed gazetteers read (missing one: exit)" "$rc" 3
check "names the installed gazetteer" grep -qF "$S/share/newsdex/orgs.tsv" <<<"$err"
mv "$T/orgs.tsv" "$S/share/newsdex/orgs.tsv"
mv "$S/share/newsdex/ner.model" "$T/ner.model"
run newsdex index -q --db "$T/db2" "$NX_SOURCE_DIR/corpus/seed"
check "names the installed model" grep -qF "$S/share/newsdex/ner.model" <<<"$err"
mv "$T/ner.model" "$S/share/newsdex/ner.model"
mv "$S/share/newsdex/aliases.tsv" "$T/aliases.tsv"
run newsdex index -q --db "$T/db3" "$NX_SOURCE_DIR/corpus/seed"
check "names the installed alias table" grep -qF "$S/share/newsdex/aliases.tsv" <<<"$err"
mv "$T/aliases.tsv" "$S/share/newsdex/aliases.tsv"
# Moved elsewhere, the tree still finds its data (relocatable).
mv "$D" "$T/moved"
run "$T/moved$prefix/bin/newsdex" entities "$NX_SOURCE_DIR/corpus/seed"
check_eq "a moved install still works" "$rc" 0
mv "$T/moved" "$D"

# make uninstall: every file listed by the manifest goes.
run env DESTDIR="$D" cmake -DMANIFEST="$NX_BUILD_DIR/install_manifest.txt" \
    -P "$NX_SOURCE_DIR/cmake/uninstall.cmake"
check_eq "uninstall exit" "$rc" 0
check_eq "nothing left after uninstall" "$(find "$D" ! -type d | head -3)" ""
finish
