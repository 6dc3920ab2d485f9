// Package serve is govreport's local web page (govreport serve): staff who
// collect the reports of many agencies upload files or zips in a browser,
// see each report's three tables drawn like the official form with failed
// and doubtful cells marked, and download the outputs.
//
// It sits on top of the library and adds no reading, checking or writing of
// its own: uploads go through convert.ReadBytes (every reader of the
// registry, so new formats appear here by themselves), downloads through the
// convert format registry, the 汇总 workbook and CSV through convert/summary,
// blank templates through the xlsx template writer, and the tables are drawn
// from the templates specs. What it owns is HTTP, sessions and the embedded
// page (assets/: plain HTML, CSS and JavaScript, no build step, no network).
//
// Safety: sessions are identified by 256-bit random ids in an HttpOnly,
// SameSite=Strict cookie, and one session never sees another's reports;
// uploads are processed in memory (the summary spool lives in a private
// temporary folder removed by Close); request bodies, file sizes, file
// counts and zip expansion are bounded (Limits); every response carries a
// strict Content-Security-Policy and nosniff; when bound to loopback, requests
// for other host names are refused (DNS rebinding).
package serve
