#!/usr/bin/env bash
# Install community_gov into an existing Frappe v15 bench the way an administrator does, and take it out again.
#
#   sudo tests/bench_install.sh          (root: it creates the bench's system user and a MariaDB admin)
#
# As a non-root user (CHECK_USER, default cgbench, created and removed here) with the bench CLI from PyPI
# (pip install frappe-bench, in its own venv): `bench init` of a throwaway bench from a local Frappe version-15,
# `bench new-site` on this machine's MariaDB (its own database, dropped afterwards), `./manage.sh export-app`
# and `bench get-app` of the app, `install-app`, `migrate`, checks, `uninstall-app`, checks that the site
# works as before (desk, login, users) and that the site state equals the one before the install.
# Prints PASS/FAIL lines and exits non-zero when anything fails. Takes several minutes (bench init builds
# Frappe's desk assets), so it is not part of ./manage.sh test.
#
# Environment:
#   FRAPPE_SOURCE   Frappe with a version-15 branch (default: ./manage.sh's cache, ~/.cache/community_gov)
#   GET_APP_FROM    path (default: bench get-app /path/to/community_gov) or url (a git:// server, as from an
#                   intranet git server)
#   APP_REPO        an app repository to install (e.g. made by export-app; default: export this working tree)
#   CHECK_USER      the bench's user (default cgbench; an existing user is used and kept)
#   CHECK_PORT      port of the web server started for the desk checks (default 8431)
#   KEEP=1          keep the bench, site, database and user for a look afterwards (removed by the next run)
set -Eeuo pipefail

REPO_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BRANCH="version-15"
CG_CACHE_DIR="${CG_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/community_gov}"
FRAPPE_SOURCE="${FRAPPE_SOURCE:-$CG_CACHE_DIR/frappe-$BRANCH.git}"
GET_APP_FROM="${GET_APP_FROM:-path}"
CHECK_USER="${CHECK_USER:-cgbench}"
CHECK_PORT="${CHECK_PORT:-8431}"
GIT_PORT="${GIT_PORT:-9431}"
SITE="bench-check.localhost"
RUN_ID="$(head -c4 /dev/urandom | od -An -tx1 | tr -d ' \n')"
DB_NAME="cg_bchk_$RUN_ID"
DB_ADMIN="cg_bchk_admin_$RUN_ID"
DB_ADMIN_PASSWORD="$(head -c12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
# Redis databases of this bench's cache and queue; the project's bench uses 1 and 2.
REDIS_CACHE_DB=13
REDIS_QUEUE_DB=14
START=$SECONDS
FAILED=0
CREATED_USER=0
WORK=""
BENCH=""
SERVER_PID=""
GIT_DAEMON_PID=""

say() { printf '\033[1;34m==>\033[0m %s\n' "$*"; }
pass() { printf 'PASS %s\n' "$*"; }
fail() {
	printf 'FAIL %s\n' "$*"
	FAILED=1
}
die() {
	printf 'FAIL %s\n' "$*"
	exit 1
}

[ "$(id -u)" -eq 0 ] || die "run as root: this creates the bench's user ($CHECK_USER) and a MariaDB admin"
[ -d "$FRAPPE_SOURCE" ] || [[ "$FRAPPE_SOURCE" == *://* ]] ||
	die "no Frappe at $FRAPPE_SOURCE: run ./manage.sh setup once, or set FRAPPE_SOURCE to a clone or mirror"
mysqladmin ping -h127.0.0.1 --silent >/dev/null 2>&1 || die "MariaDB is not running (./manage.sh setup starts it)"
redis-cli -h 127.0.0.1 ping >/dev/null 2>&1 || die "Redis is not running on 127.0.0.1:6379 (./manage.sh setup starts it)"
for cmd in git node yarn python3 curl runuser; do
	command -v "$cmd" >/dev/null || die "$cmd is missing (./manage.sh setup installs what Frappe needs)"
done

# ---------------------------------------------------------------- the bench's user
if ! id "$CHECK_USER" >/dev/null 2>&1; then
	useradd --create-home --shell /bin/bash "$CHECK_USER"
	CREATED_USER=1
fi
USER_HOME="$(getent passwd "$CHECK_USER" | cut -d: -f6)"
BENCH_CLI="$USER_HOME/bench-cli"
WORK="$USER_HOME/bench-install-check"
BENCH="$WORK/frappe-bench"

# A command as the bench's user, in directory $1, with the bench CLI on its PATH.
as_user() {
	local dir="$1"
	shift
	(cd "$dir" && runuser -u "$CHECK_USER" -- env HOME="$USER_HOME" USER="$CHECK_USER" \
		PATH="$BENCH_CLI/bin:/usr/local/bin:/usr/bin:/bin" "$@")
}

# A bench's Frappe command as the bench's user; its output goes to the log.
bench_cmd() {
	as_user "$BENCH" bench "$@" >>"$WORK/bench.log" 2>&1
}

mysql_root() { mysql -uroot "$@"; }

cleanup() {
	local rc=$?
	set +e
	if [ "$rc" -ne 0 ] || [ "$FAILED" -ne 0 ]; then
		[ ! -f "$WORK/bench.log" ] || tail -40 "$WORK/bench.log" | tr '\r' '\n' | grep -v "Updating DocTypes"
	fi
	[ -z "$SERVER_PID" ] || kill -- "-$SERVER_PID" 2>/dev/null
	[ -z "$GIT_DAEMON_PID" ] || kill -- "-$GIT_DAEMON_PID" 2>/dev/null
	if [ "${KEEP:-0}" = 1 ]; then
		say "KEEP=1: bench $BENCH, site $SITE (database $DB_NAME, admin $DB_ADMIN / $DB_ADMIN_PASSWORD) kept"
	else
		mysql_root -e "DROP DATABASE IF EXISTS \`$DB_NAME\`;
			DROP USER IF EXISTS '$DB_NAME'@'localhost'; DROP USER IF EXISTS '$DB_NAME'@'%';
			DROP USER IF EXISTS '$DB_NAME'@'127.0.0.1';
			DROP USER IF EXISTS '$DB_ADMIN'@'localhost'; DROP USER IF EXISTS '$DB_ADMIN'@'127.0.0.1';" 2>/dev/null
		redis-cli -h 127.0.0.1 -n "$REDIS_CACHE_DB" flushdb >/dev/null 2>&1
		redis-cli -h 127.0.0.1 -n "$REDIS_QUEUE_DB" flushdb >/dev/null 2>&1
		[ -z "$WORK" ] || rm -rf "$WORK"
		if [ "$CREATED_USER" = 1 ]; then
			userdel --remove "$CHECK_USER" 2>/dev/null
		fi
	fi
	local duration=$((SECONDS - START))
	if [ "$rc" -eq 0 ] && [ "$FAILED" -eq 0 ]; then
		echo "bench install check: PASS in $((duration / 60))m$((duration % 60))s"
	else
		echo "bench install check: FAIL in $((duration / 60))m$((duration % 60))s"
		exit 1
	fi
}
trap cleanup EXIT

# Databases and MariaDB users of a previous run that was killed before its clean-up (or kept with KEEP=1).
for old in $(mysql_root -N -e "SHOW DATABASES LIKE 'cg\\_bchk\\_%'"); do
	mysql_root -e "DROP DATABASE IF EXISTS \`$old\`"
done
mysql_root -N -e "SELECT CONCAT('DROP USER \`', user, '\`@\`', host, '\`;') FROM mysql.user
	WHERE user LIKE 'cg\\_bchk\\_%'" | mysql_root
rm -rf "$WORK"
as_user "$USER_HOME" mkdir -p "$WORK/src"
: >"$WORK/bench.log"
chown "$CHECK_USER:" "$WORK/bench.log"

# ---------------------------------------------------------------- sources the bench's user can read
say "Frappe $BRANCH from $FRAPPE_SOURCE into $WORK/src/frappe"
source_url="$FRAPPE_SOURCE"
[[ "$source_url" == *://* ]] || source_url="file://$FRAPPE_SOURCE"
git clone --quiet --depth 1 --branch "$BRANCH" "$source_url" "$WORK/src/frappe"
if ! getent hosts codeload.github.com >/dev/null 2>&1; then
	# As ./manage.sh does: Frappe pins its air-datepicker fork on GitHub; without GitHub use the npm release.
	sed -i 's#"air-datepicker": "github:frappe/air-datepicker"#"air-datepicker": "2.2.3"#' "$WORK/src/frappe/package.json"
	git -C "$WORK/src/frappe" -c user.name=check -c user.email=check@localhost commit --quiet -am \
		"air-datepicker from the npm registry (GitHub unreachable)"
fi
if [ -n "${APP_REPO:-}" ]; then
	say "The app from $APP_REPO"
	git clone --quiet "$APP_REPO" "$WORK/src/community_gov"
else
	say "The app as its own repository: ./manage.sh export-app $WORK/src/community_gov"
	"$REPO_DIR/manage.sh" export-app "$WORK/src/community_gov"
fi
chown -R "$CHECK_USER:" "$WORK/src"
# Yarn's cache of this machine, so Frappe's Node packages need not be downloaded again.
root_yarn_cache="$(yarn cache dir 2>/dev/null || true)"
if [ -d "$root_yarn_cache" ] && [ ! -d "$USER_HOME/.cache/yarn/v6" ]; then
	mkdir -p "$USER_HOME/.cache/yarn"
	cp -a "$root_yarn_cache" "$USER_HOME/.cache/yarn/v6"
	chown -R "$CHECK_USER:" "$USER_HOME/.cache"
fi

# ---------------------------------------------------------------- the existing bench
say "bench CLI from PyPI (pip install frappe-bench) into $BENCH_CLI"
as_user "$USER_HOME" python3 -m venv "$BENCH_CLI"
as_user "$USER_HOME" "$BENCH_CLI/bin/pip" install --quiet frappe-bench >>"$WORK/bench.log" 2>&1 ||
	die "pip install frappe-bench"
pass "bench $(as_user "$USER_HOME" bench --version 2>/dev/null | tail -1) installed as $CHECK_USER"

say "bench init (Frappe $BRANCH, desk assets built; log: $WORK/bench.log)"
t0=$SECONDS
as_user "$WORK" bench init --frappe-path "$WORK/src/frappe" --frappe-branch "$BRANCH" \
	--skip-redis-config-generation --no-backups --python python3 frappe-bench >>"$WORK/bench.log" 2>&1 ||
	die "bench init"
pass "bench init as $CHECK_USER ($((SECONDS - t0)) s)"
if ! "$BENCH/env/bin/python" -c "import pkg_resources" 2>/dev/null; then
	# bench init installs the newest setuptools, which no longer has pkg_resources; the google-api-python-client
	# of older Frappe 15 releases imports it, and new-site fails. An existing bench has this settled already.
	say "setuptools<81 in the bench's env (pkg_resources for Frappe's Google integrations)"
	as_user "$BENCH" env/bin/python -m pip install --quiet "setuptools<81" >>"$WORK/bench.log" 2>&1
fi
bench_cmd set-config -g redis_cache "redis://127.0.0.1:6379/$REDIS_CACHE_DB"
bench_cmd set-config -g redis_queue "redis://127.0.0.1:6379/$REDIS_QUEUE_DB"
bench_cmd set-config -g redis_socketio "redis://127.0.0.1:6379/$REDIS_QUEUE_DB"

mysql_root -e "
	CREATE USER '$DB_ADMIN'@'localhost' IDENTIFIED BY '$DB_ADMIN_PASSWORD';
	CREATE USER '$DB_ADMIN'@'127.0.0.1' IDENTIFIED BY '$DB_ADMIN_PASSWORD';
	GRANT ALL PRIVILEGES ON *.* TO '$DB_ADMIN'@'localhost' WITH GRANT OPTION;
	GRANT ALL PRIVILEGES ON *.* TO '$DB_ADMIN'@'127.0.0.1' WITH GRANT OPTION;"
say "bench new-site $SITE (database $DB_NAME)"
bench_cmd new-site "$SITE" --db-name "$DB_NAME" --db-root-username "$DB_ADMIN" \
	--db-root-password "$DB_ADMIN_PASSWORD" --admin-password admin || die "bench new-site"
pass "site $SITE created with Frappe only"

cp "$REPO_DIR/tests/bench_install_check.py" "$WORK/check.py"
chown "$CHECK_USER:" "$WORK/check.py"
site_check() { as_user "$BENCH/sites" ../env/bin/python "$WORK/check.py" "$SITE" "$@"; }
site_check snapshot >"$WORK/before.json" || die "site snapshot before the install"

# ---------------------------------------------------------------- web checks
# Frappe's web application as `bench serve` runs it, but bound to 127.0.0.1 only (bench serve binds every
# interface).
start_server() {
	(cd "$BENCH/sites" && exec setsid runuser -u "$CHECK_USER" -- env HOME="$USER_HOME" ../env/bin/python -c "
import frappe.app
from werkzeug.serving import run_simple
run_simple('127.0.0.1', $CHECK_PORT, frappe.app.application_with_statics(), threaded=True)
") >>"$WORK/web.log" 2>&1 &
	SERVER_PID=$!
	for _ in $(seq 60); do
		curl -fsS -H "Host: $SITE" "http://127.0.0.1:$CHECK_PORT/api/method/ping" >/dev/null 2>&1 && return 0
		sleep 1
	done
	fail "the web server did not answer (see $WORK/web.log)"
}

stop_server() {
	[ -z "$SERVER_PID" ] || kill -- "-$SERVER_PID" 2>/dev/null || true
	wait "$SERVER_PID" 2>/dev/null || true
	SERVER_PID=""
}

# $1 user, $2 password, $3 what the desk page must contain or "" ; logs in and opens /app.
check_login_and_desk() {
	local user="$1" password="$2" expect="${3:-}" jar status page
	jar="$(mktemp)"
	status="$(curl -sS -o /dev/null -w '%{http_code}' -c "$jar" -H "Host: $SITE" \
		--data-urlencode "usr=$user" --data-urlencode "pwd=$password" \
		"http://127.0.0.1:$CHECK_PORT/api/method/login")"
	[ "$status" = 200 ] && pass "$user logs in" || fail "$user cannot log in (HTTP $status)"
	page="$(curl -sS -b "$jar" -H "Host: $SITE" -w '\n%{http_code}' "http://127.0.0.1:$CHECK_PORT/app")"
	status="$(tail -1 <<<"$page")"
	if [ "$status" = 200 ] && grep -q "frappe.boot" <<<"$page"; then
		pass "the desk (/app) loads for $user"
	else
		fail "the desk (/app) does not load for $user (HTTP $status)"
	fi
	if [ -n "$expect" ]; then
		grep -q -- "$expect" <<<"$page" && pass "the desk of $user includes $expect" ||
			fail "the desk of $user lacks $expect"
	fi
	rm -f "$jar"
}

# $1 path, $2 expected status
check_status() {
	local status
	status="$(curl -sS -o /dev/null -w '%{http_code}' -H "Host: $SITE" "http://127.0.0.1:$CHECK_PORT$1")"
	[ "$status" = "$2" ] && pass "GET $1: $status" || fail "GET $1: $status, expected $2"
}

# ---------------------------------------------------------------- get-app, install-app, migrate
app_source="$WORK/src/community_gov"
if [ "$GET_APP_FROM" = url ]; then
	# An intranet git server: the exported repository served by git daemon.
	as_user "$WORK/src" git clone --quiet --bare community_gov community_gov.git
	setsid runuser -u "$CHECK_USER" -- git daemon --reuseaddr --export-all --base-path="$WORK/src" \
		--listen=127.0.0.1 --port="$GIT_PORT" "$WORK/src" >>"$WORK/bench.log" 2>&1 &
	GIT_DAEMON_PID=$!
	sleep 1
	app_source="git://127.0.0.1:$GIT_PORT/community_gov.git"
fi
say "bench get-app $app_source"
t0=$SECONDS
bench_cmd get-app "$app_source" || die "bench get-app $app_source"
grep -qx community_gov "$BENCH/sites/apps.txt" && pass "bench get-app $app_source ($((SECONDS - t0)) s)" ||
	fail "community_gov is not in sites/apps.txt after get-app"

say "bench --site $SITE install-app community_gov"
t0=$SECONDS
bench_cmd --site "$SITE" install-app community_gov && pass "install-app ($((SECONDS - t0)) s)" ||
	die "install-app"
t0=$SECONDS
bench_cmd --site "$SITE" migrate && pass "migrate ($((SECONDS - t0)) s)" || fail "migrate"
grep -q community_gov <<<"$(as_user "$BENCH" bench --site "$SITE" list-apps 2>&1)" &&
	pass "list-apps names community_gov" || fail "list-apps does not name community_gov"
site_check installed || FAILED=1
site_check seed || FAILED=1

start_server
check_status /api/method/ping 200
check_login_and_desk Administrator admin "community_gov"
check_login_and_desk cg.check.od@example.com Check@2026-bench
check_status /login 200
stop_server

# ---------------------------------------------------------------- uninstall-app
say "bench --site $SITE uninstall-app community_gov --yes"
t0=$SECONDS
bench_cmd --site "$SITE" uninstall-app community_gov --yes && pass "uninstall-app ($((SECONDS - t0)) s)" ||
	die "uninstall-app"
if grep -q community_gov <<<"$(as_user "$BENCH" bench --site "$SITE" list-apps 2>&1)"; then
	fail "list-apps still names community_gov"
else
	pass "list-apps no longer names community_gov"
fi
site_check removed || FAILED=1
bench_cmd --site "$SITE" migrate && pass "migrate after the uninstall" || fail "migrate after the uninstall"

start_server
check_status /api/method/ping 200
check_login_and_desk Administrator admin
check_login_and_desk cg.check.od@example.com Check@2026-bench
check_status /login 200
check_status /training 404
stop_server

say "Site state after the uninstall against before the install"
site_check snapshot >"$WORK/after.json" || fail "site snapshot after the uninstall"
if as_user "$WORK" "$BENCH/env/bin/python" "$WORK/check.py" "$SITE" compare "$WORK/before.json" "$WORK/after.json"; then
	pass "the site's state is the one before the install (but what is kept on purpose)"
else
	fail "the uninstall left the differences above"
fi
