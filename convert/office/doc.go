// Package office converts old binary office documents (Word 97–2003 .doc,
// WPS .wps) and RTF files to .docx with LibreOffice, so that
// convert/docxread can read them. It is the only part of the reading pipeline that runs a program and
// touches the file system; the convert package's registry calls it for
// inputs that sniff as OLE Word files or RTF, and readers never do.
//
// Each conversion runs soffice headless with a private, temporary user
// profile (-env:UserInstallation) in a temporary folder of its own, with
// TMPDIR and HOME pointing into that folder, in its own process group, and
// under a timeout that kills the whole group. The folder — input copy,
// profile, output — is removed afterwards, on success and on error, so
// nothing is left behind and no user's LibreOffice settings are touched.
package office
