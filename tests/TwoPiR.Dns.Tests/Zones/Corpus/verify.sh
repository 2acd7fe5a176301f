#!/usr/bin/env bash
# Re-verify the zone-file corpus against BIND's named-checkzone.
#
#   ./verify.sh                 verdicts + .bind dumps + recorded ";|" BIND output
#   ./verify.sh --verdict-only  only check that accepted/ files pass and rejected/ files fail
#
# Exit status 0 = everything matches; 1 = at least one difference (each is printed).
set -u
cd "$(dirname "$0")"

NCZ=${NAMED_CHECKZONE:-named-checkzone}
CHECK=("$NCZ" -k ignore -i local example.com)
DUMP=("$NCZ" -k ignore -i local -D -s full -o - example.com)

verdict_only=0
[ "${1:-}" = "--verdict-only" ] && verdict_only=1

command -v "$NCZ" >/dev/null || { echo "verify.sh: $NCZ not found" >&2; exit 2; }

fail=0; n_acc=0; n_rej=0
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

# Recorded output = the ";| " lines of the header (CR stripped for CRLF files).
recorded() { grep -a '^;| ' "$1" | sed -e 's/^;| //' -e 's/\r$//'; }

check_dir() {
  local dir=$1 want=$2 f rc
  for f in "$dir"/*.zone; do
    f=${f##*/}
    (cd "$dir" && "${CHECK[@]}" "$f") >"$tmp/out" 2>&1; rc=$?
    if [ "$want" = accept ]; then
      n_acc=$((n_acc + 1))
      [ $rc -eq 0 ] || { echo "VERDICT  $dir/$f: expected accept, named-checkzone exited $rc"; sed 's/^/           /' "$tmp/out"; fail=1; continue; }
    else
      n_rej=$((n_rej + 1))
      [ $rc -ne 0 ] || { echo "VERDICT  $dir/$f: expected reject, named-checkzone exited 0"; fail=1; continue; }
    fi
    [ $verdict_only -eq 1 ] && continue
    if ! diff <(recorded "$dir/$f") "$tmp/out" >"$tmp/diff"; then
      echo "MESSAGES $dir/$f: BIND output differs from the ;| header lines"; sed 's/^/           /' "$tmp/diff"; fail=1
    fi
    if [ "$want" = accept ]; then
      (cd "$dir" && "${DUMP[@]}" "$f") >"$tmp/dump" 2>/dev/null
      if [ ! -f "$dir/$f.bind" ]; then
        echo "DUMP     $dir/$f: missing $f.bind"; fail=1
      elif ! cmp -s "$tmp/dump" "$dir/$f.bind"; then
        echo "DUMP     $dir/$f: named-checkzone -D output differs from $f.bind"
        diff "$dir/$f.bind" "$tmp/dump" | sed 's/^/           /'; fail=1
      fi
    fi
  done
}

check_dir accepted accept
check_dir rejected reject

# Stray dumps without a zone.
for b in accepted/*.zone.bind; do
  [ -f "${b%.bind}" ] || { echo "DUMP     $b: no matching .zone file"; fail=1; }
done

echo "checked $n_acc accepted and $n_rej rejected files with: ${CHECK[*]} NAME.zone"
if [ $fail -eq 0 ]; then echo "verify.sh: all files match"; else echo "verify.sh: DIFFERENCES FOUND"; fi
exit $fail
