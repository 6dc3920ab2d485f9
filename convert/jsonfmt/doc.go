// Package jsonfmt writes the report model as JSON, the contract other tools
// read (model → JSON writer). Field order is fixed and cells follow the order
// of the editions' fields.tsv (templates/specs/*/fields.tsv, docs/fields.md), so the same report always gives the same bytes.
//
//	{"edition": "2019"|"2021"|"legacy"|"unknown", "year": 2020|null,
//	 "agency": "…", "title": "…", "published": "YYYY-MM-DD",
//	 "source": {"file", "layout", "encoding"},
//	 "agency_source": "…", "year_sources": [{"source", "year", "line", "text"}],
//	 "preamble": "…", "parts": [{"heading", "text"} ×6],
//	 "cells": {"t2.regulations.made": {"value": 0|null, "raw": "0", "kind": "number", …}, …},
//	 "findings": [{"id", "status", "keys", "message", "line"}]}
package jsonfmt
