#!/usr/bin/env bash
# community_gov bench: one script for a fresh Debian/Ubuntu machine.
#
#   ./manage.sh demo    install what is missing, set up the demo site and serve it on 127.0.0.1:8000
#   ./manage.sh setup   the same without serving
#   ./manage.sh serve   serve an already set-up bench (web, worker, scheduler, socketio)
#   ./manage.sh upgrade back up SITE, move Frappe to the tip of its branch (FRAPPE_REFRESH=1),
#                       reinstall, rebuild, migrate SITE; no demo data (for production sites)
#   ./manage.sh production    gunicorn, RQ workers, scheduler, socketio (Procfile.production),
#                       for a reverse proxy; writes config/nginx.conf
#   ./manage.sh nginx-config  only write (and check, when nginx is installed) config/nginx.conf
#   ./manage.sh web     the demo's web process (started by serve through the Procfile)
#   ./manage.sh test    plain unit tests + the Frappe integration suite on a fresh test site
#   ./manage.sh bench-sweep   time the adjustment sweep on 100,000 cadres x 5 years (CADRES, YEARS)
#   ./manage.sh bench-reports time every report on that data plus 1,000,000+ attendance rows
#   ./manage.sh bench-imports time the score and sign-in sheet imports on 1,000 rows (ROWS)
#   ./manage.sh bench-portal  the personal space under load: gunicorn as in production, 20 trainees, wrk
#                       (BENCH_PORT 8790, DURATION 10 s per page, ENDPOINTS a subset of its labels)
#   ./manage.sh replica [start|stop|status|reseed]  a second MariaDB on 127.0.0.1:REPLICA_PORT (3307, data in
#                       db-replica/) following SITE's database by GTID; SITE reads its reports, lists and
#                       dashboard from it (start turns on the primary's binary log first, restarting MariaDB once)
#   ./manage.sh test-replica  reports, cards and charts on a replica of its own site (replica.community.localhost)
#   ./manage.sh export-app DIR  the app as a git repository of its own, for `bench get-app DIR` elsewhere
#   ./manage.sh bench-user      (root) give the bench to FRAPPE_USER (default frappe), who then runs `bench`
#                       and ./manage.sh; root's runs switch to it
#   ./manage.sh env     only fetch Frappe and make env/ (bench-user runs it as the bench's user)
#   ./manage.sh check-install   install the app into a throwaway bench with the bench CLI as a non-root user,
#                       migrate, uninstall, check the site (tests/bench_install.sh; root, several minutes)
#
# Environment:
#   FRAPPE_SOURCE   where to get Frappe version-15 (default https://github.com/frappe/frappe);
#                   a local clone path or mirror URL for machines without GitHub access
#   FRAPPE_BRANCH   default version-15
#   FRAPPE_REFRESH=1  fetch the branch again (from FRAPPE_SOURCE, else where the cache came from)
#                   and move apps/frappe to its tip
#   FRAPPE_MIN_VERSION  security floor for Frappe (default 15.105.0); below it a warning
#   FRAPPE_STRICT=1 below the floor is an error instead of a warning (production)
#   CG_CACHE_DIR    cache for the Frappe source (default ~/.cache/community_gov)
#   DB_ROOT_USER / DB_ROOT_PASSWORD   an existing MariaDB admin; default: created via the root socket
#   SITE            demo site name (default community.localhost)
#   PORT            web port (default 8000)
#   HOST            address the web server binds (default 127.0.0.1)
#   GUNICORN_WORKERS  gunicorn workers for production (default 2)
#   NGINX_PORT      port of the generated nginx server block (default 80)
#   FRAPPE_USER     the bench's system user for bench-user (default frappe)
set -Eeuo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$BENCH_DIR"

FRAPPE_UPSTREAM="https://github.com/frappe/frappe"
FRAPPE_BRANCH="${FRAPPE_BRANCH:-version-15}"
CG_CACHE_DIR="${CG_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/community_gov}"
FRAPPE_CACHE="$CG_CACHE_DIR/frappe-$FRAPPE_BRANCH.git"
SITE="${SITE:-community.localhost}"
PORT="${PORT:-8000}"
HOST="${HOST:-127.0.0.1}"
GUNICORN_WORKERS="${GUNICORN_WORKERS:-2}"
NGINX_PORT="${NGINX_PORT:-80}"
# The newest Frappe v15 security release we can name; older releases lack these fixes.
FRAPPE_MIN_VERSION="${FRAPPE_MIN_VERSION:-15.105.0}"
FRAPPE_SECURITY_FIXES=(
	"15.84.0 SQL injection"
	"15.88.1 remote code execution"
	"15.104.0 API access"
	"15.105.0 path traversal"
)
# One demo database per checkout, so two clones on one machine never overwrite each other's site.
DEMO_DB="cg_demo_$(printf '%s' "$BENCH_DIR" | sha1sum | cut -c1-8)"
DB_ROOT_USER="${DB_ROOT_USER:-cg_admin}"
DB_ROOT_PASSWORD="${DB_ROOT_PASSWORD:-cg_admin}"
PYTHON="${PYTHON:-python3}"
ENV_PY="$BENCH_DIR/env/bin/python"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"

say() { printf '\033[1;34m==>\033[0m %s\n' "$*"; }
warn() { printf '\033[1;33mwarning:\033[0m %s\n' "$*" >&2; }
die() {
	printf '\033[1;31merror:\033[0m %s\n' "$*" >&2
	exit 1
}

# Run a Frappe CLI command the way bench does, from sites/ with the bench's Python.
frappe_cli() {
	(cd "$BENCH_DIR/sites" && "$ENV_PY" -m frappe.utils.bench_helper frappe "$@")
}

# ---------------------------------------------------------------- system packages
APT_UPDATED=0
apt_install() {
	local missing=()
	for pkg in "$@"; do
		dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
	done
	[ ${#missing[@]} -eq 0 ] && return 0
	command -v apt-get >/dev/null || die "missing packages ${missing[*]} and no apt-get to install them"
	say "Installing system packages: ${missing[*]}"
	if [ "$APT_UPDATED" -eq 0 ]; then
		$SUDO apt-get update -qq
		APT_UPDATED=1
	fi
	$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

have_cmd_or_pkg() { command -v "$1" >/dev/null 2>&1; }

ensure_backend_packages() {
	local pkgs=(git ca-certificates pkg-config gcc)
	have_cmd_or_pkg mariadbd || have_cmd_or_pkg mysqld || pkgs+=(mariadb-server)
	have_cmd_or_pkg mysql || pkgs+=(mariadb-client)
	have_cmd_or_pkg redis-server || pkgs+=(redis-server)
	"$PYTHON" -c 'import ensurepip, venv' 2>/dev/null || pkgs+=(python3-venv python3-pip)
	"$PYTHON" -c 'import sysconfig, os; assert os.path.exists(os.path.join(sysconfig.get_paths()["include"], "Python.h"))' \
		2>/dev/null || pkgs+=(python3-dev)
	# WeasyPrint/cairo for Frappe's PDF helpers; CJK fonts so Chinese prints render.
	pkgs+=(libcairo2 libpango-1.0-0 libpangoft2-1.0-0 fonts-noto-cjk)
	apt_install "${pkgs[@]}"
	"$PYTHON" -c 'import sys; sys.exit(not ((3, 10) <= sys.version_info[:2] < (3, 13)))' ||
		die "Frappe 15 needs Python 3.10-3.12; set PYTHON to one (found $("$PYTHON" --version 2>&1))"
}

ensure_frontend_packages() {
	local pkgs=()
	have_cmd_or_pkg node || pkgs+=(nodejs)
	have_cmd_or_pkg npm || pkgs+=(npm)
	have_cmd_or_pkg wkhtmltopdf || pkgs+=(wkhtmltopdf)
	[ ${#pkgs[@]} -eq 0 ] || apt_install "${pkgs[@]}" || warn "could not install ${pkgs[*]}"
	if have_cmd_or_pkg npm && ! { have_cmd_or_pkg yarn && yarn --version 2>/dev/null | grep -q '^1\.'; }; then
		# Frappe builds with yarn classic; the registry's "latest" yarn is a 2.x that cannot.
		say "Installing yarn 1.x"
		$SUDO npm install -g --silent yarn@1.22.22 >/dev/null 2>&1 || warn "could not install yarn"
	fi
}

ensure_browser_packages() {
	have_cmd_or_pkg chromium && have_cmd_or_pkg chromedriver && return 0
	apt_install chromium chromium-driver
}

# ---------------------------------------------------------------- services
mysql_admin() { mysql -uroot "$@" 2>/dev/null || $SUDO mysql -uroot "$@"; }

ensure_services() {
	if ! mysqladmin ping -h127.0.0.1 --silent >/dev/null 2>&1; then
		say "Starting MariaDB"
		$SUDO service mariadb start >/dev/null 2>&1 ||
			$SUDO start-stop-daemon --start --oknodo --background --exec "$(command -v mariadbd || command -v mysqld)" ||
			true
		for _ in $(seq 30); do
			mysqladmin ping -h127.0.0.1 --silent >/dev/null 2>&1 && break
			sleep 1
		done
		mysqladmin ping -h127.0.0.1 --silent >/dev/null 2>&1 || die "MariaDB did not start"
	fi
	if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
		say "Starting Redis"
		$SUDO service redis-server start >/dev/null 2>&1 ||
			redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no >/dev/null
		for _ in $(seq 15); do
			redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 && break
			sleep 1
		done
		redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 || die "Redis did not start"
	fi
	# Frappe creates site databases with an admin login; make one unless DB_ROOT_USER was given.
	if ! mysql -h127.0.0.1 -u"$DB_ROOT_USER" -p"$DB_ROOT_PASSWORD" -e "select 1" >/dev/null 2>&1; then
		say "Creating MariaDB admin user $DB_ROOT_USER"
		mysql_admin -e "
			CREATE USER IF NOT EXISTS '$DB_ROOT_USER'@'localhost' IDENTIFIED BY '$DB_ROOT_PASSWORD';
			CREATE USER IF NOT EXISTS '$DB_ROOT_USER'@'127.0.0.1' IDENTIFIED BY '$DB_ROOT_PASSWORD';
			GRANT ALL PRIVILEGES ON *.* TO '$DB_ROOT_USER'@'localhost' WITH GRANT OPTION;
			GRANT ALL PRIVILEGES ON *.* TO '$DB_ROOT_USER'@'127.0.0.1' WITH GRANT OPTION;
			FLUSH PRIVILEGES;" ||
			die "cannot create a MariaDB admin; set DB_ROOT_USER and DB_ROOT_PASSWORD to an existing one"
	fi
	size_mariadb
}

# The InnoDB buffer pool of the local server, sized for the data (Debian ships 128 MB: a province's
# assessments and attendance, about 1.5 GB with their indexes, are then read from disk by every report).
# DB_BUFFER_POOL sets it (e.g. 8G; `keep` leaves the server alone); by default a quarter of the memory, at
# most 8 GB, and only when the server still has Debian's 128 MB. Applied at once (the size is dynamic) and
# kept in a file of /etc/mysql/mariadb.conf.d/ for the next start.
MARIADB_SIZING_CNF="/etc/mysql/mariadb.conf.d/61-community-gov-sizing.cnf"
size_mariadb() {
	local wanted="${DB_BUFFER_POOL:-}" current bytes
	[ "$wanted" != keep ] || return 0
	current="$(mysql_admin -N -e "select @@innodb_buffer_pool_size" 2>/dev/null)" || return 0
	if [ -z "$wanted" ]; then
		[ "$current" = 134217728 ] || return 0
		bytes=$(($(awk '/MemTotal/ {print $2}' /proc/meminfo) * 1024 / 4))
		[ "$bytes" -le $((8 << 30)) ] || bytes=$((8 << 30))
		wanted="$((bytes >> 20))M"
	fi
	if [ "$(id -u)" -ne 0 ] && [ -z "$SUDO" ]; then
		warn "not root: MariaDB keeps its buffer pool of $((current >> 20)) MB (set innodb_buffer_pool_size = $wanted)"
		return 0
	fi
	say "MariaDB's InnoDB buffer pool: $((current >> 20)) MB -> $wanted ($MARIADB_SIZING_CNF; DB_BUFFER_POOL=keep skips this)"
	$SUDO mkdir -p "$(dirname "$MARIADB_SIZING_CNF")"
	printf '%s\n' "# Written by community_gov's ./manage.sh: the buffer pool sized for the data (DB_BUFFER_POOL)." \
		"[mariadbd]" "innodb_buffer_pool_size = $wanted" | $SUDO tee "$MARIADB_SIZING_CNF" >/dev/null
	mysql_admin -e "SET GLOBAL innodb_buffer_pool_size = $(numfmt --from=iec "$wanted")" ||
		warn "could not resize the buffer pool now; it takes effect when MariaDB restarts"
}

# ---------------------------------------------------------------- Frappe source
ensure_frappe() {
	if [ ! -d "$FRAPPE_CACHE" ]; then
		local source="${FRAPPE_SOURCE:-$FRAPPE_UPSTREAM}"
		say "Fetching Frappe $FRAPPE_BRANCH from $source (cached in $FRAPPE_CACHE)"
		mkdir -p "$CG_CACHE_DIR"
		if ! git clone --quiet --bare --single-branch --branch "$FRAPPE_BRANCH" "$source" "$FRAPPE_CACHE.tmp" 2>&1; then
			rm -rf "$FRAPPE_CACHE.tmp"
			die "could not obtain Frappe $FRAPPE_BRANCH from $source.
  Point FRAPPE_SOURCE at a local clone or mirror of Frappe that has the $FRAPPE_BRANCH branch, e.g.
    FRAPPE_SOURCE=/srv/mirrors/frappe.git ./manage.sh ${COMMAND:-test}"
		fi
		mv "$FRAPPE_CACHE.tmp" "$FRAPPE_CACHE"
	elif [ "${FRAPPE_REFRESH:-0}" = 1 ]; then
		refresh_frappe_cache
	fi
	if [ ! -f apps/frappe/pyproject.toml ]; then
		say "Checking out Frappe into apps/frappe"
		rm -rf apps/frappe
		git clone --quiet --depth 1 --branch "$FRAPPE_BRANCH" "file://$FRAPPE_CACHE" apps/frappe
	elif [ "${FRAPPE_REFRESH:-0}" = 1 ]; then
		update_frappe_checkout
	fi
}

# FRAPPE_REFRESH=1: fetch the branch again, from FRAPPE_SOURCE or else from where the cache came.
refresh_frappe_cache() {
	local source="${FRAPPE_SOURCE:-}"
	[ -n "$source" ] || source="$(git --git-dir="$FRAPPE_CACHE" config --get remote.origin.url || true)"
	[ -n "$source" ] || source="$FRAPPE_UPSTREAM"
	say "Refreshing the Frappe cache: fetching $FRAPPE_BRANCH from $source"
	git --git-dir="$FRAPPE_CACHE" fetch --quiet "$source" "+refs/heads/$FRAPPE_BRANCH:refs/heads/$FRAPPE_BRANCH" ||
		die "could not fetch Frappe $FRAPPE_BRANCH from $source.
  Point FRAPPE_SOURCE at a reachable clone or mirror of Frappe, or run without FRAPPE_REFRESH=1."
}

# FRAPPE_REFRESH=1: move apps/frappe (a shallow clone of the cache) to the cached tip. The env and
# asset stamps include the Frappe commit, so pip and the asset build run again when it moved.
update_frappe_checkout() {
	local before after
	before="$(frappe_describe)"
	git -C apps/frappe fetch --quiet --depth 1 "file://$FRAPPE_CACHE" "refs/heads/$FRAPPE_BRANCH" ||
		die "could not update apps/frappe from $FRAPPE_CACHE"
	git -C apps/frappe reset --quiet --hard FETCH_HEAD
	after="$(frappe_describe)"
	if [ "$before" = "$after" ]; then
		say "Frappe is already at the tip of $FRAPPE_BRANCH: $after"
	else
		say "Updated $before"
		say "     to $after"
	fi
}

frappe_version() {
	sed -n 's/^__version__ = "\([^"]*\)"$/\1/p' apps/frappe/frappe/__init__.py 2>/dev/null || true
}

frappe_describe() {
	printf 'Frappe %s (apps/frappe, commit %s)' "$(frappe_version)" "$(git -C apps/frappe rev-parse --short=7 HEAD)"
}

# True when version $1 is at least $2, compared number by number.
version_at_least() {
	[ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -1)" = "$2" ]
}

# Print the installed Frappe version; below FRAPPE_MIN_VERSION warn loudly (FRAPPE_STRICT=1: fail).
FRAPPE_BELOW_FLOOR=0
check_frappe_version() {
	local version fix lines=()
	version="$(frappe_version)"
	[ -n "$version" ] || die "cannot read the Frappe version from apps/frappe/frappe/__init__.py"
	say "$(frappe_describe)"
	version_at_least "$version" "$FRAPPE_MIN_VERSION" && return 0
	FRAPPE_BELOW_FLOOR=1
	lines+=("Frappe $version is older than FRAPPE_MIN_VERSION=$FRAPPE_MIN_VERSION: security fixes are missing.")
	for fix in "${FRAPPE_SECURITY_FIXES[@]}"; do
		version_at_least "$version" "${fix%% *}" || lines+=("  missing: Frappe ${fix%% *} fixed ${fix#* }")
	done
	lines+=(
		"Upgrade (fetches $FRAPPE_BRANCH again, updates apps/frappe, reinstalls, rebuilds, migrates):"
		"  FRAPPE_REFRESH=1 ./manage.sh setup"
		"or, without GitHub, from a newer clone or mirror of Frappe:"
		"  FRAPPE_SOURCE=/path/to/newer/frappe.git FRAPPE_REFRESH=1 ./manage.sh setup"
		"Fine for a demo or tests; never run production on it (FRAPPE_STRICT=1 makes this an error)."
	)
	if [ "${FRAPPE_STRICT:-0}" = 1 ]; then
		printf '\033[1;31merror:\033[0m %s\n' "${lines[@]:0:${#lines[@]}-1}" "FRAPPE_STRICT=1: not running below the floor." >&2
		exit 1
	fi
	printf '\033[1;33mwarning:\033[0m %s\n' \
		"************************************************************************" \
		"${lines[@]}" \
		"************************************************************************" >&2
}

# One line at the end of a long run, so the warning is not lost above the build and test output.
remind_frappe_floor() {
	[ "$FRAPPE_BELOW_FLOOR" = 0 ] ||
		warn "Frappe $(frappe_version) is below FRAPPE_MIN_VERSION=$FRAPPE_MIN_VERSION (see the warning above)"
}

# ---------------------------------------------------------------- Python environment
ensure_env() {
	local stamp="env/.installed" want
	# Reinstall when the Frappe commit or a package's requirements change.
	want="$({ git -C apps/frappe rev-parse HEAD && cat apps/frappe/pyproject.toml setup.py apps/community_gov/pyproject.toml; } |
		sha1sum | cut -c1-40)"
	if [ -x "$ENV_PY" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$want" ]; then
		return 0
	fi
	say "Installing Frappe and community_gov into env/ (log: logs/pip.log)"
	[ -x "$ENV_PY" ] || "$PYTHON" -m venv env
	mkdir -p logs
	if ! { "$ENV_PY" -m pip install --upgrade pip wheel && "$ENV_PY" -m pip install -e apps/frappe -e .; } \
		>logs/pip.log 2>&1; then
		tail -30 logs/pip.log >&2
		die "installing the Python packages failed (full log: logs/pip.log)"
	fi
	echo "$want" >"$stamp"
}

ensure_bench_dirs() {
	# config/pids is what makes the bench CLI see a bench here (bench start, bench --site SITE migrate).
	mkdir -p logs config/pids sites/assets
	[ -f sites/apps.txt ] || printf 'frappe\ncommunity_gov\n' >sites/apps.txt
	set_frappe_user "$(stat -c %U "$BENCH_DIR")"
}

# bench run by root switches to common_site_config's frappe_user (bench/cli.py, change_uid) and refuses
# without one: the bench's owner, so root's `bench` acts as the user whose files these are.
set_frappe_user() {
	"$PYTHON" - "$1" sites/common_site_config.json <<'PY'
import json, sys

user, path = sys.argv[1:]
with open(path) as f:
	config = json.load(f)
if config.get("frappe_user") != user:
	config["frappe_user"] = user
	with open(path, "w") as f:
		f.write(json.dumps(config, indent=1, sort_keys=True) + "\n")
PY
}

# Translations are compiled to sites/assets/locale/*/LC_MESSAGES/*.mo, where Frappe reads them.
compile_translations() {
	frappe_cli compile-po-to-mo --app community_gov --force >/dev/null
}

# Fresh site: new-site, install app; existing one: migrate. $1 site, $2 database name.
ensure_site() {
	local site="$1" db_name="$2"
	if [ ! -f "sites/$site/site_config.json" ]; then
		say "Creating site $site"
		frappe_cli new-site "$site" --db-name "$db_name" --db-root-username "$DB_ROOT_USER" \
			--db-root-password "$DB_ROOT_PASSWORD" --admin-password admin --force 2>&1 | tr '\r' '\n' |
			grep -v "Updating DocTypes" || true
		[ -f "sites/$site/site_config.json" ] || die "site $site was not created"
		frappe_cli --site "$site" install-app community_gov | tr '\r' '\n' | grep -v "Updating DocTypes" || true
	else
		say "Migrating site $site"
		frappe_cli --site "$site" migrate --skip-search-index | tr '\r' '\n' | grep -v "Updating DocTypes" || true
	fi
	# Read the whole list first: grep -q would close the pipe early and pipefail fail the command.
	grep -q community_gov <<<"$(frappe_cli --site "$site" list-apps)" || die "community_gov is not installed on $site"
}

# ---------------------------------------------------------------- assets
build_assets() {
	if ! command -v node >/dev/null || ! yarn --version 2>/dev/null | grep -q '^1\.'; then
		warn "Node.js or yarn 1.x missing: desk assets not built (backend still works)"
		return 0
	fi
	local stamp="sites/assets/.built" want
	# Rebuild when Frappe or the app's public files change (the folder may not exist yet).
	want="$(cd apps/frappe && git rev-parse HEAD)-$({ find apps/community_gov/community_gov/public -type f -print0 2>/dev/null || true; } |
		sort -z | xargs -0 -r cat | sha1sum | cut -c1-12)"
	if [ "$(cat "$stamp" 2>/dev/null)" = "$want" ] && [ -f sites/assets/assets.json ]; then
		return 0
	fi
	# Install again when Frappe's committed package.json or yarn.lock changed (FRAPPE_REFRESH=1).
	local node_stamp="apps/frappe/node_modules/.cg-installed" node_want
	node_want="$(git -C apps/frappe show HEAD:package.json HEAD:yarn.lock | sha1sum | cut -c1-40)"
	if [ ! -d apps/frappe/node_modules ] || [ "$(cat "$node_stamp" 2>/dev/null)" != "$node_want" ]; then
		say "Installing Frappe's Node dependencies"
		if ! getent hosts codeload.github.com >/dev/null 2>&1; then
			# Frappe pins its air-datepicker fork on GitHub; without GitHub use its npm upstream.
			warn "GitHub unreachable: using air-datepicker 2.2.3 from the npm registry instead of Frappe's fork"
			sed -i 's#"air-datepicker": "github:frappe/air-datepicker"#"air-datepicker": "2.2.3"#' apps/frappe/package.json
		fi
		if ! (cd apps/frappe && yarn install --non-interactive --network-timeout 60000) >logs/yarn.log 2>&1; then
			warn "Node dependencies could not be fetched: desk assets not built; continuing with the backend only"
			return 0
		fi
		echo "$node_want" >"$node_stamp"
	fi
	say "Building desk assets"
	if frappe_cli build --production >logs/build.log 2>&1; then
		echo "$want" >"$stamp"
	else
		warn "asset build failed (see logs/build.log); continuing with the backend only"
	fi
}

# ---------------------------------------------------------------- read replica
# A second MariaDB on this machine (127.0.0.1:REPLICA_PORT, data in db-replica/) that follows the database
# server of SITE by GTID; the site reads Frappe's @frappe.read_only() calls (reports, report view, lists,
# the workspace's cards and charts) from it (site_config read_from_replica, replica_host, replica_db_port).
REPLICA_PORT="${REPLICA_PORT:-3307}"
REPLICA_DIR="$BENCH_DIR/db-replica"
REPLICA_PRIMARY_CNF="/etc/mysql/mariadb.conf.d/60-community-gov-replication.cnf"
REPLICATION_USER="cg_replication"
# test-replica's own site and database (one per checkout, as the demo's).
REPLICA_TEST_SITE="${REPLICA_TEST_SITE:-replica.community.localhost}"
REPLICA_TEST_DB="cg_replica_$(printf '%s' "$BENCH_DIR" | sha1sum | cut -c1-8)"

# A value of SITE's configuration (its site_config.json over common_site_config.json), else $2.
site_setting() {
	"$PYTHON" - "sites/$SITE/site_config.json" "$1" "${2:-}" <<'PY'
import json, os, sys

path, key, default = sys.argv[1:]
with open("sites/common_site_config.json") as f:
	config = json.load(f)
if os.path.exists(path):
	with open(path) as f:
		config.update(json.load(f))
print(config.get(key) or default)
PY
}

replica_settings() {
	PRIMARY_HOST="$(site_setting db_host 127.0.0.1)"
	[ "$PRIMARY_HOST" != localhost ] || PRIMARY_HOST=127.0.0.1
	PRIMARY_PORT="$(site_setting db_port 3306)"
	REPLICA_SOCKET="$REPLICA_DIR/mariadbd.sock"
	# A Unix socket path has at most 107 bytes.
	[ "${#REPLICA_SOCKET}" -lt 100 ] ||
		REPLICA_SOCKET="/tmp/cg-replica-$(printf '%s' "$BENCH_DIR" | sha1sum | cut -c1-8).sock"
	MARIADBD="$(command -v mariadbd || command -v mysqld || echo /usr/sbin/mariadbd)"
}

# The site's database server, as the MariaDB admin Frappe uses (DB_ROOT_USER).
primary_sql() {
	mysql -h"$PRIMARY_HOST" -P"$PRIMARY_PORT" --protocol=TCP -u"$DB_ROOT_USER" -p"$DB_ROOT_PASSWORD" "$@"
}

# The replica as its administrator: the system user running this, through the replica's socket.
replica_sql() { mysql --no-defaults --socket="$REPLICA_SOCKET" -u"$(id -un)" "$@"; }

replica_running() { [ -S "$REPLICA_SOCKET" ] && replica_sql -e "select 1" >/dev/null 2>&1; }

# A replica follows the primary's binary log (GTIDs come with it), and MariaDB turns log_bin on only at
# start: on the local server without one, drop a config file in and restart it, once, saying so loudly.
ensure_primary_binlog() {
	replica_settings
	[ "$(primary_sql -N -e "select @@log_bin")" = 1 ] && return 0
	case "$PRIMARY_HOST:$PRIMARY_PORT" in
		127.0.0.1:3306) ;;
		*) die "the database server at $PRIMARY_HOST:$PRIMARY_PORT writes no binary log: turn on log_bin (with a server_id of its own) there and restart it" ;;
	esac
	local server_id main_cnf
	server_id="$(primary_sql -N -e "select @@server_id")"
	printf '\033[1;33mwarning:\033[0m %s\n' \
		"************************************************************************" \
		"MariaDB on $PRIMARY_HOST:$PRIMARY_PORT writes no binary log, which a replica follows, and" \
		"log_bin can only be turned on at start: writing $REPLICA_PRIMARY_CNF" \
		"and RESTARTING MariaDB now (its connections drop; later runs find the log on)." \
		"************************************************************************" >&2
	$SUDO mkdir -p "$(dirname "$REPLICA_PRIMARY_CNF")"
	printf '%s\n' \
		"# Written by community_gov's ./manage.sh replica: a binary log with GTIDs, for a read replica to follow." \
		"[mariadbd]" \
		"server_id = $server_id" \
		"log_bin = mariadb-bin" \
		"binlog_format = ROW" \
		"binlog_expire_logs_seconds = 259200" \
		"max_binlog_size = 100M" | $SUDO tee "$REPLICA_PRIMARY_CNF" >/dev/null
	if ! "$MARIADBD" --print-defaults | grep -q -- "--log[-_]bin"; then
		# A my.cnf that includes no directory (Debian's includes mariadb.conf.d).
		main_cnf="$(readlink -f /etc/mysql/my.cnf)"
		say "$main_cnf reads no $(dirname "$REPLICA_PRIMARY_CNF"): adding it there"
		printf '\n!includedir %s/\n' "$(dirname "$REPLICA_PRIMARY_CNF")" | $SUDO tee -a "$main_cnf" >/dev/null
	fi
	"$MARIADBD" --print-defaults | grep -q -- "--log[-_]bin" || die "MariaDB does not read $REPLICA_PRIMARY_CNF"
	restart_local_mariadb
	[ "$(primary_sql -N -e "select @@log_bin")" = 1 ] ||
		die "MariaDB came back without its binary log (see its error log, /var/log/mysql/error.log)"
	say "MariaDB writes its binary log now: $(primary_sql -N -e "select @@log_bin_basename")"
}

# Restart the local MariaDB through its root socket, and wait for it.
restart_local_mariadb() {
	say "Restarting MariaDB"
	if [ -d /run/systemd/system ]; then
		$SUDO systemctl restart mariadb
	else
		local pid_file pid
		pid_file="$(mysql_admin -N -e "select @@pid_file")"
		pid="$($SUDO cat "$pid_file" 2>/dev/null || true)"
		mysql_admin -e "SHUTDOWN"
		for _ in $(seq 180); do
			if ! mysqladmin ping -h127.0.0.1 --silent >/dev/null 2>&1 &&
				! { [ -n "$pid" ] && $SUDO kill -0 "$pid" 2>/dev/null; }; then
				break
			fi
			sleep 1
		done
		! { [ -n "$pid" ] && $SUDO kill -0 "$pid" 2>/dev/null; } || die "MariaDB (pid $pid) did not shut down"
		if [ -r /etc/mysql/debian.cnf ] && [ -x /etc/init.d/mariadb ]; then
			$SUDO service mariadb start >/dev/null 2>&1 || true
		else
			# What Debian's init script runs, without its maintenance login (an image without debian.cnf).
			$SUDO setsid mysqld_safe </dev/null >/dev/null 2>&1 &
		fi
	fi
	for _ in $(seq 120); do
		mysqladmin ping -h127.0.0.1 --silent >/dev/null 2>&1 && return 0
		sleep 1
	done
	die "MariaDB did not come back (see /var/log/mysql/error.log)"
}

write_replica_cnf() {
	local db_name="$1" server_id="$2" charset="$3" collation="$4"
	mkdir -p "$REPLICA_DIR/tmp"
	cat >"$REPLICA_DIR/my.cnf" <<CNF
# Written by ./manage.sh replica: the read replica of $SITE's database $db_name on $PRIMARY_HOST:$PRIMARY_PORT.
[mariadbd]
$([ "$(id -u)" -ne 0 ] || echo "user = root")
datadir = $REPLICA_DIR/data
# Its own temporary files: a second server in the primary's /tmp can remove the primary's temporary tables.
tmpdir = $REPLICA_DIR/tmp
socket = $REPLICA_SOCKET
pid-file = $REPLICA_DIR/mariadbd.pid
log-error = $REPLICA_DIR/mariadbd.log
port = $REPLICA_PORT
bind-address = 127.0.0.1
skip-name-resolve
server_id = $server_id
relay_log = relay-bin
# Only the site's database (also its DROP/CREATE DATABASE, which replicate_do_db would miss).
replicate_wild_do_table = ${db_name//_/\\_}.%
# Nobody but replication writes here (the site's login may only SELECT, too).
read_only = 1
character-set-server = $charset
collation-server = $collation
innodb_buffer_pool_size = ${REPLICA_BUFFER_POOL:-128M}
CNF
}

start_replica_server() {
	replica_running && return 0
	if (exec 3<>"/dev/tcp/127.0.0.1/$REPLICA_PORT") 2>/dev/null; then
		die "port $REPLICA_PORT is in use: stop what listens there, or choose another with REPLICA_PORT"
	fi
	if [ ! -d "$REPLICA_DIR/data/mysql" ]; then
		say "Creating the replica's data directory db-replica/data"
		mariadb-install-db --defaults-file="$REPLICA_DIR/my.cnf" --skip-test-db \
			--auth-root-authentication-method=socket --auth-root-socket-user="$(id -un)" \
			>"$REPLICA_DIR/install-db.log" 2>&1 || {
			tail -20 "$REPLICA_DIR/install-db.log" >&2
			die "mariadb-install-db failed (db-replica/install-db.log)"
		}
	fi
	say "Starting the replica's MariaDB on 127.0.0.1:$REPLICA_PORT (log: db-replica/mariadbd.log)"
	setsid "$MARIADBD" --defaults-file="$REPLICA_DIR/my.cnf" </dev/null >>"$REPLICA_DIR/mariadbd.log" 2>&1 &
	for _ in $(seq 60); do
		replica_running && return 0
		sleep 1
	done
	tail -20 "$REPLICA_DIR/mariadbd.log" >&2
	die "the replica's MariaDB did not start (db-replica/mariadbd.log)"
}

stop_replica_server() {
	local pid
	pid="$(cat "$REPLICA_DIR/mariadbd.pid" 2>/dev/null || true)"
	if replica_running; then
		say "Stopping the replica's MariaDB"
		replica_sql -e "SHUTDOWN"
	fi
	for _ in $(seq 120); do
		# The pid file of a server that crashed may name another process by now.
		[ -n "$pid" ] && grep -qaE "mariadbd|mysqld" "/proc/$pid/cmdline" 2>/dev/null || return 0
		sleep 1
	done
	die "the replica's MariaDB (pid $pid) did not stop"
}

# Load a consistent copy of the site's database into the replica and follow the primary from its GTID.
seed_replica() {
	local db_name="$1" db_password="$2" password_file="$REPLICA_DIR/replication.password" password
	[ -s "$password_file" ] || (umask 077 && head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' >"$password_file")
	password="$(cat "$password_file")"
	case "$db_password" in *"'"* | *\\*) die "the site's database password has a quote or backslash" ;; esac
	primary_sql <<SQL
CREATE USER IF NOT EXISTS '$REPLICATION_USER'@'127.0.0.1' IDENTIFIED BY '$password';
CREATE USER IF NOT EXISTS '$REPLICATION_USER'@'localhost' IDENTIFIED BY '$password';
ALTER USER '$REPLICATION_USER'@'127.0.0.1' IDENTIFIED BY '$password';
ALTER USER '$REPLICATION_USER'@'localhost' IDENTIFIED BY '$password';
GRANT REPLICATION SLAVE ON *.* TO '$REPLICATION_USER'@'127.0.0.1';
GRANT REPLICATION SLAVE ON *.* TO '$REPLICATION_USER'@'localhost';
SQL
	say "Seeding the replica with $db_name (mariadb-dump --single-transaction --gtid --master-data)"
	replica_sql -e "STOP SLAVE; RESET SLAVE ALL; DROP DATABASE IF EXISTS \`$db_name\`"
	# The dump sets gtid_slave_pos to the primary's position at its snapshot: replication resumes from there.
	mariadb-dump -h"$PRIMARY_HOST" -P"$PRIMARY_PORT" --protocol=TCP -u"$DB_ROOT_USER" -p"$DB_ROOT_PASSWORD" \
		--single-transaction --gtid --master-data=1 --routines --triggers --databases "$db_name" | replica_sql
	replica_sql <<SQL
CHANGE MASTER TO MASTER_HOST='$PRIMARY_HOST', MASTER_PORT=$PRIMARY_PORT, MASTER_USER='$REPLICATION_USER',
	MASTER_PASSWORD='$password', MASTER_USE_GTID=slave_pos, MASTER_CONNECT_RETRY=5;
CREATE USER IF NOT EXISTS '$db_name'@'127.0.0.1' IDENTIFIED BY '$db_password';
CREATE USER IF NOT EXISTS '$db_name'@'localhost' IDENTIFIED BY '$db_password';
ALTER USER '$db_name'@'127.0.0.1' IDENTIFIED BY '$db_password';
ALTER USER '$db_name'@'localhost' IDENTIFIED BY '$db_password';
GRANT SELECT ON \`$db_name\`.* TO '$db_name'@'127.0.0.1';
GRANT SELECT ON \`$db_name\`.* TO '$db_name'@'localhost';
START SLAVE;
SQL
}

# Both replication threads running and the replica caught up with the primary's position of now.
replica_healthy() {
	local target status
	target="$(primary_sql -N -e "select @@gtid_binlog_pos")"
	for _ in $(seq 30); do
		status="$(replica_sql -e "SHOW SLAVE STATUS\G")"
		if grep -q "Slave_IO_Running: Yes" <<<"$status" && grep -q "Slave_SQL_Running: Yes" <<<"$status"; then
			[ "$(replica_sql -N -e "select master_gtid_wait('$target', 120)")" = 0 ] && return 0
			warn "the replica did not catch up within 120 s"
			return 1
		fi
		grep -qE "Last_(IO|SQL)_Errno: [1-9]" <<<"$status" && break
		sleep 1
	done
	grep -E "Slave_(IO|SQL)_Running:|Last_(IO|SQL)_Error:" <<<"$status" >&2
	return 1
}

# Start (or, with "reseed", re-create) the replica of SITE's database and point the site at it.
start_replica() {
	local reseed="$1" db_name db_password seeded want
	db_name="$(site_setting db_name)"
	db_password="$(site_setting db_password)"
	[ -n "$db_name" ] || die "no site $SITE (sites/$SITE/site_config.json): set SITE, or run ./manage.sh setup"
	want="$SITE $db_name $PRIMARY_HOST:$PRIMARY_PORT"
	seeded="$(cat "$REPLICA_DIR/seeded" 2>/dev/null || true)"
	if [ "$reseed" = 1 ] || [ "$seeded" != "$want" ]; then
		[ -z "$seeded" ] || [ "$seeded" = "$want" ] || say "The replica followed $seeded: making it again for $want"
		stop_replica_server
		rm -rf "$REPLICA_DIR/data" "$REPLICA_DIR/seeded"
	fi
	write_replica_cnf "$db_name" "$(($(primary_sql -N -e "select @@server_id") + REPLICA_PORT))" \
		$(primary_sql -N -e "select @@character_set_server, @@collation_server")
	start_replica_server
	if [ ! -f "$REPLICA_DIR/seeded" ]; then
		seed_replica "$db_name" "$db_password"
		echo "$want" >"$REPLICA_DIR/seeded"
	fi
	if ! replica_healthy; then
		[ "$reseed" != 1 ] || die "replication does not run (db-replica/mariadbd.log; ./manage.sh replica status)"
		warn "replication is broken (above): seeding the replica again"
		start_replica 1
		return
	fi
	frappe_cli --site "$SITE" set-config read_from_replica 1 --parse >/dev/null
	frappe_cli --site "$SITE" set-config replica_host 127.0.0.1 >/dev/null
	frappe_cli --site "$SITE" set-config replica_db_port "$REPLICA_PORT" --parse >/dev/null
	say "$SITE reads its reports, lists and dashboard from the replica on 127.0.0.1:$REPLICA_PORT"
}

replica_status() {
	local status rc=0
	say "Primary $PRIMARY_HOST:$PRIMARY_PORT: log_bin=$(primary_sql -N -e "select @@log_bin") gtid_binlog_pos=$(primary_sql -N -e "select @@gtid_binlog_pos")"
	say "$SITE: read_from_replica=$(site_setting read_from_replica 0) replica_host=$(site_setting replica_host -) replica_db_port=$(site_setting replica_db_port -)"
	if ! replica_running; then
		say "Replica 127.0.0.1:$REPLICA_PORT: not running"
		return 1
	fi
	status="$(replica_sql -e "SHOW SLAVE STATUS\G")"
	say "Replica 127.0.0.1:$REPLICA_PORT (read_only=$(replica_sql -N -e "select @@read_only"), following $(cat "$REPLICA_DIR/seeded" 2>/dev/null)):"
	grep -E "^ *(Slave_IO_State|Slave_IO_Running|Slave_SQL_Running|Seconds_Behind_Master|Gtid_IO_Pos|Last_IO_Error|Last_SQL_Error):" <<<"$status" || true
	echo "          gtid_slave_pos: $(replica_sql -N -e "select @@gtid_slave_pos")"
	grep -q "Slave_IO_Running: Yes" <<<"$status" && grep -q "Slave_SQL_Running: Yes" <<<"$status" || rc=1
	return "$rc"
}

# ./manage.sh replica [start|stop|status|reseed]   (SITE: the site, default the demo's)
cmd_replica() {
	local action="${1:-status}"
	case "$action" in
		start | reseed)
			common_setup
			ensure_primary_binlog
			start_replica "$([ "$action" = reseed ] && echo 1 || echo 0)"
			replica_status
			;;
		stop)
			replica_settings
			stop_replica_server
			if [ -f "sites/$SITE/site_config.json" ]; then
				frappe_cli --site "$SITE" set-config read_from_replica 0 --parse >/dev/null
				say "$SITE reads everything from the primary again"
			fi
			;;
		status)
			replica_settings
			replica_status
			;;
		*) die "usage: ./manage.sh replica [start|stop|status|reseed]" ;;
	esac
}

# The app's reports, number cards and charts read from a replica (community_gov/tests/replica_checks.py), on a
# site of its own with the demo district and a replica made afresh; the replica is stopped afterwards.
cmd_test_replica() {
	local rc=0
	common_setup
	compile_translations
	SITE="$REPLICA_TEST_SITE"
	# Before the site is touched: when the primary needs its binary log turned on, MariaDB restarts here.
	ensure_primary_binlog
	ensure_site "$SITE" "$REPLICA_TEST_DB"
	frappe_cli --site "$SITE" set-config allow_tests True --parse >/dev/null
	frappe_cli --site "$SITE" set-config read_from_replica 0 --parse >/dev/null
	# The tests log in as the demo's users; a site that has them keeps its data.
	if ! grep -q orgdept <<<"$(frappe_cli --site "$SITE" execute frappe.db.exists --args '["User", "orgdept@community.localhost"]')"; then
		say "Loading the demo district into $SITE"
		frappe_cli --site "$SITE" execute community_gov.demo.loader.load_demo >/dev/null
	fi
	start_replica 1
	say "Read replica tests: reports, cards and charts on the replica; lag; replica down"
	CG_TEST_SITE="$SITE" "$ENV_PY" tests/integration_harness.py --reuse-site \
		--module community_gov.tests.replica_checks || rc=$?
	replica_settings
	stop_replica_server
	frappe_cli --site "$SITE" set-config read_from_replica 0 --parse >/dev/null
	return "$rc"
}

# ---------------------------------------------------------------- commands
common_setup() {
	ensure_backend_packages
	ensure_services
	ensure_frappe
	check_frappe_version
	ensure_env
	ensure_bench_dirs
}

cmd_setup() {
	ensure_frontend_packages
	common_setup
	compile_translations
	build_assets
	ensure_site "$SITE" "$DEMO_DB"
	frappe_cli --site "$SITE" set-config host_name "http://localhost:$PORT" >/dev/null
	frappe_cli --site "$SITE" execute community_gov.demo.loader.load_demo
	frappe_cli --site "$SITE" scheduler enable >/dev/null
	remind_frappe_floor
}

cmd_serve() {
	[ -f "sites/$SITE/site_config.json" ] || die "no site $SITE yet: run ./manage.sh demo"
	say "Serving http://localhost:$PORT on $HOST (Ctrl-C stops web, worker, scheduler and socketio)"
	SITE="$SITE" PORT="$PORT" HOST="$HOST" exec "$BENCH_DIR/env/bin/honcho" -f "$BENCH_DIR/Procfile" start
}

# The demo's web process (Procfile): Frappe's development server like `frappe serve`, which binds
# every interface; here bound to HOST, the site fixed to SITE, without Werkzeug's debugger.
cmd_web() {
	cd "$BENCH_DIR/sites"
	SITE="$SITE" HOST="$HOST" PORT="$PORT" exec "$ENV_PY" -c '
import os

import frappe.app
from werkzeug.serving import run_simple

frappe.app._site = os.environ["SITE"]
run_simple(os.environ["HOST"], int(os.environ["PORT"]), frappe.app.application_with_statics(), threaded=True)
'
}

# In-place upgrade of an existing site, as bench update does it: backup, new Frappe, reinstall,
# rebuild, migrate. Unlike setup it loads no demo data and keeps the site's host_name.
cmd_upgrade() {
	[ -f "sites/$SITE/site_config.json" ] || die "no site $SITE: set SITE to an existing site"
	[ -x "$ENV_PY" ] || die "no env/ yet: run ./manage.sh setup first"
	ensure_services
	say "Backing up $SITE into sites/$SITE/private/backups"
	frappe_cli --site "$SITE" backup --with-files
	FRAPPE_REFRESH=1
	ensure_frontend_packages
	common_setup
	compile_translations
	build_assets
	ensure_site "$SITE" "$DEMO_DB"
	remind_frappe_floor
}

# Production: gunicorn on HOST:PORT (127.0.0.1 by default) behind nginx, RQ workers, scheduler and
# socketio, as a Frappe production bench runs them (Procfile.production, under honcho).
cmd_production() {
	[ -f "sites/$SITE/site_config.json" ] || die "no site $SITE: ./manage.sh setup makes the demo site; README, Production, a production one"
	[ -x env/bin/gunicorn ] || die "gunicorn is missing from env/: run ./manage.sh setup"
	check_frappe_version
	write_nginx_config
	say "Serving $SITE: gunicorn on $HOST:$PORT ($GUNICORN_WORKERS workers), RQ workers, scheduler, socketio"
	say "Put nginx in front of it with config/nginx.conf (Ctrl-C stops everything)"
	SITE="$SITE" PORT="$PORT" HOST="$HOST" GUNICORN_WORKERS="$GUNICORN_WORKERS" \
		exec "$BENCH_DIR/env/bin/honcho" -f "$BENCH_DIR/Procfile.production" start
}

# config/nginx.conf: a server block for SITE proxying to gunicorn and socketio, as bench writes it.
write_nginx_config() {
	local web_host="$HOST" socketio_port sites="$BENCH_DIR/sites"
	case "$web_host" in 0.0.0.0 | :: | "[::]") web_host=127.0.0.1 ;; esac
	socketio_port="$("$PYTHON" -c 'import json; print(json.load(open("sites/common_site_config.json")).get("socketio_port", 9000))')"
	mkdir -p config
	cat >config/nginx.conf <<EOF
# Written by ./manage.sh nginx-config for site $SITE; written again by every ./manage.sh production.
# Goes inside nginx's http block, e.g. ln -s $BENCH_DIR/config/nginx.conf /etc/nginx/conf.d/community_gov.conf
upstream community_gov_web {
	server $web_host:$PORT fail_timeout=0;
}

upstream community_gov_socketio {
	server 127.0.0.1:$socketio_port fail_timeout=0;
}

server {
	listen $NGINX_PORT;
	server_name $SITE;
	root $sites;

	client_max_body_size 50m;
	client_body_buffer_size 16k;

	proxy_buffer_size 128k;
	proxy_buffers 4 256k;
	proxy_busy_buffers_size 256k;

	add_header X-Frame-Options "SAMEORIGIN";
	add_header X-Content-Type-Options nosniff;
	add_header Referrer-Policy "same-origin, strict-origin-when-cross-origin";

	# Built desk assets (sites/assets).
	location /assets {
		try_files \$uri =404;
		add_header Cache-Control "max-age=31536000";
	}

	# Private files: Frappe checks the permission, then hands the file to nginx (X-Accel-Redirect).
	location ~ ^/protected/(.*) {
		internal;
		try_files /$SITE/\$1 =404;
	}

	location /socket.io {
		proxy_http_version 1.1;
		proxy_set_header Upgrade \$http_upgrade;
		proxy_set_header Connection "upgrade";
		proxy_set_header X-Frappe-Site-Name $SITE;
		proxy_set_header Origin \$scheme://\$http_host;
		proxy_set_header Host \$host;
		proxy_pass http://community_gov_socketio;
	}

	location / {
		rewrite ^(.+)/$ \$1 permanent;
		rewrite ^(.+)/index\.html$ \$1 permanent;
		rewrite ^(.+)\.html$ \$1 permanent;

		# Public files (sites/$SITE/public/files); HTML, SVG and XML only as downloads.
		location ~* ^/files/.*\.(htm|html|svg|xml)$ {
			add_header Content-Disposition "attachment";
			add_header X-Content-Type-Options nosniff;
			try_files /$SITE/public/\$uri @webserver;
		}

		try_files /$SITE/public/\$uri @webserver;
	}

	location @webserver {
		proxy_http_version 1.1;
		proxy_set_header Host \$host;
		proxy_set_header X-Forwarded-For \$remote_addr;
		proxy_set_header X-Forwarded-Proto \$scheme;
		proxy_set_header X-Frappe-Site-Name $SITE;
		proxy_set_header X-Use-X-Accel-Redirect True;
		proxy_read_timeout 120;
		proxy_redirect off;
		proxy_pass http://community_gov_web;
	}
}
EOF
	say "Wrote config/nginx.conf (server $SITE on port $NGINX_PORT, proxying to $web_host:$PORT)"
	check_nginx_config
}

# nginx -t on config/nginx.conf inside a minimal http block, when nginx is installed.
check_nginx_config() {
	if ! command -v nginx >/dev/null 2>&1; then
		say "nginx is not installed here: config/nginx.conf not checked"
		return 0
	fi
	local tmp
	tmp="$(mktemp -d)"
	{
		echo "pid $tmp/nginx.pid;"
		echo "events {}"
		echo "http {"
		[ ! -f /etc/nginx/mime.types ] || echo "	include /etc/nginx/mime.types;"
		echo "	include $BENCH_DIR/config/nginx.conf;"
		echo "}"
	} >"$tmp/nginx.conf"
	if nginx -t -q -e stderr -c "$tmp/nginx.conf"; then
		say "nginx -t: config/nginx.conf is valid"
	else
		warn "nginx -t rejected config/nginx.conf (or could not run here)"
	fi
	rm -rf "$tmp"
}

cmd_nginx_config() {
	write_nginx_config
}

# The last "N <word>" count in a test log, 0 when absent.
count_in() {
	local n
	n="$(grep -oE "[0-9]+ $1" "$2" | tail -1 | cut -d' ' -f1 || true)"
	echo "${n:-0}"
}

cmd_test() {
	common_setup
	compile_translations
	# The read replica test follows the primary's binary log: when it is off, MariaDB restarts here, once,
	# before any site of the run exists.
	SITE="$REPLICA_TEST_SITE" ensure_primary_binlog
	# Emails are rendered with the desk's bundled CSS, and the browser test needs the desk: build first.
	ensure_frontend_packages
	ensure_browser_packages
	build_assets
	local failed=0 log
	log="$(mktemp -d)"
	say "Plain Python tests"
	set +e
	"$ENV_PY" -m pytest tests/unit -q | tee "$log/unit.txt"
	local unit_rc=${PIPESTATUS[0]}
	set -e
	if [ "$unit_rc" -eq 5 ]; then
		warn "pytest collected no tests: counted as a failure"
		failed=1
	elif [ "$unit_rc" -ne 0 ]; then
		failed=1
	fi
	say "Frappe integration tests"
	set +e
	"$ENV_PY" tests/integration_harness.py --db-root-user "$DB_ROOT_USER" --db-root-password "$DB_ROOT_PASSWORD" |
		tee "$log/integration.txt"
	local integration_rc=${PIPESTATUS[0]}
	set -e
	[ "$integration_rc" -eq 0 ] || failed=1

	say "Browser test of the trainees' portal (headless Chromium)"
	set +e
	"$ENV_PY" tests/browser_portal.py | tee "$log/browser.txt"
	local browser_rc=${PIPESTATUS[0]}
	set -e
	[ "$browser_rc" -eq 0 ] || failed=1

	say "Browser test: a secretary's year on its phone (headless Chromium)"
	set +e
	"$ENV_PY" tests/browser_cadre_year.py | tee "$log/cadre_year.txt"
	local cadre_year_rc=${PIPESTATUS[0]}
	set -e
	[ "$cadre_year_rc" -eq 0 ] || failed=1

	say "Browser test: stored script payloads never run in the desk, prints or portal (headless Chromium)"
	set +e
	"$ENV_PY" tests/browser_injection.py | tee "$log/injection.txt"
	local injection_rc=${PIPESTATUS[0]}
	set -e
	[ "$injection_rc" -eq 0 ] || failed=1

	say "Browser crawler: every page of the app as each role, in Chinese, without errors (headless Chromium)"
	set +e
	"$ENV_PY" tests/browser_crawler.py | tee "$log/crawler.txt"
	local crawler_rc=${PIPESTATUS[0]}
	set -e
	[ "$crawler_rc" -eq 0 ] || failed=1

	say "Read replica: reports, cards, charts, workspace and lists on a GTID replica; lag; replica down"
	set +e
	(set -e; cmd_test_replica) 2>&1 | tee "$log/replica.txt"
	local replica_rc=${PIPESTATUS[0]}
	set -e
	[ "$replica_rc" -eq 0 ] || failed=1

	local passed=0 failures=0 part
	for part in unit integration browser cadre_year injection crawler replica; do
		passed=$((passed + $(count_in passed "$log/$part.txt")))
		failures=$((failures + $(count_in failed "$log/$part.txt")))
	done
	failures=$((failures + $(count_in error "$log/unit.txt")))
	[ "$failed" -eq 0 ] || [ "$failures" -gt 0 ] || failures=1
	local skipped=$(($(count_in skipped "$log/unit.txt") + $(count_in skipped "$log/integration.txt")))
	rm -rf "$log"
	remind_frappe_floor
	echo "Total: $passed passed, $failures failed, $skipped skipped"
	return "$failed"
}

# Province-scale benchmark of the adjustment sweep on its own site (database cg_bench).
cmd_bench_sweep() {
	common_setup
	ensure_site "bench.community.localhost" "cg_bench"
	frappe_cli --site bench.community.localhost execute community_gov.benchmarks.sweep.run \
		--kwargs "{'cadres': ${CADRES:-100000}, 'years': ${YEARS:-5}}"
}

# Province-scale benchmark of every report (same bench site; adds 1,000,000+ attendance rows).
cmd_bench_reports() {
	common_setup
	ensure_site "bench.community.localhost" "cg_bench"
	frappe_cli --site bench.community.localhost execute community_gov.benchmarks.reports.run \
		--kwargs "{'cadres': ${CADRES:-100000}}"
}

# The sheet imports on 1,000 rows (score sheet and sign-in sheet), on the bench site.
cmd_bench_imports() {
	common_setup
	ensure_site "bench.community.localhost" "cg_bench"
	frappe_cli --site bench.community.localhost execute community_gov.benchmarks.imports.run \
		--kwargs "{'rows': ${ROWS:-1000}}"
}

# The cadre's personal space under load as production serves it (issue 13), on its own site: gunicorn started
# from Procfile.production's web line on 127.0.0.1:BENCH_PORT (8790), 20 logged-in trainees, Debian's wrk
# (community_gov.benchmarks.portal). A subshell, so the trap that stops gunicorn is this command's alone.
cmd_bench_portal() (
	local site="portal-bench.community.localhost" port="${BENCH_PORT:-8790}" web users pid
	common_setup
	apt_install wrk
	compile_translations
	ensure_site "$site" "cg_portal_bench"
	users="$(mktemp)"
	trap 'rm -f "$users"' EXIT
	frappe_cli --site "$site" execute community_gov.benchmarks.portal.prepare >"$users"
	grep -v '^{"users"' "$users" || true
	if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
		die "port $port is in use: stop what listens there, or choose another with BENCH_PORT"
	fi
	web="$(sed -n 's/^web: //p' Procfile.production)"
	[ -n "$web" ] || die "Procfile.production has no web line"
	say "gunicorn as Procfile.production runs it: $GUNICORN_WORKERS workers on 127.0.0.1:$port (log: logs/bench-portal-web.log)"
	mkdir -p logs
	HOST=127.0.0.1 PORT="$port" GUNICORN_WORKERS="$GUNICORN_WORKERS" setsid bash -c "$web" >logs/bench-portal-web.log 2>&1 &
	pid=$!
	# gunicorn leads its own process group: the master and its workers stop together, also on a failure.
	trap 'kill -TERM -- "-$pid" 2>/dev/null; wait "$pid" 2>/dev/null; rm -f "$users"' EXIT
	"$ENV_PY" -m community_gov.benchmarks.portal --site "$site" --port "$port" --gunicorn-pid "$pid" \
		--users "$users" --duration "${DURATION:-10}" --workers "$GUNICORN_WORKERS" --only "${ENDPOINTS:-}"
)

# The app directory as a git repository of its own: `bench get-app` takes an app only at the root of a
# repository (a local path or a git URL), and here the app is apps/community_gov. The files are those of the
# working tree (committed and new, not ignored); a second export into the same DIR adds a commit, so a
# bench that got the app from DIR (or from a git server DIR was pushed to) takes it with `bench update`.
cmd_export_app() {
	local dest="${1:-}" version source file
	[ -n "$dest" ] || die "usage: ./manage.sh export-app DIR   (e.g. /srv/git/community_gov)"
	[ "$(basename "$dest")" = community_gov ] ||
		die "bench names an app after its directory: DIR must end in /community_gov (got $dest)"
	mkdir -p "$dest"
	dest="$(cd "$dest" && pwd)"
	[ "$dest" != "$BENCH_DIR/apps/community_gov" ] || die "DIR must be outside this repository"
	[ -d "$dest/.git" ] || git init --quiet "$dest"
	# DIR may belong to the bench's user while root exports.
	export_git() { git -c safe.directory="$dest" -C "$dest" "$@"; }
	export_git symbolic-ref HEAD refs/heads/main
	find "$dest" -mindepth 1 -maxdepth 1 ! -name .git -exec rm -rf {} +
	(
		cd apps/community_gov
		git ls-files -z --cached --others --exclude-standard | while IFS= read -r -d '' file; do
			[ -e "$file" ] && printf '%s\0' "$file"
		done | tar --null --files-from=- -cf -
	) | tar -xf - -C "$dest"
	version="$(sed -n 's/^__version__ = "\([^"]*\)"$/\1/p' "$dest/community_gov/__init__.py")"
	source="$(git rev-parse --short=7 HEAD 2>/dev/null || echo unknown)"
	[ -z "$(git status --porcelain -- apps/community_gov 2>/dev/null)" ] || source="$source with local changes"
	export_git add --all
	if export_git diff --cached --quiet 2>/dev/null && export_git rev-parse -q --verify HEAD >/dev/null; then
		say "$dest already has this version of the app"
		return 0
	fi
	export_git -c user.name="${GIT_AUTHOR_NAME:-$(git config user.name || echo community_gov)}" \
		-c user.email="${GIT_AUTHOR_EMAIL:-$(git config user.email || echo community_gov@localhost)}" \
		commit --quiet -m "community_gov $version (from $source)"
	say "Exported community_gov $version (from $source) to $dest, branch main"
	say "On the bench, as its user: bench get-app $dest"
}

# sudo ./manage.sh bench-user: give the bench to a system user (FRAPPE_USER, default frappe; created when
# missing), as a production bench belongs to one: it owns the files, runs `bench` and `./manage.sh` itself,
# and root's `bench` and `./manage.sh` switch to it (frappe_user; run_as_bench_owner).
cmd_bench_user() {
	local user="${FRAPPE_USER:-frappe}" home
	[ "$(id -u)" -eq 0 ] || die "run as root: sudo FRAPPE_USER=$user ./manage.sh bench-user"
	if ! id "$user" >/dev/null 2>&1; then
		say "Creating system user $user"
		useradd --create-home --shell /bin/bash "$user"
	fi
	home="$(getent passwd "$user" | cut -d: -f6)"
	runuser -u "$user" -- test -x "$BENCH_DIR" ||
		die "$user cannot reach $BENCH_DIR (a parent directory is closed to it); move the bench, e.g. to $home"
	say "Giving $BENCH_DIR to $user"
	chown -R "$user:" "$BENCH_DIR"
	give_frappe_cache "$user" "$home"
	set_frappe_user "$user"
	# root's Python may be one only root can run (pyenv under /root): then env/ is made again as the user.
	if [ -e env/bin/python ] && ! runuser -u "$user" -- env/bin/python -c "" 2>/dev/null; then
		say "env/ uses $(readlink -f env/bin/python), which $user cannot run: making env/ again as $user"
		rm -rf env
		runuser -u "$user" -- env HOME="$home" "$BENCH_DIR/manage.sh" env
	fi
	say "Done. As $user (sudo -iu $user), in $BENCH_DIR: bench start, bench --site $SITE migrate, ./manage.sh demo"
}

# The cached Frappe source for a user's own runs, so they need no network.
give_frappe_cache() {
	local user="$1" home="$2" target
	target="$home/.cache/community_gov/$(basename "$FRAPPE_CACHE")"
	[ -d "$FRAPPE_CACHE" ] && [ ! -d "$target" ] || return 0
	mkdir -p "$(dirname "$target")"
	cp -a "$FRAPPE_CACHE" "$target"
	chown -R "$user:" "$home/.cache"
}

# Root on a bench that belongs to another user (bench-user, or cloned by one) installs the system packages
# and starts the services, then runs the command as that user, as bench does with frappe_user: files
# written by root would later be closed to the bench's user.
run_as_bench_owner() {
	local owner home
	owner="$(stat -c %U "$BENCH_DIR")"
	[ "$(id -u)" -eq 0 ] && [ "$owner" != root ] || return 0
	case "$COMMAND" in
		bench-user | check-install | export-app)
			# Root's git in a repository of another user.
			export GIT_CONFIG_COUNT=1 GIT_CONFIG_KEY_0=safe.directory GIT_CONFIG_VALUE_0="$BENCH_DIR"
			return 0
			;;
		demo | setup | upgrade | test)
			ensure_frontend_packages
			[ "$COMMAND" != test ] || ensure_browser_packages
			[ "$COMMAND" != test ] || SITE="$REPLICA_TEST_SITE" ensure_primary_binlog
			ensure_backend_packages
			ensure_services
			;;
		replica | test-replica)
			# Root's part: the primary's binary log (a config file and a restart) before the bench's user goes on.
			ensure_backend_packages
			ensure_services
			case "$COMMAND ${1:-}" in
				"replica start" | "replica reseed") ensure_primary_binlog ;;
				"test-replica "*) SITE="$REPLICA_TEST_SITE" ensure_primary_binlog ;;
			esac
			;;
		bench-sweep | bench-reports | bench-imports | bench-portal)
			ensure_backend_packages
			ensure_services
			;;
	esac
	home="$(getent passwd "$owner" | cut -d: -f6)"
	give_frappe_cache "$owner" "$home"
	say "This bench belongs to $owner: running ./manage.sh $COMMAND as $owner"
	exec runuser -u "$owner" -- env -u XDG_CACHE_HOME HOME="$home" "$BENCH_DIR/manage.sh" "$COMMAND" "$@"
}

COMMAND="${1:-demo}"
shift || true
run_as_bench_owner "$@"
case "$COMMAND" in
	demo)
		cmd_setup
		cmd_serve
		;;
	setup) cmd_setup ;;
	serve) cmd_serve ;;
	web) cmd_web ;;
	upgrade) cmd_upgrade ;;
	production) cmd_production ;;
	nginx-config) cmd_nginx_config ;;
	test) cmd_test ;;
	bench-sweep) cmd_bench_sweep "$@" ;;
	bench-reports) cmd_bench_reports "$@" ;;
	bench-imports) cmd_bench_imports "$@" ;;
	replica) cmd_replica "$@" ;;
	test-replica) cmd_test_replica ;;
	bench-portal) cmd_bench_portal ;;
	export-app) cmd_export_app "$@" ;;
	bench-user) cmd_bench_user ;;
	env)
		# Frappe and the Python environment only (bench-user).
		ensure_frappe
		ensure_env
		ensure_bench_dirs
		;;
	check-install) exec "$BENCH_DIR/tests/bench_install.sh" ;;
	*) die "unknown command $COMMAND (demo | setup | serve | upgrade | production | nginx-config | test | bench-sweep | bench-reports | bench-imports | bench-portal | replica | test-replica | export-app | bench-user | env | check-install)" ;;
esac
