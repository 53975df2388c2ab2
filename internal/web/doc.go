// Package web is the HTTP adapter: the coach's JSON API, the rater's survey pages and health
// checks, on Echo. Handlers bind, validate, call the store and respond; rules live in the
// threesixty package and SQL in the postgres package. Echo stays inside this package.
package web
