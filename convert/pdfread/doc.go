// Package pdfread reads a PDF report: it finds the text and the table
// rules on each page and hands a grid.Document to the shared grid → model
// step (grid.Read). Placeholder doc; completed below.
package pdfread
