#!/bin/bash
# End-to-end: a run whose final commit fails (here: a file-size limit, so
# Xapian's write gets EFBIG) exits 3 with the database's reason, frees
# what it holds (the sanitizer run's LeakSanitizer fails this test on a
# leak), and leaves a database the next run can use.
. "$(dirname "$0")/lib.sh"
DB="$T/db"
SRC="$NX_SOURCE_DIR/corpus"
# How large the index's largest file grows, to set the limit below it:
# the records are read and batched in memory, and the one commit at the
# end is what hits the limit.
run "$NEWSDEX" index -q --no-extract --db "$T/probe" "$SRC"
check_eq "probe index" "$rc" 0
largest=$(find "$T/probe" -type f -printf '%s\n' | sort -n | tail -1)
limit_kb=$((largest / 2048))
[ "$limit_kb" -ge 8 ] || limit_kb=8
# SIGXFSZ ignored: the write fails with EFBIG instead of killing the run.
run bash -c "trap '' XFSZ; ulimit -f $limit_kb; exec \"\$0\" index --no-extract --db \"\$1\" \"\$2\"" "$NEWSDEX" "$DB" "$SRC"
check_eq "failed final commit: exit 3" "$rc" 3
check "the reason named" grep -q "newsdex index: .*\(Error writing\|DatabaseError\|File too large\)" <<<"$err"
check "no sanitizer report" bash -c '! grep -q "Sanitizer" <<<"$0"' "$err"
run "$NEWSDEX" index -q --no-extract --db "$DB" "$SRC"
check_eq "the next run, without the limit: exit 0" "$rc" 0
run "$NEWSDEX" search --db "$DB" --json telescope
check_eq "and its articles are found" "$(json 'j["total"]')" 2

finish
