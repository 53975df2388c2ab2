// Package postgres is the store: every read and write of the service's PostgreSQL database. SQL
// lives as SQL in queries/*.sql, in named blocks prepared once at start-up, so a typo fails at
// boot rather than on the first request that needs it. PostgreSQL errors never leave this package
// as such: they become threesixty errors with client-safe messages.
package postgres
