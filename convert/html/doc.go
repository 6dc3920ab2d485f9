// Package html reads annual reports published as HTML pages (sample 001):
// it renders the page to text lines — paragraphs as lines, every table row
// as a pipe row "| a | b |" with <br> and <p> inside a cell joined — and
// hands the text to the text reader, which does the rest. Spans need no
// expansion: the text reader assigns cells by their row labels, not by grid
// position. Each rendered line remembers the source line it came from, so
// findings point into the HTML file.
package html
