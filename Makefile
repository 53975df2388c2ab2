# threesixty: developer and CI entry points.
#
# A fresh Debian machine with Go needs nothing else: missing system packages
# are installed with apt-get, and `make run` / `make test` start their own
# throwaway PostgreSQL under .data/ and stop it again when they finish, fail
# or are interrupted. That cluster listens on a unix socket only, so it never
# clashes with another PostgreSQL (or another checkout) on the same machine.
#
# The shell behind the targets is .ci/threesixty.sh (the top level of the
# repository is kept to the agreed set of files).

# Use the installed Go; never let a go.mod line trigger a toolchain download.
export GOTOOLCHAIN := local

BIN := .data/bin/threesixty

.DEFAULT_GOAL := build
.PHONY: build run test bench lint clean

# The server binary. Go's build cache makes rebuilding cheap, so always do it
# rather than teach make about Go's dependencies.
build:
	@mkdir -p $(dir $(BIN))
	go build -o $(BIN) ./cmd/threesixty

# The whole product with demo data on a local database, for trying it out.
# A DATABASE_URL in the environment is used as is; otherwise a fresh cluster
# is created under .data/pg-run and stopped when the server exits.
run: build
	@bash .ci/threesixty.sh run $(BIN)

# What CI runs (.ci/run): the lint checks, then every test with the race
# detector against a fresh, non-durable (fast) cluster under .data/pg-test.
# Tests get TEST_DATABASE_URL (superuser, so they can CREATE DATABASE).
test:
	@bash .ci/threesixty.sh test

# The benchmarks drive their own load and print their own ratios, so one
# iteration each is enough; same database setup as `make test`.
bench:
	@bash .ci/threesixty.sh bench

# The checks CI fails on before any test runs (gofmt, go vet, staticcheck,
# shellcheck over .ci/); quick to run before a commit.
lint:
	@bash .ci/threesixty.sh lint

# Back to a clean checkout: a cluster left running (e.g. after kill -9) would
# otherwise keep its memory and processes forever.
clean:
	@bash .ci/threesixty.sh clean

